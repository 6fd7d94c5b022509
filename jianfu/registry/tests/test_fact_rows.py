"""`{% fact_rows %}` writes the bytes the person page's fact row template wrote."""

import datetime as dt
from types import SimpleNamespace

from django.template import Context, Template
from django.test import SimpleTestCase

# the facts table's rows as a template, as they were before {% fact_rows %} (registry/person_detail.html)
ROW_TEMPLATE = (
    "{% load registry_tags jianfu_format %}{% for f in d.facts %}\n    <tr>\n"
    '      <td data-label="{{ F1 }}">{{ f.attribute.name }}</td>\n'
    '      <td data-label="{{ F2 }}">{% if f.attribute.sensitivity == "masked" %}<span class="masked">'
    '{% if f.attribute.code == "id_number" %}{{ f.value|masked_id }}{% else %}{{ f.value|masked_phone }}'
    "{% endif %}</span>{% else %}{{ f.value }}{% endif %}</td>\n"
    '      <td data-label="{{ F3 }}">{{ f.source.name }}</td>\n'
    '      <td data-label="{{ F4 }}">{{ f.source.priority }}</td>\n'
    '      <td data-label="{{ F5 }}">{{ f.recorded_at|datetime_table }}</td>\n'
    '      <td data-label="{{ F6 }}">{{ f.recorded_by|default:"—" }}</td>\n'
    '      <td data-label="{{ F7 }}">{{ f.ledger_import|default:"—" }}</td>\n'
    '      <td data-label="{{ F8 }}">{% if not f.validated %}<span class="badge warn">{{ F9 }}</span> '
    "{{ f.problem }} {% endif %}{{ f.note }}</td>\n"
    "    </tr>\n  {% endfor %}"
)
TAG = "{% load registry_tags %}{% fact_rows d.facts F1 F2 F3 F4 F5 F6 F7 F8 F9 %}"
LABELS = {
    f"F{i}": label
    for i, label in enumerate(
        ["属性", "值", "来源", "优先级", "记录时间", "记录人", "导入批次", "说明", "未<核验>"], 1
    )
}


class Named:
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def fact(n, **kw):
    values = {
        "attribute": SimpleNamespace(name="姓名", code="name", sensitivity="normal"),
        "value": "张三",
        "source": SimpleNamespace(name="人口基础库", priority=100),
        "recorded_at": dt.datetime(2026, 3, 1, 17, 5, tzinfo=dt.UTC),  # 01:05 the next day in Shanghai
        "recorded_by": None,
        "ledger_import": None,
        "validated": True,
        "problem": "",
        "note": "",
        "pk": n,
    }
    values.update(kw)
    return SimpleNamespace(**values)


class FactRowsTests(SimpleTestCase):
    def test_same_bytes_as_the_row_template(self):
        facts = [
            fact(1),
            fact(
                2,
                attribute=SimpleNamespace(name="公民身份号码", code="id_number", sensitivity="masked"),
                value="110101195003011234",
                recorded_by=Named("王<五>"),
                ledger_import=Named("台账&2026.xlsx"),
            ),
            fact(
                3,
                attribute=SimpleNamespace(name="联系电话", code="phone", sensitivity="masked"),
                value="13812345678",
                source=SimpleNamespace(name='网格"走访"', priority=12000),
                validated=False,
                problem="位数<不对>",
                note="入户",
            ),
            fact(
                4,
                value="<b>李&四</b>",
                note="a & b",
                recorded_at=dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC),
            ),
            fact(5, attribute=SimpleNamespace(name="电话", code="phone", sensitivity="masked"), value="123"),
        ]
        context = {"d": SimpleNamespace(facts=facts), **LABELS}
        expected = Template(ROW_TEMPLATE).render(Context(context))
        written = Template(TAG).render(Context(context))
        self.assertEqual(written, expected)
        self.assertEqual(written.count("<tr>"), 5)
        self.assertIn("2026-03-02 01:05", written)  # in the site's time zone
        self.assertIn("1101**********1234", written)
        self.assertNotIn("13812345678", written)
        self.assertIn("&lt;b&gt;李&amp;四&lt;/b&gt;", written)
        self.assertIn("未&lt;核验&gt;", written)

    def test_no_facts_no_bytes(self):
        self.assertEqual(Template(TAG).render(Context({"d": SimpleNamespace(facts=[]), **LABELS})), "")
