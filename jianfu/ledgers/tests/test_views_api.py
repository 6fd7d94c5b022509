import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import python_calamine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.choices import ImportStatus, ReviewStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Fact, Person

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
class LedgerPagesTests(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.known = f.person(self.community, name="刘建国", birth=dt.date(1952, 7, 8))
        rows = [
            ["序号", "姓名", "身份证号", "出生日期", "联系电话"],
            [1, "刘建果", "", "1952-07-08", ""],
            [2, "孙丽", f.id_number(dt.date(1980, 1, 1)), "1980-01-01", "13900001111"],
            [3, "坏号码", "=cmd|' /C calc'!A0", "", ""],
        ]
        self.path = write_xlsx(self.tmp / "低保名册.xlsx", rows, title="2026年低保名册")

    def upload(self, client, community=None):
        with open(self.path, "rb") as fh:
            return client.post(
                reverse("ledgers:import_list"),
                {
                    "file": SimpleUploadedFile("低保名册.xlsx", fh.read()),
                    "community": (community or self.community).pk,
                    "source": "区民政局低保名册",
                    "sheet": "",
                },
            )

    def test_anonymous_redirected(self):
        for url in [reverse("ledgers:import_list"), reverse("ledgers:review_queue")]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)

    def test_list_names_a_job_that_imported_in_the_page_language(self):
        client = self.client_for(self.worker)
        self.assertEqual(self.upload(client).status_code, 302)
        LedgerImport.objects.update(created_by=None, actor_label="system: jianfu seed-demo")
        page = client.get(reverse("ledgers:import_list")).content.decode()
        self.assertIn("系统（演示数据）", page)
        self.assertNotIn("system: jianfu", page)

    def test_full_flow_and_outsider(self):
        client = self.client_for(self.worker)
        response = self.upload(client)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        imp = LedgerImport.objects.get()
        self.assertEqual(imp.status, ImportStatus.MAPPING)
        page = client.get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "确认表头对应关系")
        # nothing is written before confirmation
        self.assertEqual(Fact.objects.filter(ledger_import=imp).count(), 0)
        outsider = self.client_for(self.other_worker)
        self.assertEqual(outsider.get(reverse("ledgers:import_detail", args=[imp.pk])).status_code, 404)
        self.assertEqual(outsider.post(reverse("ledgers:import_confirm", args=[imp.pk])).status_code, 404)
        data = {f"col-{c['index']}": c["proposed"] for c in imp.columns}
        data["tag"] = ""
        from jianfu.registry.models import Attribute

        data["tag"] = Attribute.objects.get(code="dibao").pk
        response = client.post(reverse("ledgers:import_confirm", args=[imp.pk]), data)
        self.assertEqual(response.status_code, 302)
        imp.refresh_from_db()
        self.assertEqual(imp.status, ImportStatus.DONE, imp.error)
        self.assertEqual(imp.summary["review"], 1)
        self.assertEqual(imp.summary["created"], 2)  # 坏号码's formula-like ID is kept, not validated
        self.assertEqual(imp.summary["rejected"], 0)
        self.assertEqual(imp.summary["rows_with_problems"], 1)
        page = client.get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "导入结果")
        self.assertContains(client.get(reverse("ledgers:import_progress", args=[imp.pk])), "已处理")
        created = Person.objects.get(name="孙丽")
        self.assertTrue(created.tags.filter(attribute__code="dibao").exists())
        # outcome xlsx: formula text neutralised, pid as text
        response = client.get(reverse("ledgers:import_outcome_xlsx", args=[imp.pk]))
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content)
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = wb.get_sheet_by_index(0).to_python()
        self.assertEqual(rows[0][0], "Excel 行号")
        self.assertTrue(AuditEvent.objects.filter(action="export").exists())
        self.assertEqual(outsider.get(reverse("ledgers:import_outcome_xlsx", args=[imp.pk])).status_code, 404)
        # review queue
        queue = client.get(reverse("ledgers:review_queue"))
        self.assertContains(queue, self.known.pid)
        self.assertNotContains(queue, self.known.id_number)
        self.assertNotContains(outsider.get(reverse("ledgers:review_queue")), self.known.pid)
        item = ReviewItem.objects.get()
        self.assertEqual(
            outsider.post(reverse("ledgers:review_decide", args=[item.pk]), {"decision": "new"}).status_code,
            404,
        )
        response = client.post(
            reverse("ledgers:review_decide", args=[item.pk]), {"decision": "link", "pid": self.known.pid}
        )
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertEqual(item.status, ReviewStatus.LINKED)
        self.assertTrue(self.known.tags.filter(attribute__code="dibao").exists())

    def test_bad_file_writes_nothing(self):
        client = self.client_for(self.worker)
        response = client.post(
            reverse("ledgers:import_list"),
            {
                "file": SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not excel"),
                "community": self.community.pk,
                "source": "新来源",
                "sheet": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不是 Excel 或 CSV 文件")
        self.assertFalse(LedgerImport.objects.exists())
        from jianfu.registry.models import Source

        self.assertFalse(Source.objects.filter(name="新来源").exists())

    def test_list_query_count(self):
        client = self.client_for(self.worker)
        self.upload(client)
        self.upload(client)
        with self.assertNumQueries(9):  # 8 + the stale-job check
            client.get(reverse("ledgers:import_list"))

    def test_officer_sees_list_cannot_upload(self):
        client = self.client_for(self.officer)
        response = client.get(reverse("ledgers:import_list"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "upload-form")
        self.assertEqual(self.upload(client).status_code, 404)


@override_settings(TASKS=IMMEDIATE)
class LedgerApiTests(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.path = write_xlsx(self.tmp / "a.xlsx", [["姓名", "身份证号"], ["钱七", f.id_number()]])

    def post(self, user, community):
        _t, token = api_token_create(user=user, name="t")
        with open(self.path, "rb") as fh:
            return self.client.post(
                "/api/v1/ledgers/imports",
                {
                    "file": SimpleUploadedFile("a.xlsx", fh.read()),
                    "community": community.code,
                    "source": "API来源",
                },
                HTTP_AUTHORIZATION=f"Bearer {token}",
            ), token

    def test_department_cannot_import_outsider_404(self):
        response, _t = self.post(self.dept_user, self.community)
        self.assertEqual(response.status_code, 404)
        response, _t = self.post(self.other_worker, self.community)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(LedgerImport.objects.exists())

    def test_import_status_rows(self):
        response, token = self.post(self.worker, self.community)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["status"], "done")
        rows = self.client.get(
            f"/api/v1/ledgers/imports/{body['id']}/rows", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        self.assertEqual(rows.json()[0]["status"], "created")
        _t, other = api_token_create(user=self.other_worker, name="o")
        self.assertEqual(
            self.client.get(
                f"/api/v1/ledgers/imports/{body['id']}", HTTP_AUTHORIZATION=f"Bearer {other}"
            ).status_code,
            404,
        )

    def test_review_decision_api(self):
        known = f.person(self.community, name="刘建国", birth=dt.date(1952, 7, 8))
        self.path = write_xlsx(self.tmp / "b.xlsx", [["姓名", "出生日期"], ["刘建果", "1952-07-08"]])
        _response, token = self.post(self.worker, self.community)
        items = self.client.get("/api/v1/ledgers/reviews", HTTP_AUTHORIZATION=f"Bearer {token}").json()
        self.assertEqual(items[0]["candidates"][0]["pid"], known.pid)
        _t, other = api_token_create(user=self.far_worker, name="o")
        self.assertEqual(
            self.client.post(
                f"/api/v1/ledgers/reviews/{items[0]['id']}/decision",
                {"decision": "new"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {other}",
            ).status_code,
            404,
        )
        done = self.client.post(
            f"/api/v1/ledgers/reviews/{items[0]['id']}/decision",
            {"decision": "link", "pid": known.pid},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        self.assertEqual(done.json()["status"], "linked")


class CliTests(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def run_cli(self, path, *extra):
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import-ledger",
            str(path),
            "--source",
            "CLI来源",
            "--community",
            self.community.code,
            *extra,
            stdout=out,
            stderr=err,
        )
        return out.getvalue(), err.getvalue()

    def test_json_shape_and_idempotent(self):
        existing = f.person(self.community, name="张伟")
        path = write_xlsx(
            self.tmp / "c.xlsx",
            [
                ["姓名", "身份证号", "联系电话"],
                ["张伟", existing.id_number, "13800000000"],
                ["新人", f.id_number(), ""],
                ["", "", ""],
                ["无名", "123", ""],
            ],
        )
        out, _e = self.run_cli(path, "--yes", "--json")
        data = json.loads(out)
        self.assertEqual(
            set(data),
            {"rows", "created", "linked", "review", "rejected", "tags", "mapping", "dry_run", "row_results"},
        )
        self.assertEqual((data["rows"], data["created"], data["linked"], data["rejected"]), (3, 2, 1, 0))
        self.assertEqual(
            set(data["row_results"][0]), {"row", "status", "person", "errors", "problems", "warnings"}
        )
        [problem] = data["row_results"][2]["problems"]
        self.assertEqual((problem["attribute"], problem["kind"]), ("id_number", "id_shape"))
        self.assertNotIn("value", problem)
        self.assertEqual(data["row_results"][0]["row"], 2)
        self.assertEqual(data["row_results"][0]["person"], existing.pid)
        self.assertEqual(data["row_results"][2]["row"], 5)
        self.assertTrue(
            AuditEvent.objects.filter(actor_label__startswith="system: jianfu import-ledger").exists()
        )
        people, facts = Person.objects.count(), Fact.objects.count()
        data2 = json.loads(self.run_cli(path, "--yes", "--json")[0])
        self.assertEqual((data2["created"], data2["linked"]), (0, 3))
        self.assertEqual((people, facts), (Person.objects.count(), Fact.objects.count()))

    def test_json_without_yes_and_tty_fails(self):
        path = write_xlsx(self.tmp / "d.xlsx", [["姓名"], ["甲"]])
        with self.assertRaisesMessage(CommandError, "--yes"):
            self.run_cli(path, "--json")

    def test_unknown_community(self):
        path = write_xlsx(self.tmp / "d.xlsx", [["姓名"], ["甲"]])
        with self.assertRaisesMessage(CommandError, "jianfu communities"):
            call_command("import-ledger", str(path), "--source", "s", "--community", "999", "--yes", "--json")

    def test_bad_file_nothing_written(self):
        path = self.tmp / "bad.xlsx"
        path.write_bytes(b"hello")
        with self.assertRaisesMessage(CommandError, "不是 Excel"):
            self.run_cli(path, "--yes", "--json")
        self.assertFalse(LedgerImport.objects.exists())
        from jianfu.registry.models import Source

        self.assertFalse(Source.objects.filter(name="CLI来源").exists())


class CliConfirmTests(PersonaTestCase):
    def test_asks_for_confirmation_on_stdin(self):
        from unittest import mock

        path = write_xlsx(Path(tempfile.mkdtemp()) / "q.xlsx", [["姓名", "身份证号"], ["甲", f.id_number()]])
        out, err = io.StringIO(), io.StringIO()
        with mock.patch("sys.stdin", io.StringIO("n\n")), self.assertRaisesMessage(CommandError, "已取消"):
            call_command(
                "import-ledger",
                str(path),
                "--source",
                "问答来源",
                "--community",
                self.community.code,
                stdout=out,
                stderr=err,
            )
        self.assertIn("身份证号", err.getvalue())
        self.assertFalse(LedgerImport.objects.exists())
        with mock.patch("sys.stdin", io.StringIO("y\n")):
            call_command(
                "import-ledger",
                str(path),
                "--source",
                "问答来源",
                "--community",
                self.community.code,
                stdout=out,
                stderr=err,
            )
        self.assertIn("新建1", out.getvalue())
