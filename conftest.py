"""Project-wide pytest set-up.

- Tests use their own data directory (data/test) and run background tasks immediately: see
  jianfu/settings_test.py (pytest-django sets Django up before this file is read).
- Nothing may be skipped: a skipped test is reported as a failure, so `make test` can never pass
  with part of the suite quietly not running. (Set JIANFU_ALLOW_SKIPS=1 while developing locally
  to see skips as skips.)
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

ALLOW_SKIPS = os.environ.get("JIANFU_ALLOW_SKIPS", "").lower() in {"1", "true", "yes"}

# Property tests check behaviour, not speed (speed is measured in bench/): no per-example deadline and
# no "input generation is slow" health check, both of which fail on a loaded 2-core machine.
hypothesis_settings.register_profile("jianfu", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("jianfu")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if ALLOW_SKIPS or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped tests are not allowed in jianfu (make them run): {reason}"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (简体中文). The test client activates the language
    of its `django_language` cookie in the test's thread and nothing deactivates it, so an English
    test would otherwise leak English into the tests after it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(items):
    """Transactional tests (browser, concurrency) get serialized rollback.

    Django empties every table after a transactional test, which also removes what the data
    migrations loaded (data dictionary, reference catalog, calendar, unit times); with serialized
    rollback each transactional test starts from the migrated database again.
    """
    from django.test import TestCase, TransactionTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, TransactionTestCase):
            if not issubclass(cls, TestCase):
                cls.serialized_rollback = True
            continue
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


# The data migrations that load reference data (data dictionary, national catalog, unit times,
# working-day calendar). Their loaders are idempotent.
REFERENCE_DATA_MIGRATIONS = [
    ("jianfu.registry.migrations.0002_dictionary", "load_dictionary"),
    ("jianfu.catalog.migrations.0002_reference_catalog", "load"),
    ("jianfu.burden.migrations.0002_unit_times", "load_unit_times"),
    ("jianfu.workdays.migrations.0002_seed_chinese_calendar", "seed"),
]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """A transactional test starts with the reference data the migrations load.

    Serialized rollback restores it in most orders, but a transactional test that follows other
    transactional tests was seen starting with an empty data dictionary; reloading it here (it is
    idempotent) makes every browser and concurrency test start from the migrated state.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        yield
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    yield
