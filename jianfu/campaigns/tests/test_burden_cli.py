"""Burden entries for approved campaigns and secondments (same transaction, real actors), and the
`jianfu campaign` command line."""

import datetime as dt
import io
import json
from decimal import Decimal
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.campaigns import estimate, services
from jianfu.campaigns.choices import CampaignStatus, SecondmentStatus, SignboardStatus
from jianfu.campaigns.models import Campaign, Secondment, Signboard
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.workdays.selectors import is_working_day

ASKING = (
    "各社区须于三月底前报送创建申报材料，建立创建工作台账；制作宣传展板两块；"
    "入户发放知晓率问卷，留存活动照片；六月迎接区级验收。"
)


def weekdays_inclusive(start: dt.date, end: dt.date) -> int:
    return sum(is_working_day(start + dt.timedelta(days=i)) for i in range((end - start).days + 1))


class EstimateTests(PersonaTestCase):
    def test_asks_are_read_from_the_text(self):
        self.assertEqual(
            estimate.asks(ASKING),
            ["materials", "ledger", "inspection", "publicity", "report", "mobilise", "photos"],
        )
        self.assertEqual(estimate.units("创建书香社区"), 1)  # names no demand: still one
        self.assertEqual(estimate.units("請建立臺賬"), 1)  # traditional characters fold
        self.assertEqual(estimate.asks("請建立臺賬"), ["ledger"])


class CampaignBurdenTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def campaign(self, description=ASKING, communities=None):
        return services.campaign_register(
            actor=self.dept_user,
            department=self.department,
            title="创建 全国示范 文明社区 ",
            kind="demonstration",
            description=description,
            communities=communities or [self.community, self.other_community],
        )

    def test_approval_writes_one_entry_per_community_priced_by_what_it_asks(self):
        campaign = self.campaign()
        self.assertFalse(BurdenEntry.objects.filter(kind=EntryKind.CAMPAIGN).exists())  # pending: nothing
        services.campaign_decide(actor=self.officer, campaign=campaign, approve=True, reason="保留一项")
        entries = list(BurdenEntry.objects.filter(kind=EntryKind.CAMPAIGN).order_by("community__code"))
        self.assertEqual({e.community_id for e in entries}, {self.community.pk, self.other_community.pk})
        asks = len(estimate.asks(ASKING))
        for entry in entries:
            self.assertEqual(entry.units, Decimal(asks))
            self.assertEqual(entry.hours, Decimal(240 * asks) / 60)
            self.assertEqual(entry.department_id, self.department.pk)
            self.assertEqual(entry.recorded_by, self.officer)  # the real actor, not the department
            self.assertEqual(entry.source_ref, f"campaigns.campaign:{campaign.pk}")
        campaign.refresh_from_db()
        self.assertEqual(campaign.hours, sum(e.hours for e in entries))
        self.assertEqual(len(campaign.asks), asks)
        self.assertTrue(
            AuditEvent.objects.filter(
                object_type="burden.burdenentry", actor_label__contains="officer"
            ).exists()
        )

    def test_refusal_and_a_failed_approval_write_no_entry(self):
        refused = self.campaign()
        services.campaign_decide(actor=self.officer, campaign=refused, approve=False, reason="重复创建")
        services.caps_set(
            actor=self.district_officer,
            district=self.district,
            campaigns_per_community=0,
            signboards_per_community=1,
        )
        blocked = self.campaign(communities=[self.community])
        self.assertEqual(blocked.status, CampaignStatus.REFUSED)  # at the cap at once
        self.assertFalse(BurdenEntry.objects.filter(kind=EntryKind.CAMPAIGN).exists())

    def test_the_ledger_failing_rolls_the_approval_back(self):
        from jianfu.burden.services import BurdenError, burden_entry_record

        campaign = self.campaign()
        calls = []

        def second_fails(**kwargs):
            calls.append(kwargs["community"])
            if len(calls) == 2:
                raise BurdenError("ledger refused")
            return burden_entry_record(**kwargs)

        with (
            mock.patch("jianfu.campaigns.services.burden_entry_record", side_effect=second_fails),
            self.assertRaises(BurdenError),
        ):
            services.campaign_decide(actor=self.officer, campaign=campaign, approve=True, reason="同意")
        campaign.refresh_from_db()
        self.assertEqual((campaign.status, campaign.hours), (CampaignStatus.PENDING, Decimal(0)))
        self.assertEqual(len(calls), 2)
        self.assertFalse(BurdenEntry.objects.exists())  # the first community's entry went too


class SecondmentBurdenTests(PersonaTestCase):
    def test_recorded_secondment_charges_working_days_so_far_then_the_rest_on_return(self):
        today = timezone.localdate()
        start = today - dt.timedelta(days=20)
        row = services.secondment_record(
            actor=self.worker,
            department=self.department,
            community=self.community,
            staff_name="欧阳 晓红",
            started_on=start,
            post="网格员",
        )
        [entry] = BurdenEntry.objects.filter(kind=EntryKind.SECONDMENT)
        days = weekdays_inclusive(start, today)
        self.assertGreater(days, 0)
        self.assertEqual(entry.units, Decimal(days))
        self.assertEqual(entry.hours, Decimal(8 * days))
        self.assertEqual(entry.recorded_by, self.worker)
        self.assertEqual(entry.community_id, self.community.pk)
        row.refresh_from_db()
        self.assertEqual(row.hours, entry.hours)
        services.secondment_end(actor=self.worker, secondment=row, ended_on=today)  # same day: nothing more
        self.assertEqual(BurdenEntry.objects.filter(kind=EntryKind.SECONDMENT).count(), 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.hours), (SecondmentStatus.ENDED, entry.hours))

    def test_return_after_the_recording_adds_the_days_between(self):
        today = timezone.localdate()
        row = services.secondment_record(
            actor=self.officer,
            department=self.department,
            community=self.community,
            staff_name="李敏",
            started_on=today - dt.timedelta(days=40),
        )
        recorded = today - dt.timedelta(days=10)
        Secondment.objects.filter(pk=row.pk).update(
            created_at=timezone.make_aware(dt.datetime.combine(recorded, dt.time(10)))
        )
        services.secondment_end(actor=self.officer, secondment=row, ended_on=today)
        later = BurdenEntry.objects.filter(kind=EntryKind.SECONDMENT).order_by("-id").first()
        extra = weekdays_inclusive(recorded + dt.timedelta(days=1), today)
        self.assertEqual(later.units, Decimal(extra))
        self.assertEqual(later.recorded_by, self.officer)

    def test_street_secondment_is_flagged_but_charges_no_community(self):
        row = services.secondment_record(
            actor=self.officer,
            department=self.department,
            street=self.street,
            staff_name="周强",
            started_on=timezone.localdate() - dt.timedelta(days=3),
        )
        self.assertEqual(row.status, SecondmentStatus.ACTIVE)
        self.assertFalse(BurdenEntry.objects.exists())

    def test_bad_return_date_writes_nothing(self):
        row = services.secondment_record(
            actor=self.worker,
            department=self.department,
            community=self.community,
            staff_name="王芳",
            started_on=timezone.localdate() - dt.timedelta(days=2),
        )
        n = BurdenEntry.objects.count()
        with self.assertRaises(ValidationError):
            services.secondment_end(
                actor=self.worker, secondment=row, ended_on=row.started_on - dt.timedelta(days=1)
            )
        row.refresh_from_db()
        self.assertEqual((row.status, BurdenEntry.objects.count()), (SecondmentStatus.ACTIVE, n))


class CampaignCommandTests(PersonaTestCase):
    def run_cmd(self, *args):
        out = io.StringIO()
        call_command("campaign", *args, stdout=out)
        return out.getvalue()

    def test_register_list_approve_with_a_real_user(self):
        created = json.loads(
            self.run_cmd(
                "register",
                "--department", self.department.code,
                "--title", "创建 平安社区",
                "--kind", "creation",
                "--description", ASKING,
                "--community", self.community.code,
                "--json",
            )
        )  # fmt: skip
        self.assertEqual(created["status"], CampaignStatus.PENDING)
        listed = json.loads(self.run_cmd("list", "--status", "pending", "--json"))
        self.assertEqual([r["id"] for r in listed], [created["id"]])
        approved = json.loads(
            self.run_cmd(
                "approve", str(created["id"]), "--reason", "同意", "--user", self.officer.username, "--json"
            )
        )
        self.assertEqual(approved["status"], CampaignStatus.APPROVED)
        self.assertGreater(Decimal(approved["hours"]), 0)
        entry = BurdenEntry.objects.get(kind=EntryKind.CAMPAIGN)
        self.assertEqual(entry.recorded_by, self.officer)
        mine = json.loads(self.run_cmd("list", "--json", "--user", self.far_worker.username))
        self.assertEqual(mine, [])  # outside the far community's reach

    def test_refuse_needs_the_office_and_a_reason(self):
        campaign = services.campaign_register(
            actor=self.dept_user,
            department=self.department,
            title="达标评比",
            kind="appraisal",
            communities=[self.community],
        )
        with self.assertRaisesMessage(CommandError, "not permitted"):
            self.run_cmd("refuse", str(campaign.pk), "--reason", "x", "--user", self.worker.username)
        with self.assertRaisesMessage(CommandError, "理由"):
            self.run_cmd("refuse", str(campaign.pk), "--reason", "  ")
        out = self.run_cmd("refuse", str(campaign.pk), "--reason", "与已批准活动重复")
        self.assertIn("refused", out)
        with self.assertRaisesMessage(CommandError, "not found"):
            self.run_cmd("approve", "99999", "--reason", "x")
        with self.assertRaisesMessage(CommandError, "department 'NOPE' not found"):
            self.run_cmd("register", "--department", "NOPE", "--title", "x", "--kind", "creation")

    def test_signboards_inventory_order_and_remove(self):
        board = json.loads(
            self.run_cmd(
                "signboard-inventory", "--community", self.community.code, "--name", "禁毒示范社区",
                "--hung-on", "2019-03-01", "--user", self.worker.username, "--json",
            )
        )  # fmt: skip
        self.assertEqual((board["status"], board["approved"]), (SignboardStatus.HUNG, False))
        self.run_cmd(
            "signboard-order-removal", str(board["id"]), "--reason", "无依据", "--user", self.officer.username
        )
        with self.assertRaisesMessage(CommandError, "not found"):
            self.run_cmd("signboard-remove", str(board["id"]), "--user", self.far_worker.username)
        self.run_cmd("signboard-remove", str(board["id"]), "--user", self.worker.username)
        self.assertEqual(Signboard.objects.get(pk=board["id"]).status, SignboardStatus.REMOVED)
        listed = json.loads(self.run_cmd("signboard-list", "--community", self.community.code, "--json"))
        self.assertEqual(listed[0]["removed_on"], timezone.localdate().isoformat())
        with self.assertRaisesMessage(CommandError, "is not a date"):
            self.run_cmd(
                "signboard-inventory", "--community", self.community.code, "--name", "x", "--hung-on", "3/1"
            )

    def test_secondment_record_list_end_masks_the_name(self):
        start = (timezone.localdate() - dt.timedelta(days=9)).isoformat()
        row = json.loads(
            self.run_cmd(
                "secondment", "--department", self.department.code, "--community", self.community.code,
                "--staff", "张晓红", "--started-on", start, "--json",
            )
        )  # fmt: skip
        self.assertTrue(row["flagged"])
        self.assertNotIn("张晓红", json.dumps(row, ensure_ascii=False))
        self.assertGreater(Decimal(row["hours"]), 0)
        text = self.run_cmd("secondment-list")
        self.assertIn("1 secondments", text)
        self.assertNotIn("张晓红", text)
        ended = json.loads(self.run_cmd("secondment-end", str(row["id"]), "--json"))
        self.assertEqual(ended["status"], SecondmentStatus.ENDED)
        with self.assertRaisesMessage(CommandError, "exactly one of"):
            self.run_cmd(
                "secondment", "--department", self.department.code, "--staff", "x", "--started-on", start
            )
        self.assertEqual(Campaign.objects.count(), 0)
