"""Demo campaigns, signboards and a secondment in the demo district.

- 区民政局's 创建老年友好型社区 approved for 民意社区 and 永红社区; 区卫健委's 健康社区示范 approved for 民意社区;
  区城管局's 垃圾分类示范社区评比 for 民意社区 is then over the cap (2 a year) and refused, citing it;
- 民意社区 inventories four signboards on its door; the 减负办 orders two without approval removed,
  one is already down; 区民政局's 社区养老服务站 board is approved (and lands in the burden ledger);
- 区住建局 borrows a worker of 永红社区 for its housing-survey office: recorded and flagged.

`seed(stdout)` is idempotent: nothing happens when the district has campaigns.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from jianfu.campaigns import services
from jianfu.campaigns.models import Campaign
from jianfu.core.permissions import system_actor
from jianfu.orgs.models import Community, Department

DEMO = system_actor("jianfu seed-demo")


def seed(stdout: Any) -> None:
    departments = {d.code: d for d in Department.objects.filter(code__in=["MZJ", "WJW", "CGJ", "ZJJ"])}
    if "MZJ" not in departments:
        return
    district = departments["MZJ"].district
    if Campaign.objects.filter(department__district=district).exists():
        return
    communities = {c.code: c for c in Community.objects.filter(street__district=district)}
    minyi, yonghong = communities.get("420102001001"), communities.get("420102001002")
    if minyi is None or yonghong is None:
        return
    plan = [
        (
            "MZJ",
            "创建老年友好型社区",
            "creation",
            [minyi, yonghong],
            "各社区报送创建申报材料，建立老年人服务台账，制作宣传展板，年底迎接市级验收。",
        ),
        (
            "WJW",
            "健康社区示范创建",
            "demonstration",
            [minyi],
            "开展健康知识入户宣传并留存照片，每季度报送工作进度表。",
        ),
        ("CGJ", "垃圾分类示范社区评比", "appraisal", [minyi], "各社区参评，区里组织暗访检查。"),
    ]
    for code, title, kind, targets, description in plan:
        if code not in departments:
            continue
        campaign = services.campaign_register(
            actor=DEMO,
            department=departments[code],
            title=title,
            kind=kind,
            communities=targets,
            description=description,
        )
        if campaign.status == "pending":
            services.campaign_decide(
                actor=DEMO, campaign=campaign, approve=True, reason="经减负办审核，合并同类创建后保留"
            )
    today = timezone.localdate()
    boards = [
        services.signboard_inventory(actor=DEMO, community=minyi, name=name, hung_on=dt.date(year, 3, 1))
        for name, year in (
            ("禁毒示范社区", 2019),
            ("科普示范社区", 2020),
            ("平安社区", 2021),
            ("老年协会", 2022),
        )
    ]
    services.signboard_order_removal(actor=DEMO, board=boards[0], reason="无依据的牌子，按规定清理")
    services.signboard_order_removal(actor=DEMO, board=boards[1], reason="无依据的牌子，按规定清理")
    services.signboard_remove(actor=DEMO, board=boards[1], removed_on=today)
    [station] = services.signboard_register(
        actor=DEMO, department=departments["MZJ"], name="社区养老服务站", communities=[minyi]
    )
    services.signboard_decide(actor=DEMO, board=station, approve=True, reason="有明确依据，保留")
    if "ZJJ" in departments:
        services.secondment_record(
            actor=DEMO,
            community=yonghong,
            department=departments["ZJJ"],
            staff_name="王晓燕",
            post="社区专职工作者",
            work="住房普查办公室",
            started_on=today - dt.timedelta(days=45),
        )
    stdout.write("campaigns: 3 campaigns (one over the cap refused), 5 signboards, 1 secondment flagged\n")
