"""Demo requests: a few hundred over the last five months in every community — street lamps,
illegal extensions, blocked fire lanes, rubbish, noise, utilities, 低保 questions … Some handled
by the community, some whistled to departments (a few late to report in), some reopened, some
merged, some still open and overdue (escalated). Replayed through the services at their own
times (`clock.at`), so every deadline, transition, rate and burden entry is real; nothing is dated
after today. `seed(stdout)` does nothing when demo requests exist.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.casework import clock, notifications, services
from jianfu.casework.choices import Channel, Duty, Satisfaction, Status
from jianfu.casework.models import Category, ServiceRequest
from jianfu.casework.routing import route
from jianfu.core.permissions import system_actor
from jianfu.orgs.models import Community, District
from jianfu.registry.models import Place

N_REQUESTS = 360
DEMO_ACTOR = system_actor("jianfu seed-demo")
TEXTS: dict[str, list[str]] = {
    "street-lamp": [
        "{p}门口路灯不亮，晚上黑漆漆的，老人不敢出门",
        "{p}旁边的路灯一直闪，晚上很刺眼",
        "小区主干道路灯白天也亮着，浪费电",
    ],
    "illegal-building": [
        "{p}顶楼住户在楼顶加盖了一间房，担心安全",
        "{p}一楼住户把院子围起来搭了棚子，占用公共通道",
    ],
    "fire-lane": ["{p}楼下消防通道被私家车堵住，消防车进不来", "消防通道上堆满了电动车和杂物"],
    "garbage": ["{p}附近垃圾站满了两天没人清运，味道很大", "路边垃圾桶满溢，招苍蝇"],
    "corridor-clutter": ["{p}楼道里堆满纸箱和旧家具，影响通行", "楼道有人堆放电瓶车电池，存在安全隐患"],
    "noise": [
        "{p}附近工地夜里十一点还在施工，吵得睡不着",
        "楼下商铺音响声音太大，从早放到晚",
        "广场舞音乐太响，晚上九点以后还在跳",
    ],
    "water": [
        "{p}今天早上开始停水，没有接到通知",
        "家里水压很低，热水器打不着火",
        "{p}地下管道漏水，路面积水",
    ],
    "power": ["{p}整栋楼停电，冰箱里的东西要坏了", "晚上电压不稳，灯一闪一闪"],
    "gas": ["{p}楼道里闻到燃气味，很担心", "燃气表显示故障，无法用气"],
    "heating": ["暖气不热，室内只有十四度", "{p}暖气片漏水"],
    "dibao-consult": ["想咨询一下低保怎么申请，需要什么材料", "低保复核需要提供哪些证明？"],
    "neighbour-dispute": ["楼上住户卫生间漏水到我家，协商不成", "邻居在公共走廊装摄像头对着我家门"],
    "property-service": ["{p}电梯经常坏，物业不及时修", "物业费收了但是保洁不到位"],
    "street-vending": ["小区门口流动摊贩占道经营，影响通行", "早点摊占用人行道"],
    "food-safety": ["附近一家餐馆后厨卫生很差", "超市卖过期食品"],
    "elderly-care": ["独居老人家里没人照顾，能否安排助餐", "想了解社区养老服务怎么申请"],
    "praise": ["感谢网格员帮我家老人办好了手续", "社区工作人员很耐心，表扬一下"],
}
WEIGHTS = {
    "street-lamp": 9,
    "illegal-building": 4,
    "fire-lane": 4,
    "garbage": 8,
    "corridor-clutter": 7,
    "noise": 9,
    "water": 6,
    "power": 3,
    "gas": 2,
    "heating": 3,
    "dibao-consult": 5,
    "neighbour-dispute": 5,
    "property-service": 7,
    "street-vending": 4,
    "food-safety": 2,
    "elderly-care": 3,
    "praise": 2,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


def _users(district: District) -> dict[str, Any]:
    users = User.objects.filter(is_active=True).filter(district=district) | User.objects.filter(
        is_active=True, community__street__district=district
    )
    by: dict[str, Any] = {"grid": {}, "worker": {}, "dept": {}, "district": None}
    for u in users.select_related("department"):
        if not u.email and u.role != "resident":
            u.email = f"{u.username}@demo.jianfu.invalid"
            u.save(update_fields=["email"])
        if u.role == "grid_worker":
            by["grid"].setdefault(u.community_id, u)
        elif u.role in ("community_worker", "community_head"):
            by["worker"].setdefault(u.community_id, u)
        elif u.role == "department" and u.department_id:
            by["dept"].setdefault(u.department_id, u)
        elif u.role == "district_office":
            by["district"] = u
    return by


def _step(moment: dt.datetime, fn: Any, **kw: Any) -> bool:
    """Do a step at its time if that time has come; False when it lies in the future."""
    if moment > timezone.now():
        return False
    with clock.at(moment):
        fn(**kw)
    return True


def _replay(sr: ServiceRequest, rng: random.Random, users: dict[str, Any]) -> None:
    t = sr.created_at
    worker = users["worker"].get(sr.community_id)
    grid = users["grid"].get(sr.community_id) or worker
    hours = lambda lo, hi: dt.timedelta(hours=rng.uniform(lo, hi))  # noqa: E731
    if worker is None:
        return
    if sr.duty == Duty.UNCLEAR:
        officer = users["district"]
        if officer is None or not _step(
            t + hours(1, 20), services.request_dispatch, actor=officer, request=sr
        ):
            return
        handler = grid
    elif sr.duty == Duty.DEPARTMENT:
        depts = route(sr.category, district=sr.district, community=sr.community).departments
        t += hours(0.2, 6)
        if not depts or not _step(t, services.request_whistle, actor=grid, request=sr, departments=depts):
            return
        sr.refresh_from_db()
        w = sr.whistles.get(lead=True)
        dept_user = users["dept"].get(w.department_id)
        if dept_user is None:
            return
        late = rng.random() < 0.15
        t += hours(1.5, 30) if late else hours(0.1, 0.9)
        if rng.random() < 0.06 or not _step(t, services.whistle_sign, actor=dept_user, whistle=w):
            return  # never signed: it will be escalated
        if rng.random() < 0.05:
            _step(
                t + hours(1, 5),
                services.whistle_return,
                actor=dept_user,
                whistle=w,
                reason="经核查属物业管理范围，不属本部门职责",
            )
            return
        t += hours(2, 60)
        if not _step(t, services.whistle_on_site, actor=dept_user, whistle=w, note="已到现场查看"):
            return
        handler = dept_user
    else:
        if not _step(t + hours(0.3, 8), services.request_dispatch, actor=worker, request=sr, grid=sr.grid):
            return
        t += hours(0.3, 8)
        if not _step(t + hours(0.1, 4), services.request_start, actor=grid, request=sr):
            return
        handler = grid
    t += hours(4, 24 * 8) if rng.random() < 0.85 else hours(24 * 8, 24 * 25)
    sr.refresh_from_db()
    if not _step(
        t,
        services.request_reply,
        actor=handler,
        request=sr,
        reply="已处理："
        + rng.choice(
            ["现场整改完毕", "已协调相关单位处理", "已维修恢复", "已清理完毕", "已电话答复并解释政策"]
        ),
    ):
        return
    t += hours(2, 48)
    solved = rng.random() > 0.08
    verifier = {"actor": grid} if rng.random() < 0.5 else {"actor": AnonymousUser(), "token": sr.token}
    if not _step(t, services.request_verify, request=sr, solved=solved, **verifier):
        return
    if not solved:
        t += hours(24, 96)
        if not _step(t, services.request_reply, actor=handler, request=sr, reply="已返工处理"):
            return
        t += hours(2, 24)
        if not _step(t, services.request_verify, actor=grid, request=sr, solved=True):
            return
    sr.refresh_from_db()
    for w in sr.whistles.filter(score__isnull=True).exclude(status__in=["whistled", "returned"]):
        _step(
            t + hours(1, 24),
            services.whistle_rate,
            actor=worker,
            whistle=w,
            score=rng.choice([5, 5, 4, 4, 3, 2]),
        )
    t += hours(24, 72)
    if rng.random() < 0.6:
        sr.refresh_from_db()
        if not _step(
            t, services.request_visit, actor=worker, request=sr, note="电话回访，居民表示问题已解决"
        ):
            return
    sat = rng.choices([Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED], [70, 20, 10])[0]
    sr.refresh_from_db()
    if not _step(
        t + hours(1, 24),
        services.request_rate,
        actor=AnonymousUser(),
        request=sr,
        satisfaction=sat,
        token=sr.token,
    ):
        return
    if rng.random() < 0.05:
        sr.refresh_from_db()
        _step(
            t + hours(48, 240),
            services.request_reopen,
            actor=AnonymousUser(),
            request=sr,
            token=sr.token,
            reason="过了几天问题又出现了",
        )


def seed(stdout: Any) -> None:
    district = District.objects.order_by("code").first()
    if district is None:
        stdout.write("casework: no district, skipped")
        return
    if ServiceRequest.objects.filter(district=district).exists():
        stdout.write("casework: demo requests already there, nothing generated")
        return
    rng = random.Random(2026)
    users = _users(district)
    communities = list(Community.objects.filter(street__district=district).prefetch_related("grids"))
    categories = {c.code: c for c in Category.objects.filter(code__in=WEIGHTS)}
    codes = list(WEIGHTS)
    now = timezone.now()
    made = 0
    with notifications.quiet():
        for i in range(N_REQUESTS):
            community = rng.choice(communities)
            places = list(Place.objects.filter(community=community)[:200]) if i % 7 == 0 or made < 6 else []
            place = rng.choice(places) if places else None
            code = rng.choices(codes, [WEIGHTS[c] for c in codes])[0]
            category = categories[code]
            age = dt.timedelta(days=rng.uniform(0, 150) ** 1.0, hours=rng.uniform(-4, 4))
            created = now - age
            local = timezone.localtime(created)
            created = created.replace(hour=(local.hour % 12) + 1) if local.hour < 7 else created
            created = min(created, now - dt.timedelta(minutes=5))
            attrs = {}
            for f in category.fields:
                if f.get("values"):
                    attrs[f["code"]] = rng.choice(f["values"])["key"]
            text = rng.choice(TEXTS[code]).format(
                p=str(place) if place else community.name + rng.choice(["3栋", "12栋", "5号楼"])
            )
            channel = rng.choices(
                [Channel.RESIDENT, Channel.GRID, Channel.HOTLINE, Channel.DESK], [35, 30, 25, 10]
            )[0]
            grid_user = users["grid"].get(community.pk)
            actor = grid_user if channel == Channel.GRID and grid_user else DEMO_ACTOR
            try:
                with clock.at(created):
                    sr = services.request_submit(
                        actor=actor,
                        channel=channel,
                        category=category,
                        district=district,
                        text=text,
                        community=community,
                        place=place,
                        grid=place.grid
                        if place
                        else (community.grids.first() if channel == Channel.GRID else None),
                        address="" if place else community.name,
                        attributes=attrs,
                        reporter_name=rng.choice(SURNAMES) + rng.choice(["先生", "女士", "阿姨", "师傅"]),
                        reporter_phone=_phone(rng) if channel != Channel.GRID else "",
                        external_id=f"12345-{created:%Y%m%d}-{i:04d}" if channel == Channel.HOTLINE else "",
                        created_at=created,
                    )
            except services.CaseError as exc:
                stdout.write(f"casework: demo request {i} refused: {exc}")
                continue
            made += 1
            if rng.random() < 0.04 and sr.status == Status.ACCEPTED:
                twin = (
                    ServiceRequest.objects.filter(community=community, category=category)
                    .exclude(pk=sr.pk)
                    .order_by("-created_at")
                    .first()
                )
                if twin is not None and twin.status != Status.MERGED and users["worker"].get(community.pk):
                    _step(
                        created + dt.timedelta(hours=1),
                        services.request_merge,
                        actor=users["worker"][community.pk],
                        request=sr,
                        into=twin,
                    )
                    continue
            _replay(sr, rng, users)
        counts = {"street": 0, "district": 0}
        day = now - dt.timedelta(days=150)
        while day <= now:  # the escalation job, replayed once a day over the months
            with clock.at(day):
                got = services.request_escalate_overdue(actor=DEMO_ACTOR, now=day, district=district)
            counts["street"] += got["street"]
            counts["district"] += got["district"]
            day += dt.timedelta(days=1)
    stdout.write(
        f"casework: {made} demo requests; escalated {counts['street']} to the street, "
        f"{counts['district']} to the district"
    )
