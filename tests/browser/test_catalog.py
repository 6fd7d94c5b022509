import pytest

from jianfu.catalog.models import CatalogItem, Jurisdiction
from jianfu.catalog.reference import load_reference
from jianfu.core.testing import factories as f
from tests.browser.conftest import login, settle


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_adds_district_item_public_page_shows_it(live_server, page, browser):
    load_reference(Jurisdiction, CatalogItem)  # transactional tests flush the migration's data
    org = f.org_tree()
    officer = f.user("officer", "street_office", street=org["street"])
    login(page, live_server, officer)

    page.goto(f"{live_server.url}/catalog/?district=420102")
    page.click('a:has-text("编辑本区清单")')
    settle(page)
    page.click('a.button:has-text("新增事项")')
    settle(page)
    page.select_option("#id_list_kind", "assist")
    assert page.input_value("#id_code") == "420102-A01"
    page.fill("#id_name", "协助开展长江防汛巡堤查险")
    page.fill("#id_aliases", "巡堤查险、防汛值守")
    page.fill("#id_legal_basis", "《中华人民共和国防洪法》")
    page.fill("#id_source_document", "江岸区基层减负办〔2026〕1号")
    page.click("main form.card button[type=submit]")
    settle(page)
    assert "已保存" in page.inner_text("main")

    # a resident, not logged in, sees it on the public page
    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(f"{live_server.url}/catalog/?district=420102")
    row = anonymous.locator('tr[data-code="420102-A01"]')
    assert "协助开展长江防汛巡堤查险" in row.inner_text()
    assert "防汛值守" in row.inner_text()
    assert "江岸区" in row.inner_text()
    assert "编辑本区清单" not in anonymous.inner_text("main")
    # the day before, it was not there
    anonymous.fill("input[name=on]", "2026-01-01")
    anonymous.click("text=查看")
    settle(anonymous)
    assert anonymous.locator('tr[data-code="420102-A01"]').count() == 0
    assert anonymous.locator('tr[data-code="A01"]').count() == 1
    anonymous.context.close()
