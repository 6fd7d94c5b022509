import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.urls import reverse
from django.utils import timezone

from jianfu.burden import services
from jianfu.burden.choices import AlertStatus, EntryKind
from jianfu.burden.models import BurdenEntry, ReboundAlert, UnitTime
from jianfu.burden.tests.helpers import hours, record
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase


def xlsx_rows(response, sheet=0):
    data = b"".join(response.streaming_content)
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(r) for r in wb.worksheets[sheet].iter_rows(values_only=True)]


class LedgerPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = record(cls.community, department=cls.department, title="民政专项检查")
        cls.theirs = record(
            cls.other_community, department=cls.street_department, title="平安办会议", kind=EntryKind.MEETING
        )
        cls.far = record(cls.far_community, department=cls.department, title="花桥检查")

    def test_anonymous_redirected(self):
        for name in (
            "burden:dashboard",
            "burden:entry_list",
            "burden:entry_create",
            "burden:unit_times",
            "burden:alert_list",
        ):
            response = self.client_for(None).get(reverse(name))
            self.assertEqual(response.status_code, 302, name)
        response = self.client_for(None).get(reverse("burden:entry_detail", args=[self.mine.pk]))
        self.assertEqual(response.status_code, 302)

    def test_resident_gets_404(self):
        for name in ("burden:dashboard", "burden:entry_list", "burden:entry_create", "burden:alert_list"):
            self.assertEqual(self.client_for(self.resident).get(reverse(name)).status_code, 404, name)

    def test_worker_sees_own_community_only(self):
        response = self.client_for(self.worker).get(reverse("burden:entry_list"))
        self.assertContains(response, "民政专项检查")
        self.assertNotContains(response, "平安办会议")
        self.assertNotContains(response, "花桥检查")
        self.assertEqual(
            self.client_for(self.other_worker)
            .get(reverse("burden:entry_detail", args=[self.mine.pk]))
            .status_code,
            404,
        )

    def test_street_officer_sees_street(self):
        response = self.client_for(self.officer).get(reverse("burden:entry_list"))
        self.assertContains(response, "民政专项检查")
        self.assertContains(response, "平安办会议")
        self.assertNotContains(response, "花桥检查")

    def test_department_sees_its_own_entries(self):
        response = self.client_for(self.dept_user).get(reverse("burden:entry_list"))
        self.assertContains(response, "民政专项检查")
        self.assertContains(response, "花桥检查")
        self.assertNotContains(response, "平安办会议")
        self.assertEqual(
            self.client_for(self.dept_user)
            .get(reverse("burden:entry_detail", args=[self.theirs.pk]))
            .status_code,
            404,
        )

    def test_filters(self):
        client = self.client_for(self.district_officer)
        url = reverse("burden:entry_list")
        response = client.get(url, {"community": self.far_community.pk})
        self.assertContains(response, "花桥检查")
        self.assertNotContains(response, "民政专项检查")
        response = client.get(url, {"kind": "meeting"})
        self.assertContains(response, "平安办会议")
        self.assertNotContains(response, "花桥检查")
        response = client.get(url, {"department": self.street_department.pk, "month": "2026-05"})
        self.assertContains(response, "平安办会议")
        self.assertNotContains(response, "民政专项检查")
        response = client.get(url, {"month": "2025-01"})
        self.assertNotContains(response, "平安办会议")
        response = client.get(url, {"community": "abc", "month": "garbage"})  # ignored, not an error
        self.assertEqual(response.status_code, 200)

    def test_list_query_count(self):
        for i in range(30):
            record(self.community, department=self.department, title=f"检查{i}")
        client = self.client_for(self.district_officer)
        client.get(reverse("burden:entry_list"))
        with self.assertNumQueries(8):
            client.get(reverse("burden:entry_list"))

    def test_export_is_scoped_and_audited(self):
        response = self.client_for(self.worker).get(reverse("burden:entry_xlsx"))
        self.assertEqual(response.status_code, 200)
        rows = xlsx_rows(response)
        titles = [r[6] for r in rows[1:]]
        self.assertEqual(titles, ["民政专项检查"])
        self.assertIsInstance(rows[1][2], str)  # community code as text
        self.assertEqual(rows[1][2], self.community.code)
        self.assertTrue(AuditEvent.objects.filter(action="export", object_type="burden.burdenentry").exists())
        self.assertEqual(self.client_for(self.resident).get(reverse("burden:entry_xlsx")).status_code, 404)

    def test_export_formula_text_is_safe(self):
        record(self.community, title='=HYPERLINK("http://x")')
        rows = xlsx_rows(self.client_for(self.worker).get(reverse("burden:entry_xlsx")))
        self.assertIn('=HYPERLINK("http://x")', [r[6] for r in rows])


class ManualEntryPageTests(PersonaTestCase):
    def test_worker_records_entry(self):
        client = self.client_for(self.worker)
        self.assertContains(client.get(reverse("burden:entry_create")), "检查考核")
        response = client.post(
            reverse("burden:entry_create"),
            {
                "community": self.community.pk,
                "kind": "inspection",
                "title": "消防专项检查",
                "department": self.department.pk,
                "occurred_on": "2026-05-04",
                "units": "1",
                "frequency": "1",
                "people": "2",
            },
        )
        entry = BurdenEntry.objects.get()
        self.assertRedirects(response, reverse("burden:entry_detail", args=[entry.pk]))
        self.assertEqual(entry.hours, hours(16))

    def test_outsider_community_rejected(self):
        response = self.client_for(self.worker).post(
            reverse("burden:entry_create"),
            {
                "community": self.other_community.pk,
                "kind": "inspection",
                "title": "x",
                "occurred_on": "2026-05-04",
                "units": "1",
                "frequency": "1",
                "people": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(BurdenEntry.objects.exists())

    def test_bad_input(self):
        client = self.client_for(self.worker)
        base = {
            "community": self.community.pk,
            "kind": "inspection",
            "title": "检查",
            "occurred_on": "2026-05-04",
            "units": "1",
            "frequency": "1",
            "people": "1",
        }
        for bad in (
            {"title": ""},
            {"units": "-3"},
            {"people": "0"},
            {"kind": "fill"},
            {"occurred_on": "2099-01-01"},
            {"occurred_on": "nope"},
            {"title": "x" * 301},
        ):
            response = client.post(reverse("burden:entry_create"), {**base, **bad})
            self.assertEqual(response.status_code, 200, bad)
        self.assertFalse(BurdenEntry.objects.exists())

    def test_script_in_title_is_escaped(self):
        client = self.client_for(self.worker)
        client.post(
            reverse("burden:entry_create"),
            {
                "community": self.community.pk,
                "kind": "meeting",
                "title": "<script>alert(1)</script>",
                "occurred_on": "2026-05-04",
                "units": "1",
                "frequency": "1",
                "people": "1",
            },
        )
        entry = BurdenEntry.objects.get()
        response = client.get(reverse("burden:entry_detail", args=[entry.pk]))
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")

    def test_department_may_not_record(self):
        self.assertEqual(self.client_for(self.dept_user).get(reverse("burden:entry_create")).status_code, 404)


class CorrectionPageTests(PersonaTestCase):
    def test_worker_corrects(self):
        entry = record(self.community)
        url = reverse("burden:entry_detail", args=[entry.pk])
        response = self.client_for(self.worker).post(url, {"hours": "12.5", "reason": "实际两人各半天"})
        self.assertRedirects(response, url)
        entry.refresh_from_db()
        self.assertEqual(entry.corrected_hours, hours("12.5"))
        self.assertContains(self.client_for(self.worker).get(url), "实际两人各半天")

    def test_outsider_and_department_cannot_correct(self):
        entry = record(self.community, department=self.department)
        url = reverse("burden:entry_detail", args=[entry.pk])
        self.assertEqual(
            self.client_for(self.other_worker).post(url, {"hours": "1", "reason": "x"}).status_code, 404
        )
        self.assertEqual(
            self.client_for(self.dept_user).post(url, {"hours": "1", "reason": "x"}).status_code, 404
        )
        entry.refresh_from_db()
        self.assertIsNone(entry.corrected_hours)

    def test_missing_reason(self):
        entry = record(self.community)
        response = self.client_for(self.worker).post(
            reverse("burden:entry_detail", args=[entry.pk]), {"hours": "3"}
        )
        self.assertEqual(response.status_code, 200)
        entry.refresh_from_db()
        self.assertIsNone(entry.corrected_hours)


class UnitTimePageTests(PersonaTestCase):
    def test_everyone_staff_sees_basis(self):
        response = self.client_for(self.worker).get(reverse("burden:unit_times"))
        self.assertContains(response, "迎检材料准备与陪同")
        self.assertContains(response, "÷ 60")
        self.assertNotContains(response, 'name="minutes_per_unit"')

    def test_officer_edits(self):
        client = self.client_for(self.officer)
        self.assertContains(client.get(reverse("burden:unit_times")), 'name="minutes_per_unit"')
        response = client.post(
            reverse("burden:unit_times"),
            {"kind": "meeting", "minutes_per_unit": "100", "unit_label": "次", "basis": "区里实测"},
        )
        self.assertRedirects(response, reverse("burden:unit_times"))
        self.assertEqual(UnitTime.objects.get(kind="meeting").minutes_per_unit, Decimal(100))

    def test_worker_cannot_edit_and_bad_input(self):
        response = self.client_for(self.worker).post(
            reverse("burden:unit_times"), {"kind": "meeting", "minutes_per_unit": "1", "unit_label": "次"}
        )
        self.assertEqual(response.status_code, 404)
        response = self.client_for(self.officer).post(
            reverse("burden:unit_times"), {"kind": "meeting", "minutes_per_unit": "-1", "unit_label": "次"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(UnitTime.objects.get(kind="meeting").minutes_per_unit, Decimal(120))


class DashboardPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # this month, never after today (the ledger refuses future dates)
        today = timezone.localdate().replace(day=min(5, timezone.localdate().day))
        record(cls.community, department=cls.department, on=today, title="A", outside_lists=True)  # 8h
        record(cls.far_community, department=cls.department, on=today, units=2, title="B")  # 16h
        record(cls.other_community, department=cls.street_department, on=today, kind=EntryKind.MEETING)  # 2h
        record(
            cls.community,
            department=cls.department,
            on=today,
            kind=EntryKind.FILL,
            imposed=False,
            saved_hours=Decimal(5),
        )
        record(cls.community, department=cls.street_department, on=today, kind=EntryKind.TASK_REFUSED)

    def test_anonymous_and_resident(self):
        self.assertEqual(self.client_for(None).get(reverse("burden:dashboard")).status_code, 302)
        self.assertEqual(self.client_for(self.resident).get(reverse("burden:dashboard")).status_code, 404)

    def test_district_officer_sees_all(self):
        response = self.client_for(self.district_officer).get(reverse("burden:dashboard"))
        self.assertContains(response, "echarts.min.js")
        data = response.context["data"]
        self.assertEqual(data["totals"]["imposed_hours"], 26.0)
        self.assertEqual(data["totals"]["saved_hours"], 5.0)
        self.assertEqual(data["totals"]["refusals"], 1)
        self.assertEqual(data["totals"]["outside_share"], 30.8)  # 8 of 26 h, one decimal
        self.assertEqual(data["top_departments"][0]["name"], "区民政局")
        self.assertEqual(data["top_departments"][0]["imposed_hours"], 24.0)
        self.assertEqual({r["name"] for r in data["by_street"]}, {"大智街道", "台北街道"})
        self.assertEqual(len(data["months"]), 12)
        self.assertContains(response, 'id="burden-data"')

    def test_worker_sees_own_community(self):
        data = self.client_for(self.worker).get(reverse("burden:dashboard")).context["data"]
        self.assertEqual(data["totals"]["imposed_hours"], 8.0)
        self.assertEqual([r["name"] for r in data["by_community"]], ["民意社区"])

    def test_street_officer_and_filters(self):
        client = self.client_for(self.officer)
        data = client.get(reverse("burden:dashboard")).context["data"]
        self.assertEqual(data["totals"]["imposed_hours"], 10.0)
        data = client.get(reverse("burden:dashboard"), {"community": self.far_community.pk}).context["data"]
        self.assertEqual(data["totals"]["imposed_hours"], 0.0)  # outside the officer's street: nothing
        data = client.get(reverse("burden:dashboard"), {"department": self.street_department.pk}).context[
            "data"
        ]
        self.assertEqual(data["totals"]["imposed_hours"], 2.0)
        data = client.get(reverse("burden:dashboard"), {"from": "2020-01", "to": "2020-03"}).context["data"]
        self.assertEqual(data["months"], ["2020-01", "2020-02", "2020-03"])
        self.assertEqual(data["totals"]["imposed_hours"], 0.0)

    def test_department_sees_own(self):
        data = self.client_for(self.dept_user).get(reverse("burden:dashboard")).context["data"]
        self.assertEqual(data["totals"]["imposed_hours"], 24.0)
        self.assertEqual([d["name"] for d in data["top_departments"]], ["区民政局"])

    def test_query_count_is_constant(self):
        client = self.client_for(self.district_officer)
        client.get(reverse("burden:dashboard"))
        # 12 for the figures (streets summed from communities, both department figures from one
        # grouping) + 1 for the abolished-certificate demands
        with self.assertNumQueries(13):
            client.get(reverse("burden:dashboard"))

    def test_streets_and_refusals_equal_their_own_groupings(self):
        """The figures folded into fewer queries are those a GROUP BY per figure gives."""
        from django.db.models import Sum

        from jianfu.burden.models import MonthlyBurden
        from jianfu.burden.selectors import LedgerFilter, dashboard_figures, dashboard_range

        today = timezone.localdate().replace(day=min(5, timezone.localdate().day))
        record(self.other_community, department=self.department, on=today, kind=EntryKind.TASK_REFUSED)
        record(self.far_community, department=self.street_department, on=today, units=3, title="C")
        record(self.far_community, department=self.department, on=today, kind=EntryKind.TASK_REFUSED)
        record(self.far_community, department=self.department, on=today, kind=EntryKind.TASK_REFUSED)
        for user, filters in (
            (self.district_officer, LedgerFilter()),
            (self.district_officer, LedgerFilter(department=self.department.pk)),
            (self.officer, LedgerFilter()),
            (self.worker, LedgerFilter()),
            (self.dept_user, LedgerFilter()),
        ):
            board = dashboard_figures(user=user, filters=filters)
            month_from, month_to = dashboard_range(filters)
            fine = filters.apply(MonthlyBurden.objects.restrict(user, "view")).filter(
                month__gte=month_from, month__lte=month_to
            )
            if user == self.dept_user:
                fine = fine.filter(department=self.dept_user.department)
            streets = {
                r["community__street__name"]: float(round(r["h"], 1))
                for r in fine.values("community__street__name").annotate(h=Sum("imposed_hours"))
            }
            assert {r["name"]: r["imposed_hours"] for r in board.by_street} == streets, user
            refusals = {
                r["department__name"]: r["n"]
                for r in fine.exclude(department=None).values("department__name").annotate(n=Sum("refusals"))
                if r["n"]
            }
            assert {r["name"]: r["refusals"] for r in board.refusals_by_department} == refusals, user
            assert [r["refusals"] for r in board.refusals_by_department] == sorted(
                refusals.values(), reverse=True
            )
        assert len(dashboard_figures(user=self.district_officer).refusals_by_department) == 2

    def test_export(self):
        response = self.client_for(self.district_officer).get(reverse("burden:dashboard_xlsx"))
        self.assertEqual(response.status_code, 200)
        rows = xlsx_rows(response, sheet=2)  # by street
        self.assertEqual(rows[0][0], "街道")
        self.assertTrue(AuditEvent.objects.filter(action="export", object_type="burden.dashboard").exists())
        self.assertEqual(
            self.client_for(self.resident).get(reverse("burden:dashboard_xlsx")).status_code, 404
        )


class AlertPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for month in (2, 3, 4):
            record(cls.community, department=cls.department, on=dt.date(2026, month, 3))
        record(
            cls.community, department=cls.department, on=dt.date(2026, 5, 3), title="加码专项检查", units=3
        )
        cls.alert = ReboundAlert.objects.get(subject="community")

    def test_access(self):
        url = reverse("burden:alert_detail", args=[self.alert.pk])
        self.assertEqual(self.client_for(None).get(url).status_code, 302)
        for user in (self.worker, self.dept_user, self.resident):
            self.assertEqual(self.client_for(user).get(url).status_code, 404, user.username)
        from jianfu.core.testing import factories as f

        far_officer = f.user("farofficer", "street_office", street=self.other_street)
        self.assertEqual(self.client_for(far_officer).get(url).status_code, 404)
        response = self.client_for(self.officer).get(url)
        self.assertContains(response, "加码专项检查")
        response = self.client_for(self.district_officer).get(reverse("burden:alert_list"))
        self.assertContains(response, "民意社区")
        self.assertContains(response, "区民政局")

    def test_list_reads_its_rows_in_one_query(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.client_for(self.district_officer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("burden:alert_list"))
        self.assertContains(response, "民意社区")
        self.assertContains(response, "区民政局")
        sql = [q["sql"] for q in queries.captured_queries]
        # the count and the page: no deferred column nor relation read row by row
        self.assertEqual(len([s for s in sql if 'FROM "burden_reboundalert"' in s]), 2, sql)
        self.assertFalse([s for s in sql if 'FROM "orgs_community"' in s or 'FROM "orgs_department"' in s])

    def test_acknowledge(self):
        url = reverse("burden:alert_detail", args=[self.alert.pk])
        response = self.client_for(self.officer).post(url, {"note": "已与民政局沟通"})
        self.assertRedirects(response, url)
        self.alert.refresh_from_db()
        self.assertEqual(self.alert.status, AlertStatus.ACKNOWLEDGED)
        self.assertEqual(self.client_for(self.worker).post(url, {}).status_code, 404)

    def test_dashboard_shows_alerts_to_office(self):
        response = self.client_for(self.officer).get(
            reverse("burden:dashboard"), {"from": "2026-01", "to": "2026-06"}
        )
        self.assertContains(response, 'id="burden-alerts"')
        response = self.client_for(self.worker).get(
            reverse("burden:dashboard"), {"from": "2026-01", "to": "2026-06"}
        )
        self.assertNotContains(response, 'id="burden-alerts"')

    def test_settings_page(self):
        url = reverse("burden:rebound_settings")
        self.assertEqual(self.client_for(self.worker).get(url).status_code, 404)
        response = self.client_for(self.district_officer).post(
            url, {"window_months": "6", "rise_percent": "30", "min_hours": "4"}
        )
        self.assertRedirects(response, reverse("burden:alert_list"))
        self.assertEqual(services.rebound_settings_for(self.district).window_months, 6)
        response = self.client_for(self.district_officer).post(
            url, {"window_months": "0", "rise_percent": "30", "min_hours": "4"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(services.rebound_settings_for(self.district).window_months, 6)


class EnglishPageTests(PersonaTestCase):
    def test_pages_in_english(self):
        from django.conf import settings

        client = self.client_for(self.officer)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("burden:dashboard"))
        self.assertContains(response, "Burden dashboard")
        self.assertContains(response, "Imposed hours")
        response = client.get(reverse("burden:unit_times"))
        self.assertContains(response, "Unit times (Standard Cost Model)")
        self.assertContains(response, "Inspection")
        response = client.get(reverse("burden:entry_create"))
        self.assertContains(response, "Record a ledger item")


class AlertListQueryTests(PersonaTestCase):
    def test_alert_list_has_no_n_plus_one(self):
        from jianfu.burden.services import rebound_evaluate

        for c in (self.community, self.other_community, self.far_community):
            for month in (2, 3, 4):
                record(c, department=self.department, on=dt.date(2026, month, 3))
            record(c, department=self.department, on=dt.date(2026, 5, 3), units=4)
        rebound_evaluate(month=dt.date(2026, 5, 1), department=self.department)
        self.assertEqual(ReboundAlert.objects.count(), 4)
        client = self.client_for(self.district_officer)
        url = reverse("burden:alert_list")
        client.get(url)
        with self.assertNumQueries(5):  # session, user, count, page, the district's rule
            response = client.get(url)
        self.assertContains(response, "花桥社区")

    def test_alert_pages_and_rule_are_the_model_reads(self):
        from jianfu.accounts.models import User
        from jianfu.burden import selectors
        from jianfu.burden.services import rebound_evaluate, rebound_settings_for
        from jianfu.core import compiled

        compiled.clear()
        for c in (self.community, self.other_community, self.far_community):
            for month in (2, 3, 4):
                record(c, department=self.department, on=dt.date(2026, month, 3))
            record(c, department=self.department, on=dt.date(2026, 5, 3), units=4)
        rebound_evaluate(month=dt.date(2026, 5, 1), department=self.department)
        ReboundAlert.objects.filter(pk=ReboundAlert.objects.order_by("pk").first().pk).update(
            status=AlertStatus.ACKNOWLEDGED
        )

        def model_rows(user, status, window):
            return [
                (
                    a.pk,
                    a.month,
                    a.hours,
                    a.baseline,
                    a.threshold,
                    a.status,
                    a.subject_name,
                    a.month_to_date,
                    str(a.get_subject_display()),
                    str(a.get_status_display()),
                )
                for a in selectors.alert_list(user=user, status=status)[window]
            ]

        seen = 0
        for persona in (self.officer, self.district_officer, self.admin, self.worker):
            user = User.objects.get(pk=persona.pk)
            for status in ("", AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.CLEARED):
                pages = selectors.AlertPages(user, status)
                for _ in range(2):  # built, then the compiled SQL
                    self.assertEqual(pages.count(), selectors.alert_list(user=user, status=status).count())
                    for window in (slice(0, 2), slice(2, 4), slice(0, 50)):
                        rows = [
                            (
                                a.pk,
                                a.month,
                                a.hours,
                                a.baseline,
                                a.threshold,
                                a.status,
                                a.subject_name,
                                a.month_to_date,
                                str(a.get_subject_display()),
                                str(a.get_status_display()),
                            )
                            for a in pages[window]
                        ]
                        self.assertEqual(rows, model_rows(user, status, window), (persona.username, status))
                        seen += len(rows)
        self.assertTrue(seen)

        def figures(rule):
            return None if rule is None else (rule.window_months, str(rule.rise_percent), str(rule.min_hours))

        officer = User.objects.get(pk=self.district_officer.pk)
        self.assertEqual(
            figures(selectors.rebound_rule(officer)), figures(rebound_settings_for(self.district))
        )
        services.rebound_settings_set(
            actor=officer, district=self.district, window_months=6, rise_percent="30.5", min_hours="4"
        )
        self.assertEqual(
            figures(selectors.rebound_rule(officer)), figures(rebound_settings_for(self.district))
        )
        self.assertEqual(figures(selectors.rebound_rule(officer)), (6, "30.50", "4.00"))


class AbolishedDemandsOnDashboardTests(PersonaTestCase):
    def test_office_sees_institutions_demanding_abolished_certificates(self):
        from jianfu.certificates.services import certificate_demand_record

        certificate_demand_record(
            actor=self.worker, community=self.community, text="开个单身证明", institution="某银行"
        )
        html = self.client_for(self.officer).get("/burden/").content.decode()
        self.assertIn('id="abolished-demands"', html)
        self.assertIn("某银行", html)
        self.assertNotIn(
            'id="abolished-demands"', self.client_for(self.worker).get("/burden/").content.decode()
        )
