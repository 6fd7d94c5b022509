from typing import Any

from jianfu.casework import services
from jianfu.casework.choices import Channel
from jianfu.casework.models import Category
from jianfu.orgs.models import Department


def cgj(district: Any) -> Department:
    return Department.objects.get_or_create(
        district=district, code="CGJ", defaults={"name": "区城管局", "level": "district"}
    )[0]


def lamp_request(case: Any, **kw: Any):
    cgj(case.district)
    values = dict(
        actor=case.resident,
        channel=Channel.RESIDENT,
        category=Category.objects.get(code="street-lamp"),
        district=case.district,
        community=case.community,
        text="3栋门口的路灯坏了一个星期，晚上很黑",
        attributes={"fault": "不亮"},
        reporter_phone="13812345678",
    )
    values.update(kw)
    return services.request_submit(**values)
