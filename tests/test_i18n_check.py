"""scripts/i18n.py check: the punctuation rules of docs/style-zh.md fail the lint, with where and how to fix."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
assert spec and spec.loader
i18n = importlib.util.module_from_spec(spec)
sys.modules["i18n_script"] = i18n
spec.loader.exec_module(i18n)

PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "django.po"
    path.write_text(PO_HEAD + body)
    return path


@pytest.mark.parametrize(
    "msgid",
    ["姓名:", "证件号码: %(n)s", "张三(户主)", "共3项,已导入", "请选择 (可多选)"],
)
def test_ascii_punctuation_beside_chinese_in_a_msgid_fails(tmp_path, msgid):
    found = i18n.punctuation_in_po(po(tmp_path, f'msgid "{msgid}"\nmsgstr "x"\n'), "app.po")
    assert len(found) == 1
    assert found[0].startswith("app.po:5: ASCII punctuation next to Chinese")


@pytest.mark.parametrize(
    "msgstr", ["Try：", "Decision：%(d)s", "Photo（optional）", "a，b", "Separate with 、, commas"]
)
def test_full_width_punctuation_in_english_fails(tmp_path, msgstr):
    found = i18n.punctuation_in_po(po(tmp_path, f'msgid "试试"\nmsgstr "{msgstr}"\n'), "app.po")
    assert found and "full-width punctuation in English msgstr" in found[0]


@pytest.mark.parametrize(
    "msgid",
    [
        "共 3 项",
        "共 %(n)s 项",
        "第 %d 行",
        "已导入 {count} 行",
        "近12 个月",
        "耗时 <strong>%(h)s</strong> 小时",
    ],
)
def test_a_space_between_chinese_and_a_number_or_placeholder_fails(tmp_path, msgid):
    found = i18n.punctuation_in_po(po(tmp_path, f'msgid "{msgid}"\nmsgstr "x"\n'), "app.po")
    assert len(found) == 1 and "space between Chinese and a number or placeholder" in found[0]


@pytest.mark.parametrize(
    "msgid",
    [
        "共%(n)s项",
        "2026年12月1日 14:30",
        "每行：“春节 2027-02-05 至 2027-02-12”",
        "SHA-256 digest 3 items",
        "张 三",
        "耗时<strong>%(h)s</strong>小时",
    ],
)
def test_numbers_without_a_space_quoted_examples_and_english_pass(tmp_path, msgid):
    assert i18n.punctuation_in_po(po(tmp_path, f'msgid "{msgid}"\nmsgstr "x"\n'), "app.po") == []


@pytest.mark.parametrize(
    "source",
    [
        '{% translate "时限" %} {{ d }}',
        '{{ n }} {% translate "项" %}',
        "<p>共 {{ n }}</p>",
        "<p>共 <b>{{ n }}</b></p>",
    ],
)
def test_a_space_between_chinese_template_text_and_a_value_fails(tmp_path, source):
    found = templates(tmp_path, source)
    assert len(found) == 1 and "space between Chinese text and a" in found[0]


def test_label_colon_value_and_blocktranslate_pass(tmp_path):
    source = '{% translate "时限" %}{% colon %}{{ d }}{% blocktranslate %}共{{ n }}项{% endblocktranslate %}'
    assert templates(tmp_path, source) == []


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("姓名：", "Name: "),
        ("应写成“户主姓名: 姓名”。", "Write “head: name”."),
        ("%(at)s：应写成 {name: 春节, from: 2027-02-06}。", "%(at)s: write {name: 春节, from: 2027-02-06}."),
        ("window 应为 [开始日期, 结束日期]", "window is [start, end]"),
        ("组织文件应以 district:、streets: 开头。", "Starts with district:, streets:."),
        ("标签", "Tags, e.g. 志愿服务者、义工"),
        ("依据", "Under 《关于规范村级组织工作事务的意见》 and 民发〔2020〕20号"),
        ("共%(n)d项", "%(n)d items"),
    ],
)
def test_quoted_syntax_data_and_proper_names_pass(tmp_path, msgid, msgstr):
    assert i18n.punctuation_in_po(po(tmp_path, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'), "app.po") == []


def test_wrapped_entries_are_joined_before_checking(tmp_path):
    body = 'msgid ""\n"很长的提示，"\n"第二行(括号)"\nmsgstr ""\n"Long hint, "\n"second line"\n'
    found = i18n.punctuation_in_po(po(tmp_path, body), "app.po")
    assert len(found) == 1 and "第二行(括号)" in found[0]


def templates(tmp_path: Path, source: str) -> list[str]:
    folder = tmp_path / "jianfu" / "demo" / "templates" / "demo"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(source)
    return i18n.punctuation_in_templates(tmp_path / "jianfu")


def test_full_width_template_text_fails_and_names_the_tag(tmp_path):
    found = templates(tmp_path, '<p>\n{% translate "结论" %}：{{ d }}（{{ n }}）</p>')
    assert len(found) == 3
    assert found[0].startswith("jianfu/demo/templates/demo/page.html:2:")
    assert any("{% colon %}" in f for f in found) and any("{% lparen %}" in f for f in found)


def test_ascii_colon_after_a_chinese_translate_tag_fails(tmp_path):
    found = templates(tmp_path, '<h1>{% translate "状态" %}: {{ s }}</h1>')
    assert len(found) == 1 and "ASCII punctuation beside Chinese text" in found[0]


@pytest.mark.parametrize("join", ['{{ xs|join:"、" }}', "{{ xs|join:'；' }}", '{{ xs | join: "，" }}'])
def test_a_full_width_join_separator_fails_and_names_the_listing_filter(tmp_path, join):
    found = templates(tmp_path, f"<p>\n{join}</p>")
    assert len(found) == 1 and found[0].startswith("jianfu/demo/templates/demo/page.html:2:")
    assert "|listing" in found[0]


def test_ascii_join_and_the_listing_filter_pass(tmp_path):
    assert templates(tmp_path, '{{ xs|join:" " }}{{ xs|listing }}{{ xs|listing:"semicolon" }}') == []


def test_tags_comments_scripts_and_blocktranslate_are_not_template_text(tmp_path):
    source = (
        '{% translate "姓名：" %}{{ x|default:"（无）" }}{# 注释：可以 #}'
        "<script>const a = '：';</script>{% blocktranslate %}共 {{ n }} 条（已导入）{% endblocktranslate %}"
        "{% colon %}{{ a }} · {{ b }} — “{{ c }}”"
    )
    assert templates(tmp_path, source) == []


def test_the_tree_has_no_punctuation_problems():
    assert i18n.punctuation_in_templates(ROOT / "jianfu") == []
    problems = []
    for path in sorted((ROOT / "jianfu").glob("**/locale/en/LC_MESSAGES/django.po")):
        problems += i18n.punctuation_in_po(path, str(path.relative_to(ROOT)))
    assert problems == []
