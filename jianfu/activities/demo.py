"""Demo activities: a family-welfare information session held last week (sign-ups, attendance,
summary) and a health talk open for sign-up next week, in the first demo community.

`seed(stdout)` is idempotent: nothing happens when the demo activities exist."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.activities import services
from jianfu.activities.choices import ActivityStatus
from jianfu.activities.models import Activity
from jianfu.core.permissions import system_actor
from jianfu.orgs.models import Community

HELD = "家庭福利项目说明会"
UPCOMING = "冬季健康讲座：老年人防跌倒"
PUBLIC = system_actor("jianfu seed-demo (residents on the public sign-up page)")
RESIDENTS = [
    ("张秀英", "13871234501"),
    ("李建国", "13971234502"),
    ("王桂兰", "027-85123456"),
    ("刘志强", "13671234504"),
    ("陈玉梅", "15071234505"),
    ("杨德胜", "18671234506"),
]


@transaction.atomic
def seed(stdout: Any) -> None:
    if Activity.objects.filter(title__in=[HELD, UPCOMING]).exists():
        stdout.write("activities: demo activities already present, skipped")
        return
    community = Community.objects.order_by("code").first()
    worker = User.objects.filter(community=community, role="community_worker").order_by("id").first()
    if community is None or worker is None:
        stdout.write("activities: no demo community worker, skipped")
        return
    today = timezone.localdate()
    held = services.activity_create(
        actor=worker,
        community=community,
        data=services.ActivityInput(
            title=HELD,
            starts_on=today - dt.timedelta(days=6),
            start_time=dt.time(9, 30),
            place="社区党群服务中心二楼活动室",
            organiser=f"{community.name}居委会、区民政局",
            budget="1200",
            audience="age>=60",
            audience_label="有 60 岁以上老人的家庭",
            capacity=40,
            description="讲解家庭福利项目的申请条件、材料和流程，现场答疑。",
        ),
    )
    services.activity_set_status(actor=worker, activity=held, status=ActivityStatus.OPEN)
    Activity.objects.filter(pk=held.pk).update(
        starts_on=today + dt.timedelta(days=1)
    )  # sign-ups happened before the day
    held.refresh_from_db()
    signups = [services.signup_create(actor=PUBLIC, activity=held, name=n, phone=p) for n, p in RESIDENTS]
    Activity.objects.filter(pk=held.pk).update(starts_on=today - dt.timedelta(days=6))
    held.refresh_from_db()
    for s in held.signups.select_related("activity__community").order_by("id")[:5]:
        services.attendance_mark(actor=worker, signup=s, attended=True)
    services.activity_set_status(
        actor=worker,
        activity=held,
        status=ActivityStatus.HELD,
        outcome="18 户家庭现场咨询，9 户当场提交了申请意向。",
    )
    upcoming = services.activity_create(
        actor=worker,
        community=community,
        data=services.ActivityInput(
            title=UPCOMING,
            starts_on=today + dt.timedelta(days=8),
            start_time=dt.time(14, 30),
            place="社区卫生服务站",
            organiser=f"{community.name}、社区卫生服务中心",
            budget="500",
            audience="age>=65",
            audience_label="65 岁以上老人",
            capacity=30,
            description="康复师讲解居家防跌倒要点，免费测血压。",
        ),
    )
    services.activity_set_status(actor=worker, activity=upcoming, status=ActivityStatus.OPEN)
    services.signup_create(actor=PUBLIC, activity=upcoming, name="赵淑珍", phone="13871234511")
    stdout.write(f"activities: 2 demo activities in {community.name} ({len(signups)} sign-ups, 5 attended)")
