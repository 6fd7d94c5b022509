"""GeoReport v2 as an off-the-shelf client uses it: plain GETs and form-encoded POSTs."""

import json
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import jsonschema
from django.core.management import call_command
from django.test import Client

from jianfu.casework import services as case
from jianfu.casework.models import ServiceRequest
from jianfu.casework.tests.helpers import cgj
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry.models import Place

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
BASE = "/open311/v2/"
LISTS = {"attributes", "values", "endpoints", "formats"}


def schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def valid(data, name):
    jsonschema.validate(data, schema(name), format_checker=jsonschema.FormatChecker())
    return data


def xml_to_data(el):
    """The XML in the JSON's shape: repeated children → list; text → str; spec booleans/numbers stay text."""
    children = list(el)
    if not children:
        return el.text
    if (
        el.tag in LISTS
        or (len({c.tag for c in children}) == 1 and len(children) > 1)
        or el.tag in ("service_requests", "services", "errors", "service_request_updates")
    ):
        return [xml_to_data(c) for c in children]
    return {c.tag: xml_to_data(c) for c in children}


def as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return {k: as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_text(v) for v in value]
    return None if value is None else str(value)


class GeoReportTests(PersonaTestCase):
    def setUp(self):
        cgj(self.district)
        out = StringIO()
        call_command("open311-key", "create", "--name", "随手拍 App", "--json", stdout=out)
        self.key = json.loads(out.getvalue())["api_key"]
        self.http = Client()
        self.place = Place.objects.create(
            community=self.community, grid=self.grid, estate="民意小区", building="3"
        )

    def get(self, path, **params):
        return self.http.get(BASE + path, params)

    def post(self, path, data):
        return self.http.post(BASE + path, data)  # application/x-www-form-urlencoded via multipart? see below

    def same_in_xml(self, path, params=None):
        j = self.http.get(BASE + path + ".json", params or {})
        x = self.http.get(BASE + path + ".xml", params or {})
        assert j.status_code == x.status_code
        assert x["Content-Type"].startswith("text/xml")
        data = json.loads(j.content)
        tree = ET.fromstring(x.content)  # noqa: S314 - our own response
        assert xml_to_data(tree) == as_text(data) or as_text(data) == []
        return data

    def test_discovery_and_services(self):
        valid(self.same_in_xml("discovery"), "discovery")
        services = valid(self.same_in_xml("services"), "services")
        lamp = next(s for s in services if s["service_code"] == "street-lamp")
        assert lamp["service_name"] == "路灯损坏" and lamp["metadata"] is True
        definition = valid(self.same_in_xml("services/street-lamp"), "service-definition")
        fault = next(a for a in definition["attributes"] if a["code"] == "fault")
        assert fault["datatype"] == "singlevaluelist" and fault["required"] is True
        assert {"key": "fault_1", "name": "不亮"} in fault["values"]
        missing = self.get("services/nope.json")
        assert missing.status_code == 404 and valid(json.loads(missing.content), "errors")[0]["code"] == 404

    def test_full_journey_as_an_open311_client(self):
        form = {
            "api_key": self.key,
            "service_code": "street-lamp",
            "lat": "30.5928",
            "long": "114.3055",
            "address_string": "民意小区3栋门口",
            "email": "zhang@example.cn",
            "first_name": "三",
            "last_name": "张",
            "description": "路灯不亮已经一周，晚上老人出行不便。",
            "attribute[fault]": "fault_1",
            "attribute[lamp_no]": "MY-0307",
        }
        resp = self.http.post(BASE + "requests.json", form)
        assert resp.status_code == 201, resp.content
        created = valid(json.loads(resp.content), "post-response")[0]
        pk, token = created["service_request_id"], created["token"]
        sr = ServiceRequest.objects.get(pk=pk)
        assert sr.community == self.community and sr.attributes == {"fault": "fault_1", "lamp_no": "MY-0307"}
        assert sr.reporter_name == "张 三"
        tok = valid(self.same_in_xml(f"tokens/{token}"), "tokens")
        assert tok[0]["service_request_id"] == pk

        mine = valid(self.same_in_xml(f"requests/{pk}", {"api_key": self.key}), "requests")[0]
        assert mine["description"] == form["description"] and mine["status"] == "open"  # Chinese round-trips
        public = valid(self.same_in_xml(f"requests/{pk}"), "requests")[0]
        assert public["description"] is None and public["address"] == "民意社区" and public["lat"] == 30.593

        # the community whistles 城管, the department reports in and fixes it
        case.request_whistle(actor=self.grid_worker, request=sr, departments=[cgj(self.district)])
        dept = f.user("cgj", "department", department=cgj(self.district))
        w = sr.whistles.get()
        case.whistle_sign(actor=dept, whistle=w)
        case.whistle_on_site(actor=dept, whistle=w)
        sr.refresh_from_db()
        case.request_reply(actor=dept, request=sr, reply="已更换灯泡，恢复照明")
        ext = self.get(f"requests/{pk}.json", api_key=self.key, extensions="true")
        assert json.loads(ext.content)[0]["status"] == "in_progress"

        updates = valid(
            self.same_in_xml("servicerequestupdates", {"api_key": self.key}), "servicerequestupdates"
        )
        assert any(u["service_request_id"] == pk and u["status"] == "IN_PROGRESS" for u in updates)
        # the reporter confirms through the client
        done = self.http.post(
            BASE + "servicerequestupdates.json",
            {
                "api_key": self.key,
                "service_request_id": pk,
                "status": "FIXED",
                "description": "确认已修好",
            },
        )
        assert done.status_code == 201, done.content
        sr.refresh_from_db()
        assert sr.status == "closed" and sr.verification == "reporter"
        listed = valid(
            self.same_in_xml("requests", {"service_code": "street-lamp", "status": "closed"}), "requests"
        )
        assert [r["service_request_id"] for r in listed] == [pk]
        assert self.get("requests.json", service_request_id=f"{pk},999999").status_code == 200

    def test_post_errors_use_the_spec_format(self):
        cases = [
            ({"service_code": "street-lamp", "lat": "1", "long": "1"}, 403, "api_key"),
            ({"api_key": "wrong", "service_code": "street-lamp"}, 403, "Invalid api_key"),
            ({"api_key": self.key, "lat": "1", "long": "1"}, 400, "service_code"),
            (
                {"api_key": self.key, "service_code": "street-lamp", "email": "a@b.cn", "description": "x"},
                400,
                "location",
            ),
            (
                {
                    "api_key": self.key,
                    "service_code": "street-lamp",
                    "lat": "1",
                    "long": "1",
                    "email": "a@b.cn",
                    "description": "灯坏了",
                    "attribute[fault]": "fault_9",
                },
                400,
                "不在可选项",
            ),
            (
                {
                    "api_key": self.key,
                    "service_code": "street-lamp",
                    "lat": "1",
                    "long": "1",
                    "email": "a@b.cn",
                    "description": "灯坏了",
                },
                400,
                "故障情况",
            ),
        ]
        for form, status, text in cases:
            for fmt in ("json", "xml"):
                resp = self.http.post(BASE + f"requests.{fmt}", form)
                assert resp.status_code == status, (form, resp.content)
                body = resp.content.decode()
                assert text in body
                if fmt == "json":
                    valid(json.loads(body), "errors")
                else:
                    assert ET.fromstring(resp.content).tag == "errors"  # noqa: S314 - our own response
        assert ServiceRequest.objects.count() == 0

    def test_filters_and_bad_dates(self):
        assert self.get("requests.json", start_date="yesterday").status_code == 400
        assert self.get("requests.json", status="pending").status_code == 400
        assert self.get("requests/abc.json").status_code == 404
        assert self.get("tokens/nope.xml").status_code == 404

    def test_revoked_key_refused(self):
        call_command("open311-key", "revoke", self.key[:12], stdout=StringIO())
        resp = self.http.post(BASE + "requests.json", {"api_key": self.key, "service_code": "street-lamp"})
        assert resp.status_code == 403


class PublicRowTests(PersonaTestCase):
    def test_public_rows_from_values_match_the_model_payload(self):
        from jianfu.casework.tests.helpers import lamp_request
        from jianfu.open311 import payloads

        place = Place.objects.create(community=self.community, estate="民意小区", building="3")
        made = [
            lamp_request(self, lat=30.592812, long=114.305511),
            lamp_request(self, place=place),
            lamp_request(self, community=None),
        ]
        case.request_whistle(actor=self.worker, request=made[0], departments=[cgj(self.district)])
        rows = ServiceRequest.objects.filter(pk__in=[m.pk for m in made]).order_by("pk")
        for v, sr in zip(rows.values(*payloads.PUBLIC_FIELDS), rows, strict=True):
            for extended in (False, True):
                assert payloads.public_request(v, extended=extended) == payloads.request(
                    sr, full=False, extended=extended
                )
