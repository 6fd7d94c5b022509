import pytest

from jianfu.workdays.selectors import invalidate


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Rolled-back test transactions do not tell the in-memory calendar cache: clear it."""
    invalidate()
    yield
    invalidate()
