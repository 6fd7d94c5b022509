"""A value that failed validation is shown on the person page with its problem; a worker corrects it."""

import datetime as dt

import pytest

from jianfu.core import idcard
from jianfu.core.testing import factories as f
from jianfu.registry.models import Fact, Person
from tests.browser.conftest import login


def _setup():
    # transactional tests flush the database between tests, data migrations included
    import importlib

    from django.apps import apps

    importlib.import_module("jianfu.registry.migrations.0002_dictionary").load_dictionary(apps, None)
    from jianfu.registry import services

    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    person = f.person(
        org["community"],
        name="马秀英",
        phone="13800138000",
        id_number=idcard.make("420102", dt.date(1948, 5, 6), 7),
    )
    services.person_record_unvalidated(
        actor=worker,
        person=person,
        values={"phone": ("136-8715-665", "电话号码格式不对（10 位数字）：手机号 11 位")},
        source=f.source("区民政局低保名册"),
    )
    return worker, person


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_sees_the_problem_and_corrects_it_on_a_phone(live_server, phone_page):
    worker, person = _setup()
    page = phone_page
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/registry/people/{person.pid}/")
    card = page.locator("#unvalidated")
    assert "未核验：" in card.inner_text()
    assert "136-8715-665" not in card.inner_text()  # masked, even as written
    assert card.locator("button[value=confirm]").count() == 0  # a malformed phone cannot be confirmed
    card.locator("input[name=value]").fill("136 8715 6650")
    card.locator("input[name=reason]").fill("电话回访")
    card.locator("button[value=correct]").click()
    page.wait_for_selector("text=已更正")
    assert page.locator("#unvalidated").count() == 0
    assert Person.objects.get(pk=person.pk).phone == "13687156650"
    assert Fact.objects.filter(person=person, settles__isnull=False).count() == 1
