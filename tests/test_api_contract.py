"""The API's contract, generated from the OpenAPI document (so a new route is covered without a list):

- every list route pages with the one validated `limit`/`offset` (jianfu.core.apikit.Page), and each
  bad form (negative, past the cap, 64-bit, not a number) is a 422 naming the parameter and the
  allowed range — never a 500, never a silent clamp;
- every operation documents its error answers (401 when authenticated, 404, 422 when it takes
  input, 403 only for a browser session writing without CSRF) with the one error schema;
- ids in paths and queries are bounded: a 64-bit id is a 422, an unknown one a 404.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jianfu.accounts.auth import api_token_create
from jianfu.api import api
from jianfu.core.apikit import MAX_ID, MAX_OFFSET
from jianfu.core.testing import PersonaTestCase

SCHEMA = api.get_openapi_schema(path_prefix="/api/v1/")
OPERATIONS = [
    (method.upper(), path, op)
    for path, ops in SCHEMA["paths"].items()
    for method, op in ops.items()
    if method in {"get", "post", "put", "patch", "delete"}
]

# GET routes answering an array that do not page, each with the reason it needs no paging. A new list
# route fails `test_every_list_route_pages` until it takes `Page` or is added here with a reason.
# Paged by `limit` alone: the registry pages by key (after_key/after_id), matching returns the best few.
LIMIT_ONLY = {"/api/v1/registry/people", "/api/v1/catalog/match"}
BOUNDED_LISTS = {
    "/api/v1/accounts/tokens": "the caller's own API tokens (the district administrator: the district's)",
    "/api/v1/accounts/lockouts": "the accounts and addresses locked out right now",
    "/api/v1/registry/attributes": "the data dictionary (reference data, hundreds of rows)",
    "/api/v1/registry/sources": "the data sources of a district (tens)",
    "/api/v1/catalog/history/{list_kind}/{code}": "the versions of one catalog item",
    "/api/v1/casework/rates": "one row per group over at most 24 months",
    "/api/v1/inspections/merge-proposals": "pairs of one year's visits in the office's area",
    "/api/v1/inspections/dashboard": "one row per community and year",
    "/api/v1/ledgers/imports/{import_id}/rows": "the rows of one uploaded file (size-capped upload)",
    "/api/v1/digital/unit-times": "one row per kind of ask (AskKind: eleven)",
}


def _query_params(op: dict) -> dict[str, dict]:
    return {p["name"]: p for p in op.get("parameters", []) if p["in"] == "query"}


def _is_list(op: dict) -> bool:
    content = op["responses"].get("200", op["responses"].get(200, {})).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    props = schema.get("properties", {})
    return schema.get("type") == "array" or ("items" in props and "count" in props)


LIST_ROUTES = [(m, p, op) for m, p, op in OPERATIONS if m == "GET" and _is_list(op)]
PAGED_ROUTES = [(m, p, op) for m, p, op in LIST_ROUTES if "limit" in _query_params(op)]


def _url(path: str, op: dict) -> str:
    """The path with its parameters filled: ids 1 (valid, possibly unknown), other strings 'x'."""
    for param in op.get("parameters", []):
        if param["in"] == "path":
            schema = param.get("schema", {})
            value = "1" if schema.get("type") == "integer" else "x"
            path = path.replace("{" + param["name"] + "}", value)
    return path


def _required(op: dict) -> dict[str, str]:
    """Values for the required query parameters (e.g. the text to match), so only paging is wrong."""
    return {name: "x" for name, p in _query_params(op).items() if p.get("required")}


def _bad_forms(op: dict) -> list[tuple[str, object]]:
    params = _query_params(op)
    cap = params["limit"]["schema"]["maximum"]
    forms: list[tuple[str, object]] = [
        ("limit", 0),
        ("limit", -1),
        ("limit", cap + 1),
        ("limit", 2**64),
        ("limit", "many"),
    ]
    if "offset" in params:
        forms += [
            ("offset", -1),
            ("offset", MAX_OFFSET + 1),
            ("offset", 2**63),
            ("offset", 2**64),
            ("offset", "next"),
        ]
    return forms


def test_the_document_has_list_routes_to_check():
    assert len(PAGED_ROUTES) >= 12, [p for _m, p, _o in PAGED_ROUTES]


@pytest.mark.parametrize(("method", "path", "op"), LIST_ROUTES, ids=[p for _m, p, _o in LIST_ROUTES])
def test_every_list_route_pages(method, path, op):
    params = _query_params(op)
    if path in BOUNDED_LISTS:
        assert "limit" not in params, f"{path} pages now: remove it from BOUNDED_LISTS"
        return
    assert "limit" in params, (
        f"{path} answers a list without paging: take `page: Query[Page]` (jianfu.core.apikit) "
        "or add it to BOUNDED_LISTS with the reason it stays small"
    )
    limit = params["limit"]["schema"]
    assert limit["minimum"] == 1 and 1 <= limit["maximum"] <= 5000, limit
    if path not in LIMIT_ONLY:
        offset = params["offset"]["schema"]
        assert (offset["minimum"], offset["maximum"]) == (0, MAX_OFFSET), offset


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[f"{m} {p}" for m, p, _o in OPERATIONS])
def test_every_operation_documents_its_errors(method, path, op):
    responses = {int(code): r for code, r in op["responses"].items()}
    assert 404 in responses, "404: unknown or out of scope"
    if op.get("security"):
        assert 401 in responses
    if op.get("parameters") or op.get("requestBody"):
        assert 422 in responses
    if 403 in responses:
        assert method != "GET" and op.get("security"), "403 only for a browser session writing without CSRF"
    for code, response in responses.items():
        if code < 400 or path == "/api/v1/certificates/verify/{token}":  # verify answers its own record
            continue
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ApiError"}, (code, schema)


PAGING_CASES = [(path, op, name, value) for _m, path, op in PAGED_ROUTES for name, value in _bad_forms(op)]


class PaginationTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.tokens = {
            user.username: api_token_create(user=user, name="contract")[1]
            for user in (cls.worker, cls.district_officer, cls.dept_user, cls.admin)
        }

    def get(self, url, user, **params):
        headers = {"Authorization": f"Bearer {self.tokens[user.username]}"}
        return Client().get(url, params, headers=headers)

    def test_bad_paging_is_a_clear_422_on_every_list_route(self):
        assert PAGING_CASES
        for path, op, name, value in PAGING_CASES:
            with self.subTest(path=path, param=name, value=value):
                response = self.get(_url(path, op), self.district_officer, **_required(op), **{name: value})
                assert response.status_code == 422, (path, name, value, response.content[:300])
                body = response.json()
                assert f"“{name}”" in body["detail"], body
                assert body["errors"][0]["loc"] == ["query", name], body
                if not isinstance(value, str):
                    assert re.search(r"allowed: \d+ to \d+", body["detail"]), body

    def test_good_paging_answers_on_every_list_route(self):
        for _m, path, op in PAGED_ROUTES:
            with self.subTest(path=path):
                params: dict[str, object] = {**_required(op), "limit": 1}
                if "offset" in _query_params(op):
                    params["offset"] = MAX_OFFSET  # far past the end: an empty page, not an error
                response = self.get(_url(path, op), self.district_officer, **params)
                assert response.status_code in (200, 404), (path, response.content[:300])

    def test_64_bit_ids_are_422_and_unknown_ids_404(self):
        for method, path, op in OPERATIONS:
            ids = [
                p["name"]
                for p in op.get("parameters", [])
                if p["in"] == "path" and (p["name"] == "pk" or p["name"].endswith("_id"))
            ]
            if method != "GET" or not ids:
                continue
            with self.subTest(path=path):
                unknown, huge = path, path
                for name in ids:
                    unknown = unknown.replace("{" + name + "}", str(MAX_ID))
                    huge = huge.replace("{" + name + "}", str(2**64))
                response = self.get(_url(unknown, op), self.admin)
                assert response.status_code == 404, (unknown, response.content[:200])
                response = self.get(_url(huge, op), self.admin)
                assert response.status_code == 422, (huge, response.content[:200])
                assert str(MAX_ID) in response.json()["detail"]
