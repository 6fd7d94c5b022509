import datetime as dt
import json

from jianfu.burden.models import ReboundAlert
from jianfu.burden.tests.helpers import record
from jianfu.core.testing import PersonaTestCase


class BurdenApiTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for month in (2, 3, 4):
            record(cls.community, department=cls.department, on=dt.date(2026, month, 3))
        record(cls.community, department=cls.department, on=dt.date(2026, 5, 3), title="加码检查", units=3)
        record(cls.far_community, department=cls.department, on=dt.date(2026, 5, 3), title="花桥检查")

    def test_anonymous(self):
        for url in ("/api/v1/burden/entries", "/api/v1/burden/dashboard", "/api/v1/burden/alerts"):
            self.assertEqual(self.client_for(None).get(url).status_code, 401, url)

    def test_entries_scoped(self):
        data = self.client_for(self.worker).get("/api/v1/burden/entries").json()
        self.assertEqual(data["count"], 4)
        self.assertNotIn("花桥检查", [e["title"] for e in data["items"]])
        data = self.client_for(self.far_worker).get("/api/v1/burden/entries").json()
        self.assertEqual([e["title"] for e in data["items"]], ["花桥检查"])
        data = (
            self.client_for(self.district_officer).get("/api/v1/burden/entries", {"month": "2026-05"}).json()
        )
        self.assertEqual(data["count"], 2)
        self.assertEqual(self.client_for(self.resident).get("/api/v1/burden/entries").status_code, 404)

    def test_dashboard(self):
        response = self.client_for(self.officer).get(
            "/api/v1/burden/dashboard", {"from": "2026-01", "to": "2026-05"}
        )
        data = response.json()
        self.assertEqual(data["months"][0], "2026-01")
        self.assertEqual(
            data["totals"]["imposed_hours"], 48.0
        )  # 3×8 + 24; the far community is outside the street
        self.assertEqual(len(data["alerts"]), 2)

    def test_alerts(self):
        self.assertEqual(self.client_for(self.worker).get("/api/v1/burden/alerts").status_code, 404)
        data = self.client_for(self.district_officer).get("/api/v1/burden/alerts").json()
        self.assertEqual({a["subject"] for a in data["items"]}, {"community", "department"})
        alert = ReboundAlert.objects.get(subject="community")
        url = f"/api/v1/burden/alerts/{alert.pk}/acknowledge"
        response = self.client_for(self.officer).post(
            url, json.dumps({"note": "ok"}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "acknowledged")
        response = self.client_for(self.officer).post(url, json.dumps({}), content_type="application/json")
        self.assertEqual(response.status_code, 400)
