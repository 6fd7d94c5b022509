"""Walk every URL pattern and API route; read any response body as text (HTML, JSON, CSV, xlsx, zip)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix.registry import API, PAGES, PUBLIC_API, PUBLIC_PAGES, SCOPED, Entry

# Not ours to test: Django's admin site (staff only, its own permission system) and the API's own
# pages (the OpenAPI document and its viewer are public by design and carry no data).
SKIP_NAMESPACES = ("admin", "api")
SKIP_API = {"GET /api/v1/openapi.json", "GET /api/v1/docs"}
# Signing out ends the test client's session: it runs last.
LAST = ("accounts:logout",)


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    params: tuple[str, ...]


def page_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(resolver: URLResolver, prefix: str, ns: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                space = ":".join(x for x in (ns, p.namespace) if x)
                if p.namespace in SKIP_NAMESPACES or str(p.pattern).startswith("admin/"):
                    continue
                walk(p, prefix + str(p.pattern), space)
            elif isinstance(p, URLPattern):
                name = ":".join(x for x in (ns, p.name or "") if x)
                route = prefix + str(p.pattern)
                found.append(Pattern(name, route, tuple(p.pattern.converters) or _params(route)))

    walk(get_resolver(), "", "")
    found.sort(key=lambda p: (p.name in LAST, p.name))
    return found


def _params(route: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))


def page_entry(pattern: Pattern) -> Entry | None:
    """The registry entry of a pattern; patterns without parameters need one only to be public."""
    entry = PAGES.get(pattern.name)
    if entry is None and not pattern.params:
        return Entry(params=lambda w: {}, kind="public" if pattern.name in PUBLIC_PAGES else SCOPED)
    return entry


def page_url(pattern: Pattern, world: Any) -> str:
    entry = page_entry(pattern)
    assert entry is not None
    return reverse(pattern.name, kwargs=entry.params(world))


@dataclass(frozen=True)
class Route:
    key: str  # "GET /api/v1/…"
    method: str
    path: str
    params: tuple[str, ...]
    body: dict[str, Any] | None
    multipart: bool
    documented: frozenset[int]  # the status codes its OpenAPI operation declares


def api_routes() -> list[Route]:
    from jianfu.api import api

    schema = api.get_openapi_schema()
    routes = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            key = f"{method.upper()} {path}"
            if key in SKIP_API:
                continue
            params = tuple(p["name"] for p in op.get("parameters", []) if p["in"] == "path")
            content = op.get("requestBody", {}).get("content", {})
            body, multipart = None, False
            if "application/json" in content:
                body = example(content["application/json"]["schema"], schema)
            elif content:
                multipart = True
            documented = frozenset(int(code) for code in op.get("responses", {}) if str(code).isdigit())
            routes.append(Route(key, method.upper(), path, params, body, multipart, documented))
    return sorted(routes, key=lambda r: r.key)


def api_entry(route: Route) -> Entry | None:
    entry = API.get(route.key)
    if entry is None and not route.params:
        return Entry(params=lambda w: {}, kind="public" if route.key in PUBLIC_API else SCOPED)
    return entry


def api_url(route: Route, world: Any) -> str:
    entry = api_entry(route)
    assert entry is not None
    path = route.path
    for name, value in entry.params(world).items():
        path = path.replace("{" + name + "}", str(value))
    return path


def example(node: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """A minimal valid-looking value for a JSON schema (required properties only), so that a write
    reaches the view's permission check instead of stopping at body validation."""
    if "$ref" in node:
        target: Any = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return example(target, schema, depth + 1)
    if depth > 8:
        return None
    for combo in ("anyOf", "oneOf", "allOf"):
        if combo in node:
            options = [o for o in node[combo] if o.get("type") != "null"] or node[combo]
            return example(options[0], schema, depth + 1)
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return node["default"]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        props = node.get("properties", {})
        return {k: example(props[k], schema, depth + 1) for k in node.get("required", []) if k in props}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, int(node.get("minimum", 1)))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if node.get("format") == "date":
        return "2026-06-01"
    if node.get("format") == "date-time":
        return "2026-06-01T09:00:00+08:00"
    return "x" * max(1, int(node.get("minLength", 1)))


def body_text(response: Any) -> str:
    """Everything a response carries, as text: xlsx and zip members are opened and read."""
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return "\n".join(_texts(raw))


def _texts(raw: bytes) -> Iterator[str]:
    if raw[:4] == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
        except zipfile.BadZipFile:
            yield raw.decode("utf-8", "replace")
            return
        names = archive.namelist()
        if "xl/workbook.xml" in names:
            yield from _xlsx(raw)
            return
        for name in names:
            yield name
            yield from _texts(archive.read(name))
        return
    if raw[:5] == b"%PDF-":
        yield from _pdf(raw)
        return
    yield raw.decode("utf-8", "replace")


def _xlsx(raw: bytes) -> Iterator[str]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            yield "\t".join(str(v) for v in row)


def _pdf(raw: bytes) -> Iterator[str]:
    """Text of a PDF (pypdf); a PDF that cannot be read is reported as such, never passed silently."""
    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(raw)).pages:
        yield page.extract_text() or ""
