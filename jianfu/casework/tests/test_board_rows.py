"""`{% board_rows %}` writes the bytes the board's row template wrote, for every branch of it."""

import datetime as dt
from types import SimpleNamespace

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import timezone

# the board's rows as a template, as they were before {% board_rows %} (casework/board.html)
ROW_TEMPLATE = """{% for sr in page %}
    <tr><td data-label="{{ l_no }}"><a href="{% url 'casework:detail' sr.pk %}">{{ sr.number }}</a></td>
      <td data-label="{{ l_cat }}">{{ sr.category.name }} · {{ sr.kind_label }}</td>
      <td data-label="{{ l_text }}">{{ sr.text|truncatechars:40 }}</td>
      <td data-label="{{ l_comm }}">{{ sr.community.name|default:"—" }}</td>
      <td data-label="{{ l_lead }}">{% if sr.lead_department %}{{ sr.lead_department.name }}{% elif sr.duty == "community" %}{{ l_comm }}{% else %}—{% endif %}</td>
      <td data-label="{{ l_due }}">{{ sr.due_at|datetime_table }}{% if sr.is_open and sr.due_at < now %} <span class="badge bad">{{ l_late }}</span>{% endif %}</td>
      <td data-label="{{ l_status }}"><span class="badge {% if sr.status == 'rated' or sr.status == 'closed' or sr.status == 'visited' %}ok{% elif sr.status == 'supervised' %}bad{% else %}warn{% endif %}">{{ sr.status_label }}</span>{% if sr.escalation != "none" %} <span class="badge bad">{{ sr.escalation_label }}</span>{% endif %}</td></tr>
  {% endfor %}"""
TAG = (
    "{% load casework_board %}{% board_rows page now l_no l_cat l_text l_comm l_lead l_due l_status l_late %}"
)
LABELS = {
    "l_no": "编号",
    "l_cat": "类别",
    "l_text": "内容",
    "l_comm": "社区",
    "l_lead": "承办",
    "l_due": "时限",
    "l_status": "状态",
    "l_late": "超<时>",
}


def row(pk, **kw):
    community = kw.pop("community", SimpleNamespace(name="永红社区"))
    lead = kw.pop("lead", None)
    values = {
        "pk": pk,
        "number": f"SR-2026-{pk:05d}",
        "category": SimpleNamespace(name="环境&卫生"),
        "kind_label": "投诉",
        "text": "楼道堆放杂物",
        "community": community,
        "community_id": pk if community is not None else None,
        "lead_department": lead,
        "lead_department_id": pk if lead is not None else None,
        "duty": "department",
        "is_open": True,
        "due_at": dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC),
        "status": "dispatched",
        "status_label": "已派单",
        "escalation": "none",
        "escalation_label": "",
    }
    values.update(kw)
    return SimpleNamespace(**values)


class BoardRowsTests(SimpleTestCase):
    def test_same_bytes_as_the_row_template(self):
        now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
        rows = [
            row(1),
            row(2, community=None, duty="community", is_open=False, status="closed", status_label="已办结"),
            row(3, community=SimpleNamespace(name=""), status="supervised", status_label="督办"),
            row(4, lead=SimpleNamespace(name="城管<局>"), escalation="whistle", escalation_label="吹哨&报到"),
            row(5, text="<script>alert(1)</script>" + "很长的诉求内容" * 10, status="rated"),
            row(6, due_at=dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.UTC), status="visited", duty="community"),
        ]
        context = {"page": rows, "now": now, **LABELS}
        expected = Template(ROW_TEMPLATE).render(Context(context))
        written = Template(TAG).render(Context(context))
        self.assertEqual(written, expected)
        self.assertEqual(written.count("<tr>"), 6)
        self.assertIn("&lt;script&gt;", written)
        self.assertIn("超&lt;时&gt;", written)  # the late badge is there, escaped
        with timezone.override("Asia/Shanghai"):  # due_at in local time, as datetime_table shows it
            self.assertEqual(
                Template(TAG).render(Context(context)), Template(ROW_TEMPLATE).render(Context(context))
            )
            self.assertIn("2026-12-02 07:30", Template(TAG).render(Context(context)))

    def test_no_rows_no_bytes(self):
        self.assertEqual(Template(TAG).render(Context({"page": [], "now": timezone.now(), **LABELS})), "")
