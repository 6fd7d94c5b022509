"""Data sharing to-dos: requests for the 减负办 to decide, released files for the department."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.sharing.permissions import may_use_sharing
from jianfu.sharing.selectors import pending_for, released_files_for


def todos(actor: Any) -> list[Todo]:
    if not may_use_sharing(actor):
        return []
    url = reverse("sharing:home")
    if actor.is_superuser or actor.is_burden_office:
        return [
            Todo(
                label=_("待核准的数据需求"),
                count=compiled.count(actor, "sharing.pending", pending_for),
                url=url,
            )
        ]
    if actor.is_department:
        return [
            Todo(
                label=_("已提供、可以下载的数据"),
                count=compiled.count(actor, "sharing.released", released_files_for),
                url=url,
                note=_("文件到期后不能再下载。"),
            )
        ]
    return []
