"""Generate the department templates in examples/templates/ (run: .venv/bin/python examples/templates/make_templates.py).

Each one is shaped like the Excel files departments really send down: a merged title row, a
two-level header, an example row, pre-formatted blank rows, a 填表人/审核人 footer, and at least
one column that is not in jianfu's data dictionary (慢性病情况, 随访医生, 复核结果).
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(ws, text: str, width: int, row: int = 1, size: int = 16) -> None:
    ws.cell(row, 1, text).font = Font(name="宋体", size=size, bold=True)
    ws.cell(row, 1).alignment = CENTER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 32


def _header(ws, row: int, headers: list[str], widths: list[int]) -> None:
    for c, (text, w) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row, c, text)
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = CENTER
        ws.column_dimensions[get_column_letter(c)].width = w


def _blank_rows(ws, first: int, count: int, width: int, formats: dict[int, str] | None = None) -> None:
    for r in range(first, first + count):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.border = BOX
            cell.font = Font(name="宋体", size=11)
            cell.alignment = Alignment(vertical="center")
            if formats and c in formats:
                cell.number_format = formats[c]


def gaoling() -> Workbook:
    """区民政局 高龄津贴发放名册: merged title, a sub-title line, 填表人 footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = "高龄津贴"
    headers = [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "出生年月",
        "年龄",
        "所属网格",
        "联系电话",
        "现住址",
        "备注",
    ]
    widths = [6, 10, 6, 22, 12, 6, 14, 14, 30, 12]
    _title(ws, "江岸区2026年度高龄津贴发放名册", len(headers))
    ws.cell(2, 1, "社区（盖章）：                    发放月份：2026年  月")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    _header(ws, 3, headers, widths)
    _blank_rows(ws, 4, 15, len(headers), {4: "@", 5: "yyyy年m月", 8: "@"})
    ws.cell(20, 1, "填表人：")
    ws.cell(20, 5, "审核人：")
    ws.cell(20, 8, "填表日期：")
    ws.freeze_panes = "C4"
    return wb


def canlian() -> Workbook:
    """区残联 残疾人基本状况调查表: two-level header with merged group cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "调查表"
    lower = [
        "序号",
        "姓名",
        "性别",
        "公民身份号码",
        "出生日期",
        "联系电话",
        "残疾证号",
        "残疾类别",
        "残疾等级",
        "姓名",
        "电话",
        "居住情况",
        "备注",
    ]
    widths = [6, 10, 6, 22, 12, 14, 24, 10, 10, 10, 14, 12, 12]
    _title(ws, "江岸区残疾人基本状况调查表", len(lower))
    _header(ws, 2, [""] * len(lower), widths)
    _header(ws, 3, lower, widths)
    for col, text in ((2, "基本信息"), (7, "残疾情况"), (10, "监护人")):
        ws.cell(2, col, text)
    ws.merge_cells("B2:F2")
    ws.merge_cells("G2:I2")
    ws.merge_cells("J2:K2")
    for col, text in ((1, "序号"), (12, "居住情况"), (13, "备注")):
        ws.cell(2, col, text)
        ws.cell(3, col, None)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    _blank_rows(ws, 4, 10, len(lower), {4: "@", 5: "yyyy-mm-dd", 6: "@", 7: "@", 11: "@"})
    ws.cell(15, 1, "填报人：")
    ws.cell(15, 6, "审核人：")
    ws.cell(15, 10, "填报日期：    年  月  日")
    return wb


def weijian() -> Workbook:
    """区卫健委 80岁以上老人健康随访表: an example row, and columns jianfu has never seen."""
    wb = Workbook()
    ws = wb.active
    ws.title = "随访表"
    headers = [
        "序号",
        "姓名",
        "性别",
        "年龄",
        "身份证号码",
        "联系电话",
        "居住地址",
        "居住情况",
        "慢性病情况",
        "紧急联系人",
        "紧急联系电话",
        "随访日期",
        "随访医生",
        "备注",
    ]
    widths = [6, 10, 6, 6, 22, 14, 28, 12, 20, 10, 14, 12, 10, 12]
    _title(ws, "80岁以上老人健康随访表", len(headers))
    _header(ws, 2, headers, widths)
    example = [
        "例：1",
        "例：张三",
        "男",
        85,
        "420102194001011234",
        "13800000000",
        "民意小区3栋2单元501",
        "独居",
        "高血压、糖尿病",
        "张小明",
        "13900000000",
        "2026-01-05",
        "李医生",
        "",
    ]
    for c, value in enumerate(example, start=1):
        cell = ws.cell(3, c, value)
        cell.font = Font(name="宋体", size=10, italic=True, color="C00000")
        cell.border = BOX
    _blank_rows(ws, 4, 12, len(headers), {5: "@", 6: "@", 11: "@", 12: "yyyy-mm-dd"})
    return wb


def tuiyi() -> Workbook:
    """区退役军人事务局 退役军人信息采集表: 15 columns, 填表人/填表日期 as columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "信息采集"
    headers = [
        "序号",
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "公民身份号码",
        "政治面貌",
        "入伍时间",
        "退伍时间",
        "优抚类别",
        "联系电话",
        "户籍地址",
        "现居住地址",
        "填表人",
        "填表日期",
    ]
    widths = [6, 10, 6, 8, 12, 22, 12, 12, 12, 12, 14, 28, 28, 10, 12]
    _title(ws, "退役军人信息采集表", len(headers), size=18)
    _header(ws, 2, headers, widths)
    _blank_rows(
        ws,
        3,
        20,
        len(headers),
        {5: "yyyy-mm-dd", 6: "@", 8: "yyyy-mm", 9: "yyyy-mm", 11: "@", 15: "yyyy-mm-dd"},
    )
    ws.freeze_panes = "A3"
    return wb


def dibao() -> Workbook:
    """区民政局 城乡低保复核名册: title, 填报单位 line, footer with 审核人."""
    wb = Workbook()
    ws = wb.active
    ws.title = "复核名册"
    headers = [
        "序号",
        "低保证号",
        "姓名",
        "身份证号",
        "与户主关系",
        "保障人数",
        "家庭住址",
        "联系电话",
        "复核结果",
        "备注",
    ]
    widths = [6, 16, 10, 22, 10, 8, 30, 14, 12, 12]
    _title(ws, "城乡最低生活保障对象年度复核名册", len(headers))
    ws.cell(2, 1, "填报单位：            街道            社区")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
    ws.cell(2, 8, "单位：人")
    _header(ws, 3, headers, widths)
    _blank_rows(ws, 4, 10, len(headers), {2: "@", 4: "@", 8: "@"})
    ws.cell(15, 1, "填表人：")
    ws.cell(15, 4, "审核人：")
    ws.cell(15, 7, "填表日期：")
    return wb


TEMPLATES = {
    "区民政局_高龄津贴发放名册.xlsx": gaoling,
    "区残联_残疾人基本状况调查表.xlsx": canlian,
    "区卫健委_80岁以上老人健康随访表.xlsx": weijian,
    "区退役军人事务局_退役军人信息采集表.xlsx": tuiyi,
    "区民政局_低保复核名册.xlsx": dibao,
}


def main() -> None:
    for name, make in TEMPLATES.items():
        wb = make()
        wb.properties.creator = "jianfu examples"
        wb.save(HERE / name)
        print(HERE / name)


if __name__ == "__main__":
    main()
