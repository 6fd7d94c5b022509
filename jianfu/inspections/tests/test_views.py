import datetime as dt
import io
import zipfile

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.inspections import services
from jianfu.inspections.choices import InspectionStatus
from jianfu.inspections.models import AnnualPlan, EvidenceLink, Inspection


class ViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.plan = AnnualPlan.objects.create(department=cls.department, year=today.year)
        start = today - dt.timedelta(days=1) if today.month > 1 or today.day > 1 else today
        cls.visit = Inspection.objects.get(
            pk=services.inspection_register(
                actor=cls.dept_user,
                department=cls.department,
                plan=cls.plan,
                today=start - dt.timedelta(days=20),
                visit=services.VisitInput(
                    title="民政综合检查",
                    kind="check",
                    communities=[cls.community],
                    window_start=start,
                    window_end=today + dt.timedelta(days=2)
                    if (today + dt.timedelta(days=2)).year == today.year
                    else today,
                    materials=["低保名册", "证明台账", "工作照片"],
                ),
            ).pk
        )
        cls.inspector = type(cls.worker).objects.create_user(
            username="inspector", password="x", role="inspector"
        )

    def test_anonymous_redirected_or_404(self):
        anon = self.client_for(None)
        for name, args in [
            ("inspections:list", []),
            ("inspections:detail", [self.visit.pk]),
            ("inspections:dashboard", []),
            ("inspections:new", []),
        ]:
            response = anon.get(reverse(name, args=args))
            self.assertEqual(response.status_code, 302, name)
            self.assertIn("login", response["Location"])
        self.assertEqual(anon.get(reverse("inspections:evidence_link", args=["nope"])).status_code, 404)

    def test_list_and_detail_for_permitted_and_outsiders(self):
        for user in (self.worker, self.head, self.officer, self.district_officer, self.dept_user, self.admin):
            client = self.client_for(user)
            self.assertEqual(client.get(reverse("inspections:list")).status_code, 200, user)
            self.assertContains(
                client.get(reverse("inspections:detail", args=[self.visit.pk])), "民政综合检查"
            )
        for outsider in (
            self.other_worker,
            self.far_worker,
            self.street_dept_user,
            self.resident,
        ):
            self.assertEqual(
                self.client_for(outsider)
                .get(reverse("inspections:detail", args=[self.visit.pk]))
                .status_code,
                404,
                outsider,
            )
        # an inspector account with no live grant is not signed in at all: the sign-in page
        response = self.client_for(self.inspector).get(reverse("inspections:detail", args=[self.visit.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def _count(self, client) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("inspections:list"))
        return len(ctx.captured_queries)

    def test_list_query_count_does_not_grow_with_visits(self):
        client = self.client_for(self.district_officer)
        before = self._count(client)
        for n in range(4):
            services.inspection_register(
                actor=self.dept_user,
                department=self.department,
                visit=services.VisitInput(
                    title=f"检查{n}",
                    kind="research",
                    communities=[self.community, self.other_community],
                    window_start=self.visit.window_start,
                    window_end=self.visit.window_end,
                ),
            )
        self.assertEqual(self._count(client), before)

    def test_department_registers_and_office_refuses(self):
        client = self.client_for(self.dept_user)
        year = timezone.localdate().year
        response = client.post(
            reverse("inspections:new"),
            {
                "title": "临时抽查",
                "kind": "check",
                "communities": [self.community.pk],
                "window_start": f"{year}-12-30",
                "window_end": f"{year}-12-31",
                "expected_hours": "2",
                "reception": "zero",
                "materials": "工作照片\n低保名册",
            },
        )
        self.assertEqual(response.status_code, 302)
        visit = Inspection.objects.get(title="临时抽查")
        self.assertEqual(visit.status, InspectionStatus.PENDING_OFFICE)
        self.assertEqual(
            self.client_for(self.other_worker)
            .post(reverse("inspections:decide", args=[visit.pk]), {"reason": "x"})
            .status_code,
            404,
        )
        self.assertEqual(
            self.client_for(self.worker)
            .post(reverse("inspections:decide", args=[visit.pk]), {"reason": "x", "refuse": "1"})
            .status_code,
            404,
        )
        self.client_for(self.officer).post(
            reverse("inspections:decide", args=[visit.pk]), {"reason": "计划外且已有综合检查", "refuse": "1"}
        )
        visit.refresh_from_db()
        self.assertEqual(visit.status, InspectionStatus.REFUSED)

    def test_bad_form_input_shows_errors_and_writes_nothing(self):
        client = self.client_for(self.dept_user)
        response = client.post(
            reverse("inspections:new"),
            {
                "title": "不打招呼",
                "kind": "check",
                "communities": [self.community.pk],
                "window_start": "2026-12-30",
                "window_end": "2026-12-31",
                "expected_hours": "1",
                "reception": "zero",
                "unannounced": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "法律依据")
        self.assertFalse(Inspection.objects.filter(title="不打招呼").exists())
        self.assertEqual(self.client_for(self.worker).get(reverse("inspections:new")).status_code, 404)

    def test_inspector_downloads_only_within_grant(self):
        client = self.client_for(self.inspector)
        url = reverse("inspections:evidence", args=[self.visit.pk, self.community.code])
        # an inspector account without a live grant is not signed in at all
        self.assertEqual(client.get(url).status_code, 302)
        services.inspector_grant(actor=self.dept_user, inspection=self.visit, user=self.inspector)
        client = self.client_for(self.inspector)
        response = client.get(url)
        self.assertEqual(response.status_code, 200)
        data = b"".join(response.streaming_content)
        self.assertEqual(response["X-Evidence-SHA256"], __import__("hashlib").sha256(data).hexdigest())
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        wider = client.get(url + "?period_from=2020-01-01&period_to=2026-12-31")
        manifest = __import__("json").loads(
            zipfile.ZipFile(io.BytesIO(b"".join(wider.streaming_content))).read("manifest.json")
        )
        self.assertEqual(
            manifest["period"]["from"], f"{self.visit.year}-01-01"
        )  # the inspector's period is the visit's
        self.assertIn("03-certificates.xlsx", names)
        self.assertIn("08-materials.xlsx", names)
        self.assertNotIn("09-registry.xlsx", names)  # not asked for: not given
        # not a community of the visit
        self.assertEqual(
            client.get(
                reverse("inspections:evidence", args=[self.visit.pk, self.other_community.code])
            ).status_code,
            404,
        )
        # read-only
        self.assertEqual(
            client.post(
                reverse("inspections:decide", args=[self.visit.pk]), {"reason": "x", "admit": "1"}
            ).status_code,
            404,
        )
        self.visit.refresh_from_db()
        self.assertEqual(self.visit.status, InspectionStatus.ADMITTED)
        self.assertEqual(
            client.post(
                reverse("inspections:evidence_link_create", args=[self.visit.pk, self.community.code])
            ).status_code,
            404,
        )
        self.assertEqual(self.client_for(self.other_worker).get(url).status_code, 404)

    def test_expiring_link_is_audited(self):
        client = self.client_for(self.head)
        response = client.post(
            reverse("inspections:evidence_link_create", args=[self.visit.pk, self.community.code])
        )
        self.assertEqual(response.status_code, 200)
        url = response.context["url"]
        path = url.split("testserver")[-1]
        anon = self.client_for(None)
        before = AuditEvent.objects.count()
        download = anon.get(path)
        self.assertEqual(download.status_code, 200)
        self.assertTrue(b"".join(download.streaming_content).startswith(b"PK"))
        self.assertGreater(AuditEvent.objects.count(), before)
        link = EvidenceLink.objects.get()
        self.assertEqual(link.downloads, 1)
        link.expires_at = timezone.now() - dt.timedelta(seconds=1)
        link.save(update_fields=["expires_at"])
        self.assertEqual(anon.get(path).status_code, 404)

    def test_community_evidence_page(self):
        client = self.client_for(self.worker)
        self.assertEqual(client.get(reverse("inspections:community_evidence")).status_code, 200)
        response = client.post(
            reverse("inspections:community_evidence"),
            {"period_from": "2026-01-01", "period_to": "2026-12-31"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        # another community's code is ignored: a worker only reaches their own
        response = client.post(
            reverse("inspections:community_evidence"),
            {"community": self.far_community.code, "period_from": "2026-01-01", "period_to": "2026-12-31"},
        )
        self.assertEqual(response.status_code, 404)
        for outsider in (self.dept_user, self.resident):
            self.assertEqual(
                self.client_for(outsider).get(reverse("inspections:community_evidence")).status_code, 404
            )

    def test_calendar_dashboard_and_rating(self):
        self.assertContains(self.client_for(self.worker).get(reverse("inspections:calendar")), "民政综合检查")
        self.assertNotContains(
            self.client_for(self.far_worker).get(reverse("inspections:calendar")), "民政综合检查"
        )
        self.assertEqual(
            self.client_for(self.worker)
            .get(reverse("inspections:calendar") + f"?community={self.far_community.code}")
            .status_code,
            404,
        )
        self.assertEqual(
            self.client_for(self.district_officer).get(reverse("inspections:dashboard")).status_code, 200
        )
        self.assertEqual(
            self.client_for(self.dept_user).get(reverse("inspections:dashboard")).status_code, 404
        )
        response = self.client_for(self.worker).post(
            reverse("inspections:rate", args=[self.visit.pk]), {"duration": "under_2h", "usefulness": "5"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.visit.ratings.count(), 1)
        self.assertEqual(
            self.client_for(self.far_worker)
            .post(
                reverse("inspections:rate", args=[self.visit.pk]), {"duration": "under_2h", "usefulness": "5"}
            )
            .status_code,
            404,
        )

    def test_plan_upload(self):
        client = self.client_for(self.dept_user)
        from django.core.files.uploadedfile import SimpleUploadedFile

        bad = SimpleUploadedFile(
            "plan.yaml", b"department: MZJ\nyear: 2026\ninspections:\n  - ref: X\n    kind: nope\n"
        )
        response = client.post(reverse("inspections:plan_upload"), {"file": bad})
        self.assertContains(response, "plan.yaml:")
        self.assertEqual(
            self.client_for(self.worker).get(reverse("inspections:plan_upload")).status_code, 404
        )


class ApiTests(PersonaTestCase):
    def test_register_list_and_scope(self):
        client = self.client_for(self.dept_user)
        year = timezone.localdate().year
        response = client.post(
            "/api/v1/inspections/",
            {
                "title": "API 检查",
                "kind": "research",
                "communities": [self.community.code],
                "window_start": f"{year}-12-28",
                "window_end": f"{year}-12-29",
                "materials": ["工作截图"],
            },
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["materials"][0]["status"], "trace_refused")
        self.assertEqual(
            self.client_for(self.far_worker).get(f"/api/v1/inspections/{body['id']}").status_code, 404
        )
        self.assertEqual(
            self.client_for(self.worker).get(f"/api/v1/inspections/{body['id']}").status_code, 200
        )
        self.assertEqual(self.client_for(None).get("/api/v1/inspections/").status_code, 401)
        bad = client.post(
            "/api/v1/inspections/",
            {
                "title": "x",
                "kind": "check",
                "communities": ["nope"],
                "window_start": f"{year}-12-28",
                "window_end": f"{year}-12-29",
            },
            content_type="application/json",
        )
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(
            self.client_for(self.worker).get("/api/v1/inspections/merge-proposals").status_code, 404
        )
        self.assertEqual(
            self.client_for(self.district_officer).get("/api/v1/inspections/dashboard").status_code, 200
        )
        decided = self.client_for(self.officer).post(
            f"/api/v1/inspections/{body['id']}/decide",
            {"admit": False, "reason": "计划外"},
            content_type="application/json",
        )
        self.assertEqual(decided.json()["status"], "refused")


class RulesTests(PersonaTestCase):
    def test_district_office_sets_caps_others_404(self):
        url = reverse("inspections:rules")
        for outsider in (self.officer, self.worker, self.dept_user):
            self.assertEqual(self.client_for(outsider).get(url).status_code, 404)
        client = self.client_for(self.district_officer)
        self.assertContains(client.get(url), "2024")
        data = {
            "per_community_per_year": 3,
            "per_department_per_year": 2,
            "comprehensive_per_department": 1,
            "notice_working_days": 10,
            "rebound_ratio": "0.5",
        }
        self.assertEqual(client.post(url, data).status_code, 302)
        from jianfu.inspections.rules import caps_for

        self.assertEqual(caps_for(self.district).notice_working_days, 10)
        with self.assertRaises(ValidationError):
            services.rules_set(
                actor=self.district_officer,
                district=self.district,
                values={**data, "per_community_per_year": 0},
            )
        with self.assertRaises(OutOfScope):
            services.rules_set(actor=self.officer, district=self.district, values=data)

    def test_cli_rules(self):
        from django.core.management import call_command

        out = io.StringIO()
        call_command(
            "inspection",
            "rules",
            "--district",
            self.district.code,
            "--notice-working-days",
            "7",
            "--json",
            stdout=out,
        )
        self.assertIn('"notice_working_days": "7"', out.getvalue())
