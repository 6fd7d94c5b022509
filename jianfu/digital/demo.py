"""Demo data for the digital register: 民意社区 with the apps and work groups its staff really carry
(a grid worker in ~48 groups, 7–14 apps, facts §1), several in breach of the 2023/2024 rules, and a
consolidation under way (groups merged, an app closed, more planned); a lighter set for the other
demo communities so the district report has something to compare.

`seed(stdout)` is idempotent: it does nothing when the demo district already has tools.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from jianfu.core.permissions import system_actor

DEMO_ACTOR = system_actor("jianfu seed-demo")
MAIN_COMMUNITY = "420102001001"  # 民意社区

# (kind, platform, name, owner department code or "", owner note, asks text)
APPS: list[tuple[str, str, str, str, str, str]] = [
    (
        "app",
        "other",
        "网格化服务管理App",
        "ZZB",
        "",
        "网格员每天上午在App内定位签到，巡查时上传轨迹，每次入户走访后拍照上传。",
    ),
    (
        "app",
        "other",
        "民政低保信息系统",
        "MZJ",
        "",
        "每季度在系统中再次录入低保对象的姓名、身份证号、低保证号和保障人数。",
    ),
    ("app", "other", "党员学习平台", "ZZB", "", "每人每天学习不少于30分钟，学习积分按月排名通报。"),
    (
        "app",
        "other",
        "反诈宣传App推广",
        "GAJ",
        "",
        "动员辖区居民下载安装国家反诈中心App，安装率纳入社区考核。",
    ),
    (
        "mini_program",
        "wechat",
        "社区随手拍",
        "",
        "街道城管办",
        "居民拍照上传身边的问题，网格员在工作时间内核实处置。",
    ),
    (
        "mini_program",
        "wechat",
        "养老服务预约",
        "MZJ",
        "",
        "居民自愿预约助餐和上门服务，社区每周查看一次预约。",
    ),
    ("app", "dingtalk", "街道钉钉工作台", "", "大智街道办事处", "接收街道通知和派发的事项，每天办理一件。"),
    ("public_account", "wechat", "平安江岸公众号", "GAJ", "", "每天转发推文并截图发群，关注人数每周通报。"),
    (
        "app",
        "other",
        "退役军人服务App",
        "TYJR",
        "",
        "每月重新填报辖区退役军人的入伍时间、退伍时间和联系电话。",
    ),
    (
        "mini_program",
        "wechat",
        "社区议事厅",
        "",
        "社区自建",
        "居民线上参与议事，社区工作人员在工作时间内答复。",
    ),
]
GROUP_TOPICS = [
    "民政工作群",
    "综治维稳群",
    "安全生产群",
    "消防安全群",
    "防汛应急群",
    "垃圾分类督导群",
    "文明创建群",
    "疫苗接种统计群",
    "医保参保群",
    "社保认证群",
    "就业服务群",
    "残联工作群",
    "妇联工作群",
    "团委工作群",
    "计生协会群",
    "老龄工作群",
    "退役军人服务群",
    "禁毒宣传群",
    "反诈宣传群",
    "城管执法群",
    "物业监管群",
    "房屋安全群",
    "燃气安全群",
    "食品安全群",
    "环境整治群",
    "爱国卫生群",
    "人口普查群",
    "统计调查群",
    "党建联席群",
    "党员志愿群",
    "楼栋长群",
    "网格长群",
    "小区业委会群",
    "在职党员报到群",
    "信访工作群",
    "人大代表联络群",
    "政协委员联络群",
    "统战工作群",
    "侨务工作群",
    "民族宗教群",
    "科普工作群",
    "文体活动群",
    "关爱儿童群",
    "心理健康群",
    "平安建设群",
    "应急值守群",
    "社区工作者群",
    "街道社区书记群",
]
# groups that break a rule, with what they ask
BREACHING = {
    "文明创建群": "要求各社区每天晚上9点前在群里报送当日入户宣传照片和人数。",
    "疫苗接种统计群": "每天下班后19:00前接龙上报本社区当日接种人数。",
    "平安建设群": "每周五前以截图形式上报平安宣传转发情况。",
    "应急值守群": "实行7×24小时值守，群消息必须5分钟内回复“收到”。",
    "垃圾分类督导群": "督导员每天把桶站前后对比照片发到群里，作为月度考核依据。",
    "党员志愿群": "党员到岗服务时扫码签到，签到次数按月排名。",
    "人口普查群": "请社区把上月已报送过的人口数据按新模板再报一遍。",
}
# owners that are not departments in examples/org.yaml: named in owner_note
OWNER_NAMES = {"ZZB": "区委组织部", "GAJ": "区公安分局", "TJJ": "区统计局", "YBJ": "区医保局"}
OWNERS = {
    "民政": "MZJ",
    "综治": "SFJ",
    "安全": "YJJ",
    "消防": "YJJ",
    "防汛": "YJJ",
    "疫苗": "WJW",
    "医保": "YBJ",
    "社保": "RSJ",
    "就业": "RSJ",
    "退役": "TYJR",
    "禁毒": "GAJ",
    "反诈": "GAJ",
    "城管": "CGJ",
    "统计": "TJJ",
    "人口": "TJJ",
}


def seed(stdout: Any = None) -> None:
    from jianfu.digital.models import DigitalTool
    from jianfu.orgs.models import Community

    main = Community.objects.filter(code=MAIN_COMMUNITY).select_related("street__district").first()
    if main is None:
        return
    district = main.street.district
    if DigitalTool.objects.filter(district=district).exists():
        if stdout:
            stdout.write("digital: demo register already loaded\n")
        return
    counts = _seed(district, main)
    if stdout:
        stdout.write(
            f"digital: {counts['tools']} apps and groups, {counts['declarations']} declarations, "
            f"{counts['breaching']} in breach, {counts['plan']} plan items\n"
        )


@transaction.atomic
def _seed(district: Any, main: Any) -> dict[str, int]:
    from jianfu.accounts.models import User
    from jianfu.digital import rollup, services
    from jianfu.digital.models import Declaration, DigitalTool
    from jianfu.orgs.models import Community, Department

    rng = random.Random(2026)
    today = timezone.localdate()
    departments = {
        d.code.split("-")[-1].upper(): d for d in Department.objects.filter(district=district, street=None)
    }
    communities = list(Community.objects.filter(street__district=district).order_by("code"))
    tools: list[Any] = []

    def register(
        community: Any, kind: str, platform: str, name: str, owner: str, note: str, asks: str
    ) -> Any:
        department = departments.get(owner) if owner else None
        if department is None and owner:
            note = OWNER_NAMES.get(owner, note or "大智街道办事处")
        tool = services.tool_register(
            actor=DEMO_ACTOR,
            kind=kind,
            platform=platform,
            name=name if community == main else f"{community.name}{name}",
            owner_department=department,
            owner_note=(note or "大智街道办事处") if department is None else "",
            asks_text=asks,
            members=rng.randint(12, 180) if kind == "work_group" else 0,
            communities=[community],
            district=district,
        )
        started = today - dt.timedelta(days=rng.randint(40, 700))
        DigitalTool.objects.filter(pk=tool.pk).update(started_on=started)
        tool.started_on = started
        tools.append(tool)
        return tool

    by_name: dict[str, Any] = {}
    for kind, platform, name, owner, note, asks in APPS:
        by_name[name] = register(main, kind, platform, name, owner, note, asks)
    for topic in GROUP_TOPICS:
        owner = next((code for word, code in OWNERS.items() if word in topic), "")
        asks = BREACHING.get(topic, "用于发布通知和收集意见，工作时间内回复即可。")
        by_name[topic] = register(
            main,
            "work_group",
            rng.choice(["wechat", "wechat", "dingtalk", "gov_wechat", "qq"]),
            topic,
            owner,
            "大智街道办事处" if not owner else "",
            asks,
        )
    for community in communities:
        if community.pk == main.pk:
            continue
        for topic in rng.sample(GROUP_TOPICS, 18):
            owner = next((code for word, code in OWNERS.items() if word in topic), "")
            register(
                community,
                "work_group",
                "wechat",
                topic,
                owner,
                "街道办事处" if not owner else "",
                BREACHING.get(topic, "用于发布通知。"),
            )
        for kind, platform, name, owner, note, asks in rng.sample(APPS, 5):
            register(community, kind, platform, name, owner, note, asks)

    # declarations: everyone in the community declares; the grid worker carries ~48 groups
    declarations = 0
    for community in communities:
        staff = list(User.objects.filter(community=community, is_active=True).order_by("username"))
        local = [t for t in tools if community.pk in {c.pk for c in t.communities.all()}]
        for user in staff:
            share = 1.0 if user.role == "grid_worker" else 0.7 if user.role == "community_worker" else 0.5
            for tool in local:
                if rng.random() > share:
                    continue
                Declaration.objects.create(
                    community=community,
                    worker=user,
                    tool=tool,
                    declared_on=max(tool.started_on, today - dt.timedelta(days=330)),
                    note="演示数据",
                )
                declarations += 1
    rollup.refresh(c.pk for c in communities)  # the declarations above were written directly
    services.declarations_ledger(actor=DEMO_ACTOR, through=today)

    # a consolidation under way in 民意社区
    office = User.objects.filter(role="street_office", street=main.street).first() or DEMO_ACTOR
    plan = 0
    for source, target in (
        ("党员志愿群", "在职党员报到群"),
        ("侨务工作群", "统战工作群"),
        ("政协委员联络群", "人大代表联络群"),
    ):
        services.plan_decide(
            actor=office,
            tool=by_name[source],
            action="merge",
            merge_into=by_name[target],
            reason="职能相近的工作群合并（2024年规定：重复的工作群应当合并）。",
            due_on=today + dt.timedelta(days=20),
        )
        plan += 1
    services.plan_decide(
        actor=office,
        tool=by_name["反诈宣传App推广"],
        action="close",
        reason="以安装率考核社区，违反“不得设定注册率、关注率等指标”。",
        due_on=today + dt.timedelta(days=10),
    )
    services.plan_decide(
        actor=office,
        tool=by_name["疫苗接种统计群"],
        action="close",
        reason="阶段性工作已结束。",
        due_on=today,
    )
    plan += 2
    for name in ("侨务工作群",):
        item = by_name[name].plan_items.get()
        services.plan_progress(
            actor=office, item=item, progress="done", note="群已解散，成员并入统战工作群。"
        )
    item = by_name["党员志愿群"].plan_items.get()
    services.plan_progress(actor=office, item=item, progress="in_progress", note="已通知群成员。")
    dept = by_name["网格化服务管理App"].owner_department
    if dept is not None:
        services.tool_answer(
            actor=DEMO_ACTOR,
            tool=by_name["网格化服务管理App"],
            kind="justify",
            text="定位签到用于核实巡查到岗，拟于下一版本取消签到功能。",
        )
    breaching = sum(1 for t in tools if t.violation_codes)
    return {"tools": len(tools), "declarations": declarations, "breaching": breaching, "plan": plan}
