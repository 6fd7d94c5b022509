"""Schema-driven fuzzing of the whole API with schemathesis, in-process (the WSGI app, no server).

Every operation of /api/v1/openapi.json is called with generated requests — once with a community
worker's token, once without any credentials — against a small seeded district (tests/api_seed.py)
so that list and detail routes answer real rows. Each answer must be:
- no server error (5xx),
- a documented status code (OpenAPI declares every error answer: jianfu.api, jianfu.core.apikit),
- conformant to the documented response schema.

Bounded and reproducible: `derandomize=True` (the same examples on every run), a fixed number of
examples per operation, no example database. How long it takes is recorded in bench/README.md.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from jianfu.accounts.auth import api_token_create
from jianfu.core.testing import PersonaTestCase
from tests.api_seed import seed

EXAMPLES_PER_OPERATION = 4
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return " | ".join(_first_line(e) for e in exc.exceptions)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def fuzz(headers: dict[str, str]) -> tuple[int, list[str]]:
    """Run every operation; (number of requests, one line per failing operation and reason).

    The WSGI app is called directly, so Django's start- and end-of-request `close_old_connections` would close
    the test's PostgreSQL connection inside its transaction (Django's test Client disconnects it the
    same way); SQLite's in-memory database is never closed, which is why only PostgreSQL showed it.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        return _fuzz(headers)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _fuzz(headers: dict[str, str]) -> tuple[int, list[str]]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures: dict[tuple[str, str], str] = {}
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def run(case: Any) -> None:
            nonlocal calls
            calls += 1
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except BaseException as exc:  # schemathesis raises a group of failures
                key = (case.operation.label, _first_line(exc))
                failures.setdefault(
                    key,
                    f"{key[0]}: {key[1]} — HTTP {response.status_code} for "
                    f"path={case.path_parameters} query={case.query} body={str(case.body)[:120]}",
                )

        run()
    return calls, sorted(failures.values())


class ApiFuzzTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        seed(cls)
        cls.token = api_token_create(user=cls.worker, name="fuzz")[1]

    def test_with_a_community_workers_token(self):
        calls, failures = fuzz({"Authorization": f"Bearer {self.token}"})
        assert calls > 300, calls
        assert not failures, "\n".join(failures)

    def test_without_credentials(self):
        calls, failures = fuzz({})
        assert calls > 300, calls
        assert not failures, "\n".join(failures)
