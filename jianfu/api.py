"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Department systems authenticate with a bearer token (`jianfu api-token`); browsers with their
session. Every endpoint goes through the same `restrict(user, action)` scoping as the pages.

Errors have one body (`jianfu.core.apikit.ApiError`) and are documented for every operation by
`JianfuOpenAPISchema` below: 401, 404 (unknown or out of scope: `OutOfScope`), 422 (invalid input,
naming the parameter and the allowed range), 429 where throttled, plus what a route declares.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.security import SessionAuth

from jianfu.accounts.auth import TokenAuth
from jianfu.core.apikit import ERROR_DESCRIPTIONS, ApiError, describe_range, error_codes, error_detail
from jianfu.core.permissions import OutOfScope


class BrowserSession(SessionAuth):
    """A signed-in browser session. Without one the caller is unauthenticated (401, like a missing
    token), never "CSRF failed"; a signed-in session that writes without its CSRF token is refused
    (403, documented on the writing routes)."""

    def _get_key(self, request: Any) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class JianfuOpenAPISchema(OpenAPISchema):
    """Ninja's OpenAPI document, with every operation's error answers declared (one `ApiError`)."""

    def add_schema_definitions(self, definitions: dict) -> None:
        """Ninja names components by class name; two different schemas of one name would silently
        document one route with another's schema. Refuse, naming both."""
        for name, schema in definitions.items():
            if (
                name in self.schemas
                and self.schemas[name] != schema
                and name not in {"ApiError", "FieldError"}
            ):
                raise ValueError(
                    f"two different API schemas are named {name!r}: rename one (e.g. <App>{name})"
                )
        super().add_schema_definitions(definitions)

    def _error_schema_ref(self) -> dict[str, str]:
        """`ApiError` (and `FieldError`) in components/schemas, once; a `$ref` to it."""
        if "ApiError" not in self.schemas:
            schema = ApiError.model_json_schema(
                ref_template="#/components/schemas/{model}", mode="serialization"
            )
            self.add_schema_definitions({**schema.pop("$defs", {}), "ApiError": schema})
        return {"$ref": "#/components/schemas/ApiError"}

    def responses(self, operation: Any) -> dict[int, Any]:
        result = super().responses(operation)
        ref = None
        for code in error_codes(operation):
            if code in result:
                continue
            if ref is None:
                ref = self._error_schema_ref()
            result[code] = {
                "description": ERROR_DESCRIPTIONS.get(code, "Error"),
                "content": {self.api.renderer.media_type: {"schema": ref}},
            }
        for code, details in result.items():
            if code in ERROR_DESCRIPTIONS and details.get("description") in ("Unknown Status Code", "OK"):
                details["description"] = ERROR_DESCRIPTIONS[code]
        return dict(sorted(result.items()))


class JianfuAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return JianfuOpenAPISchema(self, path_prefix)

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        """Ninja's errors, each with the allowed range of its parameter when it has one."""
        error = super().validation_error_from_error_contexts(error_contexts)
        schemas = [context.model.model_json_schema() for context in error_contexts]
        for item in error.errors:
            name = str(item["loc"][-1]) if item.get("loc") else ""
            for schema in schemas:
                if found := describe_range(schema, name):
                    item["range"] = found
                    break
        return error


# Too many bad tokens from one address answer 429 (jianfu.accounts.auth): documented on every route.
TOKEN_AUTH = TokenAuth()
TOKEN_AUTH.throttles = True  # type: ignore[attr-defined]

api = JianfuAPI(
    title="jianfu API",
    version="1",
    description="减负 jianfu — registry, ledger import, one-form filling, work access, burden ledger, certificates.",
    auth=[TOKEN_AUTH, BrowserSession()],
    urls_namespace="api",
)

for prefix, module in [
    ("/accounts/", "jianfu.accounts.api.router"),
    ("/orgs/", "jianfu.orgs.api.router"),
    ("/registry/", "jianfu.registry.api.router"),
    ("/ledgers/", "jianfu.ledgers.api.router"),
    ("/fills/", "jianfu.fills.api.router"),
    ("/catalog/", "jianfu.catalog.api.router"),
    ("/workdays/", "jianfu.workdays.api.router"),
    ("/gate/", "jianfu.gate.api.router"),
    ("/burden/", "jianfu.burden.api.router"),
    ("/certificates/", "jianfu.certificates.api.router"),
    ("/sharing/", "jianfu.sharing.api.router"),
    ("/inspections/", "jianfu.inspections.api.router"),
    ("/activities/", "jianfu.activities.api.router"),
    ("/audit/", "jianfu.core.api.router"),
    ("/casework/", "jianfu.casework.api.router"),
    ("/feedback/", "jianfu.feedback.api.router"),
    ("/meetings/", "jianfu.meetings.api.router"),
    ("/campaigns/", "jianfu.campaigns.api.router"),
    ("/digital/", "jianfu.digital.api.router"),
    ("/scorecard/", "jianfu.scorecard.api.router"),
]:
    api.add_router(prefix, module)


@api.exception_handler(OutOfScope)
def out_of_scope(request, exc):
    """Not for this caller: the same 404 as an id that does not exist (jianfu.core.permissions)."""
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    """422 with one readable sentence (which parameter, what is wrong, what is allowed) and the list."""
    issues = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": error_detail(exc.errors), "errors": issues}, status=422)
