import datetime as dt

import pytest

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from tests.browser.conftest import login, nav_click


def _setup():
    # transactional tests flush the database between tests, data migrations included
    import importlib

    from django.apps import apps

    importlib.import_module("jianfu.registry.migrations.0002_dictionary").load_dictionary(apps, None)
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    zhang = f.person(
        org["community"],
        name="张伟",
        phone="13812345678",
        id_number=idcard.make("420102", dt.date(1948, 4, 5), 111),
    )
    f.person(org["community"], name="李娜")
    f.person(org["far_community"], name="王芳")
    return org, worker, zhang


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_live_search_detail_and_reveal(live_server, page):
    _org, worker, zhang = _setup()
    login(page, live_server, worker)
    nav_click(page, "居民库")
    page.wait_for_selector("#people")
    body = page.inner_text("#people")
    assert "张伟" in body and "李娜" in body and "王芳" not in body
    assert zhang.id_number not in body
    # live search: typing updates the results without submitting
    page.type("#id_q", "zw", delay=50)
    page.wait_for_function("() => !document.querySelector('#people').innerText.includes('李娜')")
    assert "张伟" in page.inner_text("#people")
    assert "q=zw" in page.url
    page.click("#people >> text=张伟")
    page.wait_for_selector("#facts")
    assert "测试来源" in page.inner_text("#facts")
    assert zhang.id_number not in page.content()
    # reveal needs a purpose; the value appears in place and the audit log has it
    form = page.locator("#reveal-id_number form")
    form.locator("input[name=purpose]").fill("低保年审核对")
    form.locator("button").click()
    page.wait_for_selector("#reveal-id_number .revealed")
    assert zhang.id_number in page.inner_text("#reveal-id_number")
    event = AuditEvent.objects.get(action=AuditAction.REVEAL)
    assert event.purpose == "低保年审核对"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_layout_stacks_rows(live_server, phone_page):
    _org, worker, _zhang = _setup()
    login(phone_page, live_server, worker)
    phone_page.goto(f"{live_server.url}/registry/")
    phone_page.wait_for_selector("#people")
    # on a phone the table header is hidden and every cell shows its label
    assert not phone_page.is_visible("#people thead")
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 400
    assert phone_page.is_visible("#people >> text=张伟")
