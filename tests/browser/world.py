"""One small district with something waiting for every role: the set-up of the role journeys and the
accessibility check (tests/browser/test_journeys.py, tests/browser/test_accessibility.py).

Everything is made through the services, as the product makes it, so each role's home page lists
real to-dos: a possible same person from a ledger import (community worker), an open resident
request (grid worker), a task waiting for approval (street 减负办), a data request waiting for
approval (district 减负办), an admitted visit with an inspector grant (inspector), an issued
certificate (resident/visitor verify it).
"""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from jianfu.core.testing import factories as f

HEADER = ["序号", "姓名", "身份证号", "出生日期", "联系电话", "现住址", "残疾类别"]


@dataclass
class World:
    org: dict[str, Any]
    users: dict[str, Any]
    review_name: str  # the ledger's spelling that waits for the worker's decision
    request_text: str  # the open resident request of the grid worker
    request_number: str
    pending_task: str  # the task that waits for the street office
    data_request: str  # the data request that waits for the district office
    visit_title: str  # the inspector's visit
    certificate_url: str  # verification link of an issued certificate
    certificate_serial: str
    certificate_pk: int
    person_pid: str
    pages: dict[str, list[str]]  # each role's main pages: home, lists, a detail, a form


def _reference_data() -> None:
    """Transactional tests flush what migrations ship: reload the dictionary and catalogs."""
    from jianfu.casework.models import Category
    from jianfu.casework.seed import load_categories
    from jianfu.catalog.models import CatalogItem, Jurisdiction
    from jianfu.catalog.reference import load_reference
    from jianfu.certificates.check import clear_items_cache
    from jianfu.gate import registry_request
    from jianfu.gate import services as gate_services
    from jianfu.registry.models import Attribute

    cache.clear()
    if not Attribute.objects.exists():
        importlib.import_module("jianfu.registry.migrations.0002_dictionary").load_dictionary(apps, None)
    if not CatalogItem.objects.exists():
        load_reference(Jurisdiction, CatalogItem)
    if not Category.objects.exists():
        load_categories(Category)
    clear_items_cache()
    registry_request.clear_cache()
    gate_services.clear_catalog_cache()


def _review_item(org: dict[str, Any], worker: Any) -> str:
    """A ledger row whose name differs by one character from a registered resident: it waits."""
    from jianfu.ledgers.services import ledger_import_confirm, ledger_import_run, ledger_import_upload
    from jianfu.ledgers.tests.helpers import write_xlsx

    community = org["community"]
    birth = dt.date(1952, 7, 8)
    f.person(
        community,
        name="刘建国",
        id_number=f.id_number(birth),
        gender="男",
    )
    source = f.source("区残联残疾人名册", priority=60)
    path = write_xlsx(
        Path(tempfile.mkdtemp()) / "残疾人名册.xlsx",
        [HEADER, [1, "刘建果", "", "1952-07-08", "", "", "肢体"]],
        title="2026年民意社区持证残疾人台账",
    )
    imp = ledger_import_upload(
        actor=worker, community=community, source=source, path=path, file_name="残疾人名册.xlsx"
    )
    imp = ledger_import_confirm(actor=worker, ledger_import=imp, tag=None, enqueue=False)
    ledger_import_run(ledger_import=imp, actor=worker, path=path)
    return "刘建果"


def build() -> World:
    from jianfu.casework import services as casework
    from jianfu.casework.choices import Channel
    from jianfu.casework.models import Category
    from jianfu.certificates.services import certificate_issue
    from jianfu.gate.services import task_submit
    from jianfu.inspections import services as inspections
    from jianfu.inspections.models import AnnualPlan
    from jianfu.orgs.models import Department

    _reference_data()
    org = f.org_tree()
    community = org["community"]
    cgj = Department.objects.create(district=org["district"], code="CGJ", name="区城管局", level="district")
    users = {
        "community_worker": f.user("minyi_worker", "community_worker", community=community),
        "grid_worker": f.user("minyi_grid01", "grid_worker", community=community, grid=org["grid"]),
        "community_head": f.user("minyi_head", "community_head", community=community),
        "street_office": f.user("dazhi_office", "street_office", street=org["street"]),
        "district_office": f.user("district_office", "district_office", district=org["district"]),
        "district_admin": f.user("admin", "district_admin", district=org["district"]),
        "department": f.user("mzj_dept", "department", department=org["department"]),
        "cgj": f.user("cgj_dept", "department", department=cgj),
        "resident": f.user("minyi_resident", "resident", community=community),
    }
    for n, (name, birth) in enumerate((("张秀英", dt.date(1941, 2, 3)), ("李桂兰", dt.date(1939, 11, 20)))):
        f.person(
            community,
            grid=org["grid"],
            name=name,
            birth=birth,
            phone=f"1390712345{n}",
            address=f"民意小区{3 + n}栋2单元50{n + 1}",
            disabled="是",
            disability_type="肢体",
        )
    holder = f.person(community, name="王秀兰", address="民意小区3栋2单元501", phone="13600001234")

    review_name = _review_item(org, users["community_worker"])

    request_text = "民意小区3栋门口的路灯坏了一周，晚上很黑"
    request = casework.request_submit(
        actor=users["resident"],
        channel=Channel.RESIDENT,
        category=Category.objects.get(code="street-lamp"),
        district=org["district"],
        community=community,
        grid=org["grid"],
        text=request_text,
        attributes={"fault": "不亮"},
        reporter_phone="13912345678",
        notify=False,
    )

    pending_task = "建立文明养犬工作台账"
    task = task_submit(
        actor=users["department"],
        department=org["department"],
        title=pending_task,
        description="请各社区新建文明养犬工作台账，逐户登记犬只信息，每月5日前报送。",
        kind="ledger_report",
        expected_hours=6,
        communities=[community, org["other_community"]],
    )
    data_request = "持证残疾人名单"
    task_submit(
        actor=users["department"],
        department=org["department"],
        title=data_request,
        description="请提供辖区持证残疾人名单，含姓名、联系电话、残疾类别。",
        kind="survey",
        communities=[community],
        requested_fields=["name", "phone", "disability_type"],
        population="tag=残疾",
    )

    today = timezone.localdate()
    start = today if today.month == 12 and today.day == 31 else today + dt.timedelta(days=1)
    end = max(start, dt.date(today.year, 12, 31))
    visit_title = "民政专项检查"
    visit = inspections.inspection_register(
        actor=users["department"],
        department=org["department"],
        plan=AnnualPlan.objects.create(department=org["department"], year=today.year),
        today=start - dt.timedelta(days=30),
        visit=inspections.VisitInput(
            title=visit_title,
            kind="check",
            communities=[community],
            window_start=start,
            window_end=end,
            materials=["证明台账"],
        ),
    )
    access = inspections.inspector_access_give(
        actor=users["department"], inspection=visit, username="mzj_inspector", name="区民政局检查组"
    )
    inspector = access.grant.user
    inspector.set_password(f.PASSWORD)
    inspector.save(update_fields=["password"])
    users["inspector"] = inspector

    certificate = certificate_issue(
        actor=users["community_worker"],
        community=community,
        item_code="CM01",
        person=holder,
        body="兹证明王秀兰自2015年3月起在本社区民意小区3栋2单元501居住。",
        purpose="子女入学报名",
    )
    from jianfu.sharing.models import DataRequest

    shared = DataRequest.objects.get(task__title=data_request)
    pages = {
        "community_worker": [
            "/",
            "/ledgers/review/",
            "/registry/",
            f"/registry/people/{holder.pid}/",
            "/certificates/?q=孩子上学要居住证明",
            "/gate/",
            "/fills/",
        ],
        "grid_worker": ["/", "/casework/", f"/casework/{request.pk}/", "/registry/"],
        "street_office": ["/", "/gate/", f"/gate/{task.pk}/", "/burden/", "/inspections/"],
        "district_office": ["/", "/sharing/", f"/sharing/requests/{shared.pk}/", "/burden/"],
        "district_admin": ["/", "/audit/", "/workdays/", "/accounts/lockouts/"],
        "department": ["/", "/gate/", "/gate/new/", "/sharing/", "/inspections/new/"],
        "inspector": ["/", "/inspections/", f"/inspections/{visit.pk}/"],
        "resident": [
            "/",
            "/certificates/ask/?q=开个单身证明",
            "/certificates/verify/",
            "/casework/report/",
            "/catalog/",
        ],
        "visitor": ["/", "/accounts/login/", f"/certificates/v/{certificate.token}", "/casework/report/"],
    }
    return World(
        org=org,
        users=users,
        review_name=review_name,
        request_text=request_text,
        request_number=request.number,
        pending_task=pending_task,
        data_request=data_request,
        visit_title=visit_title,
        certificate_url=f"/certificates/v/{certificate.token}",
        certificate_serial=certificate.serial,
        certificate_pk=certificate.pk,
        person_pid=holder.pid,
        pages=pages,
    )
