"""Values that failed validation: kept as written, shown with their problem, never current until settled."""

import datetime as dt

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry import services
from jianfu.registry.models import Fact, Person
from jianfu.registry.precedence import FactView, Precedence, current_values

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@given(
    st.lists(
        st.tuples(st.sampled_from(["phone", "gender"]), st.text(min_size=1, max_size=4), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_unvalidated_facts_are_never_current(specs):
    facts = [
        FactView(
            code,
            value,
            source_id=i % 3,
            priority=50 + i,
            recorded_at=T0 + dt.timedelta(days=i),
            fact_id=i + 1,
            validated=ok,
        )
        for i, (code, value, ok) in enumerate(specs)
    ]
    values, conflicts = current_values(facts, Precedence())
    valid_values = {(f.attribute, f.value) for f in facts if f.validated}
    for code, value in values.items():
        assert (code, value) in valid_values
    assert set(values) == {f.attribute for f in facts if f.validated}
    assert conflicts <= set(values)


def test_older_valid_value_stands_when_the_source_sends_a_bad_one():
    good = FactView("phone", "13800138000", 1, 50, T0, 1)
    bad = FactView("phone", "1380013800", 1, 50, T0 + dt.timedelta(days=1), 2, validated=False)
    assert current_values([good, bad], Precedence()) == ({"phone": "13800138000"}, set())


class WithUnvalidated(PersonaTestCase):
    def setUp(self):
        self.source = f.source("区民政局低保名册", priority=60)
        self.person = f.person(self.community, name="马秀英", phone="13800138000")
        self.bad_phone = services.person_record_unvalidated(
            actor=self.worker,
            person=self.person,
            values={"phone": ("136-8715-665", "电话号码格式不对")},
            source=self.source,
        )[0]
        self.bad_education = services.person_record_unvalidated(
            actor=self.worker,
            person=self.person,
            values={"education": ("大专以下", "不在可选值中")},
            source=self.source,
        )[0]
        services.person_refresh(person=self.person)


class SettleTests(WithUnvalidated):
    def test_kept_but_not_current_and_not_repeated(self):
        self.person.refresh_from_db()
        self.assertEqual(self.person.phone, "13800138000")
        self.assertNotIn("education", self.person.values)
        again = services.person_record_unvalidated(
            actor=self.worker,
            person=self.person,
            values={"phone": ("136-8715-665", "电话号码格式不对")},
            source=self.source,
        )
        self.assertEqual(again, [])

    def test_confirm_as_written_only_where_the_value_can_be_right(self):
        with self.assertRaisesMessage(services.RegistryError, "不能按原样确认"):
            services.fact_settle(actor=self.worker, fact=self.bad_phone, reason="电话回访")
        with self.assertRaisesMessage(services.RegistryError, "依据"):
            services.fact_settle(actor=self.worker, fact=self.bad_education, reason=" ")
        settled = services.fact_settle(actor=self.worker, fact=self.bad_education, reason="入户核实")
        self.assertEqual(
            (settled.value, settled.source_id, settled.settles_id),
            ("大专以下", self.source.pk, self.bad_education.pk),
        )
        self.person.refresh_from_db()
        self.assertEqual(self.person.values["education"], "大专以下")
        self.assertTrue(AuditEvent.objects.filter(summary__contains="按原样确认").exists())
        with self.assertRaisesMessage(services.RegistryError, "已经处理过"):
            services.fact_settle(actor=self.worker, fact=self.bad_education, reason="入户核实")

    def test_correct_validates_the_new_value(self):
        with self.assertRaises(services.RegistryError):
            services.fact_settle(actor=self.worker, fact=self.bad_phone, reason="电话回访", value="12345")
        services.fact_settle(actor=self.worker, fact=self.bad_phone, reason="电话回访", value="136 8715 6650")
        self.person.refresh_from_db()
        self.assertEqual(self.person.phone, "13687156650")
        self.assertTrue(AuditEvent.objects.filter(summary__contains="更正").exists())

    def test_outsider_may_not_settle(self):
        with self.assertRaises(OutOfScope):
            services.fact_settle(actor=self.other_worker, fact=self.bad_education, reason="核实")
        self.assertFalse(Fact.objects.filter(settles=self.bad_education).exists())

    def test_person_page_shows_problem_and_buttons(self):
        url = reverse("registry:person_detail", args=[self.person.pid])
        page = self.client_for(self.worker).get(url)
        self.assertContains(page, "未核验：电话号码格式不对")
        self.assertContains(page, "按原样确认")  # for the education value only
        self.assertNotContains(page, "136-8715-665")  # phones stay masked, even as written
        settle = reverse("registry:person_settle", args=[self.person.pid, self.bad_education.pk])
        self.assertEqual(self.client.post(settle, {"how": "confirm", "reason": "核实"}).status_code, 302)
        self.assertEqual(
            self.client_for(self.other_worker).post(settle, {"how": "confirm", "reason": "核实"}).status_code,
            404,
        )
        self.assertFalse(Fact.objects.filter(settles=self.bad_education).exists())
        response = self.client_for(self.worker).post(settle, {"how": "confirm", "reason": "入户核实"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Fact.objects.filter(settles=self.bad_education).exists())
        page = self.client_for(self.worker).get(url)
        self.assertNotContains(page, "未核验：不在可选值中")

    def test_api_lists_and_settles(self):
        _token, plain = api_token_create(user=self.worker, name="t")
        headers = {"Authorization": f"Bearer {plain}"}
        body = self.client.get(f"/api/v1/registry/people/{self.person.pid}", headers=headers).json()
        self.assertEqual({u["attribute"] for u in body["unvalidated"]}, {"phone", "education"})
        self.assertNotIn("136-8715-665", str(body))
        url = f"/api/v1/registry/people/{self.person.pid}/facts/{self.bad_phone.pk}/settle"
        response = self.client.post(
            url, {"reason": "电话回访"}, content_type="application/json", headers=headers
        )
        self.assertEqual(response.status_code, 422)
        response = self.client.post(
            url,
            {"reason": "电话回访", "value": "13687156650"},
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(Person.objects.get(pk=self.person.pk).phone, "13687156650")
        _t, far = api_token_create(user=self.far_worker, name="t")
        response = self.client.post(
            url,
            {"reason": "x", "value": "13687156650"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {far}"},
        )
        self.assertEqual(response.status_code, 404)


class CliTests(WithUnvalidated):
    def run_cli(self, *args):
        import io
        import json

        from django.core.management import call_command

        out = io.StringIO()
        call_command(
            "unvalidated", self.person.pid, "--user", self.worker.username, "--json", *args, stdout=out
        )
        return json.loads(out.getvalue())

    def test_lists_masked_and_settles(self):
        data = self.run_cli()
        self.assertEqual({u["attribute"] for u in data["unvalidated"]}, {"phone", "education"})
        self.assertNotIn("136-8715-665", str(data))
        data = self.run_cli(
            "--settle", str(self.bad_phone.pk), "--reason", "电话回访", "--value", "13687156650"
        )
        self.assertEqual({u["attribute"] for u in data["unvalidated"]}, {"education"})
        self.assertEqual(Person.objects.get(pk=self.person.pk).phone, "13687156650")

    def test_refusals_are_clear(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "不能按原样确认"):
            self.run_cli("--settle", str(self.bad_phone.pk), "--reason", "核实")
        with self.assertRaises(CommandError):
            from django.core.management import call_command

            call_command("unvalidated", self.person.pid, "--user", self.far_worker.username)
