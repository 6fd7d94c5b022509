"""Requests and whistles in the burden ledger (jianfu.burden).

- A request the community handles itself is community work (RESIDENT_REQUEST, no department) —
  unless a department created it or pushed it back: then it is that department's demand on the
  community, and outside the lists when the category is a department's matter.
- A whistle moves work *up* to a department: recorded (WHISTLE) but not imposed on the community.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.choices import Role
from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entry_record
from jianfu.casework.choices import Duty


def _ref(request: Any, suffix: str = "") -> str:
    return f"casework:{request.pk}{suffix}"


def request_to_community(request: Any, *, actor: Any) -> None:
    if request.community is None:
        return
    creator = request.created_by
    department = creator.department if creator is not None and creator.role == Role.DEPARTMENT else None
    burden_entry_record(
        community=request.community,
        kind=EntryKind.RESIDENT_REQUEST,
        title=_("诉求%(no)s %(cat)s") % {"no": request.number, "cat": request.category.name},
        occurred_on=timezone.localtime(request.created_at).date(),
        department=department,
        outside_lists=department is not None and request.category.duty != Duty.COMMUNITY,
        source_ref=_ref(request),
        actor=actor,
    )


def whistle_blown(whistle: Any, *, actor: Any) -> None:
    request = whistle.request
    if request.community is None:
        return
    burden_entry_record(
        community=request.community,
        kind=EntryKind.WHISTLE,
        title=_("吹哨%(d)s：%(cat)s") % {"d": whistle.department.name, "cat": request.category.name},
        occurred_on=timezone.localtime(whistle.whistled_at).date(),
        department=whistle.department,
        imposed=False,
        source_ref=_ref(request, f":w{whistle.pk}"),
        actor=actor,
    )


def whistle_returned(whistle: Any, *, actor: Any) -> None:
    """A department handing its own matter back to the community is a demand on the community."""
    request = whistle.request
    if request.community is None or request.category.duty == Duty.COMMUNITY:
        return
    burden_entry_record(
        community=request.community,
        kind=EntryKind.RESIDENT_REQUEST,
        title=_("%(d)s退回诉求%(no)s（%(cat)s）")
        % {
            "d": whistle.department.name,
            "no": request.number,
            "cat": request.category.name,
        },
        occurred_on=timezone.localdate(),
        department=whistle.department,
        outside_lists=True,
        source_ref=_ref(request, f":r{whistle.pk}"),
        actor=actor,
    )
