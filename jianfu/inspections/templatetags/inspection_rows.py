"""The inspections list's and dashboard's table rows written in one pass of Python.

`{% visit_rows visits %}` writes, for `selectors.VisitRow`s, the bytes visit_list.html's row loop with
its `{% include "inspections/_status.html" %}` wrote, and `{% community_year_rows rows %}` those of
dashboard.html's loop over `CommunityYear`s (tests/test_visit_rows.py renders both old loops and
compares): the same labels through `conditional_escape`, the rows' strings through `html.escape`
(what `conditional_escape` does to a str), numbers localized as `{{ }}` does, dates by `date_table`,
the communities joined by the page language's list comma.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from jianfu.core.formats import PUNCTUATION, is_chinese
from jianfu.core.templatetags.jianfu_format import date_table
from jianfu.core.url_cache import fast_reverse

register = template.Library()

OK_STATUSES = frozenset({"admitted", "completed"})
WARN_STATUSES = frozenset({"pending_office", "merged"})


def _label(text: str) -> str:
    return conditional_escape(gettext(text))


def _tone(status: str) -> str:
    if status in OK_STATUSES:
        return "ok"
    return "warn" if status in WARN_STATUSES else "bad"


def status_badges(visit: Any) -> str:
    """What inspections/_status.html writes for a visit (its trailing newline included)."""
    badges = [f'<span class="badge {_tone(visit.status)}">{escape(str(visit.get_status_display()))}</span>']
    if visit.joint:
        badges.append(f'<span class="badge ok">{_label("联合检查")}</span>')
    if visit.emergency:
        badges.append(f'<span class="badge bad">{_label("应急")}</span>')
    if visit.unannounced:
        badges.append(f'<span class="badge warn">{_label("不打招呼（依法）")}</span>')
    if not visit.plan_id and not visit.joint:
        badges.append(f'<span class="badge warn">{_label("计划外")}</span>')
    return " ".join(badges) + "\n"


def _visit_url(pk: int) -> str:
    return escape(fast_reverse("inspections:detail", [pk], None))


@register.simple_tag
def visit_rows(visits: Any) -> SafeString:
    """The "全部检查" table's rows for `VisitRow`s (nothing for none: the template writes the empty row)."""
    period, name, department, community, status = (
        _label(label) for label in ("时段", "名称", "牵头部门", "社区", "状态")
    )
    zh, en = PUNCTUATION["list_comma"]
    comma = zh if is_chinese(get_language()) else en
    out = []
    for v in visits:
        communities = comma.join(escape(community_name) for _id, community_name in v.targets)
        merged = ""
        if v.merged_into_id is not None:
            merged = f' → <a href="{_visit_url(v.merged_into_id)}">{escape(v.merged_into_title)}</a>'
        out.append(
            "<tr>\n"
            f'    <td data-label="{period}">{escape(date_table(v.window_start))}–{escape(date_table(v.window_end))}</td>\n'
            f'    <td data-label="{name}"><a href="{_visit_url(v.pk)}">{escape(v.title)}</a></td>\n'
            f'    <td data-label="{department}">{escape(v.department_name)}</td>\n'
            f'    <td data-label="{community}">{communities}</td>\n'
            f'    <td data-label="{status}">{status_badges(v)}{merged}</td>\n'
            "  </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above went through escape


def _number(value: Any) -> str:
    """`{{ value }}` of a number: localized, then escaped."""
    return escape(str(localize(value)))


def _percent(share: float) -> str:
    """`{% widthratio share 1 100 %}`."""
    return str(round(float(share) / 1.0 * 100))


@register.simple_tag
def community_year_rows(rows: Any) -> SafeString:
    """The dashboard's table rows for `selectors.CommunityYear`s."""
    community, visits, merged, refused, hours, traces, rebound = (
        _label(label)
        for label in (
            "社区",
            "检查次数 / 上限",
            "合并比例",
            "不予准入",
            "准备时间",
            "拒绝的留痕要求",
            "反弹提醒",
        )
    )
    over_cap = f'<span class="badge bad">{_label("超上限")}</span>'
    climbed = gettext("检查回升：%(b)s → %(a)s")
    out = []
    for r in rows:
        badge = over_cap if r.over_cap else ""
        if r.rebound:
            alert = f'<span class="badge bad">{climbed % {"a": _number(r.visits), "b": _number(r.last_year_to_date)}}</span>'
        else:
            alert = '<span class="muted">—</span>'
        out.append(
            "<tr>\n"
            f'    <td data-label="{community}">{escape(r.community.name)}</td>\n'
            f'    <td data-label="{visits}">{_number(r.visits)} / {_number(r.cap)} {badge}</td>\n'
            f'    <td data-label="{merged}">{_percent(r.share_merged)}%</td>\n'
            f'    <td data-label="{refused}">{_number(r.refused)}</td>\n'
            f'    <td data-label="{hours}">{_number(r.prep_manual)} → {_number(r.prep_package)}</td>\n'
            f'    <td data-label="{traces}">{_number(r.traces_refused)}</td>\n'
            f'    <td data-label="{rebound}">{alert}</td>\n'
            "  </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above went through escape
