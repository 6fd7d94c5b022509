import html
from collections.abc import Callable
from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils.formats import get_format, localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from jianfu.burden.format import one_decimal
from jianfu.core.formats import PUNCTUATION, is_chinese
from jianfu.core.templatetags.jianfu_format import date_table
from jianfu.core.url_cache import fast_reverse

register = template.Library()


def _escape(value: Any) -> str:
    """`conditional_escape(value)` for the row tags' values, the same text without Django's keep_lazy
    wrapper around `escape` (≈ 500 calls a ledger page, a third of writing its rows)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.filter
def hours(value: Any) -> str:
    """`{{ entry.hours|hours }}` → "11.3"; an empty correction stays empty."""
    if value is None or value == "":
        return ""
    return f"{one_decimal(value):.1f}"


@register.simple_tag
def entry_rows(rows: Any) -> str:
    """The ledger list's table rows (`EntryRow`s) in one pass of Python: the bytes entry_list.html's
    row loop wrote (jianfu/burden/tests/test_row_tags.py compares them), ≈ 25 template nodes a row less."""
    e = _escape
    date, community, department, kind, title, spent, saved = (
        e(gettext(label))
        for label in ("日期", "社区", "职能部门", "类型", "事项", "耗时（小时）", "节省（小时）")
    )
    outside, corrected = e(gettext("清单外")), e(gettext("已修正"))
    refused, withdrawn = e(gettext("已拒绝，未执行")), e(gettext("任务已撤销，计为避免的负担"))
    out = []
    for entry in rows:
        dept = entry.department_name or ""
        badge = f' <span class="badge warn">{outside}</span>' if entry.outside_lists else ""
        if entry.corrected_hours is not None:
            cost = (
                f'<s class="muted">{e(hours(entry.hours))}</s> {e(hours(entry.corrected_hours))} '
                f'<span class="badge">{corrected}</span>'
            )
        else:
            cost = e(hours(entry.hours))
        if entry.kind == "task_refused":
            cost += f' <span class="badge ok">{refused}</span>'
        elif entry.withdrawn_at:
            cost += f' <span class="badge ok">{withdrawn}</span>'
        url = e(fast_reverse("burden:entry_detail", [entry.pk], None))
        out.append(
            "\n    <tr>\n"
            f'      <td data-label="{date}">{e(date_table(entry.occurred_on))}</td>\n'
            f'      <td data-label="{community}">{e(entry.community_name)}</td>\n'
            f'      <td data-label="{department}">{e(dept or "—")}</td>\n'
            f'      <td data-label="{kind}">{e(entry.get_kind_display())}{badge}</td>\n'
            f'      <td data-label="{title}"><a href="{url}">{e(entry.title)}</a></td>\n'
            f'      <td data-label="{spent}">{cost}</td>\n'
            f'      <td data-label="{saved}">{e(hours(entry.saved_hours))}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above went through conditional_escape


@register.simple_tag
def filter_options(items: Any, selected: Any) -> str:
    """The `<option>`s of one of _filters.html's selects from (value, label) rows: the bytes its loop
    `<option value="{{ v }}" {% if selected == v %}selected{% endif %}>{{ label }}</option>` wrote."""
    e = _escape
    return mark_safe(  # noqa: S308 - every value went through conditional_escape
        "".join(
            f'<option value="{e(value)}" {"selected" if selected == value else ""}>{e(label)}</option>'
            for value, label in items
        )
    )


@register.simple_tag
def alert_rows(rows: Any) -> str:
    """The rebound alerts' table rows in one pass of Python: the bytes alert_list.html's row loop
    wrote (jianfu/burden/tests/test_row_tags.py compares them)."""
    e = _escape
    month, subject, spent, baseline, threshold, status = (
        e(gettext(label)) for label in ("月份", "对象", "当月耗时", "基线", "提醒阈值", "状态")
    )
    to_date = e(gettext("本月截至今日"))
    out = []
    for alert in rows:
        badge = f' <span class="badge warn">{to_date}</span>' if alert.month_to_date else ""
        tone = "bad" if alert.status == "open" else "ok" if alert.status == "acknowledged" else ""
        url = e(fast_reverse("burden:alert_detail", [alert.pk], None))
        out.append(
            f'\n    <tr><td data-label="{month}">{e(date_filter(alert.month, "Y-m"))}{badge}</td>\n'
            f'      <td data-label="{subject}"><a href="{url}">{e(alert.get_subject_display())} · '
            f"{e(alert.subject_name)}</a></td>\n"
            f'      <td data-label="{spent}">{e(hours(alert.hours))}</td>'
            f'<td data-label="{baseline}">{e(hours(alert.baseline))}</td>'
            f'<td data-label="{threshold}">{e(hours(alert.threshold))}</td>\n'
            f'      <td data-label="{status}"><span class="badge {tone}">{e(alert.get_status_display())}</span></td></tr>\n  '
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above went through conditional_escape


def _cell(value: Any) -> str:
    """`{{ value }}` in an autoescaped template: localized, then escaped."""
    return _escape(localize(value))


def _number_cells() -> Callable[[Any], str]:
    """`_cell` for this request's language, with ints and plain floats written without `localize`
    (≈ 10 µs each, 100–200 a dashboard): when numbers are not grouped and the decimal mark is ".",
    Django writes an int or a float without an exponent as `str()` does; anything else goes through
    `_cell`."""
    plain = not settings.USE_THOUSAND_SEPARATOR and get_format("DECIMAL_SEPARATOR") == "."

    def cell(value: Any) -> str:
        if plain and type(value) is int:
            return str(value)
        if plain and type(value) is float and "e" not in (text := repr(value)):
            return text
        return _cell(value)

    return cell


@register.simple_tag
def department_figure_rows(rows: Any) -> str:
    """The dashboard's department table rows: the bytes its row loop wrote (test_row_tags.py)."""
    e = _escape
    dept, imposed, outside, entries, refusals = (
        e(gettext(label)) for label in ("职能部门", "强加耗时（小时）", "清单外占比", "条目数", "拒绝数")
    )
    cell = _number_cells()
    return mark_safe(  # noqa: S308 - every value went through _cell or _escape
        "".join(
            f'<tr><td data-label="{dept}">{cell(r["name"])}</td>'
            f'<td data-label="{imposed}">{cell(r["imposed_hours"])}</td>'
            f'<td data-label="{outside}">{cell(r["outside_share"])}%</td>'
            f'<td data-label="{entries}">{cell(r["entries"])}</td>'
            f'<td data-label="{refusals}">{cell(r["refusals"])}</td></tr>\n    '
            for r in rows
        )
    )


@register.simple_tag
def community_figure_rows(rows: Any, range_from: Any, range_to: Any) -> str:
    """The dashboard's community table rows: the bytes its row loop wrote (test_row_tags.py)."""
    e = _escape
    community, street, imposed, saved, outside, refusals = (
        e(gettext(label))
        for label in ("社区", "街道", "强加耗时（小时）", "节省耗时（小时）", "清单外占比", "拒绝数")
    )
    cell = _number_cells()
    span = f"&amp;from={cell(range_from)}&amp;to={cell(range_to)}"
    return mark_safe(  # noqa: S308 - every value went through _cell or _escape
        "".join(
            f'<tr><td data-label="{community}"><a href="?community={cell(r["id"])}{span}">{cell(r["name"])}</a></td>'
            f'<td data-label="{street}">{cell(r["street"])}</td>'
            f'<td data-label="{imposed}">{cell(r["imposed_hours"])}</td>'
            f'<td data-label="{saved}">{cell(r["saved_hours"])}</td>'
            f'<td data-label="{outside}">{cell(r["outside_share"])}%</td>'
            f'<td data-label="{refusals}">{cell(r["refusals"])}</td></tr>\n    '
            for r in rows
        )
    )


@register.simple_tag
def dashboard_alert_items(alerts: Any) -> str:
    """The dashboard's open rebound alerts (`_open_alerts` dicts) as list items: the bytes its loop
    wrote (test_row_tags.py), without a {% url %}, {% translate %} and {% blocktranslate %} each."""
    e, cell = _escape, _number_cells()
    to_date = f' <span class="badge warn">{e(gettext("本月截至今日"))}</span>'
    colon = PUNCTUATION["colon"][0 if is_chinese(get_language()) else 1]
    figures = gettext("%(h)s小时，基线%(b)s，阈值%(t)s")
    out = []
    for a in alerts:
        url = e(fast_reverse("burden:alert_detail", [a["id"]], None))
        badge = to_date if a["month_to_date"] else ""
        said = figures % {"h": cell(a["hours"]), "b": cell(a["baseline"]), "t": cell(a["threshold"])}
        out.append(
            f'\n    <li><a href="{url}">{e(a["name"])} · {e(a["month"])}</a>{badge}{colon}\n      {said}</li>\n  '
        )
    return mark_safe("".join(out))  # noqa: S308 - every value went through _escape or the cell writer


@register.simple_tag
def rating_rows(ratings: Any) -> str:
    """The dashboard's ratings table rows (`_ratings` dicts): the bytes its loop wrote (test_row_tags.py)."""
    e, cell = _escape, _number_cells()
    dept, average, count = (e(gettext(label)) for label in ("职能部门", "平均分", "评价数"))
    return mark_safe(  # noqa: S308 - every value went through _escape or the cell writer
        "".join(
            f'<tr><td data-label="{dept}">{e(r["name"])}</td><td data-label="{average}">{cell(r["average"])}</td>'
            f'<td data-label="{count}">{cell(r["count"])}</td></tr>\n    '
            for r in ratings
        )
    )
