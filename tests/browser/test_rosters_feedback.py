"""Issue 7 in the browser: the district administrator creates the tag 志愿者; a community worker imports
example rosters untouched (the base list, the 残联 roster, the volunteers); the roster's tag is
remembered; the 残联's department user sees its own problem list and downloads it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from jianfu.core.testing import factories as f
from jianfu.ledgers.models import LedgerImport
from jianfu.orgs.models import Community, Department
from jianfu.registry.models import Person, PersonTag, Source
from tests.acceptance.rosters import COMMUNITY, ROOT, ROSTERS, manifest, missing_residents, truth
from tests.browser.conftest import login, settle

BASE, DISABLED, VOLUNTEERS = (manifest()[i] for i in (0, 3, 7))


def _upload(page, live_server, entry, tag: str | None) -> str:
    page.goto(f"{live_server.url}/ledgers/")
    page.set_input_files("#id_file", str(ROSTERS / entry["file"]))
    page.fill("#id_source", entry["source"])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#mapping-form", timeout=60000)
    if tag:
        page.select_option("#id_tag", label=tag)
    page.click("#mapping-form button[type=submit]")
    page.wait_for_selector("#outcome", timeout=120000)
    return page.inner_text("#outcome")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_rosters_tags_and_problem_list_in_the_browser(live_server, page, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load-org", str(ROOT / "examples" / "org.yaml"), stdout=io.StringIO())
    community = Community.objects.get(code=COMMUNITY)
    admin = f.user("rw-admin", "district_admin", district=community.street.district)
    worker = f.user("rw-worker", "community_worker", community=community)
    federation = Department.objects.get(name=DISABLED["department"])
    dept_user = f.user("rw-cl", "department", department=federation)
    f.source(DISABLED["source"], 50, department=federation)

    # the district administrator creates 志愿者 with its own fields on the dictionary page
    login(page, live_server, admin)
    page.goto(f"{live_server.url}/registry/dictionary/")
    page.click("text=新增标签")
    page.fill("#id_tag_name", "志愿者")
    page.fill("#id_tag_fields", "服务时长:number\n服务队:text")
    page.click("#tag-form button[type=submit]")
    settle(page)
    assert "已新增标签志愿者" in page.inner_text("main")
    page.context.clear_cookies()

    # a community worker imports the rosters as they came, choosing the roster's tag once
    login(page, live_server, worker)
    _upload(page, live_server, BASE, None)
    outcome = _upload(page, live_server, DISABLED, "残疾")
    assert "标记为残疾" in outcome
    assert "问题清单" in outcome
    outcome = _upload(page, live_server, VOLUNTEERS, "志愿者")
    assert "标记为志愿者" in outcome
    assert Source.objects.get(name=VOLUNTEERS["source"]).default_tag.name == "志愿者"

    # the second time, the remembered tag is preselected and the page says so
    page.goto(f"{live_server.url}/ledgers/")
    page.set_input_files("#id_file", str(ROSTERS / DISABLED["file"]))
    page.fill("#id_source", DISABLED["source"])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#default-tag-note")
    assert "已记住默认标签“残疾”" in page.inner_text("#default-tag-note")

    # every resident of those rosters is in the registry, tagged
    rows = [r for r in truth() if r["file"] in {BASE["file"], DISABLED["file"], VOLUNTEERS["file"]}]
    outcomes = {
        imp.file_name: {r["row"]: r for r in imp.results}
        for imp in LedgerImport.objects.filter(status="done")
    }
    assert missing_residents(outcomes, rows) == []
    for entry, code in ((DISABLED, "disabled"), (VOLUNTEERS, "zhi_yuan_zhe")):
        pids = {r["person"] for r in outcomes[entry["file"]].values() if r.get("person")}
        tagged = set(
            PersonTag.objects.filter(attribute__code=code, person__pid__in=pids).values_list(
                "person__pid", flat=True
            )
        )
        assert tagged == pids, entry["file"]
    page.goto(f"{live_server.url}/registry/?tag=zhi_yuan_zhe")
    assert Person.objects.filter(tags__attribute__code="zhi_yuan_zhe").count() > 0
    page.context.clear_cookies()

    # the 残联's user sees its own import's problem list (masked) and downloads it
    login(page, live_server, dept_user)
    page.goto(f"{live_server.url}/feedback/")
    page.wait_for_selector("#trend")
    page.click("a:has-text('问题清单')")
    page.wait_for_selector("#problems")
    assert "问题清单" in page.inner_text("h1")
    with page.expect_download() as download_info:
        page.click("#download-problems")
    assert Path(download_info.value.path()).stat().st_size > 0
