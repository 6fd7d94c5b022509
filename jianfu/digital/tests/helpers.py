import datetime as dt

from django.utils import timezone

from jianfu.core.testing.factories import SYSTEM
from jianfu.digital import services
from jianfu.digital.choices import ToolKind, ToolStatus
from jianfu.digital.models import DigitalTool, PlanItem


def group(persona, name="社区工作群", *, community=None, asks_text="用于收发通知。", department=None, **kw):
    """A work group in use in a community (registered by the system actor)."""
    return services.tool_register(
        actor=SYSTEM,
        kind=kw.pop("kind", "work_group"),
        name=name,
        platform=kw.pop("platform", "wechat"),
        owner_department=department if department is not None else persona.department,
        asks_text=asks_text,
        communities=[community or persona.community],
        **kw,
    )


def plan_items(persona, n: int, *, community, prefix: str = "计划群", start: int = 0) -> list[DigitalTool]:
    """`n` tools of `community` in the plan, due one day apart (the plan's order is progress, due
    date, id), written in bulk: the paging, not the services, is under test here."""
    today = timezone.localdate()
    tools = DigitalTool.objects.bulk_create(
        [
            DigitalTool(
                district=persona.district,
                kind=ToolKind.WORK_GROUP,
                name=f"{prefix}{i:03d}",
                owner_department=persona.department,
                status=ToolStatus.MERGE,
                status_since=today,
                started_on=today - dt.timedelta(days=30),
            )
            for i in range(start, start + n)
        ]
    )
    through = DigitalTool.communities.through
    through.objects.bulk_create([through(digitaltool_id=t.pk, community_id=community.pk) for t in tools])
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                tool=t,
                action="close",
                due_on=today + dt.timedelta(days=start + i),
                reason="r",
                decided_on=today,
            )
            for i, t in enumerate(tools)
        ]
    )
    return tools
