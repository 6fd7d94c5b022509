"""New tags with their own fields, source default tags, and who may change the dictionary."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.fills.services import people_for_fill
from jianfu.registry import selectors, services
from jianfu.registry.choices import AttributeType
from jianfu.registry.models import Attribute, Source
from jianfu.registry.tags import (
    parse_field_spec,
    resolve_tag,
    source_remember_tag,
    source_set_default_tag,
    source_set_department,
    tag_create,
)


class TagCreateTests(PersonaTestCase):
    def test_district_roles_create_a_tag_with_fields_and_audit(self):
        tag = tag_create(
            actor=self.admin,
            name="志愿者",
            fields=["服务时长:number", "服务队:text", "星级:choice:一星/二星/三星"],
            synonyms="志愿服务者、义工",
        )
        self.assertEqual((tag.code, tag.type), ("zhi_yuan_zhe", AttributeType.TAG))
        fields = {a.name: a for a in Attribute.objects.filter(tag=tag)}
        self.assertEqual(fields["服务时长"].type, AttributeType.NUMBER)
        self.assertEqual(fields["服务队"].type, AttributeType.TEXT)
        self.assertEqual(fields["星级"].choices, ["一星", "二星", "三星"])
        self.assertTrue(all(a.code.startswith("zhi_yuan_zhe_") for a in fields.values()))
        event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=tag.code)
        self.assertEqual(len(event.detail["fields"]), 3)
        self.assertEqual(resolve_tag("义工"), tag)
        other = tag_create(actor=self.district_officer, name="网格长")
        self.assertEqual(other.type, AttributeType.TAG)

    def test_validation_writes_nothing(self):
        before = Attribute.objects.count()
        cases = [
            ({"name": "低保"}, "低保"),  # an existing tag
            ({"name": "志愿者", "synonyms": ["低保户"]}, "低保"),  # synonym of 低保
            ({"name": "志愿者", "fields": ["低保证号:text"]}, "低保证号"),  # a field name in use
            ({"name": "志愿者", "fields": ["服务时长:hours"]}, "hours"),  # bad type
            ({"name": "志愿者", "fields": ["星级:choice"]}, "可选值"),
            ({"name": "志愿者", "fields": ["服务队", "服务队:text"]}, "重复"),
            ({"name": "志愿者", "fields": [":number"]}, "没有名称"),
            ({"name": "  "}, "不能为空"),
            ({"name": "志愿者", "sensitivity": "secret"}, "敏感度"),
        ]
        for kwargs, says in cases:
            with self.assertRaises(services.RegistryError, msg=kwargs) as caught:
                tag_create(actor=self.admin, **kwargs)
            self.assertIn(says, str(caught.exception))
        self.assertEqual(Attribute.objects.count(), before)

    def test_community_head_and_others_are_refused(self):
        for refused in (self.head, self.worker, self.officer, self.dept_user, self.resident):
            with self.assertRaises(OutOfScope, msg=refused.username):
                tag_create(actor=refused, name="志愿者")
        self.assertFalse(Attribute.objects.filter(name="志愿者").exists())

    def test_field_spec_words(self):
        self.assertEqual(parse_field_spec("服务时长：数字").type, AttributeType.NUMBER)
        self.assertEqual(parse_field_spec("加入日期:date").type, AttributeType.DATE)
        self.assertEqual(parse_field_spec("备注").type, AttributeType.TEXT)

    def test_new_tag_works_in_registry_filter_and_fill_where(self):
        tag = tag_create(actor=self.admin, name="志愿者", fields=["服务时长:number"])
        volunteer = f.person(self.community, name="王志远")
        f.person(self.community, name="李不是")
        services.person_record_facts(
            actor=f.SYSTEM,
            person=volunteer,
            values={tag.code: "是", f"{tag.code}_fu_wu_shi_chang": "120"},
            source=f.source("区志愿者名册", 60),
        )
        found = selectors.person_search(user=self.worker, query=selectors.SearchQuery(tag=tag.code))
        self.assertEqual([p.name for p in found], ["王志远"])
        people = people_for_fill(actor=self.worker, community=self.community, where="tag=志愿者")
        self.assertEqual([p.name for p in people], ["王志远"])


class SourceSettingsTests(PersonaTestCase):
    def test_default_tag_and_department_by_district_roles_only(self):
        source = f.source("区残联残疾人名册", 60)
        disabled = Attribute.objects.get(code="disabled")
        for refused in (self.head, self.worker, self.dept_user):
            with self.assertRaises(OutOfScope):
                source_set_default_tag(actor=refused, source=source, tag=disabled)
            with self.assertRaises(OutOfScope):
                source_set_department(actor=refused, source=source, department=self.department)
        source_set_default_tag(actor=self.admin, source=source, tag=disabled)
        source_set_department(actor=self.district_officer, source=source, department=self.department)
        source.refresh_from_db()
        self.assertEqual((source.default_tag, source.department), (disabled, self.department))
        self.assertEqual(AuditEvent.objects.filter(object_type="registry.source").count(), 2)
        with self.assertRaises(services.RegistryError):
            source_set_default_tag(actor=self.admin, source=source, tag=Attribute.objects.get(code="phone"))

    def test_first_import_remembers_but_never_overwrites(self):
        source = f.source("区退役军人事务局名册", 60)
        veteran = Attribute.objects.get(code="veteran")
        self.assertTrue(source_remember_tag(actor=self.worker, source=source, tag=veteran))
        self.assertFalse(
            source_remember_tag(actor=self.worker, source=source, tag=Attribute.objects.get(code="dibao"))
        )
        self.assertEqual(Source.objects.get(pk=source.pk).default_tag, veteran)

    def test_source_page_forms_for_district_roles_only(self):
        source = f.source("区残联残疾人名册", 60)
        url = reverse("registry:source_settings", args=[source.pk])
        body = {"default_tag": "disabled", "department": self.department.pk}
        response = self.client_for(self.head).post(url, body, follow=True)
        self.assertContains(response, "只有区管理员和区减负办")
        self.assertIsNone(Source.objects.get(pk=source.pk).default_tag)
        self.assertNotContains(
            self.client_for(self.head).get(reverse("registry:source_list")), "source-settings"
        )
        self.assertEqual(self.client.post(url, body).status_code, 302)  # anonymous: to the login
        self.client_for(self.admin).post(url, body)
        source.refresh_from_db()
        self.assertEqual((source.default_tag.code, source.department), ("disabled", self.department))
        self.assertContains(
            self.client_for(self.admin).get(reverse("registry:source_list")), "source-settings"
        )

    def test_tag_form_on_dictionary_page(self):
        url = reverse("registry:attribute_list")
        body = {
            "tag_name": "志愿者",
            "tag_synonyms": "义工",
            "tag_sensitivity": "normal",
            "tag_fields": "服务时长:number\n服务队:text",
        }
        response = self.client_for(self.head).post(url, body, follow=True)
        self.assertContains(response, "只有区管理员和区减负办")
        self.assertFalse(Attribute.objects.filter(name="志愿者").exists())
        response = self.client_for(self.admin).post(url, {**body, "tag_fields": "服务时长:hours"})
        self.assertContains(response, "hours", status_code=400)
        self.assertEqual(self.client_for(self.admin).post(url, body).status_code, 302)
        self.assertEqual(Attribute.objects.filter(tag__name="志愿者").count(), 2)
        self.assertContains(self.client_for(self.admin).get(url), 'id="tag-form"')


class TagCliTests(PersonaTestCase):
    def call(self, *args):
        out = io.StringIO()
        call_command(*args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_tag_create_json(self):
        data = json.loads(
            self.call(
                "tag", "create", "志愿者", "--field", "服务时长:number", "--field", "服务队:text", "--json"
            )
        )
        self.assertEqual(data["name"], "志愿者")
        self.assertEqual(
            [(x["name"], x["type"]) for x in data["fields"]], [("服务时长", "number"), ("服务队", "text")]
        )
        listed = json.loads(self.call("tag", "list", "--json"))
        self.assertIn("志愿者", [t["name"] for t in listed["tags"]])

    def test_tag_create_errors_and_refusal(self):
        with self.assertRaisesMessage(CommandError, "类型"):
            self.call("tag", "create", "志愿者", "--field", "服务时长:hours")
        with self.assertRaisesMessage(CommandError, "只有区管理员和区减负办"):
            self.call("tag", "create", "志愿者", "--user", self.head.username)
        self.assertFalse(Attribute.objects.filter(name="志愿者").exists())
        self.call("tag", "create", "志愿者", "--user", self.admin.username)
        with self.assertRaisesMessage(CommandError, "志愿者"):
            self.call("tag", "create", "志愿者")

    def test_source_set(self):
        f.source("区残联残疾人名册", 60)
        with self.assertRaisesMessage(CommandError, "只有区管理员和区减负办"):
            self.call("source", "set", "区残联残疾人名册", "--priority", "70", "--user", self.head.username)
        data = json.loads(
            self.call(
                "source",
                "set",
                "区残联残疾人名册",
                "--default-tag",
                "残疾",
                "--priority",
                "70",
                "--department",
                self.department.name,
                "--json",
            )
        )
        self.assertEqual(
            data,
            {
                "name": "区残联残疾人名册",
                "kind": "ledger",
                "priority": 70,
                "default_tag": "disabled",
                "department": self.department.name,
            },
        )
        data = json.loads(self.call("source", "set", "区残联残疾人名册", "--no-default-tag", "--json"))
        self.assertIsNone(data["default_tag"])


class TagApiTests(PersonaTestCase):
    def headers(self, user):
        return {"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"}

    def test_tag_and_source_endpoints_refuse_community_head(self):
        body = {"name": "志愿者", "fields": ["服务时长:number"]}
        url = "/api/v1/registry/tags"
        response = self.client.post(
            url, body, content_type="application/json", headers=self.headers(self.head)
        )
        # not for a community head: the same 404 as an unknown route (conventions: scope is 404)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not Found"})
        self.assertFalse(Attribute.objects.filter(name="志愿者").exists())
        response = self.client.post(
            url, body, content_type="application/json", headers=self.headers(self.admin)
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["fields"][0]["type"], "number")
        response = self.client.post(
            url, body, content_type="application/json", headers=self.headers(self.admin)
        )
        self.assertEqual(response.status_code, 422)
        source = f.source("区残联残疾人名册", 60)
        url = f"/api/v1/registry/sources/{source.pk}"
        patch = {"priority": 80, "default_tag": "残疾"}
        response = self.client.patch(
            url, patch, content_type="application/json", headers=self.headers(self.head)
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Source.objects.get(pk=source.pk).priority, 60)
        response = self.client.patch(
            url, patch, content_type="application/json", headers=self.headers(self.district_officer)
        )
        self.assertEqual(response.json()["default_tag"], "disabled")
        self.assertEqual(response.json()["priority"], 80)
