"""xlsx files of the register (台账) and the monthly demand report. Cells go through
`jianfu.sheets.safe` (no formulas run; serials and ID numbers stay text)."""

import io
from collections.abc import Iterable

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.certificates.models import Certificate
from jianfu.sheets.safe import XlsxTextWriter


def _workbook(title: str, headers: list[str], rows: Iterable[list], text_cols: set[int]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(title[:31])
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, 16)
    r = 0
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            writer.write(sheet, r, col, value, as_text=col in text_cols)
    sheet.freeze_panes(1, 0)
    if r:
        sheet.autofilter(0, 0, r, len(headers) - 1)
    workbook.close()
    return buffer.getvalue()


def register_xlsx(certificates: Iterable[Certificate]) -> bytes:
    headers = [
        _("证明编号"),
        _("社区"),
        _("证明事项编号"),
        _("证明标题"),
        _("持证人"),
        _("身份证号（遮蔽）"),
        _("用途"),
        _("出具时间"),
        _("经办人"),
        _("状态"),
        _("撤销时间"),
        _("撤销原因"),
    ]

    def rows():
        for c in certificates:
            yield [
                c.serial,
                c.community.name,
                c.item_code,
                c.title,
                c.holder_name,
                c.holder_id_masked,
                c.purpose,
                timezone.localtime(c.issued_at).strftime("%Y-%m-%d %H:%M"),
                str(c.issued_by),
                c.get_status_display(),
                timezone.localtime(c.revoked_at).strftime("%Y-%m-%d %H:%M") if c.revoked_at else "",
                c.revoke_reason,
            ]

    return _workbook(_("证明台账"), headers, rows(), text_cols={0, 2, 4, 5, 6, 8, 11})


def demand_report_xlsx(rows: Iterable, month_label: str) -> bytes:
    headers = [_("要求开具的单位"), _("证明事项编号"), _("证明事项"), _("次数"), _("涉及社区数")]
    data = (
        [r.institution or _("（居民未说明）"), r.item_code, r.item_name, r.count, r.communities] for r in rows
    )
    return _workbook(_("仍要求开具证明的单位") + month_label, headers, data, text_cols={0, 1, 2})
