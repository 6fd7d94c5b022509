"""Finding 1 of issue 8 in the browser: a department asks for 持证残疾人名单; nothing is released
until the district 减负办 has seen the population and approved it; the department then downloads
only the people and columns it asked for, masked, and the download is audited."""

import datetime as dt
import importlib

import openpyxl
import pytest
from django.apps import apps

from jianfu.catalog.models import CatalogItem, Jurisdiction
from jianfu.catalog.reference import load_reference
from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from jianfu.gate import registry_request, services
from tests.browser.conftest import login, settle


def _setup():
    load_reference(Jurisdiction, CatalogItem)
    importlib.import_module("jianfu.registry.migrations.0002_dictionary").load_dictionary(apps, None)
    registry_request.clear_cache()
    services.clear_catalog_cache()
    org = f.org_tree()
    f.person(org["community"], name="张秀英", phone="13800001111", disabled="是", disability_type="肢体")
    f.person(org["community"], name="李桂兰", disabled="是", disability_type="视力")
    for n in range(4):
        f.person(org["community"], name=f"居民{n}", phone=f"1390000000{n}", birth=dt.date(1960 + n, 1, 1))
    f.person(org["other_community"], name="王建国", disabled="是")
    return org


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_request_approve_download(live_server, page, browser, phone_page, tmp_path):
    org = _setup()
    dept = f.user("deptuser", "department", department=org["department"])
    office = f.user("dofficer", "district_office", district=org["district"])

    login(page, live_server, dept)
    page.goto(f"{live_server.url}/gate/new/")
    page.fill("#id_title", "持证残疾人名单")
    page.fill("#id_description", "请提供辖区持证残疾人名单，含姓名、联系电话、残疾类别。")
    page.select_option("#id_kind", "survey")
    page.check(f"input[name=communities][value='{org['community'].pk}']")
    page.select_option("#id_requested_fields", ["name", "phone", "disability_type"])
    page.fill("#id_population", "tag=残疾")
    page.click("main form.card button[type=submit]")
    settle(page)
    assert page.locator("[data-decision]").get_attribute("data-decision") == "served_from_registry"
    page.click("[data-testid=data-request-link]")
    assert page.inner_text("[data-testid=population]").startswith("残疾；民意社区")
    assert page.locator("[data-status]").get_attribute("data-status") == "pending"
    assert page.locator("[data-testid=download]").count() == 0  # nothing released yet
    request_url = page.url

    # the office sees who would be released, before anything is
    login(phone_page, live_server, office)
    phone_page.goto(f"{live_server.url}/sharing/")
    phone_page.click("#pending >> text=持证残疾人名单")
    assert phone_page.inner_text("[data-testid=count-total]") == "2"
    phone_page.click("#approve button:has-text('核准并提供')")
    settle(phone_page)
    assert phone_page.locator("[data-status]").get_attribute("data-status") == "released"
    assert phone_page.locator("[data-testid=download]").count() == 0  # the office does not take the data

    page.goto(request_url)
    with page.expect_download() as caught:
        page.click("[data-testid=download]")
    target = tmp_path / "data.xlsx"
    caught.value.save_as(target)
    sheet = openpyxl.load_workbook(target).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:2] == ["序号", "社区"] and sorted(header[2:]) == sorted(["姓名", "联系电话", "残疾类别"])
    by_column = {name: [r[i] for r in rows[1:]] for i, name in enumerate(header)}
    assert sorted(by_column["姓名"]) == ["张秀英", "李桂兰"]
    assert "138****1111" in by_column["联系电话"]
    assert (
        AuditEvent.objects.filter(action="export", actor=dept, object_type="sharing.datarequest").count() == 1
    )
    page.goto(f"{live_server.url}/sharing/")
    assert "持证残疾人名单" in page.inner_text("#files")
    # the agreement's population in words; the filter language only as the cell's title
    assert "残疾" in page.inner_text("#agreements")
    assert "tag=disabled" not in page.inner_text("#agreements")
    assert page.locator("#agreements td[title='tag=disabled']").count() == 1
