"""The casework board's table rows and a department's whistles written in one pass of Python.

Django's template engine cost ≈ 60 % of the board's CPU on 50 rows (cProfile, bench/bench_page_cpu.py):
about 15 variable and tag nodes a row, each resolved and escaped on its own. `{% board_rows %}` and
`{% board_whistles %}` write the same bytes the row template and the whistle loop wrote
(tests/test_board_rows.py renders both and compares), with the same filters called directly:
`truncatechars:40` (Truncator, skipped for a short NFC text, which it returns unchanged),
`datetime_table` on local time, and every value escaped (`html.escape` on the rows' plain strings, which
is what `conditional_escape` does to a str; the labels from the template through `conditional_escape`).
"""

from __future__ import annotations

import unicodedata
from html import escape
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language

from jianfu.core.formats import PUNCTUATION, is_chinese
from jianfu.core.templatetags.jianfu_format import datetime_table
from jianfu.core.url_cache import fast_reverse

register = template.Library()

OK_STATUSES = frozenset({"rated", "closed", "visited"})


def _current_app(context: Any) -> str | None:
    request = getattr(context, "request", None)
    app = getattr(request, "current_app", None)
    if app is not None:
        return app
    match = getattr(request, "resolver_match", None)
    return getattr(match, "namespace", None)


def _truncate40(text: str) -> str:
    """`truncatechars:40`: Truncator returns a short text as it is once NFC-normalised."""
    if len(text) <= 40 and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(40)


def _badge_class(status: str) -> str:
    if status in OK_STATUSES:
        return "ok"
    return "bad" if status == "supervised" else "warn"


@register.simple_tag(takes_context=True)
def board_rows(context: Any, rows: Any, now: Any, *labels: str) -> SafeString:
    """`rows`: casework.selectors.BoardRow (plain strings). `labels`: the translated column labels, in
    the order no, category, text, community, lead, due, status and "late" (the template translates them
    once for the header too)."""
    e = conditional_escape
    no, cat, text, comm, lead, due, status, late = (e(label) for label in labels)
    app = _current_app(context)
    out = []
    for sr in rows:
        url = escape(fast_reverse("casework:detail", [sr.pk], app))
        if sr.lead_name is not None:
            lead_text = escape(sr.lead_name)
        else:
            lead_text = comm if sr.duty == "community" else "—"
        late_badge = f' <span class="badge bad">{late}</span>' if sr.is_open and sr.due_at < now else ""
        escalation = (
            f' <span class="badge bad">{escape(sr.escalation_label)}</span>'
            if sr.escalation != "none"
            else ""
        )
        # the due time is digits, "-", " " and ":" only: nothing to escape
        out.append(
            f'\n    <tr><td data-label="{no}"><a href="{url}">{escape(sr.number)}</a></td>\n'
            f'      <td data-label="{cat}">{escape(sr.category_name)} · {escape(sr.kind_label)}</td>\n'
            f'      <td data-label="{text}">{escape(_truncate40(sr.text))}</td>\n'
            f'      <td data-label="{comm}">{escape(sr.community_name or "—")}</td>\n'
            f'      <td data-label="{lead}">{lead_text}</td>\n'
            f'      <td data-label="{due}">{datetime_table(template_localtime(sr.due_at))}{late_badge}</td>\n'
            f'      <td data-label="{status}"><span class="badge {_badge_class(sr.status)}">'
            f"{escape(sr.status_label)}</span>{escalation}</td></tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def board_whistles(context: Any, whistles: Any, now: Any, sign_label: str, late_label: str) -> SafeString:
    """A department's whistles (casework.selectors.BoardWhistle) as the `<li>`s the board's loop wrote:
    number and category linked, community, status, sign-by time and the "late" badge while unsigned."""
    e = conditional_escape
    sign, late = e(sign_label), e(late_label)
    colon = PUNCTUATION["colon"][0 if is_chinese(get_language()) else 1]
    app = _current_app(context)
    out = []
    for w in whistles:
        url = escape(fast_reverse("casework:detail", [w.request_id], app))
        late_badge = f' <span class="badge bad">{late}</span>' if not w.signed_at and w.sign_due < now else ""
        out.append(
            f'<li><a href="{url}">{escape(w.number)} {escape(w.category_name)}</a> · '
            f"{escape(w.community_name or '—')} · {escape(w.status_label)} · {sign}{colon}"
            f"{datetime_table(template_localtime(w.sign_due))}{late_badge}</li>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.simple_tag
def board_options(choices: Any, selected: Any) -> SafeString:
    """The `<option>`s of the board's status and category selects from (value, label) pairs: the bytes
    their loop `<option value="{{ v }}" {% if selected == v %}selected{% endif %}>{{ l }}</option>`
    wrote (tests/test_board_rows.py compares them), two template nodes an option less."""
    return mark_safe(  # noqa: S308 - every value and label is escaped
        "".join(
            f'<option value="{conditional_escape(value)}" {"selected" if selected == value else ""}>'
            f"{conditional_escape(label)}</option>"
            for value, label in choices
        )
    )
