"""Meeting and document to-dos: a department's document growth it has not explained (or must explain
again), and, for the 减负办, explanations waiting for its review."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.todos import Todo
from jianfu.meetings.choices import UNEXPLAINED
from jianfu.meetings.selectors import alerts_for, alerts_to_review


def todos(actor: Any) -> list[Todo]:
    if not (actor.is_department or actor.is_burden_office):
        return []
    url = reverse("meetings:notice_list")
    alerts = alerts_for(actor)
    out = [Todo(label=_("发文数量增长未说明"), count=alerts.filter(status__in=UNEXPLAINED).count(), url=url)]
    if actor.is_burden_office:
        out.append(
            Todo(
                label=_("发文数量增长说明待审核"),
                count=alerts_to_review(actor).count(),
                url=url,
            )
        )
    return out
