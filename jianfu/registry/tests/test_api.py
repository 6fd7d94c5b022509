import datetime as dt
import json

from django.core.management import call_command

from jianfu.accounts.auth import api_token_create
from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f

BASE = "/api/v1/registry"


class RegistryApiTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.zhang = f.person(
            cls.community,
            name="张伟",
            phone="13812345678",
            id_number=idcard.make("420102", dt.date(1950, 3, 2), 121),
        )
        cls.far = f.person(cls.far_community, name="王芳")

    def token_for(self, user):
        _token, plain = api_token_create(user=user, name="test")
        return {"Authorization": f"Bearer {plain}"}

    def test_no_token_401(self):
        self.assertEqual(self.client.get(f"{BASE}/people").status_code, 401)
        self.assertEqual(
            self.client.get(f"{BASE}/people", headers={"Authorization": "Bearer nope"}).status_code, 401
        )

    def test_list_masked_and_scoped(self):
        response = self.client.get(f"{BASE}/people", headers=self.token_for(self.worker))
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual([p["name"] for p in data["results"]], ["张伟"])
        self.assertEqual(data["results"][0]["id_number_masked"], "4201**********" + self.zhang.id_number[-4:])
        self.assertEqual(data["results"][0]["phone_masked"], "138****5678")
        self.assertNotIn(self.zhang.id_number, response.content.decode())

    def test_search(self):
        headers = self.token_for(self.district_officer)
        for q in ("zw", "张", self.zhang.id_number[-4:], "13812345678"):
            data = self.client.get(f"{BASE}/people", {"q": q}, headers=headers).json()
            self.assertEqual([p["pid"] for p in data["results"]], [self.zhang.pid], q)
        data = self.client.get(
            f"{BASE}/people", {"community": self.far_community.code}, headers=headers
        ).json()
        self.assertEqual([p["name"] for p in data["results"]], ["王芳"])

    def test_unknown_community_404(self):
        response = self.client.get(
            f"{BASE}/people", {"community": self.far_community.code}, headers=self.token_for(self.worker)
        )
        self.assertEqual(response.status_code, 404)

    def test_detail_masked_and_outsider_404(self):
        headers = self.token_for(self.worker)
        response = self.client.get(f"{BASE}/people/{self.zhang.pid}", headers=headers)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertNotIn(self.zhang.id_number, body)
        self.assertNotIn("13812345678", body)
        self.assertEqual(response.json()["values"]["name"], "张伟")
        self.assertEqual(self.client.get(f"{BASE}/people/{self.far.pid}", headers=headers).status_code, 404)

    def test_reveal(self):
        url = f"{BASE}/people/{self.zhang.pid}/reveal"
        headers = self.token_for(self.worker)
        bad = self.client.post(
            url,
            json.dumps({"field": "phone", "purpose": ""}),
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(bad.status_code, 422)
        ok = self.client.post(
            url,
            json.dumps({"field": "phone", "purpose": "电话回访"}),
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok.json()["value"], "13812345678")
        event = AuditEvent.objects.get(action=AuditAction.REVEAL)
        self.assertEqual((event.purpose, event.actor), ("电话回访", self.worker))

    def test_reveal_permission(self):
        url = f"{BASE}/people/{self.zhang.pid}/reveal"
        body = json.dumps({"field": "phone", "purpose": "电话回访"})
        officer = self.client.post(
            url, body, content_type="application/json", headers=self.token_for(self.district_officer)
        )
        self.assertEqual(officer.status_code, 404)  # no reveal right: the same 404 as an outsider
        outsider = self.client.post(
            url, body, content_type="application/json", headers=self.token_for(self.other_worker)
        )
        self.assertEqual(outsider.status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.REVEAL).exists())

    def test_attributes(self):
        data = self.client.get(f"{BASE}/attributes", headers=self.token_for(self.dept_user)).json()
        codes = {a["code"]: a for a in data}
        self.assertEqual(codes["dibao_number"]["tag"], "dibao")
        self.assertIn("身份证号", codes["id_number"]["synonyms"])

    def test_resident_gets_404(self):
        self.assertEqual(
            self.client.get(f"{BASE}/attributes", headers=self.token_for(self.resident)).status_code, 404
        )

    def test_session_auth_works(self):
        self.assertEqual(self.client_for(self.worker).get(f"{BASE}/people").status_code, 200)

    def test_api_token_command(self):
        from io import StringIO

        out = StringIO()
        call_command("api-token", "--user", self.worker.username, "--name", "低保系统", stdout=out)
        token = out.getvalue().strip()
        self.assertTrue(token.startswith("jf_"))
        response = self.client.get(f"{BASE}/people", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual({p["name"] for p in response.json()["results"]}, {"张伟"})  # the worker's community
