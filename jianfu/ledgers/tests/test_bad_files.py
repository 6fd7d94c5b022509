"""Damaged and odd files through the page, the API and the CLI: a clear message, never a 500 or a
traceback, nothing written; control characters reported per row; HTML-as-.xls imported."""

import io
import json
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.models import LedgerImport
from jianfu.registry.models import Fact, Person, Source
from jianfu.sheets.tests.test_reader_robust import GOV_EXPORT, _patch_central, _rezip, _workbook

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def damaged_files(tmp: Path) -> dict[str, bytes]:
    good = _workbook(tmp / "good.xlsx", rows=30)
    raw = good.read_bytes()
    bad_xml = _rezip(
        good,
        tmp / "xml.xlsx",
        lambda n, b: b.replace(b"</sheetData>", b"<row><c><v>1</c></sheetData") if "sheet1" in n else b,
    )
    return {
        "malformed sheet XML": bad_xml.read_bytes(),
        "sizes lie": _patch_central(raw, b"sheet1", 24, 100),
        "truncated zip": raw[: len(raw) // 2],
    }


@override_settings(TASKS=IMMEDIATE)
class DamagedThroughEveryDoor(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.files = damaged_files(self.tmp)

    def assert_nothing_written(self):
        self.assertFalse(LedgerImport.objects.exists())
        self.assertFalse(Source.objects.filter(name="坏文件来源").exists())
        self.assertFalse(Fact.objects.exists())

    def test_upload_page(self):
        client = self.client_for(self.worker)
        for what, data in self.files.items():
            with self.subTest(what):
                response = client.post(
                    reverse("ledgers:import_list"),
                    {
                        "file": SimpleUploadedFile("名册.xlsx", data),
                        "community": self.community.pk,
                        "source": "坏文件来源",
                        "sheet": "",
                    },
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "损坏")
                self.assertContains(response, "WPS")
                self.assert_nothing_written()

    def test_api(self):
        _t, token = api_token_create(user=self.worker, name="t")
        for what, data in self.files.items():
            with self.subTest(what):
                response = self.client.post(
                    "/api/v1/ledgers/imports",
                    {
                        "file": SimpleUploadedFile("名册.xlsx", data),
                        "community": self.community.code,
                        "source": "坏文件来源",
                    },
                    HTTP_AUTHORIZATION=f"Bearer {token}",
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("WPS", response.json()["detail"])
                self.assert_nothing_written()

    def test_cli(self):
        for what, data in self.files.items():
            with self.subTest(what):
                path = self.tmp / "名册.xlsx"
                path.write_bytes(data)
                with self.assertRaises(CommandError) as caught:
                    call_command(
                        "import-ledger",
                        str(path),
                        "--source",
                        "坏文件来源",
                        "--community",
                        self.community.code,
                        "--yes",
                        "--json",
                        stdout=io.StringIO(),
                        stderr=io.StringIO(),
                    )
                self.assertIn("重新保存", str(caught.exception))
                self.assert_nothing_written()


class ControlCharactersAndHtml(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def run_cli(self, path: Path) -> dict:
        out = io.StringIO()
        call_command(
            "import-ledger",
            str(path),
            "--source",
            "区民政局低保名册",
            "--community",
            self.community.code,
            "--yes",
            "--json",
            stdout=out,
            stderr=io.StringIO(),
        )
        return json.loads(out.getvalue())

    def test_nul_is_never_stored_and_is_reported(self):
        number = f.id_number()
        path = self.tmp / "nul.csv"
        path.write_bytes(f"姓名,身份证号,现住址\r\n张\x00三,{number},新安\x00小区\r\n".encode("gbk"))
        data = self.run_cli(path)
        self.assertEqual(data["created"], 1)
        warnings = data["row_results"][0]["warnings"]
        self.assertEqual(len(warnings), 2)
        self.assertIn("控制字符", warnings[0])
        person = Person.objects.get(id_number=number)
        self.assertEqual(person.name, "张三")
        self.assertFalse(any("\x00" in v for v in Fact.objects.values_list("value", flat=True)))
        imp = LedgerImport.objects.get()
        page = self.client_for(self.worker).get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "不可见的控制字符")

    def test_government_html_export_imported(self):
        path = self.tmp / "低保名册.xls"
        path.write_bytes(GOV_EXPORT.encode("gb2312"))
        data = self.run_cli(path)
        self.assertEqual(data["rows"], 4)
        self.assertEqual(data["created"], 4, data["row_results"])
        self.assertTrue(Person.objects.filter(id_number="420102196001010029", name="李四").exists())
