"""`{% url 'name' obj.pk %}` in a list without running Django's reverse() for every row.

reverse() walks the URL patterns' possibilities and checks the candidate against the pattern: about
30 µs each, and the casework board ran 100 of them a request (12 % of its CPU, bench/bench_page_cpu.py).
For a URL whose arguments are all non-negative ints, the URL is reversed once with sentinel numbers
and kept as a template (per name, argument count, current app, script prefix and URLconf); each row
then only puts its numbers in. The first real use of a template is checked against reverse() and the
template is dropped for good if they differ (a converter that formats numbers its own way). Any other
`{% url %}` (keyword or text arguments, `as` a variable that may not exist) goes through Django.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

DJANGO_RENDER = URLNode.render
SENTINEL = 7_130_000_000
# key -> (parts between the numbers, checked against reverse() yet?) or None (always use reverse())
_templates: dict[tuple, tuple[tuple[str, ...], bool] | None] = {}


def _key_tail() -> tuple[str, str]:
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def _template(view_name: str, count: int, current_app: str | None) -> tuple[str, ...] | None:
    try:
        url = reverse(view_name, args=[SENTINEL + i for i in range(count)], current_app=current_app)
    except NoReverseMatch:
        return None
    parts: list[str] = []
    rest = url
    for i in range(count):
        before, found, rest = rest.partition(str(SENTINEL + i))
        if not found:
            return None
        parts.append(before)
    parts.append(rest)
    if any(str(SENTINEL + i) in part for part in parts for i in range(count)):
        return None
    return tuple(parts)


def fast_reverse(view_name: Any, args: list[Any], current_app: str | None) -> str:
    if not isinstance(view_name, str) or not all(type(a) is int and a >= 0 for a in args):
        return reverse(view_name, args=args, current_app=current_app)
    key = (view_name, len(args), current_app, *_key_tail())
    if key not in _templates:
        parts = _template(view_name, len(args), current_app)
        _templates[key] = (parts, False) if parts is not None else None
    entry = _templates[key]
    if entry is None:
        return reverse(view_name, args=args, current_app=current_app)
    parts, checked = entry
    url = parts[0] + "".join(str(a) + part for a, part in zip(args, parts[1:], strict=True))
    if not checked:
        real = reverse(view_name, args=args, current_app=current_app)
        _templates[key] = (parts, True) if real == url else None
        return real
    return url


def render(self: URLNode, context: Any) -> Any:
    if self.kwargs or self.asvar:
        return DJANGO_RENDER(self, context)
    args = [arg.resolve(context) for arg in self.args]
    view_name = self.view_name.resolve(context)
    try:
        current_app = context.request.current_app
    except AttributeError:
        try:
            current_app = context.request.resolver_match.namespace
        except AttributeError:
            current_app = None
    url = fast_reverse(view_name, args, current_app)
    return conditional_escape(url) if context.autoescape else url


def forget(*, setting: str, **kwargs: Any) -> None:
    if setting in {"ROOT_URLCONF", "INSTALLED_APPS"}:
        _templates.clear()


def install() -> None:
    URLNode.render = render  # type: ignore[method-assign, assignment]
    setting_changed.connect(forget, dispatch_uid="jianfu.core.url_cache.forget")
