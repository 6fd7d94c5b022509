"""The dedicated inspector role: an account + a grant, read-only, limited to the visit's communities,
items and window, and closed everywhere (pages, evidence download, API, registry) once it expires."""

import datetime as dt
import io
import json
import zipfile

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jianfu.accounts.choices import Role
from jianfu.accounts.models import User
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope, system_actor
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.inspections import services
from jianfu.inspections.models import AnnualPlan, Inspection, InspectorGrant


class InspectorRoleTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.plan = AnnualPlan.objects.create(department=cls.department, year=today.year)
        start = today - dt.timedelta(days=1) if (today - dt.timedelta(days=1)).year == today.year else today
        end = today + dt.timedelta(days=2) if (today + dt.timedelta(days=2)).year == today.year else today
        cls.visit = services.inspection_register(
            actor=cls.dept_user,
            department=cls.department,
            plan=cls.plan,
            today=start - dt.timedelta(days=20),
            visit=services.VisitInput(
                title="民政专项检查",
                kind="check",
                communities=[cls.community],
                window_start=start,
                window_end=end,
                materials=["证明台账"],
            ),
        )
        cls.person = f.person(community=cls.community, name="张秀英")

    def give(self, username="jc01", name="区民政局检查组"):
        return services.inspector_access_give(
            actor=self.dept_user, inspection=self.visit, username=username, name=name
        )

    def expire(self, access):
        InspectorGrant.objects.filter(pk=access.grant.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )

    def test_home_page_leads_the_inspector_to_the_granted_visit(self):
        user = self.give().grant.user
        page = self.client_for(user).get(reverse("core:home"))
        self.assertContains(page, "可以查看的检查")
        self.assertContains(page, f'href="{reverse("inspections:list")}"')
        self.assertNotContains(page, "None · ")  # an inspector has no unit: the role alone is shown
        self.expire(self.give())
        self.assertNotContains(self.client_for(user).get(reverse("core:home")), "可以查看的检查")

    def test_new_account_has_the_inspector_role_and_reaches_only_the_grant(self):
        access = self.give()
        user = access.grant.user
        self.assertTrue(access.created)
        self.assertEqual(user.role, Role.INSPECTOR)
        self.assertIsNone(user.community_id)
        self.assertIsNone(user.district_id)
        self.assertTrue(user.check_password(access.password))
        self.assertEqual(access.grant.expires_at, services.grant_expiry(self.visit))
        self.assertEqual(list(Inspection.objects.restrict(user)), [self.visit])
        self.assertFalse(Inspection.objects.restrict(user, "change").exists())
        # the password is never written to the audit log
        self.assertFalse(AuditEvent.objects.filter(summary__contains=access.password).exists())
        self.assertTrue(AuditEvent.objects.filter(summary__contains="jc01").exists())
        # giving the same account again reuses it (no new password)
        again = self.give()
        self.assertFalse(again.created)
        self.assertEqual(again.grant.pk, access.grant.pk)

    def test_only_inspector_accounts_receive_grants(self):
        for user in (self.resident, self.dept_user, self.worker, self.officer):
            with self.assertRaises(ValidationError):
                services.inspector_grant(actor=self.dept_user, inspection=self.visit, user=user)
            with self.assertRaises(ValidationError):
                self.give(username=user.username)
        self.assertFalse(InspectorGrant.objects.exists())
        with self.assertRaises(ValidationError):
            self.give(username="has space")
        with self.assertRaises(ValidationError):
            self.give(username="")

    def test_outsiders_cannot_give_access(self):
        for outsider in (self.street_dept_user, self.worker, self.far_worker, self.resident):
            with self.assertRaises(OutOfScope):
                services.inspector_access_give(actor=outsider, inspection=self.visit, username="jc02")
        self.assertFalse(User.objects.filter(username="jc02").exists())

    def test_inspector_never_browses_the_registry_or_community_pages(self):
        user = self.give().grant.user
        client = self.client_for(user)
        self.assertEqual(client.get(reverse("inspections:detail", args=[self.visit.pk])).status_code, 200)
        registry_list = client.get(reverse("registry:person_list"))
        self.assertIn(registry_list.status_code, (200, 404))
        self.assertNotContains(registry_list, "张秀英", status_code=registry_list.status_code)
        self.assertEqual(
            client.get(reverse("registry:person_detail", args=[self.person.pid])).status_code, 404
        )
        self.assertEqual(client.get(reverse("inspections:dashboard")).status_code, 404)
        self.assertEqual(client.get(reverse("inspections:community_evidence")).status_code, 404)
        self.assertEqual(client.get("/api/v1/inspections/dashboard").status_code, 404)
        self.assertEqual(client.get(f"/api/v1/registry/people/{self.person.pid}").status_code, 404)

    def test_expiry_closes_pages_download_and_api(self):
        access = self.give()
        client = self.client_for(access.grant.user)
        detail = reverse("inspections:detail", args=[self.visit.pk])
        download = reverse("inspections:evidence", args=[self.visit.pk, self.community.code])
        api_detail = f"/api/v1/inspections/{self.visit.pk}"
        api_zip = f"/api/v1/inspections/{self.visit.pk}/evidence/{self.community.code}.zip"
        self.assertEqual(client.get(detail).status_code, 200)
        self.assertEqual(client.get(api_detail).status_code, 200)
        response = client.get(download)
        self.assertEqual(response.status_code, 200)
        data = b"".join(response.streaming_content)
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
        self.assertEqual(manifest["inspection"]["id"], self.visit.pk)
        api = client.get(api_zip)
        self.assertEqual(api.status_code, 200)
        b"".join(api.streaming_content)
        self.assertEqual([v["id"] for v in client.get("/api/v1/inspections/").json()], [self.visit.pk])

        self.expire(access)
        # the session ends with the grant: pages send the browser to sign in, the API answers 401
        for url in (detail, download):
            response = client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn(reverse("accounts:login"), response["Location"])
        for url in (api_detail, api_zip, "/api/v1/inspections/"):
            self.assertEqual(client.get(url).status_code, 401, url)
        self.assertFalse(Inspection.objects.restrict(access.grant.user).exists())
        # a session kept alive by another grant still sees nothing of the expired visit
        other = services.inspection_register(
            actor=self.dept_user,
            department=self.department,
            plan=self.plan,
            today=self.visit.window_start - dt.timedelta(days=20),
            visit=services.VisitInput(
                title="养老服务专项检查",
                kind="check",
                communities=[self.community],
                window_start=self.visit.window_start,
                window_end=self.visit.window_end,
            ),
        )
        if other.status != "admitted":
            other = services.inspection_decide(
                actor=self.officer, inspection=other, admit=True, reason="同意"
            )
        services.inspector_grant(actor=self.dept_user, inspection=other, user=access.grant.user)
        client = self.client_for(access.grant.user)
        for url in (detail, download, api_detail, api_zip):
            self.assertEqual(client.get(url).status_code, 404, url)
        self.assertEqual([v["id"] for v in client.get("/api/v1/inspections/").json()], [other.pk])
        listing = client.get(reverse("inspections:list"))
        self.assertNotContains(listing, "民政专项检查", status_code=listing.status_code)

    def test_an_expired_inspector_account_cannot_sign_in(self):
        access = self.give()
        user = access.grant.user
        sign_in = {"username": user.get_username(), "password": access.password}
        from django.test import Client

        def signs_in(credentials):
            response = Client().post(reverse("accounts:login"), credentials)
            return response.wsgi_request.user.is_authenticated

        first = Client()
        self.assertEqual(first.post(reverse("accounts:login"), sign_in).status_code, 302)
        self.assertEqual(first.get(reverse("inspections:detail", args=[self.visit.pk])).status_code, 200)
        self.expire(access)
        # the open session ends at its next request
        self.assertEqual(first.get(reverse("inspections:detail", args=[self.visit.pk])).status_code, 302)
        # and the password no longer signs in (the same answer as a wrong password: nothing is revealed)
        refused = Client().post(reverse("accounts:login"), sign_in)
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(refused.wsgi_request.user.is_authenticated)
        # a revoked grant likewise
        InspectorGrant.objects.filter(pk=access.grant.pk).update(
            expires_at=timezone.now() + dt.timedelta(days=1), revoked_at=timezone.now()
        )
        self.assertFalse(signs_in(sign_in))
        InspectorGrant.objects.filter(pk=access.grant.pk).update(revoked_at=None)
        self.assertTrue(signs_in(sign_in))
        # other accounts are untouched by the rule
        self.officer.set_password("pw-officer-1")
        self.officer.save(update_fields=["password"])
        self.assertTrue(signs_in({"username": self.officer.get_username(), "password": "pw-officer-1"}))

    def test_grant_page_opens_an_account_and_shows_the_password_once(self):
        client = self.client_for(self.dept_user)
        response = client.post(
            reverse("inspections:grant", args=[self.visit.pk]),
            {"username": "jc09", "name": "检查组"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        user = User.objects.get(username="jc09")
        self.assertEqual(user.role, Role.INSPECTOR)
        self.assertContains(response, "初始密码")
        # an outsider posting the form gets 404 and opens nothing
        response = self.client_for(self.street_dept_user).post(
            reverse("inspections:grant", args=[self.visit.pk]), {"username": "jc10"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(User.objects.filter(username="jc10").exists())
        self.assertEqual(
            self.client_for(None)
            .post(reverse("inspections:grant", args=[self.visit.pk]), {"username": "x"})
            .status_code,
            302,
        )

    def test_cli_gives_access_as_the_system_actor(self):
        out = io.StringIO()
        call_command(
            "inspection",
            "inspector",
            "--inspection",
            str(self.visit.pk),
            "--username",
            "jc20",
            "--json",
            stdout=out,
        )
        body = json.loads(out.getvalue())
        self.assertEqual(body["username"], "jc20")
        self.assertTrue(body["password"])
        self.assertEqual(body["inspection"], self.visit.pk)
        self.assertTrue(
            AuditEvent.objects.filter(actor_label__startswith="system: jianfu inspection inspector").exists()
        )
        grant = InspectorGrant.objects.get(user__username="jc20")
        self.assertIsNone(grant.granted_by)
        self.assertEqual(grant.user.role, Role.INSPECTOR)

    def test_system_actor_runs_the_visit(self):
        actor = system_actor("test: inspection runner")
        access = services.inspector_access_give(actor=actor, inspection=self.visit, username="jc30")
        self.assertIsNone(access.grant.granted_by)
