"""Precedence per attribute: the base register for identity, a roster for its own fields."""

import datetime as dt

from django.urls import reverse

from jianfu.core import idcard
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.registry import services
from jianfu.registry.models import Attribute, Source


class SourceRulesTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.base = f.source("街道人口基础库", 60, is_base_register=True)
        cls.dibao = f.source("区民政局低保名册", 80)
        cls.dibao.own_fields.set([Attribute.objects.get(code="dibao")])
        cls.id_number = idcard.make("420102", dt.date(1951, 3, 4), 517)
        cls.person = services.person_create(
            actor=SYSTEM,
            community=cls.community,
            values={"name": "王建国", "id_number": cls.id_number, "phone": "13800000001"},
            source=cls.base,
        )
        services.person_record_facts(
            actor=SYSTEM, person=cls.person, values={"dibao_number": "DB-OLD"}, source=cls.base
        )

    def roster_reports(self, **values):
        services.person_record_facts(actor=SYSTEM, person=self.person, values=values, source=self.dibao)
        self.person.refresh_from_db()

    def test_roster_with_higher_priority_does_not_replace_the_registers_name(self):
        self.roster_reports(name="王健国", dibao_number="DB420102000001", phone="13900000002")
        self.assertEqual(self.person.name, "王建国")
        self.assertEqual(self.person.values["name"], "王建国")
        self.assertTrue(self.person.has_conflict)
        # its own field, and a field nobody owns (priority decides), follow the roster
        self.assertEqual(self.person.values["dibao_number"], "DB420102000001")
        self.assertEqual(self.person.phone, "13900000002")

    def test_person_page_shows_the_conflict_and_why(self):
        self.roster_reports(name="王健国")
        response = self.client_for(self.worker).get(reverse("registry:person_detail", args=[self.person.pid]))
        self.assertContains(response, "王健国（区民政局低保名册）")
        self.assertContains(response, "当前采用“街道人口基础库”的值：身份信息以人口基础库为准。")

    def test_registry_list_and_search_follow_the_register(self):
        self.roster_reports(name="王健国")
        client = self.client_for(self.worker)
        self.assertContains(client.get(reverse("registry:person_list"), {"q": "王建国"}), self.person.pid)

    def test_declaring_rules_rederives_current_values(self):
        plain = f.source("区民政局名册（旧）", 90)
        services.person_record_facts(
            actor=SYSTEM, person=self.person, values={"name": "王健国"}, source=plain
        )
        self.person.refresh_from_db()
        self.assertEqual(self.person.name, "王建国")
        services.source_set_rules(actor=self.admin, source=self.base, is_base_register=False, own_fields=[])
        self.person.refresh_from_db()
        self.assertEqual(self.person.name, "王健国")  # only priority left: the 90 roster wins
        services.source_set_rules(actor=self.admin, source=self.base, is_base_register=True, own_fields=[])
        self.person.refresh_from_db()
        self.assertEqual(self.person.name, "王建国")
        event = AuditEvent.objects.filter(object_id=str(self.base.pk)).latest("pk")
        self.assertEqual(event.detail["is_base_register"], {"old": False, "new": True})

    def test_identity_cannot_be_a_rosters_own_field(self):
        with self.assertRaisesMessage(services.RegistryError, "姓名是身份信息"):
            services.source_set_rules(
                actor=self.admin,
                source=self.dibao,
                is_base_register=False,
                own_fields=[Attribute.objects.get(code="name")],
            )
        self.assertEqual(list(self.dibao.own_fields.values_list("code", flat=True)), ["dibao"])

    def test_worker_may_not_change_rules(self):
        with self.assertRaises(OutOfScope):
            services.source_set_rules(
                actor=self.worker, source=self.base, is_base_register=False, own_fields=[]
            )
        self.assertTrue(Source.objects.get(pk=self.base.pk).is_base_register)


class SourceRulesViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.roster = f.source("区残联残疾人名册", 80)
        cls.url = reverse("registry:source_rules", args=[cls.roster.pk])

    def test_anonymous_is_sent_to_login(self):
        response = self.client_for(None).post(self.url, {"is_base_register": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_worker_and_head_are_refused_and_nothing_changes(self):
        for refused in (self.worker, self.head):  # only district roles change precedence (issue 7)
            response = self.client_for(refused).post(self.url, {"is_base_register": "on"}, follow=True)
            self.assertContains(response, "只有区管理员和区减负办")
        self.assertFalse(Source.objects.get(pk=self.roster.pk).is_base_register)

    def test_permitted_user_declares_the_rosters_fields(self):
        disabled = Attribute.objects.get(code="disabled")
        response = self.client_for(self.admin).post(self.url, {"own_fields": [disabled.pk]})
        self.assertRedirects(response, reverse("registry:source_list"), fetch_redirect_response=False)
        self.assertEqual(list(self.roster.own_fields.all()), [disabled])
        page = self.client_for(self.admin).get(reverse("registry:source_list"))
        self.assertContains(page, "以人口基础库（街道基础名册）为准")  # the rule is stated
        self.assertContains(page, '<span class="badge">残疾</span>', html=False)

    def test_source_list_reads_a_fixed_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.client_for(self.admin)
        counts = []
        for batch in range(2):
            for i in range(5):
                f.source(f"名册{batch}-{i}", 50).own_fields.set(Attribute.objects.filter(code="disabled"))
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(client.get(reverse("registry:source_list")).status_code, 200)
            counts.append(len(ctx.captured_queries))
        self.assertEqual(counts[0], counts[1])


class SourceRulesApiCliTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.roster = f.source("区退役军人事务局名册", 80)

    def headers(self, user):
        from jianfu.accounts.auth import api_token_create

        _token, plain = api_token_create(user=user, name="test")
        return {"Authorization": f"Bearer {plain}"}

    def test_api_lists_and_sets_rules(self):
        url = f"/api/v1/registry/sources/{self.roster.pk}/rules"
        body = {"is_base_register": False, "own_fields": ["退役军人"]}
        self.assertEqual(self.client.get("/api/v1/registry/sources").status_code, 401)
        denied = self.client.put(
            url, body, content_type="application/json", headers=self.headers(self.worker)
        )
        self.assertEqual(denied.status_code, 404)
        self.assertEqual(denied.json(), {"detail": "Not Found"})
        response = self.client.put(
            url, body, content_type="application/json", headers=self.headers(self.admin)
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["own_fields"], ["veteran"])
        listed = self.client.get("/api/v1/registry/sources", headers=self.headers(self.worker)).json()
        self.assertIn(
            {"name": "区退役军人事务局名册", "own_fields": ["veteran"]},
            [{"name": s["name"], "own_fields": s["own_fields"]} for s in listed],
        )
        bad = self.client.put(
            url,
            {"is_base_register": False, "own_fields": ["退役军"]},
            content_type="application/json",
            headers=self.headers(self.admin),
        )
        self.assertEqual(bad.status_code, 422)
        self.assertIn("退役军人", bad.json()["detail"])

    def test_cli_shows_and_sets_rules(self):
        import io
        import json

        from django.core.management import call_command
        from django.core.management.base import CommandError

        out = io.StringIO()
        call_command(
            "source-rules",
            "区退役军人事务局名册",
            "--user",
            self.admin.username,
            "--own",
            "veteran",
            "--own",
            "优抚对象",
            "--json",
            stdout=out,
        )
        result = json.loads(out.getvalue())
        self.assertEqual((result["is_base_register"], result["priority"]), (False, 80))
        self.assertEqual(set(result["own_fields"]), {"veteran", "entitled"})
        with self.assertRaisesMessage(CommandError, "最接近的"):
            call_command(
                "source-rules", "区退役军人事务局名册", "--user", self.admin.username, "--own", "入伍时"
            )
        with self.assertRaisesMessage(CommandError, "--user"):
            call_command("source-rules", "区退役军人事务局名册", "--base-register")
        with self.assertRaisesMessage(CommandError, "无权"):
            call_command(
                "source-rules", "区退役军人事务局名册", "--user", self.worker.username, "--base-register"
            )
        self.assertFalse(Source.objects.get(pk=self.roster.pk).is_base_register)
