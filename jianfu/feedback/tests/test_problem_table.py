"""The problem table: written in bulk by the import, masked, paged by index, backfilled for old imports."""

import importlib
import io

import openpyxl
from django.apps import apps
from django.urls import reverse

from jianfu.feedback.models import ImportFeedback, ImportProblem
from jianfu.feedback.services import import_feedback_record
from jianfu.feedback.tests.test_feedback import BAD_PHONE, FeedbackTestCase
from jianfu.ledgers.models import LedgerImport


def many_problems(feedback: ImportFeedback, n: int, kind: str = "phone_format") -> None:
    ImportProblem.objects.bulk_create(
        ImportProblem(
            feedback=feedback,
            row=1000 + i,
            name=f"居民{i}",
            status="linked",
            column="联系电话",
            attribute="phone",
            kind=kind,
            sent="139****0000",
            held="",
            message=f"第 {1000 + i} 行",
        )
        for i in range(n)
    )


class ProblemTableTests(FeedbackTestCase):
    def setUp(self):
        super().setUp()
        self.imp = self.run_import()
        self.fb = ImportFeedback.objects.get(ledger_import=self.imp)
        self.page = reverse("feedback:import_problems", args=[self.imp.pk])

    def test_written_by_the_import_one_row_per_problem_masked(self):
        rows = list(ImportProblem.objects.filter(feedback=self.fb).order_by("id"))
        self.assertEqual(len(rows), self.fb.problems)
        phone = next(r for r in rows if r.attribute == "phone")
        self.assertEqual((phone.row, phone.column, phone.kind), (2, "联系电话", "phone_format"))
        self.assertEqual(phone.person, self.known.pid)
        self.assertEqual(phone.held, "138****1111")  # what the registry holds instead, masked
        self.assertNotIn(BAD_PHONE, phone.sent + phone.message)
        self.assertTrue(phone.sent.startswith("138") and "*" in phone.sent)
        date = next(r for r in rows if r.attribute == "birth_date")
        self.assertEqual((date.row, date.sent, date.name), (4, "1981-02-30", "周强"))

    def test_recording_again_replaces_the_rows(self):
        import_feedback_record(ledger_import=LedgerImport.objects.get(pk=self.imp.pk), actor="test")
        self.assertEqual(ImportProblem.objects.filter(feedback=self.fb).count(), self.fb.problems)

    def test_page_and_xlsx_read_the_table_not_the_outcome(self):
        LedgerImport.objects.filter(pk=self.imp.pk).update(results=[])
        response = self.client_for(self.dept_user).get(self.page)
        self.assertContains(response, "138****1111")
        self.assertContains(response, "1981-02-30")
        xlsx = self.client_for(self.dept_user).get(
            reverse("feedback:import_problems_xlsx", args=[self.imp.pk])
        )
        book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        self.assertEqual(book.active.max_row, 1 + self.fb.problems)

    def test_paged_and_filtered_by_kind_with_constant_queries(self):
        many_problems(self.fb, 230)
        many_problems(self.fb, 5, kind="date_range")
        ImportFeedback.objects.filter(pk=self.fb.pk).update(
            kinds={
                **self.fb.kinds,
                "phone_format": self.fb.kinds.get("phone_format", 0) + 230,
                "date_range": 5,
            }
        )
        client = self.client_for(self.worker)
        client.get(self.page)
        # session, user, import (+feedback, source, department), may export, count, page rows
        with self.assertNumQueries(6):
            response = client.get(self.page + "?page=3")
        self.assertContains(response, "3 / 3")
        self.assertEqual(len(response.context["rows"]), 2 + 235 - 200)
        self.assertContains(response, "date_range")
        response = client.get(self.page + "?kind=date_range")
        self.assertEqual([r.kind for r in response.context["rows"]], ["date_range"] * 5)
        self.assertContains(response, "日期超出合理范围")
        response = client.get(self.page + "?kind=nonsense")  # unknown kind: the whole list
        self.assertEqual(response.context["kind"], "")

    def test_outsiders_see_no_problem_rows(self):
        for user in (self.other_dept_user, self.other_worker, self.far_worker, self.resident):
            self.assertFalse(ImportProblem.objects.restrict(user, "view").exists(), user.username)
        self.assertEqual(ImportProblem.objects.restrict(self.dept_user, "view").count(), self.fb.problems)
        self.assertFalse(ImportProblem.objects.restrict(self.officer, "export").exists())

    def test_api_pages_the_table(self):
        from jianfu.accounts.auth import api_token_create

        many_problems(self.fb, 30, kind="date_range")
        token = api_token_create(user=self.dept_user, name="t")[1]
        url = f"/api/v1/feedback/imports/{self.imp.pk}/problems"
        data = self.client.get(
            url + "?kind=date_range&offset=10&limit=5", headers={"Authorization": f"Bearer {token}"}
        ).json()
        self.assertEqual([d["row"] for d in data], [1010, 1011, 1012, 1013, 1014])

    def test_backfill_migration_fills_old_imports_from_their_outcome(self):
        ImportProblem.objects.all().delete()
        migration = importlib.import_module("jianfu.feedback.migrations.0003_backfill_import_problems")
        migration.backfill(apps, None)
        rows = list(ImportProblem.objects.filter(feedback=self.fb).order_by("id"))
        self.assertEqual(len(rows), self.fb.problems)
        self.assertEqual(next(r for r in rows if r.attribute == "phone").held, "138****1111")
        migration.backfill(apps, None)  # running it again adds nothing
        self.assertEqual(ImportProblem.objects.filter(feedback=self.fb).count(), self.fb.problems)

    def test_backfill_reads_outcomes_from_before_structured_problems(self):
        ImportProblem.objects.all().delete()
        LedgerImport.objects.filter(pk=self.imp.pk).update(
            results=[
                {"row": 5, "status": "linked", "person": self.known.pid, "name": "刘建国",
                 "errors": ["第 5 行“联系电话”列：“1380000111”不是手机号"]},
                {"row": 6, "status": "rejected", "person": None, "name": "", "errors": ["没有姓名"]},
            ]
        )  # fmt: skip
        importlib.import_module("jianfu.feedback.migrations.0003_backfill_import_problems").backfill(
            apps, None
        )
        rows = list(ImportProblem.objects.filter(feedback=self.fb).order_by("id"))
        self.assertEqual(
            [(r.row, r.column, r.kind) for r in rows], [(5, "联系电话", "invalid"), (6, "", "unidentified")]
        )
        self.assertEqual(rows[0].attribute, "phone")  # from the import's mapping
        self.assertNotIn("1380000111", rows[0].message)
