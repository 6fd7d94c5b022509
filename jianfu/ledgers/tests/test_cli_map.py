"""`import-ledger --map`, `--map-file` and `--dry-run` (nothing at all written)."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Person


def table_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


class ImportLedgerMapTests(PersonaTestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp())
        self.known = f.person(self.community, name="周敏", birth=dt.date(1950, 3, 2))
        self.new_id = f.id_number(dt.date(1961, 4, 5))
        # 户名 is the name, but no header says so
        self.path = write_xlsx(
            self.tmp / "roster.xlsx",
            [
                ["户名", "证件", "电话"],
                ["周敏", self.known.id_number, "13800000001"],
                ["吴刚", self.new_id, "13800000002"],
                ["", "", "13800000003"],
            ],
        )

    def run_cli(self, *args: str) -> dict:
        out = io.StringIO()
        call_command(
            "import-ledger",
            str(self.path),
            "--source",
            "街道名册",
            "--community",
            self.community.code,
            "--yes",
            "--json",
            *args,
            stdout=out,
        )
        return json.loads(out.getvalue())

    def test_refused_without_a_name_column_naming_the_closest_and_the_fix(self):
        with self.assertRaises(CommandError) as ctx:
            self.run_cli()
        self.assertIn("最接近的列：A列“户名”", str(ctx.exception))
        self.assertIn("--map", str(ctx.exception))

    def test_map_by_name_and_code(self):
        out = self.run_cli("--map", "户名=姓名", "--map", "证件=id_number")
        self.assertEqual((out["created"], out["linked"], out["rejected"]), (1, 1, 1))
        self.assertEqual([c["attribute"] for c in out["mapping"]], ["name", "id_number", "phone"])
        self.assertEqual(Person.objects.get(id_number=self.new_id).name, "吴刚")

    def test_unknown_header_or_attribute_lists_the_closest(self):
        with self.assertRaisesMessage(CommandError, "最接近的：A 列“户名”"):
            self.run_cli("--map", "户 名字=姓名")
        with self.assertRaisesMessage(CommandError, "公民身份号码（id_number）"):
            self.run_cli("--map", "户名=姓名", "--map", "证件=身份证号嘛")
        with self.assertRaisesMessage(CommandError, "格式不对"):
            self.run_cli("--map", "户名")

    def test_map_file_with_line_numbers(self):
        good = self.tmp / "map.yaml"
        good.write_text("# 街道名册\n户名: 姓名\n证件: 公民身份号码\n", encoding="utf-8")
        out = self.run_cli("--map-file", str(good))
        self.assertEqual(out["created"] + out["linked"], 2)
        bad = self.tmp / "bad.yaml"
        bad.write_text("户名: 姓名\n证件: 身份证号码码码\n", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "映射文件bad.yaml第2行"):
            self.run_cli("--map-file", str(bad))
        broken = self.tmp / "broken.yaml"
        broken.write_text("户名: 姓名\n证件: [未闭合\n", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "不是有效的 YAML"):
            self.run_cli("--map-file", str(broken))

    def test_dry_run_shows_every_outcome_and_writes_nothing_at_all(self):
        before = table_counts()
        out = self.run_cli("--map", "户名=姓名", "--map", "证件=身份证号", "--dry-run")
        self.assertTrue(out["dry_run"])
        by_row = {r["row"]: r for r in out["row_results"]}
        self.assertEqual(by_row[2]["status"], "linked")
        self.assertEqual(by_row[2]["person"], self.known.pid)
        self.assertEqual((by_row[3]["status"], by_row[3]["person"]), ("created", None))
        self.assertEqual(by_row[4]["status"], "rejected")
        self.assertTrue(by_row[4]["errors"])
        self.assertEqual(table_counts(), before)  # no import, no audit row, no person, no fact, no mapping
        text = io.StringIO()
        call_command(
            "import-ledger",
            str(self.path),
            "--source",
            "街道名册",
            "--community",
            self.community.code,
            "--map",
            "户名=姓名",
            "--dry-run",
            stdout=text,
        )
        self.assertIn("没有写入任何数据", text.getvalue())
        self.assertIn("第4行：rejected（", text.getvalue())
        self.assertEqual(table_counts(), before)
