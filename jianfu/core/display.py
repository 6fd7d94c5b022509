"""`get_FOO_display()` without translating every choice on every call.

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` on each call; with
lazily translated labels, hashing each (value, label) pair translates every label, so a list of 50
requests showing a status of 12 choices runs 600 translations for 50 labels (about a fifth of the
casework board's CPU; bench/bench_page_cpu.py). Here each field's {value: label} map is built once
per language and reused; the label returned is the same string Django's would be. Fields whose
choices are computed (a callable) keep Django's own method.
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db.models import Field, Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

DJANGO_DISPLAY = Model._get_FIELD_display  # type: ignore[attr-defined]  # Django's private method


def _labels(field: Field) -> dict[Any, Any]:
    language = get_language()
    cache: dict[str | None, dict[Any, Any]] = field.__dict__.setdefault("_jianfu_display_labels", {})
    labels = cache.get(language)
    if labels is None:
        labels = {
            make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices
        }
        cache[language] = labels
    return labels


def fast_display(self: Model, field: Field) -> Any:
    value = getattr(self, field.attname)
    try:
        return _labels(field).get(make_hashable(value), value)
    except TypeError:  # an unhashable value: Django's own answer
        return DJANGO_DISPLAY(self, field)


def install() -> int:
    """Replaces Django's `get_FOO_display` on every installed model field with static choices."""
    replaced = 0
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if not isinstance(method, partialmethod) or method.func is not DJANGO_DISPLAY:
                continue  # no choices, an inherited or a hand-written method
            if not isinstance(field.choices, list | tuple):
                continue  # callable choices may change between calls
            setattr(model, name, partialmethod(fast_display, field=field))
            replaced += 1
    return replaced
