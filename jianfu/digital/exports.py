"""The district/street report of the digital register as xlsx (xlsxwriter, formula-safe cells):
totals, per community, breaches per department, the consolidation plan, the 12-month trend.
`report_xlsx` checks the permission and writes the audit row; page, API and CLI call it."""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.digital import permissions, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(
    workbook: Any, writer: Any, bold: Any, title: str, header: list[str], rows: list[list[Any]]
) -> None:
    sheet = workbook.add_worksheet(title)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(header), 14)
    for col, h in enumerate(header):
        sheet.write_string(0, col, h, bold)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            writer.write(sheet, r, col, float(value) if hasattr(value, "quantize") else value)


def report_workbook(data: selectors.Report, *, title: str) -> bytes:
    import xlsxwriter

    from jianfu.sheets.safe import XlsxTextWriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    t = data.totals
    _sheet(
        workbook,
        writer,
        bold,
        _("汇总"),
        [title, ""],
        [
            [_("社区"), t["communities"]],
            [_("应用"), t["tools"]],
            [_("工作群"), t["work_groups"]],
            [_("估算每周小时"), t["hours_per_week"]],
            [_("违规"), t["breaches"]],
            [_("已关闭或合并"), t["closed_or_merged"]],
            [_("整合计划：已完成"), data.plan_progress.get("done", 0)],
            [_("整合计划：总数"), data.plan_progress.get("total", 0)],
            [_("整合计划：逾期"), data.plan_progress.get("overdue", 0)],
        ],
    )
    _sheet(
        workbook,
        writer,
        bold,
        _("各社区"),
        [
            _("街道"),
            _("社区代码"),
            _("社区"),
            _("应用"),
            _("工作群"),
            _("申报人数"),
            _("估算每周小时"),
            _("人均每周小时"),
            _("违规"),
        ],
        [
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
        ],
    )
    _sheet(
        workbook,
        writer,
        bold,
        _("各部门违规"),
        [_("部门"), _("违规"), _("规定")],
        [
            [d["department"], d["total"], "、".join(f"{d['labels'][k]} {n}" for k, n in d["codes"].items())]
            for d in data.departments
        ],
    )
    _sheet(
        workbook,
        writer,
        bold,
        _("整合计划"),
        [_("名称"), _("主管部门"), _("处置"), _("并入"), _("时限"), _("进度"), _("完成日期"), _("逾期")],
        [
            [
                p["tool"],
                p["owner"] or "",
                p["action"],
                p["merge_into"] or "",
                p["due_on"].isoformat(),
                p["progress"],
                p["done_on"].isoformat() if p["done_on"] else "",
                _("是") if p["overdue"] else "",
            ]
            for p in data.plan
        ],
    )
    _sheet(
        workbook,
        writer,
        bold,
        _("趋势"),
        [_("月份"), _("应用"), _("工作群"), _("估算每周小时")],
        [[m["month"], m["tools"], m["work_groups"], m["hours_per_week"]] for m in data.trend],
    )
    workbook.close()
    return buffer.getvalue()


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
