"""`{% main_navigation %}`: base.html's navigation, rendered once per what it shows.

The navigation (core/navigation.html) depends only on the links the user may see (the context
processor jianfu.core.context_processors.navigation decides them per request), the language, and
which of them is the current page. Rendering its twenty-odd links through the template engine cost
about 0.3–0.6 ms on every page (bench/bench_request_overhead.py), so the HTML is kept per
(links, language, current link, script prefix, URLconf): a few hundred entries at most. It is emptied
when a setting it depends on changes (tests that override LANGUAGES, ROOT_URLCONF, …).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "core/navigation.html"
MAX_ENTRIES = 4096  # far above roles × languages × pages; only a runaway key could fill it
_rendered: dict[tuple, SafeString] = {}
SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS", "ROOT_URLCONF", "TEMPLATES"}


@register.simple_tag(takes_context=True)
def main_navigation(context: Any) -> SafeString:
    items = context.get("nav_items") or []
    request = context.get("request")
    path = getattr(request, "path", None)
    current = path if any(item["url"] == path for item in items) else None
    key = (
        tuple(item["name"] for item in items),
        get_language(),
        current,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    html = _rendered.get(key)
    if html is None:
        groups = context.get("nav_groups") or []
        rendered = render_to_string(TEMPLATE, {"nav_groups": groups, "current": current})
        html = mark_safe(rendered)  # noqa: S308 - the template engine escaped it
        if len(_rendered) >= MAX_ENTRIES:
            _rendered.clear()
        _rendered[key] = html
    return html


def forget(*, setting: str, **kwargs: Any) -> None:
    if setting in SETTINGS:
        _rendered.clear()


setting_changed.connect(forget, dispatch_uid="jianfu.core.templatetags.jianfu_nav.forget")
