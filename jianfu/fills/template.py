"""Reading a department's Excel template: where its header is and what each column asks for.

The template is loaded with openpyxl (not read-only: we write into it and keep its formatting).
Merged header cells are expanded before `jianfu.sheets.headers.detect_header` sees the values,
except wide single-row merges (titles such as “2026年高龄津贴发放名册”), which are not headers.
"""

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jianfu.registry.dictionary import (
    OTHER,
    HeaderRole,
    header_role,
    match_header,
    normalize_header,
    related_match,
    subject_demotions,
)
from jianfu.registry.selectors import form_meta_field
from jianfu.sheets.headers import SCAN_ROWS, HeaderLayout, detect_header, is_footer_row

MAX_COLUMNS = 200
# Upper headers that mean "someone else's" fields: their 姓名/电话 are not the resident's own.
OTHER_PERSON_GROUPS = {
    "监护人",
    "紧急联系人",
    "联系人",
    "配偶",
    "户主",
    "子女",
    "父亲",
    "母亲",
    "家属",
    "赡养人",
    "代理人",
    "监护人信息",
    "配偶信息",
    "家庭成员",
    "共同生活家庭成员",
}
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # a 10,000-row template unpacks to ~10 MB
_NOTE = re.compile(r"^[^：:]{1,10}[：:]")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class TemplateError(ValueError):
    """A template jianfu cannot use; the message says what is wrong and how to fix it."""


@dataclass
class Column:
    index: int  # 0-based column
    header: str
    group: str = ""
    attribute: str | None = None  # attribute code
    meta: str | None = None  # seq | filled_by | fill_date | reviewer | remark
    how: str = "none"  # exact | synonym | fuzzy | none | meta | manual
    score: float = 0.0

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        return f"{self.group} / {self.header}" if self.group else self.header


@dataclass
class Analysis:
    sheet: str
    header_rows: list[int]  # 1-based Excel rows
    example_rows: list[int]  # 1-based Excel rows
    data_start: int  # 1-based Excel row where the first resident goes
    columns: list[Column] = field(default_factory=list)

    @property
    def header_row(self) -> int:
        return self.header_rows[-1]

    @property
    def unmapped(self) -> list[str]:
        return [c.label for c in self.columns if c.attribute is None and c.meta is None]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        columns = [Column(**c) for c in data.get("columns", [])]
        return cls(
            sheet=data["sheet"],
            header_rows=data["header_rows"],
            example_rows=data["example_rows"],
            data_start=data["data_start"],
            columns=columns,
        )


def open_workbook(data: bytes, filename: str = "") -> Workbook:
    """The template as an openpyxl workbook, or a TemplateError saying how to fix the file."""
    limit = getattr(settings, "JIANFU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
    if len(data) > limit:
        raise TemplateError(
            _("模板文件太大（%(size)d MB），上限%(limit)d MB。请删除多余的工作表或数据后再上传。")
            % {"size": len(data) // 1024 // 1024, "limit": limit // 1024 // 1024}
        )
    if not data:
        raise TemplateError(_("模板文件是空的，请重新选择文件。"))
    if data.startswith(_OLE_MAGIC):
        if filename.lower().endswith(".xls"):
            raise TemplateError(_("这是旧版 .xls 文件。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传。"))
        raise TemplateError(_("文件已加密或是旧版 .xls 格式。请取消密码保护并另存为 .xlsx 后再上传。"))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(_("这不是 Excel（.xlsx）文件。请上传部门下发的 .xlsx 模板。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNPACKED_BYTES or total > 200 * max(len(data), 1) > 50 * 1024 * 1024:
                raise TemplateError(_("文件解压后过大，疑似异常文件，已拒绝。"))
            if "xl/workbook.xml" not in archive.namelist():
                raise TemplateError(_("这不是 Excel（.xlsx）文件。请上传部门下发的 .xlsx 模板。"))
        return load_workbook(io.BytesIO(data), rich_text=False)
    except TemplateError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise TemplateError(
            _("无法读取该 Excel 文件（%(error)s）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。")
            % {"error": exc.__class__.__name__}
        ) from exc


def top_rows(ws: Worksheet, rows: int = SCAN_ROWS) -> list[list[Any]]:
    """Values of the top rows, merged header cells expanded (titles left alone)."""
    width = min(ws.max_column or 0, MAX_COLUMNS)
    height = min(ws.max_row or 0, rows)
    grid = [
        list(r) + [None] * (width - len(r))
        for r in ws.iter_rows(min_row=1, max_row=height, max_col=width, values_only=True)
    ]
    for merged in ws.merged_cells.ranges:
        if merged.min_row > height or merged.min_col > width:
            continue
        spans = merged.max_col - merged.min_col + 1
        if merged.min_row == merged.max_row and spans * 2 > width and spans > 2:
            continue  # a title across the sheet, not a header cell
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, min(merged.max_row, height) + 1):
            for c in range(merged.min_col, min(merged.max_col, width) + 1):
                grid[r - 1][c - 1] = value
    for row in grid:  # “填报单位：…  单位：人” lines above the header are form notes, not header cells
        texts = [v for v in row if v not in (None, "")]
        if 0 < len(texts) <= 3 and all(isinstance(v, str) and _NOTE.match(v.strip()) for v in texts):
            row[:] = [None] * len(row)
    return grid


def _match(header: str, group: str, vocabulary: dict[str, str]) -> tuple[str | None, str, float]:
    if group:
        combined = match_header(group + header, vocabulary)
        if combined.code and combined.how == "exact":
            return combined.code, "exact", combined.score
        if normalize_header(group) in OTHER_PERSON_GROUPS:
            return None, "none", 0.0  # 配偶/姓名 is not the resident's own name: never guessed
    found = match_header(header, vocabulary)
    return found.code, found.how, found.score


def _settle_subject(columns: list[Column], vocabulary: dict[str, str]) -> None:
    """户主姓名 beside 姓名 is the head's name, 联系人电话 beside 姓名 the contact's (registry.dictionary)."""
    mapped = [c for c in columns if not c.meta]
    roles = [header_role(c.group + c.header) or header_role(c.header) for c in mapped]
    items = [
        (c.attribute, r.kind if r else "", r.role if r else "") for c, r in zip(mapped, roles, strict=True)
    ]
    for i in subject_demotions(items):
        column, role = mapped[i], roles[i]
        related = related_match(
            column.group + column.header, vocabulary, HeaderRole(role.role if role else "", "", OTHER)
        )
        column.attribute, column.how, column.score = related.code, related.how, related.score


def _layout(ws: Worksheet, vocabulary: dict[str, str]) -> tuple[int, HeaderLayout | None]:
    layout = detect_header(top_rows(ws), vocabulary)
    if layout is None:
        return 0, None
    known = sum(1 for c in layout.columns if form_meta_field(c.text) or match_header(c.text, vocabulary).code)
    return known, layout


def analyse(wb: Workbook, vocabulary: dict[str, str]) -> Analysis:
    """Find the form among the sheets (a 填表说明 sheet is skipped) and map its columns.

    The sheet whose header matches most dictionary columns wins; on a tie the active sheet, then
    the first visible one.
    """
    order = [wb.active, *wb.worksheets] if wb.active in wb.worksheets else list(wb.worksheets)
    sheets = list(dict.fromkeys(s for s in order if s.sheet_state == "visible")) or list(wb.worksheets)
    best: tuple[int, Worksheet, HeaderLayout] | None = None
    for sheet in sheets[:20]:
        known, found = _layout(sheet, vocabulary)
        if found is not None and (best is None or known > best[0]):
            best = (known, sheet, found)
    wide = [sheet for sheet in sheets if (sheet.max_column or 0) > MAX_COLUMNS]
    if best is None and wide:
        best = (0, wide[0], HeaderLayout(header_rows=[0], columns=[]))
    if best is None:
        raise TemplateError(
            _(
                "在各工作表的前%(n)d行里都没有找到表头（例如“姓名”“身份证号”这样的列名）。请确认上传的是要填的表。"
            )
            % {"n": SCAN_ROWS}
        )
    _known, ws, layout = best
    if (ws.max_column or 0) > MAX_COLUMNS:
        raise TemplateError(
            _("模板有%(n)d列，超过%(max)d列的上限。请删除表头右侧的空列后再上传。")
            % {"n": ws.max_column, "max": MAX_COLUMNS}
        )
    columns: list[Column] = []
    for col in layout.columns:
        header = col.text
        meta = form_meta_field(header)
        if meta:
            columns.append(Column(col.index, header, col.group, meta=meta, how="meta", score=100.0))
            continue
        code, how, score = _match(header, col.group, vocabulary)
        columns.append(Column(col.index, header, col.group, attribute=code, how=how, score=score))
    _settle_subject(columns, vocabulary)
    example_rows = [r + 1 for r in layout.example_rows]
    return Analysis(
        sheet=ws.title,
        header_rows=[r + 1 for r in layout.header_rows],
        example_rows=example_rows,
        data_start=layout.header_row + 2,
        columns=columns,
    )


def footer_start(ws: Worksheet, after: int) -> int | None:
    """The first 1-based row below `after` that is a 填表人/审核人-style footer, if any."""
    last = ws.max_row or 0
    for r, row in enumerate(
        ws.iter_rows(min_row=after, max_row=min(last, after + 500), values_only=True), start=after
    ):
        if is_footer_row(list(row)):
            return r
    return None
