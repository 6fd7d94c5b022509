"""Rosters carry their tag: remembered per source, implied by a tag's own fields, said on the pages."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.models import LedgerImport
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Person, PersonTag, Source

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def tagged(code: str) -> set[str]:
    return set(PersonTag.objects.filter(attribute__code=code).values_list("person__name", flat=True))


@override_settings(TASKS=IMMEDIATE)
class RosterTagTests(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def roster(self, name, rows):
        return write_xlsx(self.tmp / name, rows)

    def cli(self, path, source, *extra):
        out = io.StringIO()
        call_command(
            "import-ledger", str(path), "--source", source, "--community", self.community.code,
            "--yes", "--json", *extra, stdout=out, stderr=io.StringIO(),
        )  # fmt: skip
        return json.loads(out.getvalue())

    def test_cli_remembers_the_tag_of_a_source(self):
        first = self.roster(
            "残疾人名册1.xlsx",
            [["姓名", "身份证号"], ["张残一", f.id_number(dt.date(1960, 1, 1))]],
        )
        data = self.cli(first, "区残联残疾人名册", "--tag", "残疾")
        self.assertEqual(data["tags"][0]["tag"], "disabled")
        self.assertEqual(Source.objects.get(name="区残联残疾人名册").default_tag.code, "disabled")
        second = self.roster(
            "残疾人名册2.xlsx", [["姓名", "身份证号"], ["李残二", f.id_number(dt.date(1961, 1, 1))]]
        )
        data = self.cli(second, "区残联残疾人名册")  # no --tag: remembered
        self.assertIn("这1人标记为残疾", data["tags"][0]["why"])
        self.assertEqual(tagged("disabled"), {"张残一", "李残二"})
        third = self.roster(
            "名册3.xlsx", [["姓名", "身份证号"], ["王无标", f.id_number(dt.date(1962, 1, 1))]]
        )
        data = self.cli(third, "区残联残疾人名册", "--no-tag")
        self.assertEqual(data["tags"], [])
        self.assertNotIn("王无标", tagged("disabled"))

    def test_tag_fields_imply_their_tag(self):
        path = self.roster(
            "低保名册.xlsx",
            [
                ["姓名", "身份证号", "低保证号", "残疾等级"],
                ["赵低一", f.id_number(dt.date(1950, 1, 1)), "DB-001", ""],
                ["钱低二", f.id_number(dt.date(1951, 1, 1)), "DB-002", "二级"],
                ["孙无证", f.id_number(dt.date(1952, 1, 1)), "", ""],
            ],
        )
        data = self.cli(path, "区民政局低保名册")
        whys = {t["tag"]: t["why"] for t in data["tags"]}
        self.assertEqual(whys["dibao"], "因有“低保证号”，这2人标记为低保")
        self.assertEqual(whys["disabled"], "因有“残疾等级”，这1人标记为残疾")
        self.assertEqual(tagged("dibao"), {"赵低一", "钱低二"})
        self.assertEqual(tagged("disabled"), {"钱低二"})
        self.assertIsNone(Source.objects.get(name="区民政局低保名册").default_tag)

    def test_browser_pages_preselect_and_say_so(self):
        from jianfu.registry.models import Attribute

        source = f.source("区残联残疾人名册", 60, default_tag=Attribute.objects.get(code="disabled"))
        path = self.roster(
            "残疾人名册.xlsx",
            [["姓名", "身份证号", "残疾证号"], ["周残三", f.id_number(dt.date(1970, 1, 1)), "4201021970"]],
        )
        client = self.client_for(self.worker)
        with open(path, "rb") as fh:
            response = client.post(
                reverse("ledgers:import_list"),
                {
                    "file": SimpleUploadedFile("残疾人名册.xlsx", fh.read()),
                    "community": self.community.pk,
                    "source": "区残联残疾人名册",
                    "sheet": "",
                },
            )
        imp = LedgerImport.objects.get()
        page = client.get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "已记住默认标签“残疾”，已为您预选")
        self.assertContains(page, f'<option value="{source.default_tag_id}" selected>')
        self.assertContains(page, "“残疾证号”列是残疾的字段")
        body = {f"col-{c['index']}": c["proposed"] for c in imp.columns}
        body["tag"] = source.default_tag_id
        response = client.post(reverse("ledgers:import_confirm", args=[imp.pk]), body)
        page = client.get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "本台账每一行都标记为“残疾”，这1人标记为残疾")
        self.assertEqual(tagged("disabled"), {"周残三"})
        self.assertEqual(response.status_code, 302)

    def test_api_applies_the_remembered_tag(self):
        from jianfu.registry.models import Attribute

        f.source("区退役军人事务局名册", 60, default_tag=Attribute.objects.get(code="veteran"))
        path = self.roster(
            "退役军人.xlsx", [["姓名", "身份证号"], ["吴退一", f.id_number(dt.date(1955, 1, 1))]]
        )
        token = api_token_create(user=self.worker, name="t")[1]
        with open(path, "rb") as fh:
            response = self.client.post(
                "/api/v1/ledgers/imports",
                {
                    "file": SimpleUploadedFile("退役军人.xlsx", fh.read()),
                    "community": self.community.code,
                    "source": "区退役军人事务局名册",
                },
                headers={"Authorization": f"Bearer {token}"},
            )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["summary"]["tags"][0]["tag"], "veteran")
        self.assertTrue(Person.objects.get(name="吴退一").tags.filter(attribute__code="veteran").exists())
