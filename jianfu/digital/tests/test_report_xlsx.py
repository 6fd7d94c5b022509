"""The report's xlsx, whose two long sheets are streamed (jianfu.sheets.fastrows): every value equals
the report's, read back by openpyxl and by python-calamine; free text that would run as a formula
stays text; the download keeps its Chinese name."""

import io
import zipfile
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from jianfu.core.testing import PersonaTestCase
from jianfu.digital import selectors, services
from jianfu.digital.exports import report_xlsx
from jianfu.digital.models import DigitalTool
from jianfu.digital.tests.helpers import group, plan_items


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


def expected_sheets(data) -> dict[str, list[list]]:
    """The rows each sheet must hold (header excluded), from the report itself."""
    return {
        "各社区": [
            [
                c["street__name"],
                c["code"],
                c["name"],
                c["tools"],
                c["work_groups"],
                c["workers"],
                _plain(c["hours_per_week"]),
                _plain(c["hours_per_worker"]),
                c["breaches"],
            ]
            for c in data.communities
        ],
        "整合计划": [
            [
                p["tool"],
                p["owner"] or None,
                p["action"],
                p["merge_into"] or None,
                p["due_on"].isoformat(),
                p["progress"],
                p["done_on"].isoformat() if p["done_on"] else None,
                "是" if p["overdue"] else None,
            ]
            for p in data.plan
        ],
    }


def _trim(row) -> list:
    values = [None if v == "" else v for v in row]
    while values and values[-1] is None:
        values.pop()
    return values


class ReportXlsxTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        g = group(self, "民政打卡群", asks_text="每天在群里打卡签到。")
        services.declaration_add(actor=self.worker, tools=[g])
        group(self, "花桥工作群", community=self.far_community)
        plan_items(self, 30, community=self.community)
        plan_items(self, 5, community=self.far_community, prefix="远处群", start=100)
        # a tool name that a spreadsheet would run as a formula, with XML specials
        dangerous = plan_items(self, 1, community=self.community, prefix='=HYPERLINK("x")&<b>', start=300)
        DigitalTool.objects.filter(pk=dangerous[0].pk).update(owner_department=None, owner_note="@SUM(1)")

    def check(self, body: bytes, data) -> None:
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            assert z.testzip() is None
        book = openpyxl.load_workbook(io.BytesIO(body))
        assert book.sheetnames == ["汇总", "各社区", "各部门违规", "整合计划", "趋势"]
        calamine = CalamineWorkbook.from_filelike(io.BytesIO(body))
        for title, rows in expected_sheets(data).items():
            sheet = book[title]
            got = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
            assert [_trim(r) for r in got] == [_trim(r) for r in rows], title
            assert sheet.max_row == len(rows) + 1 and sheet.cell(1, 1).value in ("街道", "名称")
            read = calamine.get_sheet_by_name(title).to_python()[1:]
            assert [_trim(r) for r in read] == [_trim(r) for r in rows], title
        summary = {r[0]: r[1] for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
        assert summary["整合计划：总数"] == data.plan_progress["total"]
        assert summary["应用"] == data.totals["tools"] and summary["工作群"] == data.totals["work_groups"]
        assert len(list(book["趋势"].iter_rows(min_row=2))) == 12

    def test_every_value_is_the_report_s(self):
        for street in (None, self.street):
            body, name, english = report_xlsx(actor=self.officer, street=street)
            data = selectors.report(self.officer, street=street)
            assert len(data.plan) == 31 and all("远处群" not in p["tool"] for p in data.plan)
            self.check(body, data)
            assert name.startswith("应用和工作群统计-") and english.startswith("digital-report-")
        body, _n, _e = report_xlsx(actor=self.district_officer)
        data = selectors.report(self.district_officer)
        assert len(data.plan) == 36
        self.check(body, data)

    def test_formula_text_stays_text(self):
        body, _n, _e = report_xlsx(actor=self.officer)
        sheet = openpyxl.load_workbook(io.BytesIO(body))["整合计划"]
        row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith("=HYPERLINK"))
        assert row[0].value == '=HYPERLINK("x")&<b>300' and row[0].data_type == "s"
        assert row[0].quotePrefix and row[1].value == "@SUM(1)" and row[1].quotePrefix
        assert not row[2].quotePrefix  # ordinary text keeps the default style

    def test_download_keeps_its_chinese_name(self):
        response = self.client_for(self.officer).get(
            reverse("digital:report_export") + f"?street={self.street.pk}"
        )
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert "应用和工作群统计-大智街道-" in unquote(disposition.split("''", 1)[1])
        self.check(response.content, selectors.report(self.officer, street=self.street))
