from typing import Any

from django import template

from jianfu.burden.format import one_decimal

register = template.Library()


@register.filter
def hours(value: Any) -> str:
    """`{{ entry.hours|hours }}` → "11.3"; an empty correction stays empty."""
    if value is None or value == "":
        return ""
    return f"{one_decimal(value):.1f}"
