"""The pieces every API router shares: one error schema, documented errors, validated paging.

- `ApiError` is the one body of every error answer (`{"detail": "...", "errors": [...]}`); the
  OpenAPI document declares it for every operation's error codes, centrally (`error_responses`,
  used by `jianfu.api`), so a new route is documented without doing anything:
  401 when the route needs a signed-in caller, 404 (out of scope or unknown — conventions.md: scope
  is a 404, never a 403), 422 when the route takes any input, 429 when the route is throttled, and
  403 only where it truly happens: a browser session that writes without its CSRF token.
  A route that answers another error code on purpose (400 bad request body, 409 not ready, 410
  gone, 413 too large, …) says so in its `response=` with `**errors(400, 409)`.
- `Page` is the one pagination input: `offset` 0…10⁹ and `limit` 1…cap, validated (422 naming the
  parameter and the allowed range), so a negative or 64-bit value never reaches the database
  (SQLite and PostgreSQL both fail on an OFFSET beyond a signed 64-bit integer). A list with its
  own cap subclasses it: `class TaskPage(Page): limit: int = limit_field(default=100, cap=500)`.
- `ObjectId` is the type of ids in paths and query strings: 1…2⁶³−1, so a 64-bit id is a 422 and
  an unknown one a 404, never a database error.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9
MAX_ID = 2**63 - 1  # the largest BIGINT on SQLite and PostgreSQL


class FieldError(Schema):
    loc: list[str | int] = Field(description="where: the part of the request, then the parameter or field")
    msg: str
    type: str


class ApiError(Schema):
    """Every error answer of the API."""

    detail: str = Field(description="what went wrong, where, and how to fix it")
    errors: list[FieldError] | None = Field(
        default=None, description="422 only: one entry per invalid parameter or field"
    )


ERROR_DESCRIPTIONS = {
    400: "Bad request: the input is well-formed but cannot be used (the detail says why)",
    401: "Unauthenticated: sign in, or send `Authorization: Bearer <token>`",
    403: "CSRF check failed: a browser session writing without its CSRF token (tokens never see this)",
    404: "Not found: unknown, or not in the caller's scope (the same answer for both)",
    409: "Conflict: not ready yet",
    410: "Gone: expired or revoked",
    413: "Too large",
    422: "Invalid input: the detail names the parameter and the allowed values",
    429: "Too many requests: wait and try again",
}


def errors(*codes: int) -> dict[int, type[ApiError]]:
    """Extra documented error answers of one route: `response={200: Out, **errors(400, 409)}`."""
    return dict.fromkeys(codes, ApiError)


def error_codes(operation: Any) -> list[int]:
    """The error codes every operation documents, derived from how it is built (see module doc)."""
    codes = [404]
    if operation.auth_callbacks:
        codes.append(401)
        writes = set(operation.methods) - {"GET", "HEAD", "OPTIONS"}
        if writes and any(getattr(auth, "csrf", False) for auth in operation.auth_callbacks):
            codes.append(403)
    if any(model.model_fields for model in operation.models):
        codes.append(422)
    if operation.throttle_objects or any(getattr(a, "throttles", False) for a in operation.auth_callbacks):
        codes.append(429)
    return sorted(codes)


def limit_field(*, default: int, cap: int) -> Any:
    return Field(default, ge=1, le=cap, description=f"rows to return: 1 to {cap}")


def offset_field() -> Any:
    return Field(0, ge=0, le=MAX_OFFSET, description=f"rows to skip: 0 to {MAX_OFFSET}")


class Page(Schema):
    """`limit`/`offset` of a list route (validated; 422 outside the ranges)."""

    limit: int = limit_field(default=100, cap=500)
    offset: int = offset_field()

    def window(self, rows: QuerySet[Any] | list[Any]) -> Any:
        """The requested slice of a queryset or list."""
        return rows[self.offset : self.offset + self.limit]


class BigPage(Page):
    limit: int = limit_field(default=100, cap=1000)


class SmallPage(Page):
    limit: int = limit_field(default=50, cap=200)


class LimitOffset(LimitOffsetPagination):
    """Ninja's `@paginate` with the validated `Page` input (answers `{"items": [...], "count": n}`)."""

    class Input(Page):
        pass

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)


ObjectId = Annotated[int, Field(ge=1, le=MAX_ID, description="an id (1 to 2⁶³−1)")]
Year = Annotated[int, Field(ge=1900, le=2100, description="a calendar year (1900 to 2100)")]


def describe_range(schema: dict[str, Any], name: str) -> str:
    """“allowed: 0 to 1000000000” for a field of a JSON schema (searching its $defs), else ''."""
    candidates = [schema, *schema.get("$defs", {}).values()]
    for candidate in candidates:
        prop = candidate.get("properties", {}).get(name)
        if not isinstance(prop, dict):
            continue
        options = [prop, *prop.get("anyOf", [])]
        for option in options:
            low = option.get("minimum", option.get("exclusiveMinimum"))
            high = option.get("maximum", option.get("exclusiveMaximum"))
            if low is not None and high is not None:
                return f"allowed: {low} to {high}"
            if low is not None:
                return f"allowed: {low} or more"
            if high is not None:
                return f"allowed: up to {high}"
    return ""


_PLACES = {"query": "query parameter", "path": "path parameter", "body": "body field", "form": "form field"}


def error_detail(errors: list[dict[str, Any]]) -> str:
    """One readable sentence per invalid input: which parameter, what is wrong, what is allowed."""
    parts = []
    for error in errors:
        loc = [str(x) for x in error.get("loc", ())]
        place = _PLACES.get(loc[0], loc[0]) if loc else "input"
        name = ".".join(loc[1:]) or "(whole body)"
        text = f"{place} “{name}”: {error.get('msg', 'invalid')}"
        if error.get("range"):
            text += f" ({error['range']})"
        parts.append(text)
    return "; ".join(parts) or "invalid input"
