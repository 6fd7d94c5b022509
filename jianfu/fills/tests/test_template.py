import io
from pathlib import Path

import pytest

from jianfu.fills.services import analyse_bytes
from jianfu.fills.template import TemplateError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "templates"


def load(name: str):
    return analyse_bytes((EXAMPLES / name).read_bytes(), name)


def mapping(analysis):
    return {c.label: (c.attribute or c.meta) for c in analysis.columns}


@pytest.mark.django_db
def test_gaoling_title_and_subtitle_rows():
    a = load("区民政局_高龄津贴发放名册.xlsx")
    assert a.header_rows == [3]
    assert a.data_start == 4
    m = mapping(a)
    assert m == {
        "序号": "seq",
        "姓名": "name",
        "性别": "gender",
        "身份证号": "id_number",
        "出生年月": "birth_date",
        "年龄": "age",
        "所属网格": "grid",
        "联系电话": "phone",
        "现住址": "address",
        "备注": "remark",
    }
    assert a.unmapped == []


@pytest.mark.django_db
def test_canlian_two_level_header_with_merged_groups():
    a = load("区残联_残疾人基本状况调查表.xlsx")
    assert a.header_rows == [2, 3]
    m = mapping(a)
    assert m["基本信息 / 姓名"] == "name"
    assert m["监护人 / 姓名"] == "guardian"
    assert m["监护人 / 电话"] == "guardian_phone"
    assert m["残疾情况 / 残疾等级"] == "disability_level"
    assert m["序号"] == "seq"
    assert m["居住情况"] == "living"


@pytest.mark.django_db
def test_weijian_example_row_and_unknown_columns():
    a = load("区卫健委_80岁以上老人健康随访表.xlsx")
    assert a.header_rows == [2]
    assert a.example_rows == [3]
    assert a.data_start == 3  # the example row is replaced by the first resident
    assert "慢性病情况" in a.unmapped
    assert mapping(a)["紧急联系电话"] == "guardian_phone"


@pytest.mark.django_db
def test_tuiyi_and_dibao():
    a = load("区退役军人事务局_退役军人信息采集表.xlsx")
    assert a.header_rows == [2] and len(a.columns) == 15
    m = mapping(a)
    assert m["入伍时间"] == "enlist_date" and m["填表人"] == "filled_by" and m["填表日期"] == "fill_date"
    b = load("区民政局_低保复核名册.xlsx")
    assert b.header_rows == [3]
    mb = mapping(b)
    assert mb["低保证号"] == "dibao_number" and mb["保障人数"] == "dibao_people"
    assert b.unmapped == ["复核结果"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data,name,needle",
    [
        (b"", "a.xlsx", "空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, "a.xls", ".xlsx"),
        (b"hello,world\n", "a.xlsx", "不是 Excel"),
        (b"PK\x03\x04garbage", "a.xlsx", "Excel"),
    ],
)
def test_bad_templates(data, name, needle):
    with pytest.raises(TemplateError) as err:
        analyse_bytes(data, name)
    assert needle in str(err.value)


@pytest.mark.django_db
def test_no_header_found():
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "随便写点什么"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(TemplateError, match="没有找到表头"):
        analyse_bytes(out.getvalue(), "x.xlsx")


@pytest.mark.django_db
def test_zip_bomb_refused():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(TemplateError, match="异常"):
        analyse_bytes(buf.getvalue(), "bomb.xlsx")


@pytest.mark.django_db
def test_too_many_columns_refused():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1, "姓名")
    ws.cell(1, 16384, "x")
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(TemplateError, match="16384"):
        analyse_bytes(out.getvalue(), "wide.xlsx")


@pytest.mark.django_db
def test_someone_elses_fields_under_a_group_are_not_guessed():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "配偶", None, "监护人", None])
    ws.append([None, None, None, "姓名", "身份证号", "姓名", "电话"])
    for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"):
        ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    a = analyse_bytes(out.getvalue(), "x.xlsx")
    assert a.header_rows == [1, 2]
    m = mapping(a)
    assert m["姓名"] == "name" and m["身份证号"] == "id_number"
    assert m["配偶 / 姓名"] is None and m["配偶 / 身份证号"] is None
    assert m["监护人 / 姓名"] == "guardian" and m["监护人 / 电话"] == "guardian_phone"


@pytest.mark.django_db
def test_instructions_sheet_first_form_on_second_sheet():
    from openpyxl import Workbook

    from jianfu.fills.template import open_workbook
    from jianfu.fills.writer import PersonRow, fill_sheet, splice_rows

    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "1. 请按身份证填写姓名。"
    notes["A2"] = "2. 出生日期格式为 1950-03-02。"
    form = wb.create_sheet("名册")
    form.append(["区民政局名册"])
    form.append(["序号", "姓名", "身份证号", "联系电话"])
    out = io.BytesIO()
    wb.save(out)
    a = analyse_bytes(out.getvalue(), "x.xlsx")
    assert a.sheet == "名册" and a.header_row == 2
    # the rows land on that sheet
    import datetime as dt

    book = open_workbook(out.getvalue())
    person = PersonRow(
        name="张三",
        id_number="42010219500302123X",
        gender="男",
        birth_date=None,
        phone="13800000000",
        values={},
    )
    _result, rows = fill_sheet(
        book[a.sheet], a, [person], attribute_types={}, filled_by="王芳", today=dt.date(2026, 1, 1)
    )
    saved = io.BytesIO()
    book.save(saved)
    from openpyxl import load_workbook

    filled = load_workbook(io.BytesIO(splice_rows(saved.getvalue(), rows)))
    assert filled["名册"]["B3"].value == "张三" and filled["名册"]["C3"].data_type == "s"
    assert filled["填表说明"]["A3"].value is None
