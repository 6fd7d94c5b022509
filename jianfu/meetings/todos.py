"""Meeting and document to-dos: a department's growth in documents that it has not explained."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.todos import Todo
from jianfu.meetings.choices import AlertStatus
from jianfu.meetings.selectors import alerts_for


def todos(actor: Any) -> list[Todo]:
    if not (actor.is_department or actor.is_burden_office):
        return []
    return [
        Todo(
            label=_("发文数比上年增加、待说明"),
            count=alerts_for(actor).filter(status=AlertStatus.OPEN).count(),
            url=reverse("meetings:notice_list"),
        )
    ]
