"""Demo inspections for the current year in the demo district:

- 区民政局 files its annual plan in January (examples/inspection-plan-mzj.yaml shape, this year's dates):
  a comprehensive check last month (completed, a finding with rectification through the gate,
  the communities' ratings, the burden ledger entries) and an elder-care research visit next month;
- 区残联 plans a check of the same communities overlapping the research visit: the district 减负办
  merges both into one joint visit, and an inspector account holds a read-only grant on it;
- 区城管局 registers an unplanned spot check demanding photos: the 减负办 refuses it;
- 区应急管理局 runs an emergency gas-safety check: admitted at once, flagged for review.

`seed(stdout)` is idempotent: nothing happens when the demo plan exists.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core.permissions import system_actor
from jianfu.inspections import services
from jianfu.inspections.choices import FindingSeverity, InspectionStatus
from jianfu.inspections.models import AnnualPlan, Inspection
from jianfu.inspections.planfile import plan_load
from jianfu.orgs.models import Community, Department

DEMO = system_actor("jianfu seed-demo")

INSPECTOR = "mzj_inspector"


def _plan_yaml(code: str, year: int, entries: list[dict[str, Any]]) -> str:
    import yaml

    return yaml.safe_dump(
        {"department": code, "year": year, "inspections": entries}, allow_unicode=True, sort_keys=False
    )


def _window(start: dt.date, days: int) -> list[str]:
    return [start.isoformat(), (start + dt.timedelta(days=days)).isoformat()]


@transaction.atomic
def seed(stdout: Any) -> None:
    today = timezone.localdate()
    year = today.year
    mzj = Department.objects.filter(code="MZJ").select_related("district").first()
    cl = Department.objects.filter(code="CL").first()
    cgj = Department.objects.filter(code="CGJ").first()
    yjj = Department.objects.filter(code="YJJ").first()
    if mzj is None or cl is None or cgj is None or yjj is None:
        stdout.write("inspections: demo departments missing, skipped")
        return
    if AnnualPlan.objects.filter(department=mzj, year=year).exists():
        stdout.write("inspections: demo plan already present, skipped")
        return
    communities = list(Community.objects.filter(street__district=mzj.district).order_by("code"))
    dazhi = [c.code for c in communities[:3]]
    filed = dt.date(year, 1, 8)
    last_month = max(dt.date(year, 1, 20), today - dt.timedelta(days=30))
    next_month = (
        today + dt.timedelta(days=20)
        if (today + dt.timedelta(days=24)).year == year
        else today + dt.timedelta(days=1)
    )
    plan = plan_load(
        actor=DEMO,
        name="mzj-plan.yaml",
        today=filed,
        text=_plan_yaml(
            "MZJ",
            year,
            [
                {
                    "ref": f"MZJ-{year}-01",
                    "title": f"{year}年民政领域综合检查",
                    "kind": "check",
                    "comprehensive": True,
                    "items": ["A01", "A02"],
                    "communities": "all",
                    "window": _window(last_month, 2),
                    "materials": [
                        "低保、特困人员名册",
                        "证明开具台账",
                        "下派任务落实情况",
                        "入户走访工作照片及签到表",
                    ],
                    "expected_hours": 3,
                },
                {
                    "ref": f"MZJ-{year}-02",
                    "title": "社区养老服务专项调研",
                    "kind": "research",
                    "items": ["A02"],
                    "communities": dazhi,
                    "window": _window(next_month, 2),
                    "materials": ["高龄老人名册", "社区活动记录"],
                    "expected_hours": 1,
                },
            ],
        ),
    )
    cl_plan = plan_load(
        actor=DEMO,
        name="cl-plan.yaml",
        today=filed,
        text=_plan_yaml(
            "CL",
            year,
            [
                {
                    "ref": f"CL-{year}-01",
                    "title": "残疾人基本服务状况专项检查",
                    "kind": "check",
                    "items": ["A03"],
                    "communities": dazhi,
                    "window": _window(next_month + dt.timedelta(days=1), 2),
                    "materials": ["残疾人名册", "社区活动记录", "帮扶工作台账本（纸质）"],
                    "expected_hours": 2,
                }
            ],
        ),
    )
    office = User.objects.filter(role="district_office", district=mzj.district).order_by("id").first()
    mzj_user = User.objects.filter(department=mzj).order_by("id").first()
    first = communities[0]
    head = User.objects.filter(community=first, role="community_head").order_by("id").first()
    if office is None or mzj_user is None or head is None:
        stdout.write("inspections: demo users missing (run seed-demo), skipped")
        return

    completed = plan.created[0]
    services.inspection_announce(actor=mzj_user, inspection=completed)
    services.inspection_complete(actor=mzj_user, inspection=completed)
    services.finding_record(
        actor=mzj_user,
        inspection=completed,
        community=first,
        text="2户低保家庭年度复核超期未完成",
        severity=FindingSeverity.RECTIFY,
        rectification="12月底前完成2户低保家庭入户复核并在系统内更新",
    )
    services.finding_record(
        actor=mzj_user,
        inspection=completed,
        community=communities[1],
        text="临时救助公示规范",
        severity=FindingSeverity.NOTE,
    )
    services.visit_rate(
        actor=head,
        inspection=completed,
        duration="half_day",
        usefulness=4,
        comment="材料包一键生成，没有加班整理台账。",
    )

    research, cl_visit = plan.created[1], cl_plan.created[0]
    joint = services.inspections_merge(
        actor=office,
        inspections=[research, cl_visit],
        title="养老与助残服务联合检查（民政、残联）",
        window_start=research.window_start,
        window_end=research.window_end + dt.timedelta(days=1),
        reason="同一批社区、时段重叠，合并为一次联合检查，材料只准备一次。",
    )
    inspector, _created = User.objects.get_or_create(
        username=INSPECTOR,
        defaults={"role": "inspector", "display_name": "区民政局检查组"},
    )
    if _created:
        inspector.set_password(_demo_password())
        inspector.save(update_fields=["password"])
    services.inspector_grant(actor=mzj_user, inspection=joint, user=inspector)

    unplanned = services.inspection_register(
        actor=DEMO,
        department=cgj,
        today=today - dt.timedelta(days=3),
        visit=services.VisitInput(
            title="门前三包临时检查",
            kind="check",
            communities=[first],
            window_start=today + dt.timedelta(days=2),
            window_end=today + dt.timedelta(days=2),
            materials=["整改前后对比照片", "巡查签到表"],
        ),
    )
    if unplanned.status == InspectionStatus.PENDING_OFFICE:
        services.inspection_decide(
            actor=office,
            inspection=unplanned,
            admit=False,
            reason="未列入年度计划，且所要材料均为留痕资料；请并入城管年度检查。",
        )
    services.inspection_register(
        actor=DEMO,
        department=yjj,
        today=today,
        visit=services.VisitInput(
            title="冬季燃气安全隐患排查",
            kind="check",
            communities=communities[:2],
            window_start=today,
            window_end=today + dt.timedelta(days=1),
            emergency=True,
            emergency_reason="入冬燃气使用高峰，近期邻区发生燃气爆燃事故",
            materials=["燃气用户名册"],
        ),
    )
    stdout.write(
        f"inspections: {Inspection.objects.filter(year=year).count()} visits ({year}); joint visit #{joint.pk}; "
        f"inspector login {INSPECTOR} (read-only until {joint.window_end})"
    )


def _demo_password() -> str:
    from importlib import import_module

    return import_module("jianfu.registry.management.commands.seed-demo").DEMO_PASSWORD
