import pytest

from jianfu.core.testing import factories as f
from tests.browser.conftest import login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_shows_role_navigation(live_server, page):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    login(page, live_server, worker)
    assert "worker" in page.inner_text("header")
    assert "社区工作者" in page.inner_text("header")
