"""Finding 8 of issue 8: burden figures that hold — no future entries, withdrawn tasks not imposed,
one decimal everywhere, the current month's alerts labelled month-to-date."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.urls import reverse
from django.utils import timezone

from jianfu.accounts.auth import api_token_create
from jianfu.burden.models import BurdenEntry, CommunityMonth, ReboundAlert
from jianfu.burden.services import BurdenError, add_months, burden_entry_record_manual, month_start
from jianfu.burden.tests.helpers import record
from jianfu.core.testing import PersonaTestCase


class NoFutureEntriesTests(PersonaTestCase):
    def test_service_refuses_a_date_after_today(self):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        with self.assertRaisesMessage(BurdenError, "在今天之后"):
            record(self.community, on=tomorrow)
        with self.assertRaisesMessage(BurdenError, "在今天之后"):
            burden_entry_record_manual(
                actor=self.worker,
                community=self.community,
                kind="meeting",
                title="例会",
                occurred_on=tomorrow,
            )
        self.assertFalse(BurdenEntry.objects.exists())
        record(self.community, on=timezone.localdate())  # today is fine

    def test_manual_entry_page_explains_and_writes_nothing(self):
        tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        response = self.client_for(self.worker).post(
            reverse("burden:entry_create"),
            {
                "community": self.community.pk,
                "kind": "meeting",
                "title": "例会",
                "occurred_on": tomorrow,
                "units": "1",
                "frequency": "1",
                "people": "1",
            },
        )
        self.assertContains(response, "在今天之后")
        self.assertFalse(BurdenEntry.objects.exists())

    def test_demo_ledger_has_no_entry_after_today(self):
        import random

        from jianfu.burden.demo import build_entries

        today = timezone.localdate()
        entries = build_entries(
            communities=[self.community],
            departments=[self.department],
            last_month=month_start(today),
            months=3,
            per_month=30,
            rng=random.Random(1),
        )
        self.assertTrue(entries)
        self.assertLessEqual(max(e.occurred_on for e in entries), today)


class WithdrawnTaskTests(PersonaTestCase):
    def test_withdrawn_task_is_documented_not_imposed(self):
        from jianfu.gate import services as gate

        task = gate.task_submit(
            actor=self.dept_user,
            department=self.department,
            title="协助开展低保年度复核",
            description="请各社区协助开展2026年度低保复核工作，入户调查并张贴公示。",
            communities=[self.community],
            expected_hours=Decimal(8),
            resource_money=100,
        )
        self.assertEqual(task.status, "admitted")
        month = CommunityMonth.objects.get(community=self.community, month=month_start(timezone.localdate()))
        self.assertEqual(month.imposed_hours, Decimal("8.00"))
        gate.task_withdraw(actor=self.district_officer, task=task, reason="居民普遍反对，撤销")
        entry = BurdenEntry.objects.get(source_ref=f"gate.task:{task.pk}")
        self.assertIsNotNone(entry.withdrawn_at)  # still documented: who asked, when
        self.assertFalse(entry.imposed)
        month.refresh_from_db()
        self.assertEqual((month.imposed_hours, month.refused_hours), (Decimal("0.00"), Decimal("8.00")))
        page = self.client_for(self.worker).get(reverse("burden:entry_list"))
        self.assertContains(page, "任务已撤销，计为避免的负担")


class OneDecimalTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # 34 person-days of an app × 20 min = 11.333… h: stored 11.33, shown 11.3
        cls.entry = record(
            cls.community, kind="app", department=cls.department, units=34, on=timezone.localdate()
        )

    def test_pages(self):
        client = self.client_for(self.district_officer)
        for url in (reverse("burden:entry_list"), reverse("burden:entry_detail", args=[self.entry.pk])):
            html = client.get(url).content.decode()
            self.assertIn("11.3", html)
            self.assertNotIn("11.33", html)
        board = client.get(reverse("burden:dashboard")).context["data"]
        self.assertEqual(board["totals"]["imposed_hours"], 11.3)

    def test_api_and_export(self):
        _, token = api_token_create(user=self.district_officer, name="t")
        headers = {"Authorization": f"Bearer {token}"}
        items = self.client.get("/api/v1/burden/entries", headers=headers).json()["items"]
        self.assertEqual(items[0]["hours"], 11.3)
        response = self.client_for(self.district_officer).get(reverse("burden:entry_xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = [c.value for c in sheet[2]]
        self.assertIn(11.3, values)
        self.assertNotIn(11.33, values)


class MonthToDateTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        for back in (1, 2, 3):
            record(cls.community, department=cls.department, on=add_months(month_start(today), -back))
        for _ in range(3):
            record(cls.community, department=cls.department, on=today)
        cls.alert = ReboundAlert.objects.get(community=cls.community, month=month_start(today))

    def test_current_month_alert_is_labelled_month_to_date(self):
        self.assertTrue(self.alert.month_to_date)
        client = self.client_for(self.district_officer)
        self.assertContains(client.get(reverse("burden:alert_list")), "本月截至今日")
        detail = client.get(reverse("burden:alert_detail", args=[self.alert.pk]))
        self.assertContains(detail, 'data-testid="month-to-date"')
        _, token = api_token_create(user=self.district_officer, name="t")
        items = self.client.get("/api/v1/burden/alerts", headers={"Authorization": f"Bearer {token}"}).json()
        self.assertEqual([a["month_to_date"] for a in items["items"]], [True, True])
        self.assertEqual(items["items"][0]["hours"], 24.0)

    def test_past_month_is_not_month_to_date(self):
        ReboundAlert.objects.filter(pk=self.alert.pk).update(month=add_months(self.alert.month, -1))
        self.alert.refresh_from_db()
        self.assertFalse(self.alert.month_to_date)
