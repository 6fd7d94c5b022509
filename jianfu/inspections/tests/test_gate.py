import datetime as dt
from unittest import mock

from django.core.exceptions import ValidationError

from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.inspections import services
from jianfu.inspections.choices import InspectionStatus, MaterialStatus, Reception, Route
from jianfu.inspections.models import AnnualPlan, Inspection, InspectionRules
from jianfu.inspections.services import VisitInput

TODAY = dt.date(2026, 3, 2)


def visit(communities, start=dt.date(2026, 4, 13), end=dt.date(2026, 4, 15), **kw):
    return VisitInput(
        title=kw.pop("title", "民政专项检查"),
        kind=kw.pop("kind", "check"),
        communities=communities,
        window_start=start,
        window_end=end,
        **kw,
    )


class GateTests(PersonaTestCase):
    def plan(self):
        return AnnualPlan.objects.create(department=self.department, year=2026)

    def register(self, v, plan=None, actor=None, today=TODAY):
        return services.inspection_register(
            actor=actor or self.dept_user, department=self.department, visit=v, plan=plan, today=today
        )

    def test_in_plan_within_caps_is_admitted(self):
        i = self.register(visit([self.community]), plan=self.plan())
        self.assertEqual(i.status, InspectionStatus.ADMITTED)
        self.assertEqual(i.route, Route.IN_PLAN)
        self.assertEqual(i.reception, Reception.ZERO)
        self.assertEqual(i.transitions.count(), 1)
        self.assertIsNotNone(i.announce_by)
        self.assertLess(i.announce_by, i.window_start)

    def test_outside_plan_goes_to_office_who_refuses_with_reason(self):
        i = self.register(visit([self.community]))
        self.assertEqual(i.status, InspectionStatus.PENDING_OFFICE)
        self.assertEqual(i.route, Route.OUTSIDE_PLAN)
        with self.assertRaises(ValidationError):
            services.inspection_decide(actor=self.officer, inspection=i, admit=False, reason="  ")
        with self.assertRaises(OutOfScope):
            services.inspection_decide(actor=self.worker, inspection=i, admit=False, reason="不行")
        services.inspection_decide(
            actor=self.officer, inspection=i, admit=False, reason="与区民政局综合检查重复"
        )
        i.refresh_from_db()
        self.assertEqual(i.status, InspectionStatus.REFUSED)
        self.assertEqual(i.transitions.count(), 2)

    def test_far_office_cannot_decide(self):
        i = self.register(visit([self.community]))
        far_officer = type(self.officer).objects.create_user(
            username="faroff",
            password="x",
            role="street_office",
            street=self.other_street,
            district=self.district,
        )
        with self.assertRaises(OutOfScope):
            services.inspection_decide(actor=far_officer, inspection=i, admit=True, reason="ok")

    def test_community_cap_sends_to_office(self):
        InspectionRules.objects.create(
            district=self.district,
            per_community_per_year=2,
            per_department_per_year=5,
            comprehensive_per_department=1,
            notice_working_days=5,
            rebound_ratio="0.25",
        )
        plan = self.plan()
        for n in range(2):
            first = self.register(visit([self.community], title=f"检查{n}"), plan=plan)
            self.assertEqual(first.status, InspectionStatus.ADMITTED)
        third = self.register(visit([self.community, self.other_community], title="检查3"), plan=plan)
        self.assertEqual(third.status, InspectionStatus.PENDING_OFFICE)
        self.assertEqual(third.route, Route.OVER_CAP)
        self.assertTrue(any("民意社区" in r for r in third.reasons))
        self.assertFalse(any("永红社区" in r for r in third.reasons))

    def test_second_comprehensive_is_over_cap(self):
        plan = self.plan()
        self.register(visit([self.community], comprehensive=True), plan=plan)
        second = self.register(visit([self.far_community], comprehensive=True, title="第二次综合"), plan=plan)
        self.assertEqual(second.route, Route.OVER_CAP)

    def test_refused_and_merged_do_not_count(self):
        plan = self.plan()
        a = self.register(visit([self.community], title="A"))
        services.inspection_decide(actor=self.officer, inspection=a, admit=False, reason="计划外")
        self.assertEqual(services.community_visit_counts([self.community], 2026), {})
        b = self.register(visit([self.community], title="B"), plan=plan)
        self.assertEqual(services.community_visit_counts([self.community], 2026), {self.community.pk: 1})
        self.assertEqual(b.status, InspectionStatus.ADMITTED)

    def test_emergency_admitted_flagged_reviewed_after(self):
        i = self.register(
            visit(
                [self.community], emergency=True, emergency_reason="汛期安全隐患排查", start=TODAY, end=TODAY
            )
        )
        self.assertEqual(i.status, InspectionStatus.ADMITTED)
        self.assertIn("emergency_review", i.flags)
        with self.assertRaises(ValidationError):
            self.register(visit([self.community], emergency=True))
        services.inspection_review_emergency(actor=self.officer, inspection=i, note="确属汛期应急")
        i.refresh_from_db()
        self.assertIsNotNone(i.emergency_reviewed_at)

    def test_short_notice_goes_to_office(self):
        i = self.register(
            visit([self.community], start=dt.date(2026, 3, 4), end=dt.date(2026, 3, 5)), plan=self.plan()
        )
        self.assertEqual(i.route, Route.SHORT_NOTICE)
        self.assertIn("short_notice", i.flags)

    def test_unannounced_needs_legal_basis_and_is_flagged(self):
        with self.assertRaises(ValidationError) as ctx:
            self.register(visit([self.community], unannounced=True))
        self.assertIn("legal_basis", ctx.exception.message_dict)
        i = self.register(
            visit([self.community], unannounced=True, legal_basis="《中华人民共和国安全生产法》第六十五条"),
            plan=self.plan(),
        )
        self.assertIn("unannounced", i.flags)
        self.assertIsNone(i.announce_by)

    def test_reception_deviation_needs_reason(self):
        with self.assertRaises(ValidationError):
            self.register(visit([self.community], reception=Reception.DEVIATION))
        i = self.register(
            visit([self.community], reception=Reception.DEVIATION, reception_reason="需社区带路入户")
        )
        self.assertIn("reception_deviation", i.flags)

    def test_bad_input_writes_nothing(self):
        cases = [
            visit([]),
            visit([self.community], start=dt.date(2026, 4, 15), end=dt.date(2026, 4, 13)),
            visit([self.community], kind="inspection-ish"),
            visit([self.community], items=["ZZ99"]),
            visit([self.community], title=""),
            visit([self.community], expected_hours="很多"),
        ]
        for v in cases:
            with self.assertRaises(ValidationError):
                self.register(v)
        self.assertEqual(Inspection.objects.count(), 0)

    def test_street_department_cannot_inspect_other_street(self):
        with self.assertRaises(ValidationError):
            services.inspection_register(
                actor=self.street_dept_user,
                department=self.street_department,
                visit=visit([self.far_community]),
                today=TODAY,
            )

    def test_only_own_department_registers(self):
        with self.assertRaises(OutOfScope):
            services.inspection_register(
                actor=self.street_dept_user,
                department=self.department,
                visit=visit([self.community]),
                today=TODAY,
            )

    def test_trace_demands_refused_and_unmapped_need_justification(self):
        i = self.register(
            visit(
                [self.community],
                materials=[
                    "低保对象名册",
                    "入户走访工作照片",
                    "会议签到表",
                    "迎检资料汇编成册",
                    "社区党建特色亮点",
                ],
            )
        )
        statuses = {m.text: m.status for m in i.materials.all()}
        self.assertEqual(statuses["低保对象名册"], MaterialStatus.MAPPED)
        self.assertEqual(statuses["入户走访工作照片"], MaterialStatus.TRACE_REFUSED)
        self.assertEqual(statuses["会议签到表"], MaterialStatus.TRACE_REFUSED)
        self.assertEqual(statuses["迎检资料汇编成册"], MaterialStatus.TRACE_REFUSED)
        self.assertEqual(statuses["社区党建特色亮点"], MaterialStatus.NEEDS_JUSTIFICATION)
        refused = i.materials.get(text="入户走访工作照片")
        self.assertIn("留痕", refused.justification)
        self.assertIn("traces_refused", i.flags)
        unmapped = i.materials.get(text="社区党建特色亮点")
        with self.assertRaises(OutOfScope):
            services.material_justify(actor=self.worker, material=unmapped, justification="x")
        services.material_justify(
            actor=self.dept_user, material=unmapped, justification="上级党建考核明确要求"
        )
        services.material_decide(
            actor=self.officer, material=unmapped, accept=False, note="可从居民议事记录反映，不另行准备"
        )
        unmapped.refresh_from_db()
        self.assertEqual(unmapped.status, MaterialStatus.REFUSED)


class MergeTests(PersonaTestCase):
    def test_office_merges_overlapping_visits_into_joint(self):
        plan = AnnualPlan.objects.create(department=self.department, year=2026)
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=TODAY):
            a = services.inspection_register(
                actor=self.dept_user,
                department=self.department,
                plan=plan,
                today=TODAY,
                visit=visit([self.community, self.other_community], materials=["低保名册"], items=["A01"]),
            )
            b = services.inspection_register(
                actor=self.street_dept_user,
                department=self.street_department,
                today=TODAY,
                visit=visit(
                    [self.community],
                    start=dt.date(2026, 4, 14),
                    end=dt.date(2026, 4, 20),
                    title="平安建设检查",
                    materials=["低保名册", "综治台账"],
                ),
            )
        from jianfu.inspections.selectors import merge_proposals

        proposals = merge_proposals(self.officer, year=2026)
        self.assertEqual([(p.first.pk, p.second.pk) for p in proposals], [(a.pk, b.pk)])
        joint = services.inspections_merge(
            actor=self.officer,
            inspections=[a, b],
            title="民政与平安建设联合检查",
            window_start=dt.date(2026, 4, 14),
            window_end=dt.date(2026, 4, 15),
            reason="同一社区、时段重叠",
        )
        a.refresh_from_db()
        b.refresh_from_db()
        self.assertEqual((a.status, b.status), (InspectionStatus.MERGED, InspectionStatus.MERGED))
        self.assertEqual(a.merged_into, joint)
        self.assertTrue(joint.joint)
        self.assertEqual(
            sorted(joint.targets.values_list("community__code", flat=True)),
            sorted([self.community.code, self.other_community.code]),
        )
        self.assertEqual(list(joint.materials.values_list("text", flat=True)), ["低保名册", "综治台账"])
        self.assertEqual(services.community_visit_counts([self.community], 2026), {self.community.pk: 1})
        # the street department sees the joint visit it takes part in
        self.assertTrue(Inspection.objects.restrict(self.street_dept_user).filter(pk=joint.pk).exists())
        with self.assertRaises(ValidationError):
            services.inspections_merge(
                actor=self.officer,
                inspections=[a, joint],
                title="x",
                window_start=TODAY,
                window_end=TODAY,
                reason="x",
            )


class ListPageReadsTests(PersonaTestCase):
    """The list page's lighter reads give what the full ones give."""

    def setUp(self):
        super().setUp()
        InspectionRules.objects.create(
            district=self.district,
            per_community_per_year=1,
            per_department_per_year=9,
            comprehensive_per_department=9,
            notice_working_days=5,
            rebound_ratio="0.25",
        )
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=TODAY):
            for n, communities in enumerate(([self.community, self.other_community], [self.community])):
                services.inspection_register(
                    actor=self.dept_user,
                    department=self.department,
                    today=TODAY,
                    visit=visit(communities, title=f"检查{n}", items=["A01"]),
                )
        Inspection.objects.update(status=InspectionStatus.ADMITTED)

    def test_over_cap_is_the_dashboards_over_cap_rows(self):
        from jianfu.inspections.selectors import dashboard, over_cap

        full = [(r.community.pk, r.visits, r.cap) for r in dashboard(self.officer, year=2026) if r.over_cap]
        light = [(r.community_id, r.visits, r.cap) for r in over_cap(self.officer, year=2026)]
        self.assertEqual(light, full)
        self.assertEqual(light, [(self.community.pk, 2, 1)])
        self.assertEqual(over_cap(self.far_worker, year=2026), [])

    def test_over_cap_reads_fresh_counts_through_its_compiled_query(self):
        from jianfu.inspections.selectors import over_cap

        self.assertEqual(
            [(r.community_name, r.visits) for r in over_cap(self.officer, year=2026)],
            [(self.community.name, 2)],
        )
        Inspection.objects.filter(title="检查1").update(status=InspectionStatus.REFUSED)
        self.assertEqual(over_cap(self.officer, year=2026), [])
        self.assertEqual(over_cap(self.officer, year=2025), [])

    def test_list_page_names_the_community_over_cap(self):
        self.client.force_login(self.officer)
        response = self.client.get("/inspections/?year=2026", HTTP_ACCEPT_LANGUAGE="zh-hans")
        self.assertContains(response, f"<strong>{self.community.name}</strong>")
        self.assertContains(response, "本年2次，超过上限1次", count=1)

    def test_proposals_from_the_listed_visits_equal_a_fresh_read(self):
        from jianfu.inspections.selectors import merge_proposals, visit_rows

        def pairs(proposals):
            return [
                (p.first.pk, p.second.pk, p.communities, p.window_overlap, p.shared_items) for p in proposals
            ]

        for user in (self.officer, self.district_officer):
            listed = visit_rows(user, year=2026)
            fresh = pairs(merge_proposals(user, year=2026))
            self.assertEqual(pairs(merge_proposals(user, year=2026, listed=listed)), fresh)
            self.assertEqual(len(fresh), 1)
        self.assertEqual(merge_proposals(self.officer, year=2025, listed=[]), [])
