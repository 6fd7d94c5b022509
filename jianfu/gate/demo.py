"""Demo tasks through the work-access gate: admitted, pending, approved, rejected (negative list),
served from the registry, an emergency, a refusal, community comments and ratings.

`seed(stdout)` is idempotent: it does nothing when the demo tasks already exist.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core.permissions import system_actor
from jianfu.gate import services
from jianfu.gate.choices import TaskStatus
from jianfu.gate.models import Task
from jianfu.orgs.models import Community, Department

# department code, title, description, kind, options
DEMO_TASKS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "MZJ",
        "协助开展2026年度低保年度复核",
        "请各社区协助开展2026年度最低生活保障对象年度复核：入户调查家庭收入和财产变化，张贴公示并报送复核结果。",
        "general",
        {
            "expected_hours": 16,
            "resource_money": 3000,
            "resource_training": True,
            "legal_basis": "《社会救助暂行办法》第十一条",
        },
    ),
    (
        "CL",
        "2026年残疾人基本服务状况调查",
        "请各社区协助开展残疾人基本服务状况和需求信息数据动态更新调查，区残联派专职委员入户指导。",
        "survey",
        {"expected_hours": 12, "resource_staff": 1, "legal_basis": "《残疾人保障法》"},
    ),
    (
        "WJW",
        "家庭医生签约服务宣传月",
        "请各社区协助开展家庭医生签约服务宣传，在宣传栏张贴海报，组织一次居民健康讲座。",
        "general",
        {"expected_hours": 4},
    ),
    (
        "RSJ",
        "就业援助月活动",
        "请各社区协助开展就业援助月活动，摸清就业困难人员就业意愿，推送岗位信息，做好失业登记。",
        "general",
        {"expected_hours": 6, "resource_money": 800},
    ),
    (
        "DZ-PA",
        "冬季平安建设和反诈宣传",
        "请各社区协助开展冬季社会治安综合治理平安建设宣传，组织防范电信网络诈骗宣传进楼栋。",
        "general",
        {"expected_hours": 3, "resource_training": True},
    ),
    (
        "MZJ",
        "辖区80周岁以上老人名单",
        "请各社区报送辖区80周岁以上老人名单及联系方式，用于发放高龄津贴提醒。",
        "survey",
        {},
    ),
    (
        "CGJ",
        "占道经营集中整治",
        "请各社区作为责任主体负责辖区占道经营、流动摊贩整治，每周上报整治数量，纳入月度考核。",
        "general",
        {"assessed": True},
    ),
    (
        "ZJJ",
        "建立老旧小区改造工作台账",
        "请各社区新建老旧小区改造工作台账，逐户登记改造意愿，每月5日前报送。",
        "ledger_report",
        {"expected_hours": 10},
    ),
    (
        "YJJ",
        "安全隐患专项检查迎检准备",
        "区安委会将开展专项检查，请各社区准备近三年安全宣传台账和影像资料迎检。",
        "inspection",
        {"expected_hours": 8},
    ),
    (
        "WJW",
        "创建国家卫生城市社区测评",
        "为迎接国家卫生城市复审，请各社区开展环境卫生创建，准备创建档案，测评结果纳入年度考核排名。",
        "campaign",
        {"expected_hours": 20, "assessed": True},
    ),
    (
        "YJJ",
        "寒潮暴雪应急：排查独居老人取暖安全",
        "寒潮暴雪红色预警，请各社区立即排查独居老人、困难家庭取暖和用电安全，发现险情立即上报。",
        "general",
        {"emergency": True, "expected_hours": 4},
    ),
]
APPROVE = "安全隐患专项检查迎检准备"
REJECT = "创建国家卫生城市社区测评"
REFUSE = "建立老旧小区改造工作台账"


def _say(stdout: Any, text: str) -> None:
    if stdout is not None:
        stdout.write(text + ("" if text.endswith("\n") else "\n"))


def seed(stdout: Any = None) -> int:
    titles = [t[1] for t in DEMO_TASKS]
    if Task.objects.filter(title__in=titles).exists():
        _say(stdout, "gate: demo tasks already present, skipped")
        return 0
    departments = {d.code: d for d in Department.objects.select_related("district", "street")}
    if not departments:
        _say(stdout, "gate: no departments yet (load the organisation first), skipped")
        return 0
    made: list[Task] = []
    for code, title, description, kind, options in DEMO_TASKS:
        department = departments.get(code)
        if department is None:
            continue
        actor = User.objects.filter(role="department", department=department, is_active=True).order_by(
            "id"
        ).first() or system_actor("jianfu seed-demo")
        communities = list(services.department_communities(department).order_by("code")[:4])
        if not communities:
            continue
        made.append(
            services.task_submit(
                actor=actor,
                department=department,
                title=title,
                description=description,
                communities=communities,
                kind=kind,
                deadline=timezone.localdate() + dt.timedelta(days=30),
                expected_hours=Decimal(options.get("expected_hours", 0)),
                resource_staff=options.get("resource_staff", 0),
                resource_money=options.get("resource_money", 0),
                resource_training=options.get("resource_training", False),
                legal_basis=options.get("legal_basis", ""),
                assessed=options.get("assessed", False),
                emergency=options.get("emergency", False),
            )
        )
    by_title = {t.title: t for t in made}
    _community_actions(by_title)
    _office_actions(by_title)
    decided = {s: sum(1 for t in made if Task.objects.get(pk=t.pk).status == s) for s in TaskStatus.values}
    summary = ", ".join(f"{k} {v}" for k, v in decided.items() if v)
    _say(stdout, f"gate: {len(made)} demo tasks ({summary})")
    return len(made)


def _worker(community: Community) -> User | None:
    return (
        User.objects.filter(
            community=community, role__in=["community_worker", "community_head"], is_active=True
        )
        .order_by("id")
        .first()
    )


def _community_actions(by_title: dict[str, Task]) -> None:
    pending = by_title.get(REFUSE)
    if pending is not None:
        targets = list(pending.targets.select_related("community"))
        for i, target in enumerate(targets[:2]):
            worker = _worker(target.community)
            if worker is None:
                continue
            if i == 0:
                services.task_refuse(
                    actor=worker, task=pending, reason="改造意愿已由住建部门入户登记，重复填报。"
                )
            else:
                services.task_comment_add(
                    actor=worker,
                    task=pending,
                    body="改造意愿街道已统一摸排过，建议直接使用街道数据，不再新建台账。",
                )
    scores = [5, 4, 3, 4, 2]
    for task in by_title.values():
        if task.status != TaskStatus.ADMITTED:
            continue
        for j, target in enumerate(task.targets.select_related("community")[:2]):
            worker = _worker(target.community)
            if worker is None:
                continue
            score = scores[(task.pk + j) % len(scores)]
            comment = "配套经费到位，指导及时。" if score >= 4 else "时间紧，要求材料偏多。"
            services.task_rate(actor=worker, task=task, score=score, comment=comment)


def _office_actions(by_title: dict[str, Task]) -> None:
    for title, approve in ((APPROVE, True), (REJECT, False)):
        task = by_title.get(title)
        if task is None:
            continue
        first = task.targets.select_related("community__street").first()
        if first is None:
            continue
        community = first.community
        officer = (
            User.objects.filter(role="street_office", street=community.street, is_active=True)
            .order_by("id")
            .first()
            or User.objects.filter(role="district_office", is_active=True).order_by("id").first()
        )
        if officer is None:
            continue
        if approve:
            services.task_decide(
                actor=officer,
                task=task,
                approve=True,
                legality="《安全生产法》规定的属地宣传职责，有依据。",
                reasonableness="仅准备已有宣传材料，不新增台账。",
                feasibility="社区现有人员可完成。",
                reason="同意准入，但不得要求补做往年台账。",
            )
        else:
            services.task_decide(
                actor=officer,
                task=task,
                approve=False,
                legality="创建测评应由创建主体承担，社区仅协助宣传。",
                reasonableness="测评结果纳入社区考核排名，违反不得对社区考核评比的规定。",
                feasibility="材料要求过多，社区无力承担。",
                reason="不予准入：与考核排名挂钩。",
            )
