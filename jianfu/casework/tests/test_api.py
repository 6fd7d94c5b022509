import json

from django.test import Client

from jianfu.accounts.auth import api_token_create
from jianfu.casework.tests.helpers import cgj, lamp_request
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f

BASE = "/api/v1/casework"


class ApiTests(PersonaTestCase):
    def call(self, method, path, user, payload=None):
        _, token = api_token_create(user=user, name="t")
        client = Client()
        kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
        if payload is not None:
            kwargs.update(data=json.dumps(payload), content_type="application/json")
        return getattr(client, method)(BASE + path, **kwargs)

    def test_push_list_and_scoping(self):
        cgj(self.district)
        resp = self.call(
            "post",
            "/requests",
            self.dept_user,
            {
                "category": "corridor-clutter",
                "text": "楼道堆放杂物，影响通行",
                "community": self.community.code,
                "reporter_phone": "13700001111",
                "external_id": "MZ-001",
            },
        )
        assert resp.status_code == 201, resp.content
        pk = resp.json()["id"]
        assert resp.json()["reporter"]["phone"] == "137****1111"
        assert self.call("get", f"/requests/{pk}", self.worker).status_code == 200
        assert self.call("get", f"/requests/{pk}", self.far_worker).status_code == 404
        ids = [r["id"] for r in self.call("get", "/requests", self.other_worker).json()]
        assert pk not in ids
        bad = self.call("post", "/requests", self.dept_user, {"category": "nope", "text": "x"})
        assert bad.status_code == 400 and "unknown category" in bad.content.decode()
        assert Client().get(BASE + "/requests").status_code == 401

    def test_department_push_down_lands_in_the_burden_ledger(self):
        from jianfu.burden.models import BurdenEntry

        resp = self.call(
            "post",
            "/requests",
            self.dept_user,
            {
                "category": "street-vending",
                "text": "请社区负责清理占道摊贩",
                "community": self.community.code,
                "reporter_phone": "13700001111",
            },
        )
        pk = resp.json()["id"]
        assert self.call("post", f"/requests/{pk}/dispatch", self.worker, {}).status_code == 200
        entry = BurdenEntry.objects.get(kind="resident_request")
        assert entry.department == self.department and entry.outside_lists

    def test_whistle_journey_over_api(self):
        sr = lamp_request(self)
        dept = f.user("cgj", "department", department=cgj(self.district))
        out = self.call(
            "post", f"/requests/{sr.pk}/whistle", self.grid_worker, {"departments": ["CGJ"]}
        ).json()
        wid = out["whistles"][0]["id"]
        assert self.call("post", f"/whistles/{wid}/sign", self.dept_user, {}).status_code == 404
        assert self.call("post", f"/whistles/{wid}/sign", dept, {}).json()["signed_at"]
        assert self.call("post", f"/whistles/{wid}/on-site", dept, {}).json()["status"] == "on_site"
        assert (
            self.call("post", f"/requests/{sr.pk}/reply", dept, {"reply": "已修复"}).json()["status"]
            == "replied"
        )
        bad = self.call("post", f"/requests/{sr.pk}/visit", self.worker, {})
        assert bad.status_code == 400
        assert (
            self.call("post", f"/requests/{sr.pk}/verify", self.grid_worker, {"solved": True}).json()[
                "status"
            ]
            == "closed"
        )
        rates = self.call("get", "/rates?by=department", self.district_officer).json()
        assert rates[0]["key"] == "区城管局" and rates[0]["solve_rate"] == 100.0
