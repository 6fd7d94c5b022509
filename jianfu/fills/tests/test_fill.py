import datetime as dt
import io
import json
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings
from openpyxl import load_workbook

from jianfu.burden.models import BurdenEntry
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.fills.choices import FillStatus
from jianfu.fills.models import FillRecord
from jianfu.fills.services import FillError, fill_configure, fill_missing_save, fill_prepare, fill_start
from jianfu.registry.models import Attribute, Fact

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "templates"
GAOLING = "区民政局_高龄津贴发放名册.xlsx"
WEIJIAN = "区卫健委_80岁以上老人健康随访表.xlsx"
TUIYI = "区退役军人事务局_退役军人信息采集表.xlsx"


def template(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def today_minus(years: int) -> dt.date:
    t = dt.date.today()
    return t.replace(year=t.year - years, day=min(t.day, 28))


FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@FAST_HASHER
class FillTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.old1 = f.person(
            cls.community,
            name="王老一",
            birth=today_minus(85),
            grid=cls.grid,
            phone="13800000001",
            living_alone_elder="是",
            address='=HYPERLINK("x")',
        )
        cls.old2 = f.person(
            cls.community, name="李老二", birth=today_minus(90), phone="13800000002", address="民意小区1栋"
        )
        cls.young = f.person(cls.community, name="张小", birth=today_minus(30), phone="13800000003")
        cls.outsider = f.person(cls.other_community, name="外社区老人", birth=today_minus(88))

    def run_fill(self, name=GAOLING, where="age>=80", user=None, mapping=None, department=None):
        user = user or self.worker
        record = fill_prepare(
            actor=user, community=self.community, data=template(name), filename=name, department=department
        )
        fill_configure(actor=user, record=record, mapping=mapping or {}, where=where)
        record = fill_start(actor=user, record=record)
        record.refresh_from_db()
        return record

    def sheet(self, record):
        with record.output_file.open("rb") as fh:
            return load_workbook(io.BytesIO(fh.read())).worksheets[0]


class FillOutputTests(FillTestCase):
    def test_gaoling_fill_keeps_layout_and_writes_rows(self):
        record = self.run_fill()
        assert record.status == FillStatus.DONE
        assert record.rows_written == 2
        ws = self.sheet(record)
        # title, merged title and column widths kept
        assert ws["A1"].value == "江岸区2026年度高龄津贴发放名册"
        assert any(str(m) == "A1:J1" for m in ws.merged_cells.ranges)
        assert ws.column_dimensions["D"].width == 22
        assert ws["A3"].value == "序号" and ws["A3"].font.b
        # 序号 1..n, ordered by grid then name (grid 01 first, no grid last)
        assert [ws.cell(r, 1).value for r in (4, 5)] == [1, 2]
        assert [ws.cell(r, 2).value for r in (4, 5)] == ["王老一", "李老二"]
        # ID and phone as text, borders copied
        assert ws["D4"].data_type == "s" and ws["D4"].value == self.old1.id_number
        assert ws["H4"].data_type == "s" and ws["H4"].value == "13800000001"
        assert ws["D4"].border.left.style == "thin"
        # dates as dates with the template's format
        assert isinstance(ws["E4"].value, dt.datetime) and ws["E4"].number_format == "yyyy年m月"
        assert ws["F4"].value == 85
        # formula-like text neutralised
        assert ws["I4"].data_type == "s" and ws["I4"].value.startswith("=")
        assert ws["I4"].quotePrefix
        # footer moved under the data and signed
        footer = [ws.cell(r, 1).value for r in range(5, 10)]
        assert "填表人：worker" in footer
        assert ws["J4"].value is None  # 备注 left for a human

    def test_fill_is_recorded_audited_and_counted_in_burden_ledger(self):
        record = self.run_fill()
        assert AuditEvent.objects.filter(action="fill", object_id=str(record.pk)).exists()
        entry = BurdenEntry.objects.get(source_ref=f"fill:{record.pk}")
        assert entry.kind == "fill" and entry.hours == 0 and entry.saved_hours > 0
        entry_audit = AuditEvent.objects.get(object_type="burden.burdenentry", object_id=str(entry.pk))
        assert entry_audit.actor == self.worker and entry.recorded_by == self.worker  # the real actor
        assert record.where == "age>=80"
        assert any(c["attribute"] == "id_number" for c in record.mapped_fields)

    def test_two_fills_only_one_burden_entry_per_record(self):
        record = self.run_fill()
        fill_start(actor=self.worker, record=record)
        assert BurdenEntry.objects.filter(source_ref=f"fill:{record.pk}").count() == 1

    def test_tag_filter_and_outsider_never_included(self):
        record = self.run_fill(where="tag=独居老人")
        assert record.rows_written == 1
        record = self.run_fill(where="")
        assert record.rows_written == 3

    def test_example_row_replaced_and_unmapped_reported(self):
        record = self.run_fill(WEIJIAN)
        ws = self.sheet(record)
        assert ws["B3"].value == "王老一"
        assert "慢性病情况" in record.unmapped
        assert record.blanks.get("guardian") == 2

    def test_fill_date_and_filled_by_columns(self):
        record = self.run_fill(TUIYI)
        ws = self.sheet(record)
        assert ws["N3"].value == "worker"
        assert ws["O3"].value.date() == dt.date.today() or ws["O3"].value.date() == record.created_at.date()

    def test_departments_do_not_fill_from_the_registry(self):
        """Departments ask communities or request data; they never pull a community's residents here."""
        with self.assertRaises(FillError):
            self.run_fill(user=self.dept_user)
        assert not FillRecord.objects.exists()

    def test_fill_is_delivered_to_the_chosen_department(self):
        record = self.run_fill(department=self.department)
        assert record.rows_written == 2 and record.department == self.department

    def test_department_outside_the_community_cannot_receive(self):
        with self.assertRaises(FillError):
            self.run_fill(department=f.department_of(self.other_street))

    def test_outsider_cannot_prepare(self):
        with self.assertRaises(FillError):
            fill_prepare(
                actor=self.other_worker, community=self.community, data=template(GAOLING), filename=GAOLING
            )
        with self.assertRaises(FillError):
            fill_prepare(
                actor=self.officer, community=self.community, data=template(GAOLING), filename=GAOLING
            )

    def test_query_count_does_not_grow_with_people(self):
        record = fill_prepare(
            actor=self.worker, community=self.community, data=template(WEIJIAN), filename=WEIJIAN
        )
        fill_configure(actor=self.worker, record=record, mapping={}, where="")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        fill_start(actor=self.worker, record=record)  # first run also writes the burden-ledger entry
        with CaptureQueriesContext(connection) as few:
            fill_start(actor=self.worker, record=record)
        for _ in range(5):
            f.person(self.community, birth=today_minus(81))
        with CaptureQueriesContext(connection) as more:
            fill_start(actor=self.worker, record=record)
        assert len(more.captured_queries) == len(few.captured_queries) <= 20


class MissingValuesTests(FillTestCase):
    def test_missing_values_become_facts_and_next_fill_fills_itself(self):
        record = self.run_fill(WEIJIAN)
        col = next(c for c in record.analysis["columns"] if c["header"] == "慢性病情况")
        written = fill_missing_save(
            actor=self.worker,
            record=record,
            entries={
                self.old1.pid: {f"col{col['index']}": "高血压", "guardian": "王小一"},
                self.old2.pid: {f"col{col['index']}": ""},
            },
        )
        assert written == 2
        attribute = Attribute.objects.get(name="慢性病情况")
        fact = Fact.objects.get(person=self.old1, attribute=attribute)
        assert fact.source.name == "填表补录·区卫健委_80岁以上老人健康随访表"
        record.refresh_from_db()
        assert "慢性病情况" not in record.unmapped
        # a new fill of the same template maps the column itself and fills the value
        again = self.run_fill(WEIJIAN)
        assert "慢性病情况" not in again.unmapped
        ws = self.sheet(again)
        assert ws["I3"].value == "高血压"
        assert ws["J3"].value == "王小一"

    def test_bad_value_saves_nothing(self):
        record = self.run_fill(WEIJIAN)
        with self.assertRaises(FillError):
            fill_missing_save(
                actor=self.worker,
                record=record,
                entries={self.old1.pid: {"guardian": "王小一"}, self.old2.pid: {"guardian_phone": "12"}},
            )
        assert not Fact.objects.filter(attribute__code="guardian").exists()

    def test_department_cannot_save_facts(self):
        record = self.run_fill(WEIJIAN, department=self.department)
        with self.assertRaises(FillError):
            fill_missing_save(actor=self.dept_user, record=record, entries={self.old1.pid: {"guardian": "x"}})

    def test_people_of_other_community_rejected(self):
        record = self.run_fill(WEIJIAN)
        with self.assertRaises(FillError):
            fill_missing_save(
                actor=self.worker, record=record, entries={self.outsider.pid: {"guardian": "x"}}
            )


class CommandTests(FillTestCase):
    def call(self, *args):
        out = io.StringIO()
        call_command("fill", *args, stdout=out)
        return out.getvalue()

    def test_json_shape(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.xlsx"
            text = self.call(
                str(EXAMPLES / GAOLING),
                "--community",
                self.community.code,
                "--where",
                "age>=80 and tag=独居老人",
                "-o",
                str(out),
                "--json",
            )
            data = json.loads(text)
            assert set(data) == {"header_row", "columns", "rows_written", "unmapped"}
            assert data["header_row"] == 3
            assert data["rows_written"] == 1
            assert data["columns"][0] == {"header": "序号", "attribute": None}
            assert {"header": "身份证号", "attribute": "id_number"} in data["columns"]
            assert data["unmapped"] == []
            ws = load_workbook(out).worksheets[0]
            assert ws["B4"].value == "王老一"

    def test_bad_inputs_write_nothing(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.xlsx"
            before = FillRecord.objects.count()
            bad = Path(tmp) / "bad.xlsx"
            bad.write_text("not excel")
            cases = [
                ([str(bad), "--community", self.community.code], "Excel"),
                ([str(EXAMPLES / GAOLING), "--community", "999"], "999"),
                (
                    [str(EXAMPLES / GAOLING), "--community", self.community.code, "--where", "年纪>=80"],
                    "第1个字符处：未知属性“年纪”，可用：年龄、",
                ),
                ([str(Path(tmp) / "missing.xlsx"), "--community", self.community.code], "找不到"),
            ]
            for args, needle in cases:
                with self.assertRaises(CommandError) as err:
                    self.call(*args, "-o", str(out), "--json")
                assert needle in str(err.exception), str(err.exception)
            assert not out.exists()
            assert FillRecord.objects.count() == before


class DemoAndBackgroundTests(FillTestCase):
    def test_demo_seed_is_idempotent(self):
        from jianfu.fills import demo

        assert demo.seed(io.StringIO()) == 2
        assert demo.seed(io.StringIO()) == 0
        assert FillRecord.objects.count() == 1

    def test_large_fill_runs_as_task_with_progress(self):
        record = fill_prepare(
            actor=self.worker, community=self.community, data=template(GAOLING), filename=GAOLING
        )
        fill_configure(actor=self.worker, record=record, mapping={}, where="")
        from jianfu.fills.tasks import fill_task

        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            fill_start(actor=self.worker, record=record, background=True)
        assert len(callbacks) == 1  # enqueued once the request's transaction commits
        record.refresh_from_db()
        if record.status == FillStatus.QUEUED:  # a database task backend: do what `jianfu worker` does
            assert record.is_running
            fill_task.call(record.pk)
        record.refresh_from_db()
        assert record.status == FillStatus.DONE and record.rows_written == 3 and record.progress == 3

    def test_two_level_template_keeps_merged_headers_and_signs_footer(self):
        name = "区残联_残疾人基本状况调查表.xlsx"
        record = self.run_fill(name, where="")
        ws = self.sheet(record)
        merged = {str(m) for m in ws.merged_cells.ranges}
        assert {"A1:M1", "B2:F2", "G2:I2", "J2:K2", "A2:A3"} <= merged
        assert ws["B4"].value == "王老一" and ws["B6"].value == "张小"
        footer = {ws.cell(r, c).value for r in range(7, 10) for c in (1, 10)}
        assert "填报人：worker" in footer
        assert any(
            isinstance(v, str)
            and v.startswith("填报日期：")
            and "年" in v
            and v != "填报日期：    年  月  日"
            for v in footer
        )


class FailureTests(FillTestCase):
    def test_unexpected_error_marks_the_record_failed(self):
        from unittest import mock

        record = fill_prepare(
            actor=self.worker, community=self.community, data=template(GAOLING), filename=GAOLING
        )
        fill_configure(actor=self.worker, record=record, mapping={}, where="")
        with (
            mock.patch("jianfu.fills.services.render", side_effect=RuntimeError("boom")),
            self.assertRaises(RuntimeError),
        ):
            fill_start(actor=self.worker, record=record)
        record.refresh_from_db()
        assert record.status == FillStatus.FAILED and "RuntimeError" in record.error

    def test_missing_template_file_fails_cleanly(self):
        record = fill_prepare(
            actor=self.worker, community=self.community, data=template(GAOLING), filename=GAOLING
        )
        fill_configure(actor=self.worker, record=record, mapping={}, where="")
        record.template_file.storage.delete(record.template_file.name)
        record = fill_start(actor=self.worker, record=record)
        assert record.status == FillStatus.FAILED and record.error
