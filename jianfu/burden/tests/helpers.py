import datetime as dt
from decimal import Decimal

from jianfu.burden.services import burden_entry_record
from jianfu.core.permissions import system_actor

SYSTEM = system_actor("test")


def record(community, *, kind="inspection", department=None, on=dt.date(2026, 5, 10), units=1, **kw):
    return burden_entry_record(
        community=community,
        kind=kind,
        title=kw.pop("title", f"测试{kind}"),
        occurred_on=on,
        department=department,
        units=units,
        actor=kw.pop("actor", SYSTEM),
        **kw,
    )


def hours(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
