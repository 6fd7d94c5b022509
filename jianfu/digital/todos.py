"""Digital-burden to-dos: a department's apps and groups with breaches to answer for."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.digital.choices import ViolationStatus
from jianfu.digital.models import Violation
from jianfu.digital.selectors import department_tools


def _open_breaches(actor: Any) -> QuerySet:
    return Violation.objects.filter(
        tool__in=department_tools(actor).values("pk"), status=ViolationStatus.OPEN
    )


def todos(actor: Any) -> list[Todo]:
    if not (actor.is_department and actor.department_id):
        return []
    return [
        Todo(
            label=_("本部门App和工作群中待答复的违规"),
            count=compiled.count(actor, "digital.breaches", _open_breaches),
            url=reverse("digital:department"),
            note=_("说明依据，或合并、关停。"),
        )
    ]
