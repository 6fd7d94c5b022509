"""`{% board_rows %}` and `{% board_whistles %}` write the bytes the board's row template and
whistle loop wrote, for every branch of them."""

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
    # what the tag reads (selectors.BoardRow), from the same values the row template read
    values["category_name"] = values["category"].name
    values["community_name"] = community.name if community is not None else ""
    values["lead_name"] = lead.name if lead is not None else None
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
            row(7, text="Cafe\u0301 不是NFC的短文本"),  # normalised by truncatechars even when short
            row(8, text="四" * 40),
            row(9, text="五" * 41),
            row(10, text="e\u0301" * 40),  # combining marks do not count towards the 40
            row(11, text="\"引号\"与'单引号'&"),
        ]
        context = {"page": rows, "now": now, **LABELS}
        expected = Template(ROW_TEMPLATE).render(Context(context))
        written = Template(TAG).render(Context(context))
        self.assertEqual(written, expected)
        self.assertEqual(written.count("<tr>"), 11)
        self.assertIn("&lt;script&gt;", written)
        self.assertIn("超&lt;时&gt;", written)  # the late badge is there, escaped
        with timezone.override("Asia/Shanghai"):  # due_at in local time, as datetime_table shows it
            self.assertEqual(
                Template(TAG).render(Context(context)), Template(ROW_TEMPLATE).render(Context(context))
            )
            self.assertIn("2026-12-02 07:30", Template(TAG).render(Context(context)))

    def test_no_rows_no_bytes(self):
        self.assertEqual(Template(TAG).render(Context({"page": [], "now": timezone.now(), **LABELS})), "")


# a department's whistles as the board's loop wrote them before {% board_whistles %}
WHISTLE_TEMPLATE = """<ul>{% for w in whistles %}<li><a href="{% url 'casework:detail' w.request_id %}">{{ w.request.number }} {{ w.request.category.name }}</a> · {{ w.request.community.name|default:"—" }} · {{ w.status_label }} · {% translate "签收时限" %}{% colon %}{{ w.sign_due|datetime_table }}{% if not w.signed_at and w.sign_due < now %} <span class="badge bad">{% translate "超时" %}</span>{% endif %}</li>
  {% empty %}<li class="muted">{% translate "暂无" %}</li>{% endfor %}</ul>"""
WHISTLE_TAG = (
    '{% load casework_board %}{% translate "签收时限" as l_sign %}{% translate "超时" as l_late %}'
    '<ul>{% board_whistles whistles now l_sign l_late %}{% if not whistles %}<li class="muted">'
    '{% translate "暂无" %}</li>{% endif %}</ul>'
)


def whistle(pk, community="永红社区", **kw):
    values = {
        "request_id": pk,
        "number": f"JF20261201{pk:06d}",
        "category_name": "占道<经营>",
        "community_name": community or "",
        "status_label": "已吹哨",
        "sign_due": dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC),
        "signed_at": None,
    }
    values.update(kw)
    # what the loop read: the whistle's request with its category and community
    values["request"] = SimpleNamespace(
        number=values["number"],
        category=SimpleNamespace(name=values["category_name"]),
        community=SimpleNamespace(name=community) if community is not None else None,
    )
    return SimpleNamespace(**values)


class BoardWhistlesTests(SimpleTestCase):
    def test_same_bytes_as_the_loop(self):
        from django.utils import translation

        now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
        whistles = [
            whistle(1),
            whistle(2, community=None, signed_at=now, status_label="已签收"),
            whistle(3, community="", sign_due=dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.UTC)),
            whistle(4, community="花桥&社区", status_label="已<报到>"),
        ]
        for language in ("zh-hans", "en"):
            for zone in ("UTC", "Asia/Shanghai"):
                with translation.override(language), timezone.override(zone):
                    for shown in (whistles, []):
                        context = {"whistles": shown, "now": now}
                        expected = Template(WHISTLE_TEMPLATE).render(Context(context))
                        self.assertEqual(Template(WHISTLE_TAG).render(Context(context)), expected)
        written = Template(WHISTLE_TAG).render(Context({"whistles": whistles, "now": now}))
        assert written.count("<li>") == 4 and written.count("badge bad") == 2
        assert "占道&lt;经营&gt;" in written and "花桥&amp;社区" in written and "—" in written


class BoardOptionsTests(SimpleTestCase):
    LOOP = (
        '{% for v, l in choices %}<option value="{{ v }}" {% if selected == v %}selected{% endif %}>'
        "{{ l }}</option>{% endfor %}"
    )
    TAG = "{% load casework_board %}{% board_options choices selected %}"

    def test_same_bytes_as_the_loop(self):
        from django.utils import translation

        from jianfu.casework.choices import Status

        choices_sets = [
            Status.choices,
            [("street-lamp", "路灯损坏"), ('a"<b>', "<i>&</i>"), ("", "空")],
        ]
        for language in ("zh-hans", "en"):
            with translation.override(language):
                for choices in choices_sets:
                    for selected in ("", "dispatched", "street-lamp", 'a"<b>', None):
                        context = {"choices": choices, "selected": selected}
                        expected = Template(self.LOOP).render(Context(context))
                        assert Template(self.TAG).render(Context(context)) == expected, (choices, selected)
