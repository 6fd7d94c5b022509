"""Demo meetings and documents for the demo district: a year of them (last year and this year to date).

- the form catalog of this year and last (高龄津贴发放名册, 低保对象名册, 残疾人两项补贴名册 …);
- each month a few admitted meetings (approved, on-line, short) and documents from 区民政局, 区卫健委,
  区城管局, 区应急管理局 — landing in every target community's burden ledger;
- refused ones: a safety meeting summoning community heads to 列席 (陪会), a document demanding
  落实情况 be reported back, one with a form outside the catalog, a two-day training;
- 区城管局 sends more documents this year than last: the count alert is raised.

`seed(stdout)` is idempotent: nothing happens when the district has notices already.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from jianfu.core.permissions import system_actor
from jianfu.meetings import services
from jianfu.meetings.models import FormCatalogEntry, Notice
from jianfu.orgs.models import Community, Department

DEMO = system_actor("jianfu seed-demo")

FORMS = [
    ("高龄津贴发放名册", ["高龄补贴名册"]),
    ("低保对象名册", ["低保名册", "城乡低保对象花名册"]),
    ("残疾人两项补贴名册", []),
    ("社区垃圾分类台账", []),
    ("燃气安全隐患排查表", []),
]

MEETINGS: list[tuple[str, str, str, dict[str, str]]] = [
    # (department, title, text, extra)
    (
        "MZJ",
        "全区社会救助工作视频调度会",
        "经区委办公室批准，召开视频会议，时间：9:00-10:00。请各社区分管社会救助的工作人员参加。",
        {},
    ),
    ("WJW", "全区家庭医生签约推进视频会", "经区政府办公室批准，以视频会议形式召开，约1小时。", {}),
    ("YJJ", "汛期安全防范视频部署会", "经区委同意，视频会议，时间：14:30-15:30。", {}),
    ("CGJ", "垃圾分类月度视频调度会", "经区政府办公室同意，线上召开，时间：9:00-10:00。", {}),
]
REFUSED_MEETINGS: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "YJJ",
        "全区安全生产工作会议",
        "请各社区书记、主任准时列席全区安全生产工作会议。会议时间：上午9:00-11:00，地点：区政府三楼会议室。",
        {"approved_by": "区政府办公室"},
    ),
    ("WJW", "创建国家卫生城市动员大会", "请各社区书记参加动员大会，地点：区会议中心。", {}),
    (
        "MZJ",
        "社区工作者业务能力提升培训",
        "经区委组织部批准。培训会期两天，地点：区委党校。",
        {"in_person_reason": "集中授课"},
    ),
]
DOCUMENTS = [
    ("MZJ", "关于做好高龄津贴发放工作的通知", "请按季度发放高龄津贴。\n附件：1.高龄津贴发放名册.xlsx"),
    ("WJW", "关于开展健康知识进社区活动的通知", "由区卫健委组织医务人员进社区开展宣讲，社区提供场地。"),
    ("CGJ", "关于做好生活垃圾分类宣传的通知", "请配合张贴宣传海报。\n附件：社区垃圾分类台账.xlsx"),
    ("YJJ", "关于开展燃气安全宣传的通知", "区应急管理局统一组织入户宣传，社区协助通知居民。"),
]
REFUSED_DOCUMENTS = [
    ("CGJ", "关于深入推进市容环境整治的通知", "各社区要结合实际制定实施方案，并于每月25日前报送落实情况。"),
    (
        "SJJ",
        "关于开展电动自行车摸底登记的通知",
        "请各社区逐户登记。\n附件：1.电动自行车入户登记表\n2.摸底情况汇总表",
    ),
]


def _month_days(year: int, until: dt.date) -> list[dt.date]:
    return [dt.date(year, m, 12) for m in range(1, 13) if dt.date(year, m, 12) <= until]


def seed(stdout: Any) -> None:
    departments = {d.code: d for d in Department.objects.filter(code__in=["MZJ", "WJW", "CGJ", "YJJ", "SJJ"])}
    if "MZJ" not in departments:
        return
    district = departments["MZJ"].district
    if Notice.objects.filter(department__district=district).exists():
        return
    communities = list(Community.objects.filter(street__district=district).order_by("code"))
    today = timezone.localdate()
    for year in (today.year - 1, today.year):
        if not FormCatalogEntry.objects.filter(district=district, year=year).exists():
            for name, aliases in FORMS:
                services.form_entry_add(actor=DEMO, district=district, year=year, name=name, aliases=aliases)
    n = 0
    for year in (today.year - 1, today.year):
        days = _month_days(year, today)
        for i, day in enumerate(days):
            code, title, text, extra = MEETINGS[i % len(MEETINGS)]
            if code not in departments:
                continue
            services.notice_submit(
                actor=DEMO,
                kind="meeting",
                department=departments[code],
                communities=communities,
                date=day,
                title=f"{title}（{day.month}月）",
                text=text,
                attendees_per_community=1,
                **extra,
            )
            code, title, text = DOCUMENTS[i % len(DOCUMENTS)]
            if code not in departments:
                continue
            # 区城管局 sends one more document a month this year than last year
            repeat = 2 if code == "CGJ" and year == today.year else 1
            for k in range(repeat):
                services.notice_submit(
                    actor=DEMO,
                    kind="document",
                    department=departments[code],
                    communities=communities,
                    date=day,
                    title=f"{title}（{day.month}月{'' if k == 0 else '补充'}）",
                    text=text,
                )
            n += 1 + repeat
    last = today - dt.timedelta(days=3)
    for code, title, text, extra in REFUSED_MEETINGS:
        if code not in departments:
            continue
        services.notice_submit(
            actor=DEMO,
            kind="meeting",
            department=departments[code],
            communities=communities,
            date=last,
            title=title,
            text=text,
            attendees_per_community=2,
            **extra,
        )
        n += 1
    for code, title, text in REFUSED_DOCUMENTS:
        if code not in departments:
            continue
        services.notice_submit(
            actor=DEMO,
            kind="document",
            department=departments[code],
            communities=communities,
            date=last,
            title=title,
            text=text,
        )
        n += 1
    stdout.write(f"meetings: {n} notices (meetings and documents), form catalog of {len(FORMS)} forms\n")
