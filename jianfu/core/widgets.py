"""Select widgets that write their options directly instead of through a template per option.

Django renders each `<option>` of a `Select` by including two templates (the option and its attrs):
on a 2,000-house select of the report form that was more than half of the page's CPU. These write
the same markup as Django's templates (`django/forms/widgets/select.html`), escaped the same way,
so labels, ids, `required`, `multiple` and the selected option are unchanged.
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
