"""A worker fills a department template in the browser: upload, confirm, complete, download."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianfu.core.testing import factories as f
from jianfu.registry.models import Fact
from tests.browser.conftest import login, settle

TEMPLATE = (
    Path(__file__).resolve().parents[2] / "examples" / "templates" / "区卫健委_80岁以上老人健康随访表.xlsx"
)


def _born(years: int) -> dt.date:
    today = dt.date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_fills_template_in_browser(live_server, page, tmp_path):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    elder = f.person(org["community"], name="王老一", birth=_born(86), grid=org["grid"], phone="13800000001")
    f.person(org["community"], name="李老二", birth=_born(91), phone="13800000002")
    f.person(org["community"], name="张年轻", birth=_born(30))
    f.person(org["other_community"], name="外社区", birth=_born(88))

    login(page, live_server, worker)
    page.goto(f"{live_server.url}/fills/")
    page.click("text=上传部门模板填表")
    page.set_input_files("input[name=template]", str(TEMPLATE))
    page.click("button[type=submit]:has-text('识别表头')")
    page.wait_for_selector("text=确认每一列填什么")
    assert "慢性病情况" in page.inner_text("main")
    assert "无法填写" in page.inner_text("main")

    page.select_option("select[name=f0_attr]", "age")
    page.select_option("select[name=f0_op]", ">=")
    page.fill("input[name=f0_value]", "80")
    page.wait_for_selector("#count:has-text('2')")
    page.click("button:has-text('开始填表')")
    page.wait_for_selector("#download")
    assert "慢性病情况" in page.inner_text("main")

    field = page.locator(f"input[name^='v|{elder.pid}|col']").first
    field.wait_for()
    field.fill("高血压")
    page.click("button:has-text('保存并重新生成')")
    settle(page)
    page.wait_for_selector("#download")
    assert Fact.objects.filter(person=elder, value="高血压").exists()

    with page.expect_download() as info:
        page.click("#download")
    target = tmp_path / "filled.xlsx"
    info.value.save_as(target)
    ws = load_workbook(target).worksheets[0]
    assert ws["A1"].value == "80岁以上老人健康随访表"
    assert [ws.cell(r, 2).value for r in (3, 4)] == ["王老一", "李老二"]
    assert ws["A3"].value == 1 and ws["A4"].value == 2
    assert ws["E3"].data_type == "s" and ws["E3"].value == elder.id_number
    assert ws["I3"].value == "高血压"
    assert ws.column_dimensions["G"].width == 28

    # The file opens in LibreOffice too (libreoffice-calc-nogui is in the Makefile's SYSTEM_PKGS).
    # CSV filter options 44,34,76: comma, double quote, UTF-8 (the default follows the C locale).
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        timeout=180,
    )
    assert "王老一" in (tmp_path / "filled.csv").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_fill_pages_on_a_phone(live_server, phone_page):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    login(phone_page, live_server, worker)
    phone_page.goto(f"{live_server.url}/fills/new/")
    assert phone_page.is_visible("input[name=template]")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
