"""Digital-burden to-dos: a department's apps and groups with breaches to answer for."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.todos import Todo
from jianfu.digital.choices import ViolationStatus
from jianfu.digital.models import Violation
from jianfu.digital.selectors import department_tools


def todos(actor: Any) -> list[Todo]:
    if not (actor.is_department and actor.department_id):
        return []
    open_breaches = Violation.objects.filter(
        tool__in=department_tools(actor).values("pk"), status=ViolationStatus.OPEN
    )
    return [
        Todo(
            label=_("本部门App和工作群中待答复的违规"),
            count=open_breaches.count(),
            url=reverse("digital:department"),
            note=_("说明依据，或合并、关停。"),
        )
    ]
