import pytest

from jianfu.certificates.check import clear_items_cache


@pytest.fixture(autouse=True)
def _fresh_certificate_lists():
    """Each test reads the catalog of its own database, not one cached by an earlier test."""
    clear_items_cache()
    yield
    clear_items_cache()
