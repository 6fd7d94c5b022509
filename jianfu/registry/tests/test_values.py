"""Every form of a value that real rosters write, read as a worker would read it."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianfu.registry.phones import parse_phones
from jianfu.registry.values import (
    address_key,
    clean_ethnicity,
    clean_name,
    clean_value,
    parse_date,
    split_name,
    usable_name,
)

MOBILE = "13687156658"


@pytest.mark.parametrize(
    "written",
    [
        "136-8715-6658",
        "136 8715 6658",
        "136.8715.6658",
        "(136)87156658",
        "+8613687156658",
        "+86 136 8715 6658",
        "008613687156658",
        "86-13687156658",
        "(+86)13687156658",
        "8613687156658",
        "１３６８７１５６６５８",
        "手机：13687156658",
        "手机13687156658",
        "13687156658（本人）",
        "13687156658(子女)",
        " 13687156658\u00a0",
        "\u200b13687156658",
        13687156658,
        13687156658.0,
    ],
)
def test_mobile_forms(written):
    assert clean_value("text", "phone", written).value == MOBILE


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("027-85123456", "027-85123456"),
        ("(027)85123456", "027-85123456"),
        ("（027）85123456", "027-85123456"),
        ("027 8512 3456", "027-85123456"),
        ("02785123456", "027-85123456"),
        ("027-85123456转801", "027-85123456-801"),
        ("027-85123456-801", "027-85123456-801"),
        ("+86 27 85123456", "027-85123456"),
        ("0086-27-85123456", "027-85123456"),
        ("010-62345678", "010-62345678"),
        ("0755-8123456", "0755-8123456"),
        ("85123456", "85123456"),
        ("400-123-4567", "400-123-4567"),
    ],
)
def test_landline_forms(written, stored):
    assert clean_value("text", "phone", written).value == stored


@pytest.mark.parametrize(
    "written",
    [
        "13687156658/027-85123456",
        "13687156658，027-85123456",
        "13687156658、027-85123456",
        "13687156658 027-85123456",
    ],
)
def test_two_numbers_in_one_cell_both_kept(written):
    cleaned = clean_value("text", "phone", written)
    assert cleaned.value == MOBILE
    assert cleaned.extra == (("phone_other", "027-85123456"),)
    assert clean_value("text", "guardian_phone", written).value == "13687156658、027-85123456"


@pytest.mark.parametrize("written", ["无", "/", "——", "-", "暂无", "无电话", "不详", "  "])
def test_no_phone_is_no_value_not_a_problem(written):
    cleaned = clean_value("text", "phone", written)
    assert (cleaned.value, cleaned.error) == (None, None)


@pytest.mark.parametrize(
    ("written", "kind"),
    [("1368715665", "phone_format"), ("12345", "phone_format"), ("1.36871566E+10", "phone_excel")],
)
def test_bad_phones_are_named(written, kind):
    cleaned = clean_value("text", "phone", written)
    assert cleaned.value is None and cleaned.kind == kind and cleaned.error


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["-", " ", ".", ""]))
def test_any_mobile_with_any_separator(number, sep):
    written = sep.join([number[:3], number[3:7], number[7:]])
    assert parse_phones(written).numbers == [number]
    assert parse_phones("+86" + written).numbers == [number]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("1956-03-12", dt.date(1956, 3, 12)),
        ("1956.3.12", dt.date(1956, 3, 12)),
        ("1956/3/12", dt.date(1956, 3, 12)),
        ("1956年3月12日", dt.date(1956, 3, 12)),
        ("1956年3月12号", dt.date(1956, 3, 12)),
        ("19560312", dt.date(1956, 3, 12)),
        ("1956-03-12 00:00:00", dt.date(1956, 3, 12)),
        ("1956.3.12.", dt.date(1956, 3, 12)),
        ("1956.03", dt.date(1956, 3, 1)),
        ("195603", dt.date(1956, 3, 1)),
        (195603, dt.date(1956, 3, 1)),
        ("1956年3月", dt.date(1956, 3, 1)),
        ("1956年03月", dt.date(1956, 3, 1)),
        ("56年3月", dt.date(1956, 3, 1)),
        ("56.03", dt.date(1956, 3, 1)),
        ("56年3月12日", dt.date(1956, 3, 12)),
        ("一九五六年三月十二日", dt.date(1956, 3, 12)),
        ("二〇一〇年十二月", dt.date(2010, 12, 1)),
        ("20526", dt.date(1956, 3, 12)),  # an Excel serial that became text
        (20526, dt.date(1956, 3, 12)),
        ("１９５６－０３－１２", dt.date(1956, 3, 12)),
    ],
)
def test_date_forms(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize("written", ["1956年", "13/13/1956", "明年", "1956.13.01"])
def test_unreadable_dates_are_errors(written):
    assert clean_value("date", "birth_date", written).kind == "date_format"


@pytest.mark.parametrize(
    ("written", "gender"),
    [("男", "男"), ("男性", "男"), ("M", "男"), ("m", "男"), ("1", "男"), ("男 ", "男"), ("Male", "男"),
     ("女", "女"), ("女性", "女"), ("F", "女"), ("2", "女"), (" 女", "女"), ("女士", "女")],
)  # fmt: skip
def test_gender_forms(written, gender):
    assert clean_value("choice", "gender", written, ["男", "女"]).value == gender


def test_unknown_gender_is_named():
    assert clean_value("choice", "gender", "未说明的性别", ["男", "女"]).kind == "gender_value"
    assert clean_value("choice", "gender", "未知", ["男", "女"]).value is None  # 未知 = nothing said


@pytest.mark.parametrize(
    ("written", "stored"),
    [("汉", "汉族"), ("汉族", "汉族"), ("维吾尔", "维吾尔族"), ("01", "汉族"), ("5", "维吾尔族"), ("回", "回族"),
     ("蒙古", "蒙古族"), ("满族人", "满族"), ("纳西族（摩梭）", "纳西族(摩梭)"), ("穿青人", "穿青人")],
)  # fmt: skip
def test_ethnicity_forms(written, stored):
    assert clean_ethnicity(written) == stored


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("李 娜", "李娜"),
        ("李　娜", "李娜"),
        (" 王 建 国 ", "王建国"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽‧买买提", "阿依古丽·买买提"),
        ("阿依古丽﹒买买提", "阿依古丽·买买提"),  # U+FE52, the small full stop GBK has (A9 71)
        ("阿依古丽．买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("张三", "张三"),
    ],
)
def test_name_forms(written, name):
    assert clean_name(written) == name


@pytest.mark.parametrize(
    ("written", "name", "note"),
    [
        ("张三（户主）", "张三", "户主"),
        ("张三(独居)", "张三", "独居"),
        ("张三【低保户】", "张三", "低保户"),
        ("张三", "张三", ""),
    ],
)
def test_bracket_notes_split_off(written, name, note):
    assert split_name(written) == (name, note)


@pytest.mark.parametrize(
    "written", ["合计", "合计：56人", "小计", "说明：以上情况属实", "123", "", "填表人：王丽"]
)
def test_not_a_name(written):
    assert not usable_name(split_name(written)[0])


@given(
    st.text(alphabet="张王李赵刘陈杨黄吴周国华伟芳娜敏静丽强", min_size=2, max_size=4),
    st.sampled_from([" ", "\u3000", "  "]),
)
def test_spaces_inside_a_name_never_matter(name, space):
    assert clean_name(space.join(name)) == name


def test_addresses_compare_after_folding():
    same = [
        "民意小区1栋2单元301室",
        "民意小区1-2-301",
        "江岸区大智街道民意小区1栋2单元301",
        "湖北省武汉市江岸区民意小区1栋2单元301室",
        "民意小区1号楼2单元301",
        "民意小区 1栋 2单元 301",
    ]
    assert len({address_key(a) for a in same}) == 1


@pytest.mark.parametrize("attr_type", ["text", "date", "number", "choice"])
def test_placeholders_are_no_value(attr_type):
    for written in ["/", "无", "——", "不详", "#N/A"]:
        assert clean_value(attr_type, "x", written, ["甲"]).value is None
        assert clean_value(attr_type, "x", written, ["甲"]).error is None


def test_tag_columns_keep_no_as_no():
    assert clean_value("tag", "dibao", "无").value == "否"
    assert clean_value("tag", "dibao", "/").value is None
    assert clean_value("tag", "dibao", "√").value == "是"


def test_numbers_with_units():
    assert clean_value("number", "dibao_people", "3人").value == "3"
    assert clean_value("number", "x", "1,560元").value == "1560"


def test_other_scripts_digits_are_not_phone_or_id_digits():
    assert clean_value("text", "phone", "١٣٦٨٧١٥٦٦٥٨").kind == "phone_format"
    assert clean_value("text", "id_number", "٤٢٠١٠٢١٩٥٠٠٣٠٢١٢٣٧").error
