"""Data back to the sender: problem lists per import, the department's quality page, saved hours."""

import datetime as dt
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.feedback.models import ImportFeedback
from jianfu.ledgers.models import LedgerImport
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.orgs.models import Department

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
BAD_PHONE = "1380000111"  # ten digits


@override_settings(TASKS=IMMEDIATE)
class FeedbackTestCase(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.known = f.person(self.community, name="刘建国", phone="13800001111", birth=dt.date(1952, 7, 8))
        self.source = f.source("区民政局低保名册", 60, department=self.department)
        self.other_department = Department.objects.create(
            district=self.district, code="CL", name="区残联", level="district"
        )
        self.other_dept_user = f.user("cl", "department", department=self.other_department)
        self.path = write_xlsx(
            self.tmp / "低保名册.xlsx",
            [
                ["姓名", "身份证号", "出生日期", "联系电话"],
                ["刘建国", self.known.id_number, "1952-07-08", BAD_PHONE],
                ["孙丽", f.id_number(dt.date(1980, 1, 1)), "1980-01-01", "13900001111"],
                ["周强", f.id_number(dt.date(1981, 1, 1)), "1981-02-30", "13900002222"],
            ],
        )

    def run_import(self, path=None, source="区民政局低保名册"):
        out = io.StringIO()
        call_command(
            "import-ledger", str(path or self.path), "--source", source, "--community", self.community.code,
            "--yes", "--json", stdout=out, stderr=io.StringIO(),
        )  # fmt: skip
        return LedgerImport.objects.order_by("-pk").first()


class RecordTests(FeedbackTestCase):
    def test_counts_and_saved_hours_in_the_burden_ledger(self):
        imp = self.run_import()
        fb = ImportFeedback.objects.get(ledger_import=imp)
        self.assertEqual((fb.rows, fb.rows_with_problems, fb.problems), (3, 2, 2))
        self.assertEqual(fb.department, self.department)
        self.assertEqual(sum(fb.kinds.values()), 2)
        entry = BurdenEntry.objects.get(kind=EntryKind.DATA_FEEDBACK)
        self.assertEqual((entry.hours, entry.saved_hours), (Decimal(0), Decimal("0.17")))  # 2 × 5 min
        self.assertEqual(
            (entry.community, entry.department, entry.units), (self.community, self.department, 2)
        )
        self.assertEqual(fb.burden_entry, entry)
        self.assertTrue(AuditEvent.objects.filter(object_type="feedback.importfeedback").exists())

    def test_same_file_again_saves_no_hours_twice(self):
        self.run_import()
        self.run_import()
        self.assertEqual(ImportFeedback.objects.count(), 2)
        self.assertEqual(BurdenEntry.objects.filter(kind=EntryKind.DATA_FEEDBACK).count(), 1)

    def test_source_without_department_counts_problems_but_sends_nowhere(self):
        imp = self.run_import(source="社区自建名册")
        fb = ImportFeedback.objects.get(ledger_import=imp)
        self.assertEqual((fb.problems, fb.department, fb.burden_entry), (2, None, None))
        self.assertFalse(BurdenEntry.objects.filter(kind=EntryKind.DATA_FEEDBACK).exists())

    def test_clean_roster_has_no_problems_and_no_entry(self):
        path = write_xlsx(
            self.tmp / "干净.xlsx", [["姓名", "身份证号"], ["钱好", f.id_number(dt.date(1990, 1, 1))]]
        )
        imp = self.run_import(path)
        self.assertEqual(ImportFeedback.objects.get(ledger_import=imp).problems, 0)
        self.assertFalse(BurdenEntry.objects.filter(kind=EntryKind.DATA_FEEDBACK).exists())


class PageTests(FeedbackTestCase):
    def setUp(self):
        super().setUp()
        self.imp = self.run_import()
        self.page = reverse("feedback:import_problems", args=[self.imp.pk])
        self.xlsx = reverse("feedback:import_problems_xlsx", args=[self.imp.pk])
        self.dept_page = reverse("feedback:department_detail", args=[self.department.pk])

    def test_anonymous_goes_to_login(self):
        for url in (reverse("feedback:index"), self.page, self.xlsx, self.dept_page):
            self.assertEqual(self.client.get(url).status_code, 302, url)

    def test_sending_department_and_importing_community_see_the_list(self):
        for user in (self.dept_user, self.worker, self.head, self.admin):
            response = self.client_for(user).get(self.page)
            self.assertContains(response, "联系电话", msg_prefix=user.username)
            self.assertContains(response, "138****1111")  # what the registry holds, masked
            self.assertNotContains(response, "13800001111")
            self.assertNotContains(response, BAD_PHONE)
        self.assertContains(self.client_for(self.dept_user).get(self.page), 'id="download-problems"')

    def test_outsiders_get_404(self):
        for user in (
            self.other_dept_user,
            self.street_dept_user,
            self.other_worker,
            self.far_worker,
            self.resident,
        ):
            for url in (self.page, self.xlsx, self.dept_page):
                self.assertEqual(self.client_for(user).get(url).status_code, 404, (user.username, url))

    def test_department_user_index_is_its_own_page(self):
        response = self.client_for(self.dept_user).get(reverse("feedback:index"))
        self.assertRedirects(response, self.dept_page)
        other = reverse("feedback:department_detail", args=[self.other_department.pk])
        self.assertRedirects(self.client_for(self.other_dept_user).get(reverse("feedback:index")), other)
        self.assertNotContains(self.client_for(self.other_dept_user).get(other), "低保名册.xlsx")

    def test_xlsx_masked_text_cells_and_audited(self):
        response = self.client_for(self.dept_user).get(self.xlsx)
        self.assertEqual(response.status_code, 200)
        path = self.tmp / "out.xlsx"
        path.write_bytes(b"".join(response.streaming_content))
        sheet = openpyxl.load_workbook(path).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][6:8], ("原表中的值", "居民库现有值"))
        self.assertEqual(len(rows), 3)
        phone = next(r for r in rows[1:] if r[4] == "联系电话")
        self.assertEqual(phone[7], "138****1111")
        self.assertNotIn(BAD_PHONE, str(rows))
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditAction.EXPORT, actor=self.dept_user, object_id=str(self.imp.pk)
            )
        )

    def test_street_office_sees_but_may_not_download(self):
        self.assertEqual(self.client_for(self.officer).get(self.page).status_code, 200)
        self.assertEqual(self.client_for(self.officer).get(self.xlsx).status_code, 404)

    def test_department_quality_page(self):
        client = self.client_for(self.dept_user)
        with self.assertNumQueries(8):  # session, user, department ×2, trend, totals, kinds, imports
            response = client.get(self.dept_page)
        self.assertContains(response, "区民政局")
        self.assertContains(response, "67%")  # 2 of 3 rows
        self.assertContains(response, timezone_month())
        self.assertContains(response, "电话号码格式不对")
        response = self.client_for(self.district_officer).get(reverse("feedback:index"))
        self.assertContains(response, "区民政局")

    def test_import_outcome_links_the_problem_list(self):
        response = self.client_for(self.worker).get(reverse("ledgers:import_detail", args=[self.imp.pk]))
        self.assertContains(response, "回传区民政局在源头更正")
        self.assertContains(response, self.page)


def timezone_month() -> str:
    from django.utils import timezone

    return timezone.localdate().strftime("%Y-%m")


class ApiCliTests(FeedbackTestCase):
    def setUp(self):
        super().setUp()
        self.imp = self.run_import()

    def headers(self, user):
        return {"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"}

    def test_api_problems_and_quality(self):
        url = f"/api/v1/feedback/imports/{self.imp.pk}/problems"
        data = self.client.get(url, headers=self.headers(self.dept_user)).json()
        phone = next(p for p in data if p["attribute"] == "phone")
        self.assertEqual((phone["kind"], phone["registry_value"]), ("phone_format", "138****1111"))
        self.assertNotIn(BAD_PHONE, json.dumps(data))
        self.assertEqual(self.client.get(url, headers=self.headers(self.other_dept_user)).status_code, 404)
        listed = self.client.get(
            "/api/v1/feedback/imports", headers=self.headers(self.other_dept_user)
        ).json()
        self.assertEqual(listed, [])
        quality = self.client.get(
            f"/api/v1/feedback/departments/{self.department.pk}", headers=self.headers(self.dept_user)
        ).json()
        self.assertEqual((quality["rows"], quality["rows_with_problems"], quality["problems"]), (3, 2, 2))
        self.assertEqual(quality["saved_hours"], "0.17")

    def call(self, *args):
        out = io.StringIO()
        call_command("feedback", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_cli(self):
        target = self.tmp / "问题清单.xlsx"
        data = json.loads(self.call("problems", str(self.imp.pk), "-o", str(target), "--json"))
        self.assertEqual(data["problems"], 2)
        self.assertTrue(target.is_file())
        data = json.loads(
            self.call("quality", "--department", "区民政局", "--user", self.dept_user.username, "--json")
        )
        self.assertEqual((data["rows"], data["rows_with_problems"]), (3, 2))
        with self.assertRaises(CommandError):
            self.call("problems", str(self.imp.pk), "--user", self.other_dept_user.username, "--json")
        with self.assertRaises(CommandError):
            self.call("quality", "--department", "区民政局", "--user", self.other_dept_user.username)
