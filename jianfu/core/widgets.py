"""Widgets: selects that write their options directly, and inputs whose words follow the page language.

FastSelect / FastSelectMultiple: Django renders each `<option>` of a `Select` by including two templates (the option and its attrs):
on a 2,000-house select of the report form that was more than half of the page's CPU. These write
the same markup as Django's templates (`django/forms/widgets/select.html`), escaped the same way,
so labels, ids, `required`, `multiple` and the selected option are unchanged.

FileInput / DateInput: the browser draws native widgets in its own language, not the page's
(docs/style-zh.md, "控件与空状态").
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def flat_attrs(attrs: dict[str, Any]) -> str:
    """` name="value"` per attribute as Django's attrs.html writes them (True: bare, False: left out)."""
    out = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _option(value: Any, label: Any, selected: bool) -> str:
    chosen = " selected" if selected else ""
    return f'<option value="{conditional_escape(str(value))}"{chosen}>{conditional_escape(label)}</option>'


class FastSelectMixin:
    """Renders `<select>` and its options in Python; the behaviour is Django's `Select`'s."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context_without_options(name, value, attrs)
        selected_values = set(widget["value"])
        multiple = self.allow_multiple_selected  # type: ignore[attr-defined]
        has_selected = False
        parts = [f'<select name="{conditional_escape(name)}"{flat_attrs(widget["attrs"])}>']
        for group_value, group_label in self.choices:  # type: ignore[attr-defined]
            if group_value is None:
                group_value = ""
            if isinstance(group_label, (list, tuple)):
                parts.append(f'\n  <optgroup label="{conditional_escape(str(group_value))}">')
                choices = group_label
            else:
                choices = [(group_value, group_label)]
            for option_value, option_label in choices:
                if option_value is None:
                    option_value = ""
                selected = (multiple or not has_selected) and str(option_value) in selected_values
                has_selected |= selected
                parts.append("\n  " + _option(option_value, option_label, selected) + "\n")
            if isinstance(group_label, (list, tuple)):
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label above is escaped

    def get_context_without_options(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The widget context of `Widget.get_context` (attrs, formatted value), skipping optgroups."""
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]  # type: ignore[arg-type]
        if self.allow_multiple_selected:  # type: ignore[attr-defined]
            widget["attrs"]["multiple"] = True
        return widget


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class FileInput(forms.FileInput):
    """A file input with a translated button and "no file chosen" text.

    Chromium draws the native button in the browser's language ("Choose File / No file chosen" in an
    en-US browser on a Chinese page). The native input stays in the form and in the tab order, only
    visually hidden; its `<label>` is the visible button, so a click, Space or Enter opens the picker
    with or without JavaScript and htmx sends the file as usual. An inline `onchange` shows the chosen
    file names (without JavaScript the upload still works, the name just is not shown).
    """

    template_name = "core/widgets/file.html"


class DateInput(forms.DateInput):
    """A native date picker (calendar, phone date wheel, ISO value) with the expected date written beside it.

    Chromium draws `type=date` in the browser's locale, not the page's: an en-US browser shows
    mm/dd/yyyy on a Chinese page (tests/browser/test_widgets.py). The page cannot change that, so the
    hint says which date is meant in the table format every page uses (2026-12-01).
    """

    input_type = "date"
    template_name = "core/widgets/date.html"

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or "%Y-%m-%d")

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if widget_id := context["widget"]["attrs"].get("id"):
            context["widget"]["attrs"].setdefault("aria-describedby", f"{widget_id}-format")
        return context
