"""`{% translate "literal" %}` looked up once per language, not on every render.

A list page renders the same few labels for each of its rows (the table's `data-label`s for the
phone layout): the casework board ran about 400 `{% translate %}` tags per request, a quarter of its
CPU (bench/bench_page_cpu.py). The translation of a literal string with no filters, no context and no
`noop` depends only on the active language, so it is kept per (language, message) after the first
render. Anything else goes through Django's own `TranslateNode.render`. The memo is emptied when a
setting the catalogues depend on changes (tests that override LANGUAGES or LOCALE_PATHS).
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.template.base import Variable, render_value_in_context
from django.templatetags.i18n import TranslateNode
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

DJANGO_RENDER = TranslateNode.render
_memo: dict[tuple[str | None, str], Any] = {}
CATALOGUE_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS", "USE_I18N"}


def _cacheable(node: TranslateNode) -> str | None:
    expression = node.filter_expression
    var = expression.var
    if node.noop or node.message_context or expression.filters or not isinstance(var, Variable):
        return None
    return var.literal if isinstance(var.literal, str) else None


def render(self: TranslateNode, context: Any) -> Any:
    literal = _cacheable(self)
    if literal is None:
        return DJANGO_RENDER(self, context)
    key = (get_language(), literal)
    value = _memo.get(key)
    if value is None:
        # the same steps as TranslateNode.render; a literal is safe, so the result does not depend on
        # the context's autoescaping or localisation
        self.filter_expression.var.translate = True
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        value = mark_safe(value) if is_safe else value  # noqa: S308 - as Django does, for a safe literal
        _memo[key] = value
    if self.asvar:
        context[self.asvar] = value
        return ""
    return value


def forget(*, setting: str, **kwargs: Any) -> None:
    if setting in CATALOGUE_SETTINGS:
        _memo.clear()


def install() -> None:
    TranslateNode.render = render  # type: ignore[method-assign]
    setting_changed.connect(forget, dispatch_uid="jianfu.core.i18n_cache.forget")
