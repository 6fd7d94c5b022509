"""xlsx exports of the ledger and the dashboard figures: streamed from the database row by row into
xlsxwriter's constant-memory mode, written to a temporary file (never built in memory), audited."""

import tempfile
from typing import IO, Any

import xlsxwriter
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.burden.format import hours_float
from jianfu.burden.selectors import Dashboard, LedgerFilter, entry_list
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.sheets.safe import XlsxTextWriter


def _workbook(handle: IO[bytes]) -> tuple[Any, XlsxTextWriter, Any]:
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True, "bg_color": "#F0F4F8"})
    return workbook, writer, bold


def _header(ws: Any, bold: Any, headers: list[str], widths: list[int] | None = None) -> None:
    for col, title in enumerate(headers):
        ws.write_string(0, col, title, bold)
        ws.set_column(col, col, (widths or [])[col] if widths and col < len(widths) else 14)
    ws.freeze_panes(1, 0)


@transaction.atomic
def ledger_export(*, actor: Any, filters: LedgerFilter) -> tuple[IO[bytes], int]:
    """The user's ledger (filtered) as xlsx. Returns the open file positioned at 0 and the row count."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (handed to the FileResponse, closed by it)
    workbook, writer, bold = _workbook(handle)
    ws = workbook.add_worksheet(_("负担台账"))
    headers = [
        _("编号"),
        _("日期"),
        _("社区代码"),
        _("社区"),
        _("职能部门"),
        _("类型"),
        _("事项"),
        _("数量"),
        _("频次"),
        _("人数"),
        _("每单位分钟"),
        _("估算耗时（小时）"),
        _("修正耗时（小时）"),
        _("修正理由"),
        _("节省耗时（小时）"),
        _("清单外事项"),
        _("来源记录"),
    ]
    _header(ws, bold, headers, [8, 11, 14, 14, 16, 12, 40, 8, 8, 8, 10, 12, 12, 24, 12, 8, 18])
    row = 0
    qs = entry_list(user=actor, filters=filters).order_by("occurred_on", "id")
    for e in qs.iterator(chunk_size=2000):
        row += 1
        values: list[tuple[Any, bool]] = [
            (e.pk, False),
            (e.occurred_on.isoformat(), True),
            (e.community.code, True),
            (e.community.name, False),
            (e.department.name if e.department else "", False),
            (e.get_kind_display(), False),
            (e.title, False),
            (float(e.units), False),
            (float(e.frequency), False),
            (float(e.people), False),
            (float(e.minutes_per_unit), False),
            (hours_float(e.hours), False),
            (hours_float(e.corrected_hours) if e.corrected_hours is not None else "", False),
            (e.correction_reason, False),
            (hours_float(e.saved_hours), False),
            (_("是") if e.outside_lists else _("否"), False),
            (e.source_ref, True),
        ]
        for col, (value, as_text) in enumerate(values):
            writer.write(ws, row, col, value, as_text=as_text)
    workbook.close()
    handle.seek(0)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="burden.burdenentry",
        summary=_("导出负担台账%(n)s条") % {"n": row},
        detail={"filters": filters.as_dict(), "rows": row},
    )
    return handle, row


@transaction.atomic
def dashboard_export(*, actor: Any, board: Dashboard, filters: LedgerFilter) -> IO[bytes]:
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook, writer, bold = _workbook(handle)

    ws = workbook.add_worksheet(_("按月"))
    _header(ws, bold, [_("月份"), _("强加耗时（小时）"), _("节省耗时（小时）"), _("清单外耗时（小时）")])
    for i, month in enumerate(board.months, start=1):
        writer.write(ws, i, 0, month, as_text=True)
        for col, series in enumerate(
            (board.imposed_by_month, board.saved_by_month, board.outside_by_month), 1
        ):
            ws.write_number(i, col, series[i - 1])

    figures = [_("强加耗时（小时）"), _("节省耗时（小时）"), _("清单外占比（%）"), _("条目数"), _("拒绝数")]
    keys = ["imposed_hours", "saved_hours", "outside_share", "entries", "refusals"]
    for title, rows, names, name_keys in (
        (_("按社区"), board.by_community, [_("社区代码"), _("社区"), _("街道")], ["code", "name", "street"]),
        (_("按街道"), board.by_street, [_("街道")], ["name"]),
        (_("职能部门排行"), board.top_departments, [_("职能部门")], ["name"]),
    ):
        ws = workbook.add_worksheet(title)
        _header(ws, bold, [*names, *figures])
        for i, r in enumerate(rows, start=1):
            for col, key in enumerate(name_keys):
                writer.write(ws, i, col, r[key], as_text=key == "code")
            for col, key in enumerate(keys, start=len(name_keys)):
                ws.write_number(i, col, r[key])

    ws = workbook.add_worksheet(_("审批与评价"))
    _header(ws, bold, [_("指标"), _("数值")])
    summary = [
        (_("强加耗时合计（小时）"), board.totals["imposed_hours"]),
        (_("节省耗时合计（小时）"), board.totals["saved_hours"]),
        (_("清单外占比（%）"), board.totals["outside_share"]),
        (_("待审批任务"), board.approvals.get("pending", 0)),
        (_("逾期未审批"), board.approvals.get("overdue", 0)),
        (_("社区拒绝执行"), board.totals["refusals"]),
    ]
    for i, (label, value) in enumerate(summary, start=1):
        ws.write_string(i, 0, label)
        ws.write_number(i, 1, value)
    start = len(summary) + 2
    ws.write_string(start, 0, _("职能部门评价"), bold)
    ws.write_string(start, 1, _("平均分"), bold)
    ws.write_string(start, 2, _("评价数"), bold)
    for i, r in enumerate(board.ratings, start=start + 1):
        writer.write(ws, i, 0, r["name"])
        ws.write_number(i, 1, r["average"])
        ws.write_number(i, 2, r["count"])
    workbook.close()
    handle.seek(0)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="burden.dashboard",
        summary=_("导出负担看板%(from)s至%(to)s") % {"from": board.months[0], "to": board.months[-1]},
        detail={"filters": filters.as_dict()},
    )
    return handle
