import datetime as dt
import io
import json
from pathlib import Path
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from jianfu.burden.models import BurdenEntry
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing.factories import SYSTEM
from jianfu.gate.choices import TaskStatus
from jianfu.inspections import services
from jianfu.inspections.choices import FindingSeverity, InspectionStatus
from jianfu.inspections.models import AnnualPlan, Inspection, InspectionRules
from jianfu.inspections.planfile import PlanFileError, plan_load
from jianfu.inspections.selectors import dashboard

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "inspection-plan-mzj.yaml"
PLAN = """\
department: MZJ
year: 2026
inspections:
  - ref: A
    title: 综合检查
    kind: check
    comprehensive: true
    communities: all
    window: [2026-11-16, 2026-11-20]
    materials: [低保名册, 工作照片]
  - ref: B
    title: 调研
    kind: research
    communities: ["420102001001"]
    window: [2026-12-14, 2026-12-15]
"""
TODAY = dt.date(2026, 10, 1)


class PlanLoadTests(PersonaTestCase):
    def load(self, text, **kw):
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=TODAY):
            return plan_load(actor=SYSTEM, text=text, name="plan.yaml", **kw)

    def test_loads_and_is_idempotent(self):
        result = self.load(PLAN)
        self.assertEqual([i.plan_ref for i in result.created], ["A", "B"])
        self.assertTrue(all(i.status == InspectionStatus.ADMITTED for i in result.created))
        self.assertEqual(result.created[0].targets.count(), 3)
        again = self.load(PLAN)
        self.assertEqual(again.created, [])
        self.assertEqual(again.unchanged, ["A", "B"])
        self.assertEqual(Inspection.objects.count(), 2)

    def test_errors_have_line_numbers_and_nothing_is_written(self):
        bad = PLAN.replace("kind: research", "kind: visit").replace('["420102001001"]', '["999"]')
        bad += "  - ref: C\n    title: 坏日期\n    kind: check\n    communities: all\n    window: [2026-13-01, 2026-12-01]\n"
        with self.assertRaises(PlanFileError) as ctx:
            self.load(bad)
        errors = ctx.exception.errors
        self.assertTrue(
            any(e.startswith("plan.yaml:14:") and "999" in e for e in errors), errors
        )  # communities of B
        self.assertTrue(any(e.startswith("plan.yaml:20:") for e in errors), errors)  # window of C
        self.assertEqual(Inspection.objects.count(), 0)
        self.assertEqual(AnnualPlan.objects.count(), 0)

    def test_gate_errors_are_reported_with_lines(self):
        bad = PLAN.replace(
            "    materials: [低保名册, 工作照片]\n", "    materials: [低保名册]\n    unannounced: true\n"
        )
        with self.assertRaises(PlanFileError) as ctx:
            self.load(bad)
        self.assertIn("plan.yaml:4:", ctx.exception.errors[0])
        self.assertIn("法律依据", ctx.exception.errors[0])

    def test_not_yaml_and_wrong_department(self):
        with self.assertRaises(PlanFileError):
            self.load("department: [\n")
        with self.assertRaises(PlanFileError) as ctx:
            self.load(PLAN.replace("MZJ", "NOPE"))
        self.assertIn("NOPE", ctx.exception.errors[0])
        with self.assertRaises(PlanFileError):
            self.load(PLAN, department=self.street_department)

    def test_cli_loads_the_example(self):
        out = io.StringIO()
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=TODAY):
            call_command("inspection", "plan-load", str(EXAMPLE), "--json", stdout=out)
        data = json.loads(out.getvalue())
        self.assertEqual(data["department"], "MZJ")
        self.assertEqual(len(data["created"]), 2)
        with self.assertRaises(CommandError):
            call_command("inspection", "plan-load", "/nonexistent.yaml")


class ResultsTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = AnnualPlan.objects.create(department=cls.department, year=2026)
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=dt.date(2026, 1, 5)):
            cls.visit = services.inspection_register(
                actor=cls.dept_user,
                department=cls.department,
                plan=plan,
                today=dt.date(2026, 1, 5),
                visit=services.VisitInput(
                    title="民政检查",
                    kind="check",
                    communities=[cls.community, cls.other_community],
                    window_start=dt.date(2026, 3, 2),
                    window_end=dt.date(2026, 3, 4),
                    materials=["低保名册", "证明台账", "工作照片"],
                ),
            )

    def test_finding_rectification_goes_through_the_gate(self):
        finding = services.finding_record(
            actor=self.dept_user,
            inspection=self.visit,
            community=self.community,
            text="低保复核不及时",
            severity=FindingSeverity.RECTIFY,
            rectification="新建低保复核台账，每月报送",
        )
        self.assertIsNotNone(finding.task)
        self.assertEqual(finding.task.targets.get().community, self.community)
        # a new ledger is not something a finding can impose: the gate sends it to the 减负办
        self.assertEqual(finding.task.status, TaskStatus.PENDING_APPROVAL)
        with self.assertRaises(ValidationError):
            services.finding_record(
                actor=self.dept_user,
                inspection=self.visit,
                community=self.far_community,
                text="x",
                severity="note",
            )
        with self.assertRaises(OutOfScope):
            services.finding_record(
                actor=self.worker, inspection=self.visit, community=self.community, text="x", severity="note"
            )

    def test_inspector_grant_scope_and_expiry(self):
        inspector = type(self.worker).objects.create_user(username="insp", password="x", role="inspector")
        self.assertFalse(Inspection.objects.restrict(inspector).exists())
        # the March visit is over: a grant on it is already expired
        services.inspector_grant(actor=self.dept_user, inspection=self.visit, user=inspector)
        self.assertFalse(Inspection.objects.restrict(inspector).exists())
        today = timezone.localdate()
        upcoming = services.inspection_register(
            actor=self.dept_user,
            department=self.department,
            plan=self.visit.plan,
            visit=services.VisitInput(
                title="即将进行的检查",
                kind="check",
                communities=[self.community],
                window_start=today + dt.timedelta(days=20),
                window_end=today + dt.timedelta(days=21),
            ),
        )
        services.inspection_decide(
            actor=self.officer, inspection=upcoming, admit=True, reason="年底前必须完成"
        ) if upcoming.status == "pending_office" else None
        grant = services.inspector_grant(actor=self.dept_user, inspection=upcoming, user=inspector)
        self.assertEqual(list(Inspection.objects.restrict(inspector)), [upcoming])
        self.assertFalse(Inspection.objects.restrict(inspector, "change").exists())
        grant.expires_at = grant.granted_at
        grant.save(update_fields=["expires_at"])
        self.assertFalse(Inspection.objects.restrict(inspector).exists())
        with self.assertRaises(ValidationError):
            services.inspector_grant(actor=self.dept_user, inspection=self.visit, user=self.worker)

    def test_rating_and_completion_land_in_burden_ledger_and_dashboard(self):
        with self.assertRaises(OutOfScope):
            services.visit_rate(actor=self.officer, inspection=self.visit, duration="half_day", usefulness=4)
        with self.assertRaises(ValidationError):
            services.visit_rate(
                actor=self.far_worker, inspection=self.visit, duration="half_day", usefulness=4
            )
        services.visit_rate(
            actor=self.worker, inspection=self.visit, duration="half_day", usefulness=4, comment="材料包省事"
        )
        with self.assertRaises(ValidationError):
            services.visit_rate(actor=self.head, inspection=self.visit, duration="half_day", usefulness=4)
        services.inspection_complete(actor=self.dept_user, inspection=self.visit)
        entries = BurdenEntry.objects.filter(source_ref=f"inspections.visit:{self.visit.pk}")
        self.assertEqual(entries.count(), 2)
        manual, package = services.preparation_hours(self.visit)
        self.assertEqual(manual, 4)  # two mapped materials × 2 h; the photos were refused
        self.assertEqual(package, manual.__class__("0.25"))
        self.assertEqual(entries.first().saved_hours, manual - package)
        rows = {
            r.community.code: r
            for r in dashboard(self.district_officer, year=2026, today=dt.date(2026, 3, 10))
        }
        mine = rows[self.community.code]
        self.assertEqual(mine.visits, 1)
        self.assertEqual(mine.traces_refused, 1)
        self.assertEqual(mine.prep_manual, 4)
        self.assertFalse(mine.rebound)
        self.assertEqual(rows[self.far_community.code].visits, 0)
        self.assertEqual(
            dashboard(self.worker, year=2026, today=dt.date(2026, 3, 10))[0].community, self.community
        )
        self.assertEqual(len(dashboard(self.worker, year=2026)), 1)

    def test_plain_rectification_is_admitted_when_on_the_lists(self):
        finding = services.finding_record(
            actor=self.dept_user,
            inspection=self.visit,
            community=self.community,
            text="个别低保对象入户调查未完成",
            severity=FindingSeverity.RECTIFY,
            rectification="完成低保入户调查和公示",
        )
        self.assertIn(finding.task.status, (TaskStatus.ADMITTED, TaskStatus.PENDING_APPROVAL))
        self.assertEqual(finding.task.kind, "general")


class ReboundTests(PersonaTestCase):
    def test_visits_climbing_raise_the_alert_on_the_office_page(self):
        from django.urls import reverse

        last = AnnualPlan.objects.create(department=self.department, year=2025)
        this = AnnualPlan.objects.create(department=self.department, year=2026)
        InspectionRules.objects.create(
            district=self.district,
            per_community_per_year=10,
            per_department_per_year=10,
            comprehensive_per_department=5,
            notice_working_days=0,
            rebound_ratio="0.25",
        )

        def visit(plan, day, n):
            return services.inspection_register(
                actor=self.dept_user,
                department=self.department,
                plan=plan,
                today=day - dt.timedelta(days=30),
                visit=services.VisitInput(
                    title=f"检查{n}",
                    kind="check",
                    communities=[self.community],
                    window_start=day,
                    window_end=day,
                ),
            )

        visit(last, dt.date(2025, 2, 3), 0)
        for n in range(3):
            visit(this, dt.date(2026, 2, 2 + n), n + 1)
        rows = {
            r.community.pk: r for r in dashboard(self.district_officer, year=2026, today=dt.date(2026, 3, 1))
        }
        self.assertTrue(rows[self.community.pk].rebound)
        self.assertEqual(rows[self.community.pk].last_year_to_date, 1)
        self.assertFalse(rows[self.other_community.pk].rebound)
        page = self.client_for(self.officer).get(reverse("inspections:list") + "?year=2026")
        self.assertContains(page, "检查回升提醒")
