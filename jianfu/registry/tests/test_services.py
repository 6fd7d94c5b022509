import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.registry import selectors, services
from jianfu.registry.models import Attribute, Person, PersonTag


class ServiceTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person = f.person(
            cls.community,
            name="吕小华",
            phone="13812345678",
            id_number=idcard.make("420102", dt.date(1960, 1, 1), 11),
        )

    def test_name_keys(self):
        self.assertEqual(self.person.name_key, "lvxiaohua")
        self.assertEqual(self.person.name_initials, "lxh")
        self.assertEqual(services.name_initials("張偉"), "zw")

    def test_reveal_rules(self):
        with self.assertRaises(services.RegistryError):
            services.person_reveal(actor=self.worker, person=self.person, field="id_number", purpose=" ")
        with self.assertRaises(services.RegistryError):
            services.person_reveal(actor=self.worker, person=self.person, field="name", purpose="核对")
        with self.assertRaises(OutOfScope):
            services.person_reveal(actor=self.officer, person=self.person, field="phone", purpose="核对信息")
        with self.assertRaises(OutOfScope):
            services.person_reveal(
                actor=self.other_worker, person=self.person, field="phone", purpose="核对信息"
            )
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.REVEAL).exists())
        value = services.person_reveal(actor=self.head, person=self.person, field="phone", purpose="核对信息")
        self.assertEqual(value, "13812345678")

    def test_attribute_create_validation(self):
        for kwargs in (
            {"code": "Bad Code", "name": "某"},
            {"code": "ok_code", "name": ""},
            {"code": "ok_code", "name": "学历"},  # already a synonym of 文化程度
            {"code": "name", "name": "新名字"},
            {"code": "ok_code", "name": "某选项", "type": "choice"},
        ):
            with self.assertRaises(services.RegistryError, msg=kwargs):
                services.attribute_create(actor=self.district_officer, **kwargs)
        for refused in (self.worker, self.head, self.officer, self.dept_user):
            with self.assertRaises(OutOfScope, msg=refused.username):
                services.attribute_create(actor=refused, code="ok_code", name="某")
        tag = Attribute.objects.get(code="dibao")
        attribute = services.attribute_create(
            actor=self.admin, code="dibao_bank", name="低保发放账号", tag=tag
        )
        self.assertEqual(attribute.tag, tag)

    def test_source_priority_validation(self):
        source = f.source("某名册", 50)
        with self.assertRaises(services.RegistryError):
            services.source_set_priority(actor=self.admin, source=source, priority=-1)
        for refused in (self.worker, self.head, self.officer, self.dept_user, self.resident):
            with self.assertRaises(OutOfScope, msg=refused.username):
                services.source_set_priority(actor=refused, source=source, priority=60)
        source.refresh_from_db()
        self.assertEqual(source.priority, 50)
        services.source_set_priority(actor=self.district_officer, source=source, priority=60)
        source.refresh_from_db()
        self.assertEqual(source.priority, 60)

    def test_people_refresh_matches_person_refresh(self):
        services.person_record_facts(
            actor=SYSTEM,
            person=self.person,
            values={"dibao": "是", "phone": "13900000000"},
            source=f.source("低保名册", 40),
        )
        Person.objects.filter(pk=self.person.pk).update(
            values={}, phone="", has_conflict=False, name_initials=""
        )
        PersonTag.objects.filter(person=self.person).delete()
        services.people_refresh(person_ids=[self.person.pk])
        fresh = Person.objects.get(pk=self.person.pk)
        self.assertEqual(fresh.phone, "13812345678")
        self.assertTrue(fresh.has_conflict)
        self.assertEqual(fresh.name_initials, "lxh")
        self.assertEqual(
            list(PersonTag.objects.filter(person=fresh).values_list("attribute__code", flat=True)), ["dibao"]
        )
        services.person_refresh(person=fresh)
        again = Person.objects.get(pk=self.person.pk)
        self.assertEqual((again.values, again.has_conflict), (fresh.values, fresh.has_conflict))

    def test_generated_tails(self):
        self.assertEqual(self.person.id_tail, self.person.id_number[-4:])
        self.assertEqual(Person.objects.get(pk=self.person.pk).phone_tail, "5678")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("张伟", "name"),
        ("zhangwei", "pinyin"),
        ("ZW", "pinyin"),
        ("1234", "tail"),
        ("13812345678", "phone"),
        ("", None),
        ("   ", None),
    ],
)
def test_search_q_kinds(text, kind):
    q = selectors.search_q(text)
    if kind is None:
        assert q is None
    else:
        assert q is not None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_search_q_never_crashes(text):
    selectors.search_q(text)
