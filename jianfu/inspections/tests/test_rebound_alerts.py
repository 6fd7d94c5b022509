"""Rebound alerts are stored: raised when visits to a community climb, cleared when a merge or a
cancellation brings them back, acknowledged by the 减负办 (page, API, CLI), shown in its to-dos."""

import datetime as dt
import io
import json

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from jianfu.burden.choices import AlertStatus
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.todos import todos_for
from jianfu.inspections import services
from jianfu.inspections.models import AnnualPlan, InspectionRules, VisitReboundAlert

TODAY = dt.date(2026, 3, 1)


class ReboundAlertTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.last = AnnualPlan.objects.create(department=cls.department, year=2025)
        cls.this = AnnualPlan.objects.create(department=cls.department, year=2026)
        InspectionRules.objects.create(
            district=cls.district,
            per_community_per_year=10,
            per_department_per_year=10,
            comprehensive_per_department=5,
            notice_working_days=0,
            rebound_ratio="0.25",
        )

    def visit(self, plan, day, n, communities=None):
        return services.inspection_register(
            actor=self.dept_user,
            department=self.department,
            plan=plan,
            today=TODAY - dt.timedelta(days=60),
            visit=services.VisitInput(
                title=f"专项检查{n}",
                kind="check",
                communities=communities or [self.community],
                window_start=day,
                window_end=day,
            ),
        )

    def alert(self):
        return VisitReboundAlert.objects.filter(community=self.community, year=2026).first()

    def climb(self):
        self.visit(self.last, dt.date(2025, 2, 3), 0)
        return [self.visit(self.this, dt.date(2026, 2, 2 + n), n + 1) for n in range(3)]

    def test_climbing_visits_raise_one_stored_alert_with_its_figures(self):
        visits = self.climb()
        self.assertIsNone(
            VisitReboundAlert.objects.filter(community=self.other_community).first(),
            "a community without visits gets no alert",
        )
        alert = self.alert()
        self.assertIsNotNone(alert)
        self.assertEqual((alert.visits, alert.last_year_to_date, alert.status), (3, 1, AlertStatus.OPEN))
        self.assertEqual(VisitReboundAlert.objects.count(), 1)
        # two visits: 2 vs 1 is +1, under the "at least two more" line → no alert yet
        services.inspection_cancel(actor=self.dept_user, inspection=visits[2], reason="并入下季度")
        alert.refresh_from_db()
        self.assertEqual((alert.visits, alert.status), (2, AlertStatus.CLEARED))

    def test_an_acknowledged_alert_reopens_only_when_visits_climb_further(self):
        self.climb()
        alert = services.visit_rebound_acknowledge(
            actor=self.officer, alert=self.alert(), note="已约谈民政局"
        )
        self.assertEqual((alert.status, alert.acknowledged_visits), (AlertStatus.ACKNOWLEDGED, 3))
        self.assertTrue(
            AuditEvent.objects.filter(object_id=str(alert.pk), summary__contains="检查回升").exists()
        )
        services.visit_rebound_evaluate(communities=[self.community], year=2026, today=TODAY)
        self.assertEqual(self.alert().status, AlertStatus.ACKNOWLEDGED)
        self.visit(self.this, dt.date(2026, 2, 20), 9)
        self.assertEqual((self.alert().status, self.alert().visits), (AlertStatus.OPEN, 4))

    def test_only_the_office_that_sees_the_community_acknowledges(self):
        self.climb()
        alert = self.alert()
        for outsider in (self.worker, self.dept_user, self.other_worker, self.resident):
            with self.assertRaises(OutOfScope):
                services.visit_rebound_acknowledge(actor=outsider, alert=alert)
        self.assertEqual(self.alert().status, AlertStatus.OPEN)
        services.visit_rebound_acknowledge(actor=self.district_officer, alert=alert)
        with self.assertRaises(ValidationError):
            services.visit_rebound_acknowledge(actor=self.officer, alert=alert)

    def test_office_to_dos_count_open_alerts(self):
        self.climb()

        def rebound_todo(user):
            return next((t for t in todos_for(user) if "检查回升" in t.label), None)

        self.assertEqual(rebound_todo(self.officer).count, 1)
        self.assertIsNone(rebound_todo(self.worker))
        services.visit_rebound_acknowledge(actor=self.officer, alert=self.alert())
        self.assertIsNone(rebound_todo(self.officer), "nothing waits once acknowledged")

    def test_page_acknowledges_and_outsiders_get_404(self):
        self.climb()
        alert = self.alert()
        url = reverse("inspections:rebound_acknowledge", args=[alert.pk])
        anonymous = self.client.post(url, {"note": "x"})
        self.assertEqual(anonymous.status_code, 302)
        self.assertIn(reverse("accounts:login"), anonymous["Location"])
        self.assertEqual(self.client_for(self.other_worker).post(url).status_code, 404)
        self.assertEqual(self.client_for(self.dept_user).post(url).status_code, 404)
        page = self.client_for(self.officer).get(reverse("inspections:list") + "?year=2026")
        self.assertContains(page, url)
        done = self.client_for(self.officer).post(url, {"note": "已协调合并"}, follow=True)
        self.assertContains(done, "已协调合并")
        self.assertEqual(self.alert().status, AlertStatus.ACKNOWLEDGED)

    def test_api_lists_and_acknowledges_within_scope(self):
        self.climb()
        alert = self.alert()
        office = self.client_for(self.officer)
        rows = office.get("/api/v1/inspections/rebounds?year=2026").json()
        self.assertEqual(
            [(r["community"], r["visits"], r["status"]) for r in rows], [(self.community.code, 3, "open")]
        )
        self.assertEqual(self.client_for(self.dept_user).get("/api/v1/inspections/rebounds").status_code, 404)
        url = f"/api/v1/inspections/rebounds/{alert.pk}/acknowledge"
        self.assertEqual(
            self.client_for(self.other_worker).post(url, {}, content_type="application/json").status_code, 404
        )
        too_long = office.post(url, {"note": "长" * 501}, content_type="application/json")
        self.assertEqual(too_long.status_code, 400)
        self.assertEqual(self.alert().status, AlertStatus.OPEN)
        ok = office.post(url, {"note": "已知悉"}, content_type="application/json")
        self.assertEqual(ok.status_code, 200, ok.content)
        self.assertEqual(ok.json()["status"], "acknowledged")
        again = office.post(url, {}, content_type="application/json")
        self.assertEqual(again.status_code, 400)

    def test_cli_evaluates_lists_and_acknowledges(self):
        self.climb()
        VisitReboundAlert.objects.all().delete()
        out = io.StringIO()
        call_command("inspection", "rebounds", "--year", "2026", "--evaluate", "--json", stdout=out)
        body = json.loads(out.getvalue())
        self.assertEqual([a["community"] for a in body["alerts"]], [self.community.code])
        out = io.StringIO()
        call_command(
            "inspection",
            "rebound-ack",
            str(body["alerts"][0]["id"]),
            "--note",
            "季度会商",
            "--json",
            stdout=out,
        )
        self.assertEqual(json.loads(out.getvalue())["status"], "acknowledged")

    def test_list_rows_are_the_alerts_not_cleared_as_the_model_reads_them(self):
        from jianfu.accounts.models import User
        from jianfu.core import compiled
        from jianfu.inspections.rules import caps_for
        from jianfu.inspections.selectors import _district_caps, open_alert_rows, rebound_alerts

        compiled.clear()
        self.climb()
        self.visit(self.last, dt.date(2025, 2, 3), 8, communities=[self.other_community])
        for n in range(3):
            self.visit(self.this, dt.date(2026, 2, 10 + n), 10 + n, communities=[self.other_community])
        services.visit_rebound_acknowledge(actor=self.officer, alert=self.alert(), note="已约谈<民政局>")

        def expected(user):
            return [
                (
                    a.pk,
                    a.community.name,
                    a.visits,
                    a.last_year_to_date,
                    a.cap,
                    a.status,
                    str(a.get_status_display()),
                    str(a.acknowledged_by) if a.acknowledged_by else None,
                    a.acknowledged_at,
                    a.note,
                )
                for a in rebound_alerts(user, year=2026).exclude(status=AlertStatus.CLEARED)
            ]

        for persona in (self.officer, self.district_officer, self.worker, self.admin):
            user = User.objects.get(pk=persona.pk)
            for _ in range(2):  # built, then the compiled SQL
                rows = [
                    (
                        r.pk,
                        r.community_name,
                        r.visits,
                        r.last_year_to_date,
                        r.cap,
                        r.status,
                        str(r.get_status_display()),
                        r.acknowledged_by,
                        r.acknowledged_at,
                        r.note,
                    )
                    for r in open_alert_rows(user, year=2026)
                ]
                self.assertEqual(rows, expected(user), persona.username)
        self.assertEqual(
            {r.status for r in open_alert_rows(self.officer, year=2026)},
            {AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED},
        )
        for district in (self.district.pk, self.district.pk + 1000):  # configured, and the defaults
            self.assertEqual(_district_caps(self.officer, district), caps_for(district))
        key = ("rows_for", "inspections.district_caps", compiled._fingerprint(self.officer), int)
        self.assertIsNot(compiled._cache[key], compiled._UNCACHEABLE)
