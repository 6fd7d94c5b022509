"""One payload, two formats: the same Python structure becomes JSON or the spec's XML.

Lists are written as repeated child elements; `LIST_ITEMS` names the child of each list element
(`attributes` → `attribute`, `values` → `value`, `endpoints` → `endpoint`, `formats` → `format`).
"""

import json
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

LIST_ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: ET.Element, key: str, value: Any) -> None:
    el = ET.SubElement(parent, key)
    if isinstance(value, dict):
        for k, v in value.items():
            _fill(el, k, v)
    elif isinstance(value, list):
        child = LIST_ITEMS.get(key, "item")
        for item in value:
            _fill(el, child, item)
    else:
        text = _text(value)
        if text is not None:
            el.text = text


def to_xml(root: str, item: str | None, payload: Any) -> bytes:
    top = ET.Element(root)
    if item is None:
        for k, v in payload.items():
            _fill(top, k, v)
    else:
        for row in payload:
            el = ET.SubElement(top, item)
            for k, v in row.items():
                _fill(el, k, v)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        top, encoding="utf-8", xml_declaration=False
    )


def respond(fmt: str, payload: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    body = to_xml(root, item, payload) if fmt == "xml" else json.dumps(payload, ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    payload = [{"code": status, "description": d} for d in descriptions]
    return respond(fmt, payload, root="errors", item="error", status=status)
