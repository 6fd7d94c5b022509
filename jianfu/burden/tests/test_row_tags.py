"""`{% entry_rows %}` and `{% alert_rows %}` write the bytes the row loops of entry_list.html and
alert_list.html wrote, for every badge branch, escaping and both languages."""

import datetime as dt
from decimal import Decimal

from django.template import engines
from django.utils import timezone, translation

from jianfu.burden.models import BurdenEntry, ReboundAlert
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
                    assert render(NEW_ENTRY_LOOP, rows) == render(OLD_ENTRY_LOOP, rows), language
        assert "&lt;b&gt;&amp;&lt;/b&gt; &quot;台账&quot;" in render(NEW_ENTRY_LOOP, self.entries())

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
