"""The inspections list and dashboard read through SQL compiled once per user (jianfu.core.compiled):
the same visits, targets, rows and figures as the model reads they replaced, for every persona."""

import datetime as dt
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jianfu.accounts.models import User
from jianfu.core import compiled
from jianfu.core.testing import PersonaTestCase
from jianfu.inspections import selectors, services
from jianfu.inspections.choices import LIVE_STATUSES
from jianfu.inspections.models import AnnualPlan, Inspection, InspectionRules
from jianfu.inspections.services import VisitInput
from jianfu.inspections.templatetags.inspection_rows import community_year_rows, visit_rows

TODAY = dt.date(2026, 3, 2)

# visit_list.html's row loop before {% visit_rows %}, with the _status.html it included
OLD_ROWS = Template(
    """{% load i18n %}{% for v in visits %}<tr>
    <td data-label="{% translate '时段' %}">{{ v.window_start|date_table }}–{{ v.window_end|date_table }}</td>
    <td data-label="{% translate '名称' %}"><a href="{% url 'inspections:detail' v.pk %}">{{ v.title }}</a></td>
    <td data-label="{% translate '牵头部门' %}">{{ v.department.name }}</td>
    <td data-label="{% translate '社区' %}">{% for t in v.targets.all %}{{ t.community.name }}{% if not forloop.last %}{% list_comma %}{% endif %}{% endfor %}</td>
    <td data-label="{% translate '状态' %}">{% include "inspections/_status.html" with v=v %}{% if v.merged_into %} → <a href="{% url 'inspections:detail' v.merged_into_id %}">{{ v.merged_into.title }}</a>{% endif %}</td>
  </tr>{% endfor %}"""
)

# dashboard.html's row loop before {% community_year_rows %}
OLD_DASHBOARD_ROWS = Template(
    """{% load i18n %}{% for r in rows %}<tr>
    <td data-label="{% translate '社区' %}">{{ r.community.name }}</td>
    <td data-label="{% translate '检查次数 / 上限' %}">{{ r.visits }} / {{ r.cap }} {% if r.over_cap %}<span class="badge bad">{% translate "超上限" %}</span>{% endif %}</td>
    <td data-label="{% translate '合并比例' %}">{% widthratio r.share_merged 1 100 %}%</td>
    <td data-label="{% translate '不予准入' %}">{{ r.refused }}</td>
    <td data-label="{% translate '准备时间' %}">{{ r.prep_manual }} → {{ r.prep_package }}</td>
    <td data-label="{% translate '拒绝的留痕要求' %}">{{ r.traces_refused }}</td>
    <td data-label="{% translate '反弹提醒' %}">{% if r.rebound %}<span class="badge bad">{% blocktranslate with a=r.visits b=r.last_year_to_date %}检查回升：{{ b }} → {{ a }}{% endblocktranslate %}</span>{% else %}<span class="muted">—</span>{% endif %}</td>
  </tr>{% endfor %}"""
)


def visit(communities, title, start=dt.date(2026, 4, 13), end=dt.date(2026, 4, 15), **kw):
    return VisitInput(
        title=title, kind="check", communities=communities, window_start=start, window_end=end, **kw
    )


class VisitRowsTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = AnnualPlan.objects.create(department=cls.department, year=2026)
        with mock.patch("jianfu.inspections.services.timezone.localdate", return_value=TODAY):

            def register(v, actor=cls.dept_user, department=cls.department, plan=None):
                return services.inspection_register(
                    actor=actor, department=department, visit=v, plan=plan, today=TODAY
                )

            a = register(
                visit([cls.community, cls.other_community], "民政<专项>检查 & 复核", materials=["低保名册"]),
                plan=plan,
            )
            b = register(
                visit([cls.community], "平安建设检查", materials=["低保名册", "综治台账"]),
                actor=cls.street_dept_user,
                department=cls.street_department,
            )
            services.inspections_merge(
                actor=cls.officer,
                inspections=[a, b],
                title="民政与平安建设联合检查",
                window_start=dt.date(2026, 4, 14),
                window_end=dt.date(2026, 4, 15),
                reason="同一社区时段重叠",
            )
            register(
                visit(
                    [cls.far_community, cls.community],
                    "燃气安全应急排查",
                    start=dt.date(2026, 5, 4),
                    end=dt.date(2026, 5, 5),
                    emergency=True,
                    emergency_reason="燃气泄漏隐患",
                )
            )
            register(
                visit(
                    [cls.other_community], "无材料的检查", start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 2)
                )
            )
            register(visit([cls.community], "上年检查", start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 2)))

    def setUp(self):
        compiled.clear()

    def personas(self):
        users = (
            self.worker,
            self.head,
            self.grid_worker,
            self.far_worker,
            self.officer,
            self.district_officer,
            self.dept_user,
            self.street_dept_user,
            self.admin,
        )
        return [User.objects.get(pk=u.pk) for u in users]  # fresh rows, as each request reads them

    def test_rows_are_the_visits_and_targets_inspections_for_reads(self):
        seen = 0
        for user in self.personas():
            for year in (2025, 2026, 2027):
                expected = [
                    (
                        v.pk,
                        v.title,
                        v.department.name,
                        v.status,
                        v.merged_into_id,
                        v.merged_into.title if v.merged_into else None,
                        v.items,
                        [(t.community_id, t.community.name) for t in v.targets.all()],
                    )
                    for v in selectors.inspections_for(user, year=year)
                ]
                for _ in range(2):  # built, then the compiled SQL
                    rows = selectors.visit_rows(User.objects.get(pk=user.pk), year=year)
                    got = [
                        (
                            r.pk,
                            r.title,
                            r.department_name,
                            r.status,
                            r.merged_into_id,
                            r.merged_into_title,
                            r.items,
                            r.targets,
                        )
                        for r in rows
                    ]
                    assert got == expected, (user.username, year)
                seen += len(expected)
                fresh = User.objects.get(pk=user.pk)
                with CaptureQueriesContext(connection) as queries:
                    selectors.visit_rows(fresh, year=year)
                assert len(queries) == (2 if expected else 1), (user.username, year)  # no department row
        assert seen

    def test_the_row_tag_writes_the_bytes_of_the_row_loop(self):
        for user in self.personas():
            visits = list(selectors.inspections_for(user, year=2026))
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    old = OLD_ROWS.render(Context({"visits": visits}))
                    assert visit_rows(selectors.visit_rows(user, year=2026)) == old, (user.username, language)
        officer = User.objects.get(pk=self.officer.pk)
        with translation.override("zh-hans"):
            written = visit_rows(selectors.visit_rows(officer, year=2026))
        for badge in ("联合检查", "应急", "计划外", "已并入联合检查", "&lt;专项&gt;检查 &amp; 复核"):
            assert badge in written, badge

    def test_proposals_from_the_rows_equal_a_fresh_read(self):
        def pairs(proposals):
            return [
                (p.first.pk, p.second.pk, p.communities, p.window_overlap, p.shared_items) for p in proposals
            ]

        for user in (self.officer, self.district_officer):
            listed = selectors.visit_rows(user, year=2026)
            assert pairs(selectors.merge_proposals(user, year=2026, listed=listed)) == pairs(
                selectors.merge_proposals(user, year=2026)
            )

    def test_dashboard_hours_are_the_sum_of_each_live_visits_own(self):
        for user in self.personas():
            rows = selectors.dashboard(user, year=2026, today=TODAY)
            for r in rows:
                live = Inspection.objects.filter(
                    year=2026, status__in=LIVE_STATUSES, targets__community=r.community
                ).distinct()
                manual, package = Decimal(0), Decimal(0)
                for v in live:
                    m, p = services.preparation_hours(v)
                    manual, package = manual + m, package + p
                assert (str(r.prep_manual), str(r.prep_package)) == (str(manual), str(package)), (
                    user.username,
                    r.community.code,
                )
        district = {
            r.community.code: r for r in selectors.dashboard(self.district_officer, year=2026, today=TODAY)
        }
        assert (
            str(district[self.other_community.code].prep_manual) != "0"
        )  # a visit without materials: 0.00 or more
        with mock.patch.object(compiled, "_fingerprint", return_value=None):
            afresh = selectors.dashboard(self.district_officer, year=2026, today=TODAY)
        assert [vars(r) for r in afresh] == [vars(r) for r in district.values()]

    def test_the_dashboard_row_tag_writes_the_bytes_of_the_row_loop(self):
        InspectionRules.objects.create(
            district=self.district,
            per_community_per_year=1,
            per_department_per_year=2,
            comprehensive_per_department=1,
            notice_working_days=5,
            rebound_ratio="0.25",
        )
        badges = set()
        for user in self.personas():
            for year in (2026, 2027):
                rows = selectors.dashboard(user, year=year, today=TODAY)
                for language in ("zh-hans", "en"):
                    with translation.override(language):
                        written = community_year_rows(rows)
                        assert written == OLD_DASHBOARD_ROWS.render(Context({"rows": rows})), user.username
                badges |= {badge for badge in ("超上限", "检查回升") if badge in community_year_rows(rows)}
        assert badges == {"超上限", "检查回升"}

    def test_calendar_community_is_the_one_the_model_reads_chose(self):
        def old_choice(user, code):
            reach = selectors.calendar_reach(user)
            code = code or (user.community.code if user.community_id else "")
            return reach.filter(code=code).first() if code else reach.first()

        codes = ("", self.community.code, self.other_community.code, self.far_community.code, "bogus")
        for user in self.personas():
            communities = selectors.calendar_communities(user)
            assert [(c.pk, c.code, c.name, c.street_id) for c in communities] == [
                (c.pk, c.code, c.name, c.street_id) for c in selectors.calendar_reach(user)
            ]
            for code in codes:
                chosen = selectors.calendar_community(user, communities, code)
                assert chosen == old_choice(user, code), (user.username, code)
