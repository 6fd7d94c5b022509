from jianfu.core.testing.factories import SYSTEM
from jianfu.digital import services


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
