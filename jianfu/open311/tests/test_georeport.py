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


class ListPagingTests(PersonaTestCase):
    """`GET requests` is keyset-paged: `page_size` (default views.PAGE_SIZE), the next page in the
    `Link` header (`page_after` cursor), or by `end_date` for a client that knows only the spec."""

    def setUp(self):
        import datetime as dt

        from django.utils import timezone

        from jianfu.casework.tests.helpers import lamp_request

        cgj(self.district)
        out = StringIO()
        call_command("open311-key", "create", "--name", "随手拍 App", "--json", stdout=out)
        self.key = json.loads(out.getvalue())["api_key"]
        self.http = Client()
        base = timezone.now() - dt.timedelta(days=3)
        self.made = []
        for i, minutes in enumerate([0, 0, 7, 7, 7, 30, 31]):  # ties on requested_datetime on purpose
            sr = lamp_request(self, text=f"第{i}盏路灯不亮，３栋旁边")
            ServiceRequest.objects.filter(pk=sr.pk).update(created_at=base + dt.timedelta(minutes=minutes))
            self.made.append(sr.pk)
        self.newest_first = list(
            ServiceRequest.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
        )

    def walk(self, fmt: str, **params):
        seen, url, pages = [], BASE + f"requests.{fmt}", 0
        query = {"jurisdiction_id": self.district.code, **params}
        while url:
            resp = self.http.get(url, query)
            assert resp.status_code == 200, resp.content
            if fmt == "json":
                rows = valid(json.loads(resp.content), "requests")
                seen += [int(r["service_request_id"]) for r in rows]
            else:
                tree = ET.fromstring(resp.content)  # noqa: S314 - our own response
                seen += [int(el.findtext("service_request_id")) for el in tree]
            pages += 1
            link = resp.headers.get("Link")
            url, query = (link.split(";")[0].strip("<> "), {}) if link else (None, None)
            assert pages < 20
        return seen, pages

    def test_link_header_walks_every_request_once_newest_first(self):
        for fmt in ("json", "xml"):
            seen, pages = self.walk(fmt, page_size="2")
            assert seen == self.newest_first and pages == 4
        seen, pages = self.walk("json", page_size="3", api_key=self.key)
        assert seen == self.newest_first and pages == 3

    def test_default_page_holds_every_request_of_a_small_district(self):
        resp = self.http.get(BASE + "requests.json", {"jurisdiction_id": self.district.code})
        assert [int(r["service_request_id"]) for r in json.loads(resp.content)] == self.newest_first
        assert "Link" not in resp.headers

    def test_spec_only_client_pages_by_end_date(self):
        first = json.loads(
            self.http.get(
                BASE + "requests.json", {"jurisdiction_id": self.district.code, "page_size": "3"}
            ).content
        )
        oldest = first[-1]["requested_datetime"]
        rest = json.loads(
            self.http.get(
                BASE + "requests.json",
                {"jurisdiction_id": self.district.code, "end_date": oldest, "page_size": "10"},
            ).content
        )
        ids = [int(r["service_request_id"]) for r in first + rest]
        assert set(ids) == set(self.newest_first)  # the boundary second may repeat, nothing is lost

    def test_bad_page_parameters_answer_in_the_spec_error_format(self):
        for params in ({"page_size": "0"}, {"page_size": "1001"}, {"page_size": "x"}, {"page_after": "abc"}):
            resp = self.http.get(BASE + "requests.json", {"jurisdiction_id": self.district.code, **params})
            assert resp.status_code == 400
            valid(json.loads(resp.content), "errors")

    def test_keyed_rows_from_values_match_the_model_payload(self):
        from jianfu.open311 import payloads
        from jianfu.open311.models import ApiKey, ClientRequest

        key = ApiKey.objects.get()
        sr = ServiceRequest.objects.get(pk=self.made[2])
        ClientRequest.objects.create(request=sr, client=key)
        case.request_comment(actor=self.worker, request=sr, text="已联系城管，明天更换")
        resp = self.http.get(BASE + "requests.json", {"api_key": self.key, "extensions": "true"})
        rows = {int(r["service_request_id"]): r for r in valid(json.loads(resp.content), "requests")}
        for pk in self.newest_first:
            model = ServiceRequest.objects.get(pk=pk)
            assert rows[pk] == payloads.request(model, full=pk == sr.pk, extended=True)
        assert rows[sr.pk]["status_notes"] == "已联系城管，明天更换" and rows[sr.pk]["description"]
        assert rows[self.made[0]]["description"] is None
