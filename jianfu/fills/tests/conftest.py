import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Messages are asserted in Chinese; a previous test's request may have left English active."""
    with translation.override("zh-hans"):
        yield
