import pytest

from jianfu.catalog.choices import ListKind
from jianfu.catalog.selectors import active_items


@pytest.mark.django_db
def test_reference_catalog_is_active_after_migrate():
    items = active_items(district_code="420102")
    by_kind = {k: [i for i in items if i.list_kind == k] for k in ListKind.values}
    assert len(by_kind["duty"]) == 16
    assert len(by_kind["assist"]) == 36
    assert len(by_kind["negative"]) == 8
    assert len(by_kind["certificate_must_not_issue"]) == 20
    cx10 = next(i for i in by_kind["certificate_must_not_issue"] if i.code == "CX10")
    assert "社保" in cx10.referral and "健在" in cx10.name
    assert next(i for i in by_kind["negative"] if i.code == "N06").verify
