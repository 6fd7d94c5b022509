"""The "done when" journey in a real browser: a resident reports a broken street lamp from a phone
(no sign-in), the grid worker whistles 城管, the department signs, reports in on site and replies,
the resident confirms and rates on the phone, the community rates the department, everyone's
notifications are in the outbox and the rates move."""

import re

import pytest

from jianfu.casework.models import Category, ServiceRequest
from jianfu.casework.seed import load_categories
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Department
from tests.browser.conftest import STEP_TIMEOUT_MS, login, settle


def _context_page(browser, *, phone=False):
    kw = (
        {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
        if phone
        else {"viewport": {"width": 1280, "height": 900}}
    )
    context = browser.new_context(locale="zh-CN", **kw)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broken_lamp_from_phone_to_rated(browser, phone_page, live_server):
    load_categories(Category)
    org = f.org_tree()
    community, grid = org["community"], org["grid"]
    cgj = Department.objects.create(district=org["district"], code="CGJ", name="区城管局", level="district")
    grid_worker = f.user("gw", "grid_worker", community=community, grid=grid)
    worker = f.user("cw", "community_worker", community=community)
    dept = f.user("cgj", "department", department=cgj)
    officer = f.user("do", "district_office", district=org["district"])
    for u, mail in ((grid_worker, "gw@example.cn"), (worker, "cw@example.cn"), (dept, "cgj@example.cn")):
        u.email = mail
        u.save(update_fields=["email"])

    # 1. the resident, on a phone, without signing in
    phone = phone_page
    phone.goto(f"{live_server.url}/casework/report/")
    phone.select_option("#id_category", "street-lamp")
    phone.select_option("fieldset[data-category=street-lamp] select[name=attr_fault]", "fault_1")
    phone.fill("#id_text", "民意小区3栋门口的路灯坏了一周，晚上很黑")
    phone.select_option("#id_community", community.code)
    phone.fill("input[name=reporter_phone]", "13912345678")
    phone.click("#report-form button[type=submit]")
    phone.wait_for_url(re.compile(r"/casework/t/"))
    follow_url = phone.url
    assert "路灯损坏" in phone.content()
    sr = ServiceRequest.objects.get()

    # 2. the grid worker whistles 城管 (the catalog's suggestion is ticked)
    context, page = _context_page(browser)
    login(page, live_server, grid_worker)
    page.goto(f"{live_server.url}/casework/{sr.pk}/")
    assert page.is_checked("#whistle-form input[value=CGJ]")
    page.click("#whistle-form button")
    settle(page)
    assert "区城管局" in page.inner_text("#whistles")
    context.close()

    # 3. the department signs, reports in on site and replies
    context, page = _context_page(browser)
    login(page, live_server, dept)
    page.goto(f"{live_server.url}/casework/")
    page.click(f"#whistles a[href='/casework/{sr.pk}/']")
    page.click("#report-in button:has-text('签收')")
    settle(page)
    page.click("#report-in button:has-text('到场报到')")
    settle(page)
    page.fill("textarea[name=reply]", "已更换灯泡，恢复照明")
    page.click("button:has-text('回复办理结果')")
    settle(page)
    context.close()

    # 4. the resident confirms and rates, on the phone
    phone.goto(follow_url)
    phone.click("#confirm button[value=yes]")
    settle(phone)
    phone.check("#rate input[value=satisfied]")
    phone.click("#rate button")
    settle(phone)
    assert "评价" in phone.inner_text("#timeline")
    sr.refresh_from_db()
    assert sr.status == "rated" and sr.verification == "reporter"

    # 5. the community rates the department; the outbox shows every step's notifications
    context, page = _context_page(browser)
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/casework/{sr.pk}/")
    page.select_option("#whistles select[name=score]", "5")
    page.click("#whistles button")
    settle(page)
    assert sr.whistles.get().score == 5
    page.goto(f"{live_server.url}/notify/")
    outbox = page.inner_text("#outbox")
    for subject in ("诉求已受理", "吹哨报到", "诉求已办理，请确认", "诉求已办结"):
        assert subject in outbox
    assert "139****5678" in outbox and "13912345678" not in outbox
    context.close()

    # 6. the rates moved
    context, page = _context_page(browser)
    login(page, live_server, officer)
    page.goto(f"{live_server.url}/casework/rates/?by=department")
    row = page.inner_text("#rates tbody")
    assert "区城管局" in row and "100.0" in row
    context.close()


def _hotline_export(path, rows):
    """A 12345 platform export as it arrives: a merged title row, a merged "exported by/at" line,
    the header, orders with full-width digits, real Excel datetimes beside typed ones, a blank row
    and a footer count."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工单明细"
    ws.append(["武汉市12345市民服务热线 工单明细（江岸区）"])
    ws.merge_cells("A1:J1")
    ws.append(["导出人：区热线办　导出时间：２０２６－１１－３０　１７：０２"])
    ws.merge_cells("A2:J2")
    ws.append(
        [
            "工单编号",
            "受理时间",
            "诉求类型",
            "问题分类",
            "问题描述",
            "来电人",
            "来电号码",
            "事发地址",
            "所属社区",
            "承办单位",
        ]
    )
    for row in rows:
        ws.append([dt.datetime(2026, 11, 28, 21, 14) if cell == "EXCEL_DATE" else cell for cell in row])
    ws.append([])
    ws.append([f"合计：{len(rows)} 件"])
    wb.save(path)
    return path


HOTLINE_ROWS = [
    [
        "ＧＤ２０２６１１２８００４１",
        "EXCEL_DATE",
        "投诉",
        "路灯损坏",
        "民意小区３栋门口路灯不亮，晚上很黑",
        "王女士",
        "１３９１２３４５６７８",
        "民意小区３栋",
        "民意社区",
        "区城管局",
    ],
    [
        "GD202611290007",
        "２０２６/１１/２９ ０８：０５",
        "求助",
        "楼道杂物堆放",
        " 楼道堆满纸箱，消防通道被占 ",
        "李先生",
        "027-8555 1234",
        "",
        "民意社区",
        "",
    ],
    [
        "GD202611290011",
        "2026-11-29 10:40",
        "咨询",
        "路灯损坏",
        "路灯报修后多久能修好？",
        "",
        "13800001111",
        "",
        "",
        "",
    ],
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hotline_upload_per_row_results_and_all_or_nothing(browser, page, live_server, tmp_path):
    load_categories(Category)
    org = f.org_tree()
    Department.objects.create(district=org["district"], code="CGJ", name="区城管局", level="district")
    desk = f.user("rx", "district_office", district=org["district"])

    # the hotline desk (district office) finds the page from the board
    login(page, live_server, desk)
    page.goto(f"{live_server.url}/casework/")
    page.click("a:has-text('导入12345热线工单')")
    page.wait_for_url(re.compile(r"/casework/hotline/"))

    # a bad file: an unknown category and a bad phone among good rows → nothing written, per-row reasons
    bad = [
        *HOTLINE_ROWS,
        ["GD202611300002", "2026-11-30 09:00", "投诉", "外星人入侵", "？？", "", "", "", "民意社区", ""],
        [
            "GD202611300003",
            "2026-11-30 09:12",
            "求助",
            "垃圾清运",
            "垃圾桶满了没人收",
            "赵",
            "１２",
            "",
            "民意社区",
            "",
        ],
    ]
    page.set_input_files("#id_file", str(_hotline_export(tmp_path / "12345-工单-有误.xlsx", bad)))
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#hotline-result")
    assert "有2行出错，什么都没有写入" in page.inner_text("#hotline-result h2")
    rows = page.locator("#hotline-result tbody tr")
    assert rows.count() == 5
    assert "无误（未写入）" in rows.nth(0).inner_text() and "GD202611280041" in rows.nth(0).inner_text()
    assert "无误（未写入）" in rows.nth(2).inner_text()
    unknown, phone = rows.nth(3).inner_text(), rows.nth(4).inner_text()
    assert "出错" in unknown and "外星人入侵" in unknown and "路灯损坏" in unknown  # says what it accepts
    assert "出错" in phone and "联系电话" in phone and "12" in phone
    assert ServiceRequest.objects.count() == 0

    # not a spreadsheet at all: a clear refusal, nothing written
    notes = tmp_path / "说明.txt"
    notes.write_text("这不是工单表", encoding="utf-8")
    page.set_input_files("#id_file", str(notes))
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#hotline-error")
    assert "不是表格文件" in page.inner_text("#hotline-error")
    assert ServiceRequest.objects.count() == 0

    # the corrected export: every row created, each with its request number and link
    page.set_input_files("#id_file", str(_hotline_export(tmp_path / "12345-工单.xlsx", HOTLINE_ROWS)))
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#hotline-result")
    assert "已导入：新建3件，跳过0件" in page.inner_text("#hotline-result h2")
    lamp = ServiceRequest.objects.get(external_id="GD202611280041")
    assert lamp.reporter_phone == "13912345678" and lamp.whistles.get().department.code == "CGJ"
    assert ServiceRequest.objects.get(external_id="GD202611290007").reporter_phone == "027-8555 1234"
    first = page.locator("#hotline-result tbody tr").nth(0)
    assert "已新建" in first.inner_text()
    first.locator("a").click()
    page.wait_for_url(re.compile(rf"/casework/{lamp.pk}/"))
    assert "民意小区３栋门口路灯不亮" in page.content() and "区城管局" in page.inner_text("#whistles")

    # the same file again: every order skipped, still three requests
    page.goto(f"{live_server.url}/casework/hotline/")
    page.set_input_files("#id_file", str(_hotline_export(tmp_path / "12345-工单-重传.xlsx", HOTLINE_ROWS)))
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#hotline-result")
    assert "跳过3件" in page.inner_text("#hotline-result h2")
    assert ServiceRequest.objects.count() == 3
