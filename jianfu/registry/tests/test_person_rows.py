"""`{% person_rows %}` writes the bytes the registry list's row template wrote."""

import datetime as dt
from types import SimpleNamespace

from django.template import Context, Template
from django.test import SimpleTestCase

# the list's rows as a template, as they were before {% person_rows %} (registry/_person_results.html)
ROW_TEMPLATE = (
    "{% load registry_tags %}{% for p in page.rows %}\n    <tr>\n"
    '      <td data-label="{{ L1 }}"><a href="{{ detail_prefix }}{{ p.pid }}/">{{ p.name }}</a></td>\n'
    '      <td data-label="{{ L2 }}">{{ p.gender }}</td>\n'
    '      <td data-label="{{ L3 }}">{{ p.birth_date|age }}</td>\n'
    '      <td data-label="{{ L4 }}" class="masked">{{ p.id_number|masked_id }}</td>\n'
    '      <td data-label="{{ L5 }}" class="masked">{{ p.phone|masked_phone }}</td>\n'
    '      <td data-label="{{ L6 }}">{{ p.community.name }}</td>\n'
    '      <td data-label="{{ L7 }}">{{ p.grid.name|default:"—" }}</td>\n'
    '      <td data-label="{{ L8 }}">{% if p.has_conflict %}<span class="badge warn">{{ L9 }}</span>{% endif %}</td>\n'
    "    </tr>\n  {% endfor %}"
)
TAG = "{% load registry_tags %}{% person_rows page.rows detail_prefix L1 L2 L3 L4 L5 L6 L7 L8 L9 %}"
LABELS = {
    f"L{i}": label
    for i, label in enumerate(
        ["姓名", "性别", "年龄", "身份证号", "电话", "社区", "网格", "状态", "有<冲突>"], 1
    )
}


def person(n, **kw):
    values = {
        "pid": f"RA{n:010d}",
        "name": "张三",
        "gender": "男",
        "birth_date": dt.date(1950, 3, 1),
        "id_number": "110101195003011234",
        "phone": "13812345678",
        "community": SimpleNamespace(name="永红社区"),
        "grid": SimpleNamespace(name="第一网格"),
        "has_conflict": False,
    }
    values.update(kw)
    return SimpleNamespace(**values)


class PersonRowsTests(SimpleTestCase):
    def test_same_bytes_as_the_row_template(self):
        rows = [
            person(1),
            person(2, name="<b>李&四</b>", gender="", birth_date=None, id_number=None, phone="", grid=None),
            person(3, has_conflict=True, grid=SimpleNamespace(name=""), birth_date=dt.date(2020, 12, 31)),
            person(4, community=SimpleNamespace(name='华侨"社区"'), id_number="1101", phone="123"),
        ]
        context = {"page": SimpleNamespace(rows=rows), "detail_prefix": "/registry/people/", **LABELS}
        expected = Template(ROW_TEMPLATE).render(Context(context))
        written = Template(TAG).render(Context(context))
        self.assertEqual(written, expected)
        self.assertEqual(written.count("<tr>"), 4)
        self.assertIn("&lt;b&gt;李&amp;四&lt;/b&gt;", written)
        self.assertIn("有&lt;冲突&gt;", written)  # the conflict badge, escaped

    def test_no_rows_no_bytes(self):
        page = SimpleNamespace(rows=[])
        self.assertEqual(Template(TAG).render(Context({"page": page, "detail_prefix": "/", **LABELS})), "")
