"""Burden to-dos: rebound alerts nobody has acknowledged yet."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.burden.choices import AlertStatus
from jianfu.burden.selectors import alert_list, may_view_dashboard
from jianfu.core import compiled
from jianfu.core.todos import Todo


def todos(actor: Any) -> list[Todo]:
    if not may_view_dashboard(actor):
        return []
    return [
        Todo(
            label=_("负担反弹预警"),
            count=compiled.count(
                actor, "burden.alerts", lambda a: alert_list(user=a, status=AlertStatus.OPEN)
            ),
            url=reverse("burden:alert_list"),
            note=_("负担比去年同期明显回升的社区或部门。"),
        )
    ]
