"""Issue 7 "done when", in the browser: a community worker imports EVERY example roster of
examples/ledgers/real-world as it came (the proposed mapping accepted as is; the roster's tag chosen
where the dictionary has it, after the district administrator created 志愿者), every resident of the
truth file is in the registry (none missing, none twice), and a fill for tag=残疾 and for tag=志愿者,
made on the fill pages, lists each of those residents exactly once.

The CLI twin is tests/acceptance/test_issue7_cli.py.
"""

import io

import openpyxl
import pytest
from django.core.management import call_command

from jianfu.core.testing import factories as f
from jianfu.fills.services import people_for_fill
from jianfu.ledgers.models import LedgerImport
from jianfu.orgs.models import Community
from jianfu.registry.tags import resolve_tag
from tests.acceptance.rosters import (
    COMMUNITY,
    ROOT,
    ROSTERS,
    check_fill,
    manifest,
    missing_residents,
    owners,
    people_of,
    truth,
)
from tests.browser.conftest import login, settle

TEMPLATE_HEADERS = ["序号", "姓名", "性别", "公民身份号码", "联系电话"]


def _import(page, live_server, entry) -> str:
    page.goto(f"{live_server.url}/ledgers/")
    page.set_input_files("#id_file", str(ROSTERS / entry["file"]))
    page.fill("#id_source", entry["source"])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#mapping-form", timeout=120000)
    tag = resolve_tag(entry.get("tag", ""))
    if tag is not None:  # the roster's tag, where the dictionary has it; the mapping is left as proposed
        page.select_option("#id_tag", value=str(tag.pk))
    page.click("#mapping-form button[type=submit]")
    page.wait_for_selector("#outcome", timeout=300000)
    return page.inner_text("#outcome")


def _fill(page, live_server, tmp_path, where: str):
    template = tmp_path / f"模板-{where.replace('=', '-')}.xlsx"
    book = openpyxl.Workbook()
    book.active.append(TEMPLATE_HEADERS)
    book.save(template)
    page.goto(f"{live_server.url}/fills/")
    page.click("text=上传部门模板填表")
    page.set_input_files("input[name=template]", str(template))
    page.click("button[type=submit]:has-text('识别表头')")
    page.wait_for_selector("#fill-form")
    page.fill("#id_where", where)
    page.click("#fill-form button[type=submit]")
    page.wait_for_selector("#download", timeout=300000)
    with page.expect_download() as info:
        page.click("#download")
    target = tmp_path / f"已填-{where.replace('=', '-')}.xlsx"
    info.value.save_as(target)
    sheet = openpyxl.load_workbook(target).active
    return [r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[1]]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_roster_imported_untouched_then_filled_by_tag(live_server, page, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load-org", str(ROOT / "examples" / "org.yaml"), stdout=io.StringIO())
    community = Community.objects.get(code=COMMUNITY)
    admin = f.user("dw-admin", "district_admin", district=community.street.district)
    worker = f.user("dw-worker", "community_worker", community=community)

    login(page, live_server, admin)  # 志愿者 is not in the shipped dictionary
    page.goto(f"{live_server.url}/registry/dictionary/")
    page.click("text=新增标签")
    page.fill("#id_tag_name", "志愿者")
    page.fill("#id_tag_fields", "服务时长:number\n服务队:text")
    page.click("#tag-form button[type=submit]")
    settle(page)
    assert "已新增标签志愿者" in page.inner_text("main")
    page.context.clear_cookies()

    login(page, live_server, worker)
    entries = manifest()
    for i, entry in enumerate(entries):
        outcome = _import(page, live_server, entry)
        assert "导入失败" not in outcome, (entry["file"], outcome)
        if i == 0:  # the district declares the street's base list the population base register
            call_command(
                "source-rules",
                entry["source"],
                "--base-register",
                "--user",
                admin.username,
                stdout=io.StringIO(),
            )
    done = LedgerImport.objects.filter(status="done")
    assert sorted(done.values_list("file_name", flat=True)) == sorted(e["file"] for e in entries)

    rows = truth()
    outcomes = {imp.file_name: {r["row"]: r for r in imp.results} for imp in done}
    assert missing_residents(outcomes, rows) == []
    owner = owners(outcomes, rows)
    # none twice: each real person is one registry record
    records_of: dict[str, set[str]] = {}
    for pid, person in owner.items():
        records_of.setdefault(person, set()).add(pid)
    assert {p: pids for p, pids in records_of.items() if len(pids) > 1} == {}

    tagged: dict[str, set[str]] = {"残疾": set(), "志愿者": set()}
    for entry in entries:
        tag = resolve_tag(entry.get("tag", ""))
        if tag is not None and tag.name in tagged:
            tagged[tag.name] |= people_of(entry["file"], rows)
    assert tagged["残疾"] and tagged["志愿者"]
    for name, expected in tagged.items():
        names = _fill(page, live_server, tmp_path, f"tag={name}")
        people = list(people_for_fill(actor=worker, community=community, where=f"tag={name}"))
        assert sorted(names) == sorted(p.name for p in people), name
        missing, twice, phantoms = check_fill([p.pid for p in people], expected, owner)
        assert (missing, twice, phantoms) == (set(), {}, []), name
