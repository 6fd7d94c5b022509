"""A community worker imports an example ledger in the browser, clears a review item, downloads the outcome."""

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from jianfu.core.testing import factories as f
from tests.browser.conftest import login, settle

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ledgers" / "民意社区2026年低保对象花名册.xlsx"


def _residents_behind_variants() -> list[tuple[str, dt.date]]:
    """Demo residents whose names appear in the example ledger as homophone/traditional variants."""
    from jianfu.registry.selectors import header_vocabulary
    from jianfu.registry.services import name_key
    from jianfu.registry.values import parse_date
    from jianfu.sheets.reader import read_ledger

    spec = importlib.util.spec_from_file_location(
        "make_ledgers", ROOT / "examples" / "ledgers" / "make_ledgers.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    people = module.demo_residents()
    table = read_ledger(EXAMPLE, vocabulary=header_vocabulary())
    headers = table.headers
    wanted = []
    for _row, cells in table.rows:
        values = dict(zip(headers, cells, strict=True))
        name, birth = values.get("姓名"), parse_date(values.get("出生日期"))
        if values.get("身份证号") or not name or birth is None:
            continue
        for p in people:
            if p.birth_date == birth and name_key(p.name) == name_key(str(name).strip()) and p.name != name:
                wanted.append((p.name, p.birth_date))
                break
    return wanted


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_imports_example_ledger_and_clears_review(live_server, page, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    variants = _residents_behind_variants()
    assert variants, "the example ledger should carry variants of demo residents"
    for name, birth in variants:
        f.person(org["community"], name=name, birth_date=birth.isoformat(), id_number=None)

    login(page, live_server, worker)
    page.goto(f"{live_server.url}/ledgers/")
    page.set_input_files("#id_file", str(EXAMPLE))
    page.fill("#id_source", "区民政局低保名册")
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#mapping-form")
    assert "确认表头对应关系" in page.inner_text("main")
    page.select_option("#id_tag", label="低保")
    page.click("#mapping-form button[type=submit]")
    page.wait_for_selector("#outcome", timeout=60000)
    outcome = page.inner_text("#outcome")
    assert "待核对" in outcome and "已拒收" in outcome

    page.goto(f"{live_server.url}/ledgers/review/")
    items = page.locator(".review-item")
    before = items.count()
    assert before >= 1
    items.first.locator("form button", has_text="是同一人").first.click()
    settle(page)
    assert "已确认为" in page.inner_text(".messages")
    assert page.locator(".review-item").count() == before - 1

    page.goto(f"{live_server.url}/ledgers/")
    page.click("table.data a")
    with page.expect_download() as download_info:
        page.click("#download-outcome")
    path = download_info.value.path()
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Excel 行号"
    # a row is a person: the wrong birth date and phone are kept unvalidated, the row is not lost
    shen = next(r for r in rows[1:] if r[1] == "沈建平")
    assert shen[2] != "已拒收" and "未核验" in shen[4]
