import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jianfu.burden import services
from jianfu.burden.choices import AlertStatus, EntryKind
from jianfu.burden.models import (
    BurdenEntry,
    CommunityMonth,
    DepartmentMonth,
    MonthlyBurden,
    ReboundAlert,
    UnitTime,
)
from jianfu.burden.services import BurdenError
from jianfu.burden.tests.helpers import hours, record
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f


class EstimateTests(PersonaTestCase):
    def test_standard_cost_model(self):
        # 480 min × 2 units × 1 × 3 people / 60 = 48 h
        entry = record(self.community, kind=EntryKind.INSPECTION, units=2, people=3)
        self.assertEqual(entry.minutes_per_unit, Decimal(480))
        self.assertEqual(entry.hours, hours(48))
        self.assertEqual(entry.month, dt.date(2026, 5, 1))

    def test_not_imposed_records_zero_hours_and_saved(self):
        entry = record(
            self.community,
            kind=EntryKind.DATA_REQUEST,
            units=1000,
            imposed=False,
            saved_hours=Decimal("8.33"),
        )
        self.assertEqual(entry.hours, 0)
        self.assertEqual(entry.saved_hours, hours("8.33"))

    def test_fill_saved_hours(self):
        self.assertEqual(services.fill_saved_hours(rows=120, fields=10), hours("10"))

    def test_record_is_audited(self):
        entry = record(self.community, department=self.department)
        event = AuditEvent.objects.get(object_type="burden.burdenentry", object_id=str(entry.pk))
        self.assertEqual(event.community, self.community)

    def test_bad_input_writes_nothing(self):
        for kw in (
            {"kind": "nonsense"},
            {"title": "  "},
            {"units": -1},
            {"people": 0},
            {"units": "abc"},
            {"frequency": 10**9},
        ):
            with self.subTest(kw=kw), self.assertRaises(BurdenError):
                record(self.community, **kw)
        self.assertFalse(BurdenEntry.objects.exists())
        self.assertFalse(MonthlyBurden.objects.exists())

    def test_department_of_another_district_is_refused(self):
        from jianfu.orgs.models import Department, District

        other = District.objects.create(code="420103", name="江汉区")
        foreign = Department.objects.create(district=other, code="MZJ", name="江汉区民政局", level="district")
        with self.assertRaises(BurdenError):
            record(self.community, department=foreign)


class ManualEntryTests(PersonaTestCase):
    def test_worker_records_own_community(self):
        entry = services.burden_entry_record_manual(
            actor=self.worker,
            community=self.community,
            kind=EntryKind.MEETING,
            title="创文推进会",
            occurred_on=dt.date(2026, 5, 3),
            department=self.department,
            units=1,
            frequency=4,
            people=2,
        )
        self.assertEqual(entry.hours, hours(16))  # 120 × 1 × 4 × 2 / 60
        self.assertEqual(entry.recorded_by, self.worker)

    def test_outsider_and_automatic_kinds_refused(self):
        with self.assertRaises(BurdenError):
            services.burden_entry_record_manual(
                actor=self.other_worker,
                community=self.community,
                kind=EntryKind.MEETING,
                title="x",
                occurred_on=dt.date(2026, 5, 3),
            )
        with self.assertRaises(BurdenError):
            services.burden_entry_record_manual(
                actor=self.worker,
                community=self.community,
                kind=EntryKind.FILL,
                title="x",
                occurred_on=dt.date(2026, 5, 3),
            )
        with self.assertRaises(BurdenError):
            services.burden_entry_record_manual(
                actor=self.dept_user,
                community=self.community,
                kind=EntryKind.MEETING,
                title="x",
                occurred_on=dt.date(2026, 5, 3),
            )
        self.assertFalse(BurdenEntry.objects.exists())

    def test_street_officer_records_for_street(self):
        entry = services.burden_entry_record_manual(
            actor=self.officer,
            community=self.other_community,
            kind=EntryKind.SIGNBOARD,
            title="挂牌",
            occurred_on=dt.date(2026, 5, 3),
        )
        self.assertEqual(entry.community, self.other_community)
        with self.assertRaises(BurdenError):
            services.burden_entry_record_manual(
                actor=self.officer,
                community=self.far_community,
                kind=EntryKind.SIGNBOARD,
                title="挂牌",
                occurred_on=dt.date(2026, 5, 3),
            )


class CorrectionTests(PersonaTestCase):
    def test_correct_keeps_estimate_and_audits(self):
        entry = record(self.community, department=self.department)
        services.burden_entry_correct(actor=self.worker, entry=entry, hours="20", reason="补做三年台账")
        entry.refresh_from_db()
        self.assertEqual(entry.hours, hours(8))
        self.assertEqual(entry.corrected_hours, hours(20))
        self.assertEqual(entry.effective_hours, hours(20))
        self.assertEqual(entry.corrected_by, self.worker)
        event = AuditEvent.objects.filter(object_id=str(entry.pk), action="update").get()
        self.assertEqual(event.detail["reason"], "补做三年台账")
        bucket = MonthlyBurden.objects.get(community=self.community, department=self.department)
        self.assertEqual(bucket.imposed_hours, hours(20))

    def test_correct_bad_input(self):
        entry = record(self.community)
        for kw in (
            {"hours": "-1", "reason": "x"},
            {"hours": "5", "reason": " "},
            {"hours": "x", "reason": "y"},
            {"hours": "5", "reason": "长" * 501},
        ):
            with self.subTest(kw=kw), self.assertRaises(BurdenError):
                services.burden_entry_correct(actor=self.worker, entry=entry, **kw)
        with self.assertRaises(BurdenError):
            services.burden_entry_correct(actor=self.other_worker, entry=entry, hours="1", reason="x")
        with self.assertRaises(BurdenError):
            services.burden_entry_correct(actor=self.dept_user, entry=entry, hours="1", reason="x")
        entry.refresh_from_db()
        self.assertIsNone(entry.corrected_hours)


class UnitTimeTests(PersonaTestCase):
    def test_set_affects_new_entries_only(self):
        old = record(self.community, kind=EntryKind.MEETING)
        services.unit_time_set(
            actor=self.officer, kind=EntryKind.MEETING, minutes_per_unit="90", basis="实测"
        )
        new = record(self.community, kind=EntryKind.MEETING)
        old.refresh_from_db()
        self.assertEqual(old.minutes_per_unit, Decimal(120))
        self.assertEqual(new.minutes_per_unit, Decimal(90))
        self.assertEqual(new.hours, hours("1.5"))
        self.assertEqual(UnitTime.objects.get(kind="meeting").updated_by, self.officer)
        self.assertTrue(AuditEvent.objects.filter(object_type="burden.unittime", action="update").exists())

    def test_only_burden_office(self):
        for user in (self.worker, self.head, self.dept_user, self.resident):
            with self.subTest(user=user.username), self.assertRaises(BurdenError):
                services.unit_time_set(actor=user, kind=EntryKind.MEETING, minutes_per_unit="1")
        for value in ("0", "-5", "abc", "99999"):
            with self.subTest(value=value), self.assertRaises(BurdenError):
                services.unit_time_set(
                    actor=self.district_officer, kind=EntryKind.MEETING, minutes_per_unit=value
                )
        self.assertEqual(UnitTime.objects.get(kind="meeting").minutes_per_unit, Decimal(120))


class RollupTests(PersonaTestCase):
    def test_refused_tasks_are_avoided_not_imposed(self):
        record(self.community, kind=EntryKind.TASK_REFUSED, department=self.department)
        record(self.community, kind=EntryKind.TASK_ADMITTED, department=self.department, outside_lists=True)
        bucket = MonthlyBurden.objects.get()
        self.assertEqual(bucket.imposed_hours, hours(4))
        self.assertEqual(bucket.outside_hours, hours(4))
        self.assertEqual(bucket.refusals, 1)
        self.assertEqual(bucket.refused_hours, hours(4))
        self.assertEqual(bucket.entries, 2)

    def test_rebuild_equals_incremental(self):
        record(self.community, department=self.department)
        record(self.community, department=None, on=dt.date(2026, 4, 2))
        record(self.far_community, kind=EntryKind.FILL, imposed=False, saved_hours=Decimal(3))
        before = sorted(
            MonthlyBurden.objects.values_list(
                "community_id", "department_id", "month", "entries", "imposed_hours", "saved_hours"
            ),
            key=str,
        )
        self.assertEqual(services.rollup_rebuild(), 3)
        after = sorted(
            MonthlyBurden.objects.values_list(
                "community_id", "department_id", "month", "entries", "imposed_hours", "saved_hours"
            ),
            key=str,
        )
        self.assertEqual(before, after)


class RollupPropertyTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = f.org_tree()

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 2),
                st.booleans(),
                st.integers(1, 6),
                st.sampled_from(
                    [EntryKind.INSPECTION, EntryKind.TASK_REFUSED, EntryKind.MEETING, EntryKind.FILL]
                ),
                st.booleans(),
                st.integers(0, 50),
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_rollup_matches_ledger(self, rows):
        communities = [self.org["community"], self.org["other_community"], self.org["far_community"]]
        entries = []
        for c, with_dept, month, kind, outside, corr in rows:
            entries.append(
                record(
                    communities[c],
                    kind=kind,
                    department=self.org["department"] if with_dept else None,
                    on=dt.date(2026, month, 3),
                    outside_lists=outside,
                )
            )
            if corr % 3 == 0:
                services.burden_entry_correct(actor=_office(), entry=entries[-1], hours=corr, reason="r")
        for e in BurdenEntry.objects.all():
            imposed = sum(
                (
                    x.effective_hours
                    for x in BurdenEntry.objects.filter(
                        community=e.community, department=e.department, month=e.month
                    )
                    if x.kind != "task_refused"
                ),
                Decimal(0),
            )
            bucket = MonthlyBurden.objects.get(community=e.community, department=e.department, month=e.month)
            self.assertEqual(bucket.imposed_hours, imposed)
        self.assertEqual(MonthlyBurden.objects.aggregate(n=Sum("entries"))["n"], BurdenEntry.objects.count())
        for level in CommunityMonth.objects.all():
            fine = MonthlyBurden.objects.filter(community=level.community, month=level.month)
            self.assertEqual(level.imposed_hours, fine.aggregate(h=Sum("imposed_hours"))["h"])
            self.assertEqual(level.entries, fine.aggregate(n=Sum("entries"))["n"])
        for level in DepartmentMonth.objects.all():
            fine = MonthlyBurden.objects.filter(
                department=level.department, community__street=level.street, month=level.month
            )
            self.assertEqual(level.refusals, fine.aggregate(n=Sum("refusals"))["n"])
        snapshot = sorted(
            CommunityMonth.objects.values_list("community_id", "month", "imposed_hours", "entries")
        )
        services.rollup_rebuild()
        self.assertEqual(
            snapshot,
            sorted(CommunityMonth.objects.values_list("community_id", "month", "imposed_hours", "entries")),
        )
        BurdenEntry.objects.all().delete()
        MonthlyBurden.objects.all().delete()
        CommunityMonth.objects.all().delete()
        DepartmentMonth.objects.all().delete()
        ReboundAlert.objects.all().delete()


def _office():
    from jianfu.accounts.models import User
    from jianfu.orgs.models import District

    user = User.objects.filter(username="dofficer-h").first()
    return user or f.user("dofficer-h", "district_office", district=District.objects.first())


class ReboundTests(PersonaTestCase):
    def _history(self, community, department, per_month=2):
        for month in (2, 3, 4):
            for _i in range(per_month):
                record(community, department=department, on=dt.date(2026, month, 5))  # 8 h each

    def test_rise_above_baseline_opens_alert_with_entries(self):
        self._history(self.community, self.department)  # 16 h a month
        record(self.community, department=self.department, on=dt.date(2026, 5, 5))
        record(self.community, department=self.department, on=dt.date(2026, 5, 6))
        self.assertFalse(ReboundAlert.objects.exists())  # 16 h = baseline
        record(self.community, department=self.department, on=dt.date(2026, 5, 7), title="加码检查")  # 24 h
        alert = ReboundAlert.objects.get(subject="community")
        self.assertEqual(alert.community, self.community)
        self.assertEqual(alert.month, dt.date(2026, 5, 1))
        self.assertEqual(alert.baseline, hours(16))
        self.assertEqual(alert.threshold, hours("19.2"))
        self.assertEqual(alert.hours, hours(24))
        self.assertEqual(alert.status, AlertStatus.OPEN)
        dept_alert = ReboundAlert.objects.get(subject="department")
        self.assertEqual(dept_alert.department, self.department)

    def test_correction_clears_and_settings_apply(self):
        self._history(self.community, None)
        extra = record(self.community, on=dt.date(2026, 5, 5), units=3)  # 24 h vs 16 baseline
        alert = ReboundAlert.objects.get()
        services.burden_entry_correct(actor=self.worker, entry=extra, hours="10", reason="实际只用了一天多")
        alert.refresh_from_db()
        self.assertEqual(alert.status, AlertStatus.CLEARED)
        services.rebound_settings_set(
            actor=self.district_officer,
            district=self.district,
            window_months=3,
            rise_percent="0",
            min_hours="1",
        )
        services.burden_entry_correct(actor=self.worker, entry=extra, hours="17", reason="补记")
        alert.refresh_from_db()
        self.assertEqual(alert.status, AlertStatus.OPEN)

    def test_no_history_no_alert(self):
        record(self.community, on=dt.date(2026, 5, 5), units=10)
        self.assertFalse(ReboundAlert.objects.exists())

    def test_acknowledge(self):
        self._history(self.community, None)
        record(self.community, on=dt.date(2026, 5, 5), units=4)
        alert = ReboundAlert.objects.get()
        with self.assertRaises(BurdenError):
            services.rebound_alert_acknowledge(actor=self.worker, alert=alert)
        with self.assertRaises(BurdenError):  # another street's office
            other = f.user("officer2", "street_office", street=self.other_street)
            services.rebound_alert_acknowledge(actor=other, alert=alert)
        services.rebound_alert_acknowledge(actor=self.officer, alert=alert, note="已约谈")
        alert.refresh_from_db()
        self.assertEqual(alert.status, AlertStatus.ACKNOWLEDGED)
        self.assertEqual(alert.acknowledged_by, self.officer)
        self.assertTrue(
            AuditEvent.objects.filter(object_type="burden.reboundalert", action="review").exists()
        )
        with self.assertRaises(BurdenError):
            services.rebound_alert_acknowledge(actor=self.officer, alert=alert)

    def test_settings_bad_input(self):
        for kw in ({"window_months": 0}, {"window_months": 13}, {"rise_percent": "-1"}, {"min_hours": "x"}):
            params = {"window_months": 3, "rise_percent": "20", "min_hours": "8", **kw}
            with self.subTest(kw=kw), self.assertRaises(BurdenError):
                services.rebound_settings_set(actor=self.district_officer, district=self.district, **params)
        with self.assertRaises(BurdenError):
            services.rebound_settings_set(
                actor=self.worker, district=self.district, window_months=3, rise_percent="20", min_hours="8"
            )
