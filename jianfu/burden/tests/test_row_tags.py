"""`{% entry_rows %}` and `{% alert_rows %}` write the bytes the row loops of entry_list.html and
alert_list.html wrote, for every badge branch, escaping and both languages."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.template import engines
from django.utils import timezone, translation

from jianfu.burden.models import BurdenEntry, ReboundAlert
from jianfu.burden.selectors import ENTRY_ROW_COLUMNS, EntryRow
from jianfu.core.testing import PersonaTestCase

OLD_ENTRY_LOOP = """{% load burden_format %}  {% for e in page %}
    <tr>
      <td data-label="{% translate '日期' %}">{{ e.occurred_on|date_table }}</td>
      <td data-label="{% translate '社区' %}">{{ e.community.name }}</td>
      <td data-label="{% translate '职能部门' %}">{{ e.department.name|default:"—" }}</td>
      <td data-label="{% translate '类型' %}">{{ e.get_kind_display }}{% if e.outside_lists %} <span class="badge warn">{% translate "清单外" %}</span>{% endif %}</td>
      <td data-label="{% translate '事项' %}"><a href="{% url 'burden:entry_detail' e.pk %}">{{ e.title }}</a></td>
      <td data-label="{% translate '耗时（小时）' %}">{% if e.corrected_hours is not None %}<s class="muted">{{ e.hours|hours }}</s> {{ e.corrected_hours|hours }} <span class="badge">{% translate "已修正" %}</span>{% else %}{{ e.hours|hours }}{% endif %}{% if e.kind == "task_refused" %} <span class="badge ok">{% translate "已拒绝，未执行" %}</span>{% elif e.withdrawn_at %} <span class="badge ok">{% translate "任务已撤销，计为避免的负担" %}</span>{% endif %}</td>
      <td data-label="{% translate '节省（小时）' %}">{{ e.saved_hours|hours }}</td>
    </tr>
  {% empty %}<tr><td colspan="7" class="muted">{% translate "暂无记录" %}</td></tr>{% endfor %}
"""
NEW_ENTRY_LOOP = """{% load burden_format %}  {% entry_rows page %}{% if not page %}<tr><td colspan="7" class="muted">{% translate "暂无记录" %}</td></tr>{% endif %}
"""
OLD_ALERT_LOOP = """{% load burden_format %}  {% for a in page %}
    <tr><td data-label="{% translate '月份' %}">{{ a.month|date:"Y-m" }}{% if a.month_to_date %} <span class="badge warn">{% translate "本月截至今日" %}</span>{% endif %}</td>
      <td data-label="{% translate '对象' %}"><a href="{% url 'burden:alert_detail' a.pk %}">{{ a.get_subject_display }} · {{ a.subject_name }}</a></td>
      <td data-label="{% translate '当月耗时' %}">{{ a.hours|hours }}</td><td data-label="{% translate '基线' %}">{{ a.baseline|hours }}</td><td data-label="{% translate '提醒阈值' %}">{{ a.threshold|hours }}</td>
      <td data-label="{% translate '状态' %}"><span class="badge {% if a.status == 'open' %}bad{% elif a.status == 'acknowledged' %}ok{% endif %}">{{ a.get_status_display }}</span></td></tr>
  {% empty %}<tr><td colspan="6" class="muted">{% translate "暂无提醒" %}</td></tr>{% endfor %}
"""
NEW_ALERT_LOOP = """{% load burden_format %}  {% alert_rows page %}{% if not page %}<tr><td colspan="6" class="muted">{% translate "暂无提醒" %}</td></tr>{% endif %}
"""


def render(source: str, rows: list) -> str:
    return engines["django"].from_string(source).render({"page": rows})


def as_row(entry: BurdenEntry) -> EntryRow:
    """The `EntryRow` the list's values() query reads for this entry."""
    related = {
        "community__name": entry.community.name,
        "department__name": getattr(entry.department, "name", None),
    }
    values = {
        name: related[column] if column in related else getattr(entry, column)
        for name, column in ENTRY_ROW_COLUMNS.items()
    }
    return EntryRow(**values)


class RowTagTests(PersonaTestCase):
    def entries(self) -> list[BurdenEntry]:
        base = {"community": self.community, "occurred_on": dt.date(2026, 5, 10), "hours": Decimal("11.33")}
        return [
            BurdenEntry(
                pk=1, kind="inspection", title='检查 <b>&</b> "台账"', saved_hours=Decimal(0), **base
            ),
            BurdenEntry(
                pk=22,
                kind="task_admitted",
                title="任务",
                department=self.department,
                outside_lists=True,
                corrected_hours=Decimal("2.05"),
                saved_hours=Decimal("1.5"),
                **base,
            ),
            BurdenEntry(pk=333, kind="task_refused", title="拒绝", department=self.department, **base),
            BurdenEntry(pk=4, kind="task_admitted", title="撤销", withdrawn_at=timezone.now(), **base),
        ]

    def alerts(self) -> list[ReboundAlert]:
        this_month = timezone.localdate().replace(day=1)
        figures = {"hours": Decimal("30.04"), "baseline": Decimal("10"), "threshold": Decimal("15.55")}
        return [
            ReboundAlert(
                pk=5,
                subject="community",
                community=self.community,
                month=this_month,
                status="open",
                **figures,
            ),
            ReboundAlert(
                pk=66,
                subject="department",
                department=self.department,
                month=dt.date(2026, 3, 1),
                status="acknowledged",
                **figures,
            ),
            ReboundAlert(
                pk=7,
                subject="community",
                community=self.other_community,
                month=dt.date(2026, 2, 1),
                status="cleared",
                **figures,
            ),
        ]

    def test_entry_rows_write_the_old_bytes(self):
        for language in ("zh-hans", "en"):
            with translation.override(language):
                for rows in (self.entries(), []):
                    new = render(NEW_ENTRY_LOOP, [as_row(e) for e in rows])
                    assert new == render(OLD_ENTRY_LOOP, rows), language
        assert "&lt;b&gt;&amp;&lt;/b&gt; &quot;台账&quot;" in render(
            NEW_ENTRY_LOOP, [as_row(e) for e in self.entries()]
        )

    def test_alert_rows_write_the_old_bytes(self):
        for language in ("zh-hans", "en"):
            with translation.override(language):
                for rows in (self.alerts(), []):
                    assert render(NEW_ALERT_LOOP, rows) == render(OLD_ALERT_LOOP, rows), language


def test_filter_options_write_the_old_loop_bytes() -> None:
    old = (
        '{% for v, label in items %}<option value="{{ v }}" {% if selected == v %}selected{% endif %}>'
        "{{ label }}</option>{% endfor %}"
    )
    new = "{% load burden_format %}{% filter_options items selected %}"
    cases = [
        ([(1, "甲<社区>"), (2, "B & C"), (1200, "乙")], 2),
        ([(1, "甲")], None),
        ([("meeting", "会议"), ("inspection", '检查"')], "inspection"),
        ([], ""),
    ]
    for items, selected in cases:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                context = {"items": items, "selected": selected}
                assert engines["django"].from_string(new).render(context) == (
                    engines["django"].from_string(old).render(context)
                )


OLD_DASHBOARD_TABLES = """{% translate "职能部门" as l_dept %}{% translate "强加耗时（小时）" as l_imp %}{% translate "清单外占比" as l_out %}{% translate "条目数" as l_n %}{% translate "拒绝数" as l_ref %}{% translate "社区" as l_comm %}{% translate "街道" as l_street %}{% translate "节省耗时（小时）" as l_saved %}
    <tbody>{% for r in board.top_departments %}<tr><td data-label="{{ l_dept }}">{{ r.name }}</td><td data-label="{{ l_imp }}">{{ r.imposed_hours }}</td><td data-label="{{ l_out }}">{{ r.outside_share }}%</td><td data-label="{{ l_n }}">{{ r.entries }}</td><td data-label="{{ l_ref }}">{{ r.refusals }}</td></tr>
    {% empty %}<tr><td colspan="5" class="muted">{% translate "暂无记录" %}</td></tr>{% endfor %}</tbody>
    <tbody>{% for r in board.by_community|slice:":30" %}<tr><td data-label="{{ l_comm }}"><a href="?community={{ r.id }}&amp;from={{ range_from }}&amp;to={{ range_to }}">{{ r.name }}</a></td><td data-label="{{ l_street }}">{{ r.street }}</td><td data-label="{{ l_imp }}">{{ r.imposed_hours }}</td><td data-label="{{ l_saved }}">{{ r.saved_hours }}</td><td data-label="{{ l_out }}">{{ r.outside_share }}%</td><td data-label="{{ l_ref }}">{{ r.refusals }}</td></tr>
    {% empty %}<tr><td colspan="6" class="muted">{% translate "暂无记录" %}</td></tr>{% endfor %}</tbody>"""
NEW_DASHBOARD_TABLES = """{% load burden_format %}
    <tbody>{% department_figure_rows board.top_departments %}{% if not board.top_departments %}<tr><td colspan="5" class="muted">{% translate "暂无记录" %}</td></tr>{% endif %}</tbody>
    <tbody>{% community_figure_rows board.by_community|slice:":30" range_from range_to %}{% if not board.by_community %}<tr><td colspan="6" class="muted">{% translate "暂无记录" %}</td></tr>{% endif %}</tbody>"""


def test_dashboard_figure_rows_write_the_old_loop_bytes() -> None:
    departments = [
        {
            "id": 1,
            "name": "区<民政>局",
            "imposed_hours": 1234.5,
            "outside_share": 12.3,
            "entries": 1200,
            "refusals": 0,
        },
        {"id": 2, "name": 'B & "C"', "imposed_hours": 0.0, "outside_share": 0.0, "entries": 0, "refusals": 3},
    ]
    communities = [
        {
            "id": 9,
            "name": "民意<社区>",
            "street": "大智街道",
            "imposed_hours": 10.1,
            "saved_hours": 2.0,
            "outside_share": 33.3,
            "entries": 5,
            "refusals": 1,
        },
        {
            "id": 10,
            "name": "花桥",
            "street": None,
            "imposed_hours": 1e-05,
            "saved_hours": 123456.7,
            "outside_share": 100.0,
            "entries": 0,
            "refusals": 0,
        },
    ] * 20  # more than the 30 shown
    boards = [
        {"top_departments": departments, "by_community": communities},
        {"top_departments": [], "by_community": []},
    ]
    for board in boards:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                context = {"board": board, "range_from": "2025-01", "range_to": "2025-12"}
                old = engines["django"].from_string(OLD_DASHBOARD_TABLES).render(context)
                new = engines["django"].from_string(NEW_DASHBOARD_TABLES).render(context)
                assert new == old, language
                assert old.count("<tr>") == (32 if board["top_departments"] else 2)


OLD_DASHBOARD_LISTS = """{% translate "职能部门" as l_dept %}{% translate "平均分" as l_avg %}{% translate "评价数" as l_cnt %}
  <ul>{% for a in board.alerts %}
    <li><a href="{% url 'burden:alert_detail' a.id %}">{{ a.name }} · {{ a.month }}</a>{% if a.month_to_date %} <span class="badge warn">{% translate "本月截至今日" %}</span>{% endif %}{% colon %}
      {% blocktranslate with h=a.hours b=a.baseline t=a.threshold %}{{ h }}小时，基线{{ b }}，阈值{{ t }}{% endblocktranslate %}</li>
  {% endfor %}</ul>
    <tbody>{% for r in board.ratings %}<tr><td data-label="{{ l_dept }}">{{ r.name }}</td><td data-label="{{ l_avg }}">{{ r.average }}</td><td data-label="{{ l_cnt }}">{{ r.count }}</td></tr>
    {% empty %}<tr><td colspan="3" class="muted">{% translate "暂无评价" %}</td></tr>{% endfor %}</tbody>"""
NEW_DASHBOARD_LISTS = """{% load burden_format %}
  <ul>{% dashboard_alert_items board.alerts %}</ul>
    <tbody>{% rating_rows board.ratings %}{% if not board.ratings %}<tr><td colspan="3" class="muted">{% translate "暂无评价" %}</td></tr>{% endif %}</tbody>"""


def test_dashboard_alert_items_and_rating_rows_write_the_old_loop_bytes() -> None:
    alerts = [
        {
            "id": 4,
            "name": "民意<社区>",
            "month": "2026-12",
            "hours": 7176.5,
            "baseline": 109.5,
            "threshold": 1e-05,
            "month_to_date": True,
        },
        {
            "id": 1200,
            "name": 'B & "C"',
            "month": "2026-11",
            "hours": 0.0,
            "baseline": Decimal("12.30"),
            "threshold": -3,
            "month_to_date": False,
        },
    ]
    ratings = [
        {"name": "区<卫健>委", "average": 3.0, "count": 2},
        {"name": "B & C", "average": Decimal("4.25"), "count": 1200},
        {"name": "乙", "average": 0, "count": 0},
    ]
    boards = [{"alerts": alerts, "ratings": ratings}, {"alerts": [], "ratings": []}]
    for board in boards:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                old = engines["django"].from_string(OLD_DASHBOARD_LISTS).render({"board": board})
                new = engines["django"].from_string(NEW_DASHBOARD_LISTS).render({"board": board})
                assert new == old, language


def test_number_cells_write_what_localize_and_escape_write() -> None:
    from jianfu.burden.templatetags.burden_format import _cell, _number_cells

    values: list[Any] = [
        0,
        7,
        -3,
        1200000,
        0.0,
        -0.5,
        7176.5,
        1e-05,
        1e22,
        123456.7,
        float("inf"),
        True,
        False,
    ]
    values += [Decimal("12.30"), None, "甲<乙>", dt.date(2026, 12, 4)]
    for language in ("zh-hans", "en"):
        with translation.override(language):
            cell = _number_cells()
            assert [cell(v) for v in values] == [_cell(v) for v in values], language
