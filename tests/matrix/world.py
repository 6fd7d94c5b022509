"""The data the permission matrix and the crawl run against: two complete "worlds".

A world is one community with one department that works with it, and one of everything jianfu
keeps about them: residents (one with a sensitive 综治 tag), a household and a place, a ledger
import with a review item and its problem list, a fill delivered to the department, a gate task,
a burden entry and a rebound alert, a certificate, a data request with its agreement, a resident
request with a whistle, a message delivery, an inspection with a material and an evidence link,
an activity with a sign-up, an Open311 request.

- World A: 民意社区 (大智街道, 江岸区) with 区卫健委.
- World B: 晴川社区 (another district, 汉阳区) with 汉阳区民政局.

Every person's name, ID number and phone is unique to its world, so a response that carries one
of them carries that world's data (`World.secrets`).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Community, Department, District, Grid, Street

TODAY = dt.date.today
_phones = itertools.count(1)


def phone() -> str:
    return f"139{next(_phones):08d}"


@dataclass
class World:
    label: str
    district: District
    street: Street
    community: Community
    grid: Grid
    department: Department
    worker: User
    head: User
    street_officer: User
    district_officer: User
    dept_user: User
    admin: User
    objects: dict[str, Any] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)

    def __getitem__(self, key: str) -> Any:
        try:
            return self.objects[key]
        except KeyError:  # a registry entry asks for something the world does not build
            raise KeyError(
                f"world {self.label} has no object {key!r}; build it in tests/matrix/world.py"
            ) from None

    def person_secrets(self, *people: Any) -> None:
        for p in people:
            for value in (p.name, p.id_number, p.phone):
                if value:
                    self.secrets.add(value)


def other_district() -> dict[str, Any]:
    district = District.objects.create(code="420105", name="汉阳区")
    street = Street.objects.create(district=district, code="420105001", name="晴川街道")
    community = Community.objects.create(street=street, code="420105001001", name="晴川社区")
    grid = Grid.objects.create(community=community, code="01", name="晴川社区01网格")
    department = Department.objects.create(
        district=district, code="HYMZ", name="汉阳区民政局", level="district"
    )
    return {
        "district": district,
        "street": street,
        "community": community,
        "grid": grid,
        "department": department,
    }


def build(
    label: str,
    *,
    community: Community,
    grid: Grid,
    department: Department,
    names: list[str],
    users: dict[str, User] | None = None,
) -> World:
    """One world: users (unless given) and one object of every kind, made through the services."""
    street, district = community.street, community.street.district
    users = users or {}
    p = label.lower()

    def u(key: str, role: str, **units: Any) -> User:
        return users.get(key) or f.user(f"{p}-{key}", role, **units)

    world = World(
        label=label,
        district=district,
        street=street,
        community=community,
        grid=grid,
        department=department,
        worker=u("worker", "community_worker", community=community),
        head=u("head", "community_head", community=community),
        street_officer=u("officer", "street_office", street=street),
        district_officer=u("dofficer", "district_office", district=district),
        dept_user=u("dept", "department", department=department),
        admin=u("admin", "district_admin", district=district),
    )
    o = world.objects
    elder_birth = TODAY().replace(year=TODAY().year - 85, day=1)
    o["person"] = f.person(
        community,
        grid=grid,
        name=names[0],
        phone=phone(),
        birth=elder_birth,
        disabled="是",
        disability_type="肢体",
    )
    o["person2"] = f.person(community, grid=grid, name=names[1], phone=phone(), birth=elder_birth)
    o["sensitive_person"] = f.person(community, name=names[2], phone=phone(), drug_user="是")
    world.person_secrets(o["person"], o["person2"], o["sensitive_person"])
    _registry(world)
    _ledger(world, names[3])
    _fill(world)
    _gate(world)
    _burden(world)
    _certificate(world)
    _sharing(world)
    _casework(world, names[4])
    _notify(world)
    _inspection(world)
    _activity(world, names[5])
    _open311(world)
    _digital(world)
    _meetings_campaigns(world)
    from jianfu.accounts.auth import api_token_create

    world.objects["api_token"] = api_token_create(user=world.worker, name=f"{world.label}社区系统")[0]
    return world


def _registry(world: World) -> None:
    from jianfu.registry.models import Attribute, Fact, Household, Place, Source
    from jianfu.registry.services import sensitive_access_grant

    o = world.objects
    person = o["person"]
    place = Place.objects.create(community=world.community, estate=f"{world.label}小区", building="3")
    household = Household.objects.create(community=world.community, place=place)
    person.household = household
    person.place = place
    person.save(update_fields=["household", "place"])
    o["place"], o["household"] = place, household
    o["fact"] = Fact.objects.filter(person=person).order_by("pk").first()
    o["attribute"] = Attribute.objects.get(code="phone")
    o["source"] = Source.objects.order_by("pk").first()
    o["sensitive_grant"] = sensitive_access_grant(
        actor=world.admin,
        district=world.district,
        attribute=Attribute.objects.get(code="drug_user"),
        department=world.department,
        legal_basis="《禁毒法》第三十一条",
    )


def _ledger(world: World, name: str) -> None:
    from jianfu.feedback.models import ImportFeedback
    from jianfu.ledgers.models import LedgerImport, ReviewItem
    from jianfu.ledgers.tests.helpers import write_xlsx

    o = world.objects
    tmp = Path(tempfile.mkdtemp())
    newcomer_id, newcomer_phone = f.id_number(dt.date(1980, 1, 1)), phone()
    world.secrets |= {name, newcomer_id, newcomer_phone}
    source_name = f"{world.department.name}名册"
    f.source(source_name, 60, department=world.department)
    path = write_xlsx(
        tmp / "名册.xlsx",
        [
            ["姓名", "身份证号", "联系电话"],
            [o["person2"].name, o["person2"].id_number, "1380000"],  # a bad phone: a problem to report back
            [name, newcomer_id, newcomer_phone],
        ],
    )
    call_command(
        "import-ledger", str(path), "--source", source_name, "--community", world.community.code,
        "--yes", "--json", stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    imp = LedgerImport.objects.filter(community=world.community).order_by("-pk").first()
    assert imp is not None and imp.status == "done", (imp and imp.status, imp and imp.error)
    o["ledger_import"] = imp
    o["review_item"] = ReviewItem.objects.create(
        community=world.community,
        ledger_import=imp,
        row_number=3,
        row={"values": {"name": name, "id_number": newcomer_id, "phone": newcomer_phone}, "headers": {}},
        row_hash=f"{world.label}-review",
        candidates=[{"pid": o["person"].pid, "probability": 0.7, "reasons": ["姓名相近"]}],
    )
    o["import_feedback"] = ImportFeedback.objects.get(ledger_import=imp)


def _fill(world: World) -> None:
    from jianfu.fills.services import fill_configure, fill_prepare, fill_start
    from jianfu.fills.tests.test_fill import WEIJIAN, template

    record = fill_prepare(
        actor=world.worker,
        community=world.community,
        data=template(WEIJIAN),
        filename=WEIJIAN,
        department=world.department,
    )
    fill_configure(actor=world.worker, record=record, mapping={}, where="age>=80")
    record = fill_start(actor=world.worker, record=record)
    record.refresh_from_db()
    assert record.status == "done", record.error
    world.objects["fill"] = record


def _gate(world: World) -> None:
    from jianfu.gate import services as gate

    world.objects["task"] = gate.task_submit(
        actor=world.dept_user,
        department=world.department,
        title=f"{world.label}入户走访登记",
        description="请各社区入户走访辖区高龄老人，登记健康状况并拍照留痕。",
        communities=[world.community],
        deadline=TODAY() + dt.timedelta(days=40),
        expected_hours=3,
    )


def _burden(world: World) -> None:
    from jianfu.burden.models import BurdenEntry, ReboundAlert

    o = world.objects
    o["burden_entry"] = BurdenEntry.objects.filter(community=world.community).order_by("pk").first()
    o["alert"] = ReboundAlert.objects.create(
        district=world.district,
        subject="community",
        community=world.community,
        month=TODAY().replace(day=1),
        hours=Decimal("40"),
        baseline=Decimal("10"),
        threshold=Decimal("15"),
    )


def _certificate(world: World) -> None:
    from jianfu.certificates.services import certificate_issue, certificate_template_save

    o = world.objects
    o["certificate_template"] = certificate_template_save(
        actor=world.worker,
        community=world.community,
        item_code="CM01",
        title="居住证明",
        body="兹证明{name}在本社区居住。",
    )
    o["certificate"] = certificate_issue(
        actor=world.worker,
        community=world.community,
        item_code="CM01",
        person=o["person"],
        body=f"兹证明{o['person'].name}在本社区居住。",
        purpose="子女入学报名",
    )


def _sharing(world: World) -> None:
    from jianfu.gate import services as gate
    from jianfu.sharing.models import DataRequest
    from jianfu.sharing.services import data_request_approve

    o = world.objects
    task = gate.task_submit(
        actor=world.dept_user,
        department=world.department,
        title="持证残疾人名单",
        description="请提供辖区持证残疾人名单，含姓名、身份证号、联系电话、残疾类别。",
        communities=[world.community],
        requested_fields=["name", "id_number", "phone", "disability_type"],
        population="tag=disabled",
    )
    request = DataRequest.objects.get(task=task)
    o["agreement"] = data_request_approve(
        actor=world.district_officer,
        request=request,
        population_text="tag=disabled",
        fields=list(request.fields),
        full_fields=["id_number"],
        legal_basis="《残疾人保障法》第五十条",
        purpose="残疾人两项补贴复核",
    )
    request.refresh_from_db()
    assert request.file, request.status
    o["data_request"] = request


def _casework(world: World, reporter: str) -> None:
    from jianfu.casework import services
    from jianfu.casework.choices import Channel
    from jianfu.casework.models import Category

    o = world.objects
    reporter_phone = phone()
    world.secrets |= {reporter, reporter_phone}
    sr = services.request_submit(
        actor=world.worker,
        channel=Channel.DESK,
        category=Category.objects.get(code="street-lamp"),
        district=world.district,
        community=world.community,
        text=f"{world.label}小区3栋门口的路灯坏了一个星期",
        attributes={"fault": "不亮"},
        reporter_name=reporter,
        reporter_phone=reporter_phone,
        notify=False,
    )
    o["service_request"] = sr
    whistles = services.request_whistle(actor=world.worker, request=sr, departments=[world.department])
    o["whistle"] = whistles[0]


def _notify(world: World) -> None:
    from jianfu.notify.services import Recipient, message_queue

    o = world.objects
    msg = message_queue(
        template="request.accepted",
        context={"number": o["service_request"].number, "category": "路灯", "due": "", "link": ""},
        recipients=[Recipient(channel="sms", destination=o["service_request"].reporter_phone)],
        district=world.district,
        community=world.community,
    )
    o["delivery"] = msg.deliveries.order_by("pk").first()


def _inspection(world: World) -> None:
    from jianfu.inspections import services
    from jianfu.inspections.models import AnnualPlan, VisitReboundAlert

    o = world.objects
    today = timezone.localdate()
    plan = AnnualPlan.objects.create(department=world.department, year=today.year)
    start = today - dt.timedelta(days=1) if (today.month, today.day) != (1, 1) else today
    end = today + dt.timedelta(days=2) if (today + dt.timedelta(days=2)).year == today.year else today
    visit = services.inspection_register(
        actor=world.dept_user,
        department=world.department,
        plan=plan,
        today=start - dt.timedelta(days=20),
        visit=services.VisitInput(
            title=f"{world.label}民政综合检查",
            kind="check",
            communities=[world.community],
            window_start=start,
            window_end=end,
            materials=["低保名册", "工作照片"],
        ),
    )
    o["inspection"] = visit
    o["material"] = visit.materials.order_by("pk").first()
    o["rebound_alert"] = VisitReboundAlert.objects.create(
        community=world.community, year=today.year, visits=3, last_year_to_date=0, cap=4
    )
    package = services.evidence_package_record(
        actor=world.worker,
        community=world.community,
        inspection=None,
        period=(today.replace(month=1, day=1), today),
        files=0,
        size=0,
        sha256="0" * 64,
    )
    o["evidence_link"], o["evidence_token"] = services.evidence_link_create(
        actor=world.worker, package=package
    )


def _activity(world: World, signup_name: str) -> None:
    from jianfu.activities import services
    from jianfu.activities.choices import ActivityStatus

    o = world.objects
    activity = services.activity_create(
        actor=world.worker,
        community=world.community,
        data=services.ActivityInput(
            title=f"{world.label}家庭福利项目说明会",
            starts_on=timezone.localdate() + dt.timedelta(days=7),
            place="社区活动室",
            organiser=f"{world.community.name}居委会",
            capacity=20,
            budget="800",
            audience="",
            audience_label="有 60 岁以上老人的家庭",
            description="介绍家庭福利项目的申请条件。",
        ),
    )
    services.activity_set_status(actor=world.worker, activity=activity, status=ActivityStatus.OPEN)
    signup_phone = phone()
    world.secrets |= {signup_name, signup_phone}
    o["activity"] = activity
    o["signup"] = services.signup_create(
        actor=AnonymousUser(), activity=activity, name=signup_name, phone=signup_phone
    )  # the public page


def _open311(world: World) -> None:
    """The Open311 view of the resident request (its public number)."""
    world.objects["open311_request"] = world.objects["service_request"]


def _digital(world: World) -> None:
    """A department's app in use, one worker's declaration of it, a consolidation plan item."""
    from jianfu.digital.models import Declaration, DigitalTool, PlanItem

    o = world.objects
    today = timezone.localdate()
    tool = DigitalTool.objects.create(
        district=world.district,
        kind="app",
        name=f"{world.label}健康随访App",
        owner_department=world.department,
        status="in_use",
        status_since=today,
        started_on=today,
        created_by=world.dept_user,
    )
    o["digital_tool"] = tool
    o["declaration"] = Declaration.objects.create(
        community=world.community, worker=world.worker, tool=tool, declared_on=today
    )
    o["plan_item"] = PlanItem.objects.create(
        tool=tool,
        action="close",
        due_on=today + dt.timedelta(days=30),
        progress="planned",
        reason="功能与区级平台重复",
        decided_by=world.district_officer,
        decided_on=today,
    )


def _meetings_campaigns(world: World) -> None:
    from jianfu.campaigns.models import Campaign
    from jianfu.meetings.models import CountAlert, Notice

    o = world.objects
    today = timezone.localdate()
    o["notice"] = Notice.objects.create(
        kind="meeting",
        department=world.department,
        title=f"{world.label}健康工作部署会",
        date=today,
        year=today.year,
        status="admitted",
        created_by=world.dept_user,
    )
    o["alert"] = CountAlert.objects.create(department=world.department, year=today.year, count=3, previous=1)
    o["campaign"] = Campaign.objects.create(
        department=world.department,
        title=f"{world.label}健康社区评比",
        kind="creation",
        year=today.year,
        status="pending",
        created_by=world.dept_user,
    )


def seal_png() -> ContentFile:
    from jianfu.certificates.tests.helpers import png

    return ContentFile(png(), name="seal.png")
