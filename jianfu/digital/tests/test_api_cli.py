import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jianfu.core.testing import PersonaTestCase
from jianfu.digital.models import Declaration, DigitalTool
from jianfu.digital.tests.helpers import group

API = "/api/v1/digital"


class ApiTests(PersonaTestCase):
    def setUp(self):
        self.g = group(self, "民政打卡群", asks_text="每天在群里打卡。")

    def test_check(self):
        response = self.client_for(self.worker).post(
            f"{API}/check", {"text": "每天截图发群，按积分排名"}, content_type="application/json"
        )
        assert response.status_code == 200
        assert response.json()["violations"] == ["ranking", "trace_screenshot"]
        assert (
            self.client_for(None)
            .post(f"{API}/check", {"text": "x"}, content_type="application/json")
            .status_code
            == 401
        )
        assert (
            self.client_for(self.worker)
            .post(f"{API}/check", {"text": " "}, content_type="application/json")
            .status_code
            == 400
        )

    def test_list_detail_scoped(self):
        data = self.client_for(self.worker).get(f"{API}/tools").json()
        assert data["count"] == 1 and data["tools"][0]["violations"] == ["check_in"]
        assert self.client_for(self.far_worker).get(f"{API}/tools").json()["count"] == 0
        assert self.client_for(self.far_worker).get(f"{API}/tools/{self.g.pk}").status_code == 404
        assert (
            self.client_for(self.worker)
            .get(f"{API}/tools/{self.g.pk}")
            .json()["violation_details"][0]["code"]
            == "check_in"
        )

    def test_department_registers_and_answers(self):
        client = self.client_for(self.dept_user)
        response = client.post(
            f"{API}/tools",
            {"kind": "app", "name": "养老通", "purpose": "通知", "communities": [self.community.code]},
            content_type="application/json",
        )
        assert response.status_code == 201 and response.json()["status"] == "pending"
        assert response.json()["gate"]["status"] == "pending_approval"
        bad = client.post(f"{API}/tools", {"kind": "fax", "name": "X"}, content_type="application/json")
        assert bad.status_code == 400 and "类型" in bad.json()["detail"]
        answer = client.post(
            f"{API}/tools/{self.g.pk}/answer",
            {"kind": "justify", "text": "防汛"},
            content_type="application/json",
        )
        assert answer.json()["status"] == "keep"

    def test_declare_copy_withdraw(self):
        client = self.client_for(self.worker)
        assert (
            client.post(
                f"{API}/declarations", {"tools": [self.g.pk]}, content_type="application/json"
            ).status_code
            == 201
        )
        assert (
            client.post(
                f"{API}/declarations", {"tools": [99999]}, content_type="application/json"
            ).status_code
            == 400
        )
        head = self.client_for(self.head)
        assert (
            head.post(
                f"{API}/declarations/copy", {"colleague": "worker"}, content_type="application/json"
            ).status_code
            == 201
        )
        mine = client.get(f"{API}/declarations").json()["declarations"]
        assert client.post(f"{API}/declarations/{mine[0]['id']}/withdraw").status_code == 200
        assert head.post(f"{API}/declarations/{mine[0]['id']}/withdraw").status_code == 404
        assert self.client_for(self.dept_user).get(f"{API}/declarations").status_code == 404

    def test_plan_and_report(self):
        office = self.client_for(self.officer)
        item = office.post(
            f"{API}/tools/{self.g.pk}/plan",
            {"action": "close", "reason": "违规"},
            content_type="application/json",
        )
        assert item.status_code == 200
        done = office.post(
            f"{API}/plan/{item.json()['id']}/progress", {"progress": "done"}, content_type="application/json"
        )
        assert done.json()["progress"] == "done"
        report = office.get(f"{API}/report?street={self.street.code}").json()
        assert report["plan_progress"]["done"] == 1
        assert office.get(f"{API}/report?street={self.other_street.code}").status_code == 404
        assert (
            self.client_for(self.worker)
            .post(
                f"{API}/tools/{self.g.pk}/plan",
                {"action": "close", "reason": "x"},
                content_type="application/json",
            )
            .status_code
            == 404
        )


class CommandTests(PersonaTestCase):
    def test_check_json(self):
        out = StringIO()
        call_command("digital", "check", "要求网格员每天钉钉打卡，不要求截图", "--json", stdout=out)
        data = json.loads(out.getvalue())
        assert data["violations"] == ["check_in"] and "打卡签到" in data["reasons"][0]
        with pytest.raises(CommandError):
            call_command("digital", "check", "  ", stdout=StringIO())

    def test_list_and_declare(self):
        g = group(self, "民政工作群")
        out = StringIO()
        call_command("digital", "declare", "--user", "worker", "--tool", str(g.pk), "--json", stdout=out)
        assert Declaration.objects.filter(worker=self.worker).count() == 1
        call_command("digital", "declare", "--user", "head", "--same-as", "worker", stdout=StringIO())
        assert Declaration.objects.filter(worker=self.head).count() == 1
        out = StringIO()
        call_command("digital", "list", "--community", self.community.code, "--json", stdout=out)
        data = json.loads(out.getvalue())
        assert data["tools"][0]["name"] == "民政工作群" and data["tools"][0]["users"] == 2
        with pytest.raises(CommandError):
            call_command("digital", "list", "--community", "nope", stdout=StringIO())
        with pytest.raises(CommandError):
            call_command("digital", "declare", "--user", "deptuser", "--tool", str(g.pk), stdout=StringIO())
        out = StringIO()
        call_command("digital", "ledger", "--json", stdout=out)
        assert "days" in json.loads(out.getvalue())
        assert DigitalTool.objects.count() == 1
