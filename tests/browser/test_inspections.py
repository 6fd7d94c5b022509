"""Inspections and activities as their users meet them: a department's unplanned visit refused by
the 减负办, two planned visits merged into one joint visit, the inspector on a phone downloading a
package that verifies, and an activity from record to phone sign-up to ticked attendance."""

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.activities.models import Signup
from jianfu.certificates.tests.helpers import ensure_reference_data
from jianfu.core.testing import factories as f
from jianfu.inspections import evidence, services
from jianfu.inspections.models import AnnualPlan, Inspection
from tests.browser.conftest import login, settle


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inspection_year_end_to_end(live_server, page, phone_page):
    ensure_reference_data()
    org = f.org_tree()
    community, other = org["community"], org["other_community"]
    dept_user = f.user("deptuser", "department", department=org["department"])
    street_dept = f.user("sdept", "department", department=org["street_department"])
    officer = f.user("officer", "street_office", street=org["street"])
    today = timezone.localdate()
    year_end = dt.date(today.year, 12, 31)
    start = min(today + dt.timedelta(days=1), year_end)

    # a department registers an unplanned visit asking for photos
    login(page, live_server, dept_user)
    page.goto(f"{live_server.url}/inspections/new/")
    page.fill("#id_title", "临时抽查")
    page.select_option("#id_kind", "check")
    page.check(f"input[name=communities][value='{community.pk}']")
    page.fill("#id_window_start", start.isoformat())
    page.fill("#id_window_end", start.isoformat())
    page.fill("#id_materials", "整改前后对比照片\n低保名册")
    page.click("form.card button[type=submit]")
    settle(page)
    assert "待减负办审定" in page.inner_text("h1")
    assert "留痕要求，不予提供" in page.inner_text("#materials")

    # planned visits of two departments overlapping in the same community
    plan = AnnualPlan.objects.create(department=org["department"], year=today.year)
    window = services.VisitInput(
        title="民政专项检查",
        kind="check",
        communities=[community, other],
        window_start=start,
        window_end=year_end,
        materials=["低保名册", "证明台账"],
    )
    services.inspection_register(
        actor=dept_user,
        department=org["department"],
        visit=window,
        plan=plan,
        today=start - dt.timedelta(days=30),
    )
    services.inspection_register(
        actor=street_dept,
        department=org["street_department"],
        today=start - dt.timedelta(days=30),
        visit=services.VisitInput(
            title="平安建设检查",
            kind="check",
            communities=[community],
            window_start=start,
            window_end=year_end,
            materials=["综治台账"],
        ),
    )

    # the 减负办 refuses the unplanned visit and merges the overlapping ones
    page.context.clear_cookies()
    login(page, live_server, officer)
    page.goto(f"{live_server.url}/inspections/")
    page.click("#pending >> text=临时抽查")
    page.fill("#decide textarea[name=reason]", "计划外，且要求照片留痕")
    page.click("#decide button[name=refuse]")
    settle(page)
    assert "不予准入" in page.inner_text("h1")
    page.goto(f"{live_server.url}/inspections/")
    page.click("#merge form button[type=submit]")
    settle(page)
    assert "联合检查" in page.inner_text("h1")
    joint = Inspection.objects.get(joint=True)
    assert joint.members.count() == 2
    # the lead department grants the inspector read-only access
    page.context.clear_cookies()
    login(page, live_server, dept_user)
    page.goto(f"{live_server.url}/inspections/{joint.pk}/")
    page.fill("#id_username", "inspector")
    page.fill("#id_name", "区民政局检查组")
    page.click("#lead button:has-text('授权检查人员')")
    settle(page)
    # a dedicated inspector account is opened; its password is shown once on the page
    shown = re.search(r"初始密码：(\S+?)（", page.inner_text("body"))
    assert shown, page.inner_text("body")
    inspector = User.objects.get(username="inspector")
    assert inspector.role == "inspector"
    assert joint.grants.filter(user=inspector).exists()

    # the inspector, on a phone, downloads the package; it verifies
    login(phone_page, live_server, inspector, password=shown.group(1))
    phone_page.goto(f"{live_server.url}/inspections/")
    phone_page.click(f"text={joint.title}")
    with phone_page.expect_download() as info:
        phone_page.click(f"#evidence li:has-text('{community.name}') >> text=下载材料包")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "p.zip")
        info.value.save_as(path)
        report = evidence.verify(path)
    assert report["ok"], report
    assert phone_page.locator("#decide").count() == 0
    response = phone_page.goto(
        f"{live_server.url}/inspections/{Inspection.objects.get(title='临时抽查').pk}/"
    )
    assert response is not None and response.status == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_activity_record_to_attendance(live_server, page, phone_page):
    ensure_reference_data()
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/activities/new/")
    page.fill("#id_title", "家庭福利项目说明会")
    page.fill("#id_starts_on", timezone.localdate().isoformat())
    page.fill("#id_place", "社区活动室")
    page.fill("#id_organiser", "民意社区居委会")
    page.fill("#id_capacity", "20")
    page.fill("#id_audience", "age>=60")
    page.click("form.card button[type=submit]")
    settle(page)
    page.click("text=发布通知，开放报名")
    settle(page)
    public = page.locator("a[href*='/activities/s/']").first.get_attribute("href")
    assert public

    phone_page.goto(public)
    phone_page.fill("#id_name", "张秀英")
    phone_page.fill("#id_phone", "13871234501")
    phone_page.click("button[type=submit]")
    settle(phone_page)
    assert "报名成功" in phone_page.content()

    page.reload()
    assert "138****4501" in page.inner_text("#signups")
    page.click("#signups button:has-text('签记出席')")
    page.wait_for_selector("#signups button:has-text('已出席')")
    assert Signup.objects.get().attended
    pdf = page.request.get(page.url + "notice.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
