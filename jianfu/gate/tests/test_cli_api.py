"""`jianfu admit` JSON and the /api/v1/gate/ endpoints (scoping, bad input)."""

import io
import json
from contextlib import redirect_stdout

from django.core.management import CommandError, call_command
from django.utils import translation

from jianfu.accounts.auth import api_token_create
from jianfu.core.testing import PersonaTestCase
from jianfu.gate.models import Task, TaskTarget

NEW_LEDGER = ("建立文明养犬台账", "请各社区新建文明养犬工作台账，每月报送。")


class AdmitCommandTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def admit(self, *args):
        out = io.StringIO()
        with redirect_stdout(out):
            call_command("admit", *args)
        return json.loads(out.getvalue())

    def test_dry_run_json_shape(self):
        data = self.admit(
            "--department",
            "区民政局",
            "--title",
            "低保复核",
            "--description",
            "协助开展低保年度复核，入户调查并公示",
            "--dry-run",
            "--json",
        )
        self.assertEqual(set(data), {"decision", "list", "item", "score", "reasons"})
        self.assertEqual(
            (data["decision"], data["list"], data["item"]["code"]), ("admitted", "assist", "A01")
        )
        self.assertFalse(Task.objects.exists())

    def test_by_code_records_for_all_communities_in_reach(self):
        data = self.admit(
            "--department",
            "MZJ",
            "--title",
            NEW_LEDGER[0],
            "--description",
            NEW_LEDGER[1],
            "--kind",
            "ledger_report",
            "--json",
        )
        self.assertEqual((data["decision"], data["list"], data["item"]), ("needs_approval", "none", None))
        self.assertEqual(TaskTarget.objects.count(), 3)

    def test_negative_and_community_option(self):
        data = self.admit(
            "--department",
            "MZJ",
            "--title",
            "招商引资任务",
            "--description",
            "请各社区完成年度招商引资和税收指标",
            "--community",
            self.community.code,
            "--json",
        )
        self.assertEqual((data["decision"], data["list"]), ("rejected", "negative"))
        self.assertEqual(TaskTarget.objects.get().community, self.community)

    def test_emergency_and_assessed_flags(self):
        data = self.admit(
            "--department",
            "MZJ",
            "--title",
            "疫情防控",
            "--description",
            "立即开展传染病防控排查",
            "--emergency",
            "--dry-run",
            "--json",
        )
        self.assertEqual(data["decision"], "admitted")
        data = self.admit(
            "--department",
            "MZJ",
            "--title",
            "调解",
            "--description",
            "做好邻里纠纷人民调解",
            "--assessed",
            "--dry-run",
            "--json",
        )
        self.assertEqual(data["decision"], "needs_approval")

    def test_bad_input(self):
        for args in (
            ("--department", "无此部门", "--title", "t", "--description", "d"),
            ("--department", "MZJ", "--title", "t", "--description", " "),
            ("--department", "MZJ", "--title", "t", "--description", "x" * 20_001),
            ("--department", "MZJ", "--title", "t", "--description", "d", "--kind", "party"),
            (
                "--department",
                "大智街道平安办",
                "--title",
                "t",
                "--description",
                "低保复核",
                "--community",
                self.far_community.code,
            ),
            ("--department", "MZJ", "--title", "t", "--description", "d", "--community", "nope"),
        ):
            with self.subTest(args=args), self.assertRaises(CommandError):
                call_command("admit", *args, "--json")
        self.assertFalse(Task.objects.exists())


class ApiTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        _, self.token = api_token_create(user=self.dept_user, name="民政系统")

    def post(self, path, payload, user=None, token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = self.client_for(user)
        return client.post(
            f"/api/v1/gate{path}", data=json.dumps(payload), content_type="application/json", headers=headers
        )

    def test_submit_with_token(self):
        response = self.post(
            "/tasks",
            {
                "title": "低保复核",
                "description": "协助开展低保年度复核，入户调查并公示",
                "resource_money": 500,
            },
            token=self.token,
        )
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual(data["decision"]["decision"], "admitted")
        self.assertEqual(len(data["targets"]), 3)

    def test_submit_bad_input(self):
        for payload in (
            {"title": "t", "description": ""},
            {"title": "t", "description": "x" * 102_400},
            {"title": "t", "description": "d", "communities": ["nope"]},
        ):
            self.assertEqual(self.post("/tasks", payload, token=self.token).status_code, 400)
        _, street_token = api_token_create(user=self.street_dept_user, name="x")
        response = self.post(
            "/tasks",
            {"title": "t", "description": "低保", "communities": [self.far_community.code]},
            token=street_token,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("花桥社区", response.json()["detail"])
        self.assertEqual(
            self.post("/tasks", {"title": "t", "description": "d"}, user=self.worker).status_code, 404
        )
        self.assertEqual(self.post("/tasks", {"title": "t", "description": "d"}).status_code, 401)
        self.assertFalse(Task.objects.exists())

    def test_scoping_and_workflow(self):
        task_id = self.post(
            "/tasks",
            {
                "title": NEW_LEDGER[0],
                "description": NEW_LEDGER[1],
                "kind": "ledger_report",
                "communities": [self.far_community.code],
            },
            token=self.token,
        ).json()["id"]
        self.assertEqual(self.client_for(self.worker).get(f"/api/v1/gate/tasks/{task_id}").status_code, 404)
        self.assertEqual(self.client_for(self.worker).get("/api/v1/gate/tasks").json(), [])
        self.assertEqual(
            self.client_for(self.far_worker).get(f"/api/v1/gate/tasks/{task_id}").status_code, 200
        )
        self.assertEqual(self.post(f"/tasks/{task_id}/refuse", {}, user=self.worker).status_code, 404)
        review = {"approve": True, "legality": "x", "reasonableness": "x", "feasibility": "x", "reason": "x"}
        self.assertEqual(self.post(f"/tasks/{task_id}/decide", review, user=self.officer).status_code, 404)
        self.assertEqual(self.post(f"/tasks/{task_id}/decide", review, token=self.token).status_code, 404)
        self.assertEqual(
            self.post(f"/tasks/{task_id}/comments", {"body": "太多"}, user=self.far_worker).status_code, 200
        )
        response = self.post(f"/tasks/{task_id}/decide", review, user=self.district_officer)
        self.assertEqual(response.json()["status"], "approved")
        self.assertEqual(
            self.post(f"/tasks/{task_id}/rate", {"score": 9}, user=self.far_worker).status_code, 400
        )
        self.assertEqual(
            self.post(f"/tasks/{task_id}/rate", {"score": 4}, user=self.far_worker).status_code, 200
        )

    def test_check_does_not_record(self):
        response = self.post(
            "/check", {"title": "拆违", "description": "负责辖区拆违和征收拆迁"}, token=self.token
        )
        self.assertEqual(response.json()["decision"], "rejected")
        self.assertFalse(Task.objects.exists())

    def test_list_query_count(self):
        for i in range(3):
            self.post("/tasks", {"title": f"低保复核{i}", "description": "协助低保复核"}, token=self.token)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        # token lookup, tasks, and at most one last_used update (throttled): no per-row query
        with CaptureQueriesContext(connection) as queries:
            response = self.client_for(None).get(
                "/api/v1/gate/tasks", headers={"Authorization": f"Bearer {self.token}"}
            )
        self.assertLessEqual(len(queries), 3)
        self.assertEqual(len(response.json()), 3)
