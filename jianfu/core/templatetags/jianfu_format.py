"""Formats every page shares (docs/style-zh.md), loaded as a template builtin (settings.TEMPLATES).

Dates: `{{ d|date_prose }}` in sentences (2026年12月1日 / 1 Dec 2026), `{{ d|date_table }}` in tables,
filters and exports (2026-12-01); `datetime_prose` / `datetime_table` add the time (14:30).
Hours: `{{ h|hours }}` → "11.3" (one decimal; the unit is written by the template); minutes:
`{{ m|minutes }}` → "13" (whole minutes); a unit time (minutes per cell, per household) keeps what it needs,
`{{ m|unit_minutes }}` → "0.5", "12" (never "12.50" nor a 0.5 rounded up to 1).
Scores: `{{ s|level }}` → 高/中/低 (the raw value belongs in a `title`, `{{ s|level_hint }}`).
Punctuation between translated pieces: `{% colon %}` is "：" in Chinese and ": " in English; likewise
`{% comma %}` (，), `{% list_comma %}` (、), `{% semicolon %}` (；), `{% full_stop %}` (。),
`{% lparen %}` / `{% rparen %}` (（）). Lists in prose: `{{ names|listing }}` joins with 、 in Chinese and ", " in
English; `{{ errors|listing:"semicolon" }}` with ；/ "; " (never `|join:"、"`). A file input outside a Django form: `{% file_input "file" accept=".xlsx" %}`
(jianfu.core.widgets.FileInput: the button and "no file chosen" in the page language). Template text itself never carries full-width punctuation
(`scripts/i18n.py check` fails on it), so English pages read "Status: open", not "Status：open".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import join as join_filter
from django.utils.translation import get_language, gettext

from jianfu.core.formats import (
    LEVELS,
    PUNCTUATION,
    is_chinese,
    level_of,
    one_decimal,
    plain_decimal,
    whole_minutes,
)

register = template.Library()


def _date(value: Any, zh: str, en: str) -> str:
    if value in (None, ""):
        return ""
    return date_filter(value, zh if is_chinese(get_language()) else en)


@register.filter(expects_localtime=True)
def date_prose(value: Any) -> str:
    """`2026年12月1日` (English: `1 Dec 2026`)."""
    return _date(value, "Y年n月j日", "j M Y")


@register.filter(expects_localtime=True)
def datetime_prose(value: Any) -> str:
    """`2026年12月1日 14:30` (English: `1 Dec 2026 14:30`)."""
    return _date(value, "Y年n月j日 H:i", "j M Y H:i")


# The table formats written directly for dates and datetimes (what Django's `date` filter writes for
# "Y-m-d" and "Y-m-d H:i", without building a DateFormat and looking the format up: a board or list
# writes one or two a row); anything else goes through the filter as before.


def _ymd(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


@register.filter(expects_localtime=True)
def date_table(value: Any) -> str:
    """`2026-12-01` in every language."""
    if isinstance(value, dt.date):  # a datetime too: its day
        return _ymd(value)
    return _date(value, "Y-m-d", "Y-m-d")


@register.filter(expects_localtime=True)
def datetime_table(value: Any) -> str:
    """`2026-12-01 14:30` in every language."""
    if isinstance(value, dt.datetime):
        return f"{_ymd(value)} {value.hour:02d}:{value.minute:02d}"
    return _date(value, "Y-m-d H:i", "Y-m-d H:i")


@register.filter
def hours(value: Any) -> str:
    """`Decimal('11.33')` → "11.3"; an empty value stays empty."""
    if value is None or value == "":
        return ""
    return f"{one_decimal(value):.1f}"


@register.filter
def minutes(value: Any) -> str:
    """`Decimal('12.50')` → "13" (whole minutes; the unit is written by the template)."""
    if value is None or value == "":
        return ""
    return str(whole_minutes(value))


@register.filter
def unit_minutes(value: Any) -> str:
    """A unit time as set: `Decimal('12.00')` → "12", `Decimal('0.50')` → "0.5" (no trailing zeros)."""
    if value is None or value == "":
        return ""
    return plain_decimal(value)


@register.filter
def level(value: Any, scale: str = "catalog") -> str:
    """A match score as 高/中/低: `{{ m.score|level }}`, `{{ col.score|level:"header" }}` (formats.LEVELS)."""
    found = level_of(value, scale)
    if found is None:
        return ""
    return {"high": gettext("高"), "medium": gettext("中"), "low": gettext("低")}[found]


@register.filter
def level_hint(value: Any, scale: str = "catalog") -> str:
    """The `title` beside a level: the score and the bounds the level came from."""
    if level_of(value, scale) is None:
        return ""
    high, medium = LEVELS[scale]
    return gettext("相似度%(score)s：不低于%(high)s为高，不低于%(medium)s为中，其余为低") % {
        "score": f"{float(value):.2f}".rstrip("0").rstrip("."),
        "high": f"{high:g}",
        "medium": f"{medium:g}",
    }


@register.filter(is_safe=True, needs_autoescape=True)
def listing(value: Any, mark: str = "list_comma", autoescape: bool = True) -> str:
    """Items joined by the page language's separator: 甲、乙 / "甲, 乙" (a PUNCTUATION name picks another)."""
    zh, en = PUNCTUATION[mark]
    return join_filter(value, zh if is_chinese(get_language()) else en, autoescape=autoescape)


@register.simple_tag
def file_input(name: str, **attrs: Any) -> str:
    """A hand-written form's file input with translated words: `{% file_input "file" accept=".csv" required=True %}`."""
    from jianfu.core.widgets import FileInput

    attrs = {"id": f"id_{name}", **{key: value for key, value in attrs.items() if value is not False}}
    return FileInput().render(name, None, attrs=attrs)


class PunctuationNode(template.Node):
    def __init__(self, mark: str) -> None:
        self.mark = mark

    def render(self, context: Context) -> str:
        zh, en = PUNCTUATION[self.mark]
        return zh if is_chinese(get_language()) else en


def _punctuation(mark: str) -> None:
    def compile_tag(parser: Parser, token: Token) -> PunctuationNode:
        return PunctuationNode(mark)

    register.tag(mark, compile_tag)


for _mark in PUNCTUATION:
    _punctuation(_mark)
