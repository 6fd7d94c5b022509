"""A category's own fields (the Open311 attributes): validation of submitted values."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

MAX_VALUE_CHARS = 500


def _one(definition: dict, raw: Any) -> tuple[Any, str | None]:
    code, label, datatype = (
        definition["code"],
        definition.get("label", definition["code"]),
        definition["datatype"],
    )
    keys = {v["key"]: v["name"] for v in definition.get("values", [])}
    names = {v["name"]: v["key"] for v in definition.get("values", [])}
    if datatype in ("singlevaluelist", "multivaluelist"):
        items = raw if isinstance(raw, list) else [raw]
        items = [str(i).strip() for i in items if str(i).strip()]
        if datatype == "singlevaluelist" and len(items) > 1:
            return None, _("“%(label)s”只能选一项。") % {"label": label}
        out = []
        for item in items:
            key = item if item in keys else names.get(item)
            if key is None:
                return None, _("“%(label)s”的值“%(value)s”不在可选项中（可选：%(options)s）。") % {
                    "label": label,
                    "value": item,
                    "options": "、".join(f"{k}={n}" for k, n in keys.items()),
                }
            out.append(key)
        return (out[0] if datatype == "singlevaluelist" else out), None
    text = str(raw[0] if isinstance(raw, list) and raw else raw).strip()
    if len(text) > MAX_VALUE_CHARS:
        return None, _("“%(label)s”最多%(n)s个字。") % {"label": label, "n": MAX_VALUE_CHARS}
    if datatype == "number":
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, _("“%(label)s”应为数字（收到“%(value)s”）。") % {"label": label, "value": text}
        if not number.is_finite():
            return None, _("“%(label)s”应为数字（收到“%(value)s”）。") % {"label": label, "value": text}
        return str(number), None
    if datatype == "datetime":
        parsed = parse_datetime(text) or (
            dt.datetime.fromisoformat(text) if len(text) == 10 and text[4] == "-" else None
        )
        if parsed is None:
            return None, _("“%(label)s”应为日期时间，如2026-11-30T08:00:00+08:00（收到“%(value)s”）。") % {
                "label": label,
                "value": text,
            }
        return parsed.isoformat(), None
    del code
    return text, None


def clean_attributes(
    definitions: list[dict], raw: dict[str, Any], *, require: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """(cleaned values by code, errors). Unknown codes are errors: nothing is silently dropped.
    `require=False` for orders from other systems (12345) that never had our fields."""
    errors: list[str] = []
    cleaned: dict[str, Any] = {}
    known = {d["code"]: d for d in definitions}
    for code in raw:
        if code not in known:
            errors.append(
                _("没有名为“%(code)s”的字段（本类别的字段：%(codes)s）。")
                % {"code": code, "codes": "、".join(known) or _("无")}
            )
    for code, definition in known.items():
        value = raw.get(code)
        empty = value is None or value == "" or value == []
        if empty:
            if require and definition.get("required"):
                errors.append(_("请填写“%(label)s”。") % {"label": definition.get("label", code)})
            continue
        value, error = _one(definition, value)
        if error:
            errors.append(error)
        else:
            cleaned[code] = value
    return cleaned, errors


def display(definitions: list[dict], values: dict[str, Any]) -> list[tuple[str, str]]:
    """[(label, human value)] for a detail page."""
    out = []
    for d in definitions:
        if d["code"] not in values:
            continue
        names = {v["key"]: v["name"] for v in d.get("values", [])}
        v = values[d["code"]]
        shown = "、".join(str(names.get(x, x)) for x in v) if isinstance(v, list) else str(names.get(v, v))
        out.append((d.get("label", d["code"]), shown))
    return out
