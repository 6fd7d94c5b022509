import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core.testing.factories import SYSTEM
from jianfu.fills.where import (
    AttributeInfo,
    Condition,
    Vocabulary,
    WhereError,
    parse,
    unparse,
)

ATTRIBUTES = [
    AttributeInfo("age", "年龄", "number"),
    AttributeInfo("name", "姓名", "text"),
    AttributeInfo("gender", "性别", "choice", ("男", "女")),
    AttributeInfo("birth_date", "出生日期", "date"),
    AttributeInfo("ethnicity", "民族", "text"),
    AttributeInfo("dibao_people", "保障人数", "number"),
    AttributeInfo("living_alone_elder", "独居老人", "tag"),
    AttributeInfo("dibao", "低保", "tag"),
    AttributeInfo("grid", "所属网格", "text"),
]
VOCAB = Vocabulary(ATTRIBUTES, {"周岁": "age", "独居": "living_alone_elder", "网格": "grid"})


def test_codes_names_synonyms_and_tags():
    assert parse("age>=80 and tag=独居老人", VOCAB) == [
        Condition("age", ">=", "80"),
        Condition("tag", "=", "living_alone_elder"),
    ]
    assert parse("年龄 >= 80 AND 性别=女", VOCAB) == [
        Condition("age", ">=", "80"),
        Condition("gender", "=", "女"),
    ]
    assert parse("周岁<60", VOCAB) == [Condition("age", "<", "60")]
    assert parse("tag!=独居", VOCAB) == [Condition("tag", "!=", "living_alone_elder")]
    assert parse('民族="土家 族"', VOCAB) == [Condition("ethnicity", "=", "土家 族")]
    assert parse("出生日期<1950.3.2", VOCAB) == [Condition("birth_date", "<", "1950-03-02")]
    assert parse("低保=是", VOCAB) == [Condition("dibao", "=", "是")]
    assert parse("  ", VOCAB) == []


@pytest.mark.parametrize(
    "text,position,needle",
    [
        ("年纪>=80", 1, "未知属性“年纪”，可用：年龄、"),
        ("age>=80 and 年纪>=80", 13, "未知属性“年纪”"),
        ("age>=80 or tag=低保", 9, "and"),
        ("age 80", 5, "比较符"),
        ("age>=", 6, "缺少值"),
        ("age>=八十", 6, "数字"),
        ("tag=高富帅", 5, "未知标签"),
        ("tag>=低保", 4, "标签只能用"),
        ("民族>汉族", 3, "只能用 = 或 !="),
        ("性别=男性", 4, "可选"),
        ("出生日期<昨天", 6, "日期"),
        ('民族="汉族', 4, "引号"),
        ("age>=80 and", 12, "缺少条件"),
        (">=80", 1, "属性名"),
    ],
)
def test_errors_point_at_the_position(text, position, needle):
    with pytest.raises(WhereError) as err:
        parse(text, VOCAB)
    assert err.value.position == position, str(err.value)
    assert needle in str(err.value)
    assert str(err.value).startswith(f"第{position}个字符处：")


_TEXT = st.text(alphabet=st.sampled_from(list("汉族张三 =<>\"'and-+@1")), min_size=1, max_size=8)


@st.composite
def conditions(draw):
    kind = draw(st.sampled_from(["age", "ethnicity", "gender", "tag", "dibao_people", "birth_date"]))
    if kind == "age":
        return Condition(
            "age", draw(st.sampled_from(["=", "!=", ">", ">=", "<", "<="])), str(draw(st.integers(0, 120)))
        )
    if kind == "dibao_people":
        return Condition(kind, draw(st.sampled_from([">", "<=", "="])), str(draw(st.integers(0, 9))))
    if kind == "birth_date":
        day = draw(st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1)))
        return Condition(kind, draw(st.sampled_from([">", "<", "="])), day.isoformat())
    if kind == "gender":
        return Condition(kind, draw(st.sampled_from(["=", "!="])), draw(st.sampled_from(["男", "女"])))
    if kind == "tag":
        return Condition(
            "tag", draw(st.sampled_from(["=", "!="])), draw(st.sampled_from(["living_alone_elder", "dibao"]))
        )
    value = draw(_TEXT.filter(lambda v: v.strip() == v and "”" not in v and not ('"' in v and "“" in v)))
    return Condition(kind, draw(st.sampled_from(["=", "!="])), value)


@settings(max_examples=200, deadline=None)
@given(st.lists(conditions(), min_size=1, max_size=4))
def test_round_trip(conds):
    assert parse(unparse(conds), VOCAB) == conds


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_input_parses_or_raises_where_error(text):
    try:
        parse(text, VOCAB)
    except WhereError as exc:
        assert 1 <= exc.position <= len(text) + 1


@pytest.mark.django_db
def test_orm_translation_on_real_people():
    from django.utils import timezone

    from jianfu.core.testing import factories as f
    from jianfu.fills.services import people_for_fill

    org = f.org_tree()
    today = timezone.localdate()

    def born(years, days=0):
        return today.replace(year=today.year - years, day=min(today.day, 28)) + dt.timedelta(days=days)

    exactly80 = f.person(
        org["community"],
        name="整八十",
        birth=born(80),
        grid=org["grid"],
        ethnicity="汉族",
        dibao="是",
        dibao_people="3",
    )
    almost80 = f.person(org["community"], name="差一天", birth=born(80, days=1), ethnicity="回族")
    f.person(org["other_community"], name="别的社区", birth=born(90))

    def names(where):
        return sorted(p.name for p in people_for_fill(actor=SYSTEM, community=org["community"], where=where))

    assert names("age>=80") == ["整八十"]
    assert names("age<80") == ["差一天"]
    assert names("age=79") == ["差一天"]
    assert names("age!=80") == ["差一天"]
    assert names("age>79") == ["整八十"]
    assert names("age<=79") == ["差一天"]
    assert names("民族=汉族") == ["整八十"]
    assert names("民族!=汉族") == ["差一天"]
    assert names("tag=低保") == ["整八十"]
    assert names("tag!=低保") == ["差一天"]
    assert names("低保=否") == ["差一天"]
    assert names("保障人数>=3") == ["整八十"]
    assert names("保障人数>3") == []
    assert names(f"出生日期>{born(80).isoformat()}") == ["差一天"]
    assert names("name=整八十 and age>=80") == ["整八十"]
    assert names("") == ["差一天", "整八十"]
    assert names("grid=01") == ["整八十"]
    assert names("网格!=01") == ["差一天"]
    assert exactly80.pk and almost80.pk


def test_errors_in_english():
    from django.utils import translation

    with translation.override("en"), pytest.raises(WhereError) as err:
        parse("年纪>=80", VOCAB)
    assert str(err.value).startswith("At character 1: Unknown attribute")
