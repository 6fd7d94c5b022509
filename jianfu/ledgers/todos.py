"""Ledger to-dos: possible same-person matches that wait for a worker's decision."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.scope import may
from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.ledgers.selectors import review_list


def todos(actor: Any) -> list[Todo]:
    if not may(actor, "review"):
        return []
    return [
        Todo(
            label=_("待核对的疑似同一人"),
            count=compiled.count(actor, "ledgers.review", lambda a: review_list(user=a)),
            url=reverse("ledgers:review_queue"),
            note=_("导入台账时系统无法确定是否同一人的记录。"),
        )
    ]
