"""The district/street report of the digital register as xlsx (formula-safe cells):
totals, per community, breaches per department, the consolidation plan, the 12-month trend.
`report_xlsx` checks the permission and writes the audit row; page, API and CLI call it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.digital import permissions, selectors
from jianfu.sheets.fastrows import column_letter, number_cell, splice_sheets, text_cell
from jianfu.sheets.safe import is_dangerous

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(workbook: Any, bold: Any, title: str, header: list[str]) -> Any:
    sheet = workbook.add_worksheet(title)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(header), 14)
    for col, h in enumerate(header):
        sheet.write_string(0, col, h, bold)
    return sheet


def _write_rows(sheet: Any, writer: Any, rows: list[list[Any]]) -> None:
    """The few rows of a small sheet, through xlsxwriter."""
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            writer.write(sheet, r, col, float(value) if isinstance(value, Decimal) else value)


def _cell(ref: str, value: Any, text_style: int) -> str:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return number_cell(ref, float(value) if isinstance(value, Decimal) else value)
    text = "" if value is None else str(value)
    return text_cell(ref, text, text_style if is_dangerous(text) else 0)


def _rows_xml(rows: Iterable[list[Any]], width: int, text_style: int) -> Iterator[str]:
    """Data rows from the second row on, as the XML `fastrows.splice_sheets` streams into a sheet
    (free text that a spreadsheet would run as a formula gets the text/quote-prefix style)."""
    letters = [column_letter(c) for c in range(width)]
    for r, row in enumerate(rows, start=2):
        cells = "".join(_cell(f"{letters[c]}{r}", v, text_style) for c, v in enumerate(row))
        yield f'<row r="{r}">{cells}</row>'


def _community_rows(data: selectors.Report) -> list[list[Any]]:
    return [
        [
            c["street__name"],
            c["code"],
            c["name"],
            c["tools"],
            c["work_groups"],
            c["workers"],
            c["hours_per_week"],
            c["hours_per_worker"],
            c["breaches"],
        ]
        for c in data.communities
    ]


def _plan_rows(data: selectors.Report) -> Iterator[list[Any]]:
    overdue = _("是")
    for p in data.plan:
        yield [
            p["tool"],
            p["owner"] or "",
            p["action"],
            p["merge_into"] or "",
            p["due_on"].isoformat(),
            p["progress"],
            p["done_on"].isoformat() if p["done_on"] else "",
            overdue if p["overdue"] else "",
        ]


def report_workbook(data: selectors.Report, *, title: str) -> bytes:
    """xlsxwriter writes the small sheets and the layout (headers, widths) of the two long ones —
    per community and the consolidation plan (1,650 items in a district of 200 communities) — whose
    rows `fastrows.splice_sheets` then streams in: xlsxwriter's per-cell calls were most of the
    export's time."""
    import xlsxwriter

    from jianfu.sheets.safe import XlsxTextWriter

    t = data.totals
    community_header = [
        _("街道"),
        _("社区代码"),
        _("社区"),
        _("应用"),
        _("工作群"),
        _("申报人数"),
        _("估算每周小时"),
        _("人均每周小时"),
        _("违规"),
    ]
    plan_header = [
        _("名称"),
        _("主管部门"),
        _("处置"),
        _("并入"),
        _("时限"),
        _("进度"),
        _("完成日期"),
        _("逾期"),
    ]
    with tempfile.TemporaryDirectory(prefix="digital-report-") as tmp:
        layout, out = Path(tmp) / "layout.xlsx", Path(tmp) / "report.xlsx"
        workbook = xlsxwriter.Workbook(str(layout))
        writer = XlsxTextWriter(workbook)
        bold = workbook.add_format({"bold": True})
        summary = [
            [_("社区"), t["communities"]],
            [_("应用"), t["tools"]],
            [_("工作群"), t["work_groups"]],
            [_("估算每周小时"), t["hours_per_week"]],
            [_("违规"), t["breaches"]],
            [_("已关闭或合并"), t["closed_or_merged"]],
            [_("整合计划：已完成"), data.plan_progress.get("done", 0)],
            [_("整合计划：总数"), data.plan_progress.get("total", 0)],
            [_("整合计划：逾期"), data.plan_progress.get("overdue", 0)],
        ]
        _write_rows(_sheet(workbook, bold, _("汇总"), [title, ""]), writer, summary)
        communities = _sheet(workbook, bold, _("各社区"), community_header)  # sheet 2: rows spliced below
        # community codes are text (and the text style must be used once to be in the workbook)
        communities.set_column(1, 1, 14, writer.text_format)
        departments = [
            [d["department"], d["total"], "、".join(f"{d['labels'][k]} {n}" for k, n in d["codes"].items())]
            for d in data.departments
        ]
        _write_rows(
            _sheet(workbook, bold, _("各部门违规"), [_("部门"), _("违规"), _("规定")]), writer, departments
        )
        _sheet(workbook, bold, _("整合计划"), plan_header)  # sheet 4: rows spliced below
        trend = [[m["month"], m["tools"], m["work_groups"], m["hours_per_week"]] for m in data.trend]
        _write_rows(
            _sheet(workbook, bold, _("趋势"), [_("月份"), _("应用"), _("工作群"), _("估算每周小时")]),
            writer,
            trend,
        )
        workbook.close()
        text_style = writer.text_format.xf_index or 0
        widths = len(community_header), len(plan_header)
        splice_sheets(
            layout,
            out,
            {
                2: (
                    _rows_xml(_community_rows(data), widths[0], text_style),
                    f"{column_letter(widths[0] - 1)}{len(data.communities) + 1}",
                ),
                4: (
                    _rows_xml(_plan_rows(data), widths[1], text_style),
                    f"{column_letter(widths[1] - 1)}{len(data.plan) + 1}",
                ),
            },
        )
        return out.read_bytes()


@transaction.atomic
def report_xlsx(*, actor: Any, street: Any = None) -> tuple[bytes, str, str]:
    """The report of the actor's communities (or one street) as xlsx, audited: (body, Chinese file
    name, English file name — jianfu.core.downloads.attach sends the one of the user's language
    with an ASCII fallback). `OutOfScope` for those who may not see the report or reach no community
    of the street."""
    permissions.require_report(actor)
    data = selectors.report(actor, street=street)
    if street is not None and not data.communities:
        from jianfu.core.permissions import OutOfScope

        raise OutOfScope
    unit = street.name if street is not None else _("全部")
    day = timezone.localdate().isoformat()
    title = _("应用和工作群统计报告（%(unit)s，%(day)s）") % {"unit": unit, "day": day}
    body = report_workbook(data, title=title)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="digital_report",
        object_id=street.code if street is not None else "",
        summary=_("导出应用和工作群统计报告：%(unit)s（%(n)s个社区）")
        % {"unit": unit, "n": data.totals["communities"]},
    )
    name = _("应用和工作群统计-%(unit)s-%(day)s.xlsx") % {"unit": unit, "day": day}
    code = street.code if street is not None else "all"
    return body, name, f"digital-report-{code}-{day}.xlsx"
