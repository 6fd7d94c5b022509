"""Writes of community activities: create, edit, open sign-up, sign up (public), cancel a sign-up,
tick attendance, mark held. Atomic, audited; status changes recorded."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.activities import permissions as perm
from jianfu.activities.choices import TRANSITIONS, ActivityStatus
from jianfu.activities.models import Activity, ActivityTransition, Signup
from jianfu.core.choices import AuditAction
from jianfu.core.masking import mask_name, mask_phone
from jianfu.core.permissions import Actor, signed_in_user
from jianfu.core.services import audit_record

PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")
CAPACITY_MAX = 10000


class ActivityError(ValidationError):
    pass


@dataclass(frozen=True)
class ActivityInput:
    title: str
    starts_on: dt.date
    place: str
    organiser: str
    capacity: int
    budget: Any = 0
    audience: str = ""
    audience_label: str = ""
    description: str = ""
    start_time: dt.time | None = None


def _text(value: Any, field: str, label: str, limit: int, required: bool = False) -> str:
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise ActivityError({field: _("%(l)s不能为空。") % {"l": label}})
    if len(text) > limit:
        raise ActivityError({field: _("%(l)s最多%(n)d个字。") % {"l": label, "n": limit}})
    return text


def audience_check(text: str) -> str:
    """The audience filter must parse (jianfu.fills.where); the error says where it is wrong."""
    from jianfu.fills.where import Vocabulary, WhereError, parse, unparse

    text = (text or "").strip()
    if not text:
        return ""
    try:
        return unparse(parse(text, Vocabulary.from_db()))
    except WhereError as exc:
        raise ActivityError({"audience": _("参与对象筛选条件有误：%(e)s") % {"e": exc}}) from None


def eligible_count(activity: Activity) -> int:
    """How many residents of the community match the audience filter (a count, no names)."""
    from jianfu.fills.where import Vocabulary, filter_people
    from jianfu.registry.models import Person

    qs = Person.objects.filter(community=activity.community)
    if activity.audience:
        qs = filter_people(qs, activity.audience, Vocabulary.from_db(), timezone.localdate())
    return qs.count()


def _clean(data: ActivityInput) -> dict[str, Any]:
    if not isinstance(data.starts_on, dt.date):
        raise ActivityError({"starts_on": _("请填写活动日期。")})
    try:
        budget = Decimal(str(data.budget or 0))
    except (InvalidOperation, ValueError):
        raise ActivityError({"budget": _("预算不是数字：%(v)s。") % {"v": data.budget}}) from None
    if not budget.is_finite() or budget < 0 or budget > Decimal("10000000"):
        raise ActivityError({"budget": _("预算应在0到1000万元之间。")})
    try:
        capacity = int(data.capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= CAPACITY_MAX:
        raise ActivityError({"capacity": _("名额应在1到%(n)d之间。") % {"n": CAPACITY_MAX}})
    return {
        "title": _text(data.title, "title", _("活动名称"), 120, True),
        "starts_on": data.starts_on,
        "start_time": data.start_time,
        "place": _text(data.place, "place", _("地点"), 200, True),
        "organiser": _text(data.organiser, "organiser", _("主办/承办"), 200, True),
        "budget": budget.quantize(Decimal("0.01")),
        "capacity": capacity,
        "audience": audience_check(data.audience),
        "audience_label": _text(data.audience_label, "audience_label", _("参与对象说明"), 200),
        "description": _text(data.description, "description", _("活动内容"), 5000),
    }


def _transition(activity: Activity, to: str, actor: Actor, initial: bool = False) -> None:
    if not initial and to not in TRANSITIONS[activity.status]:
        raise ActivityError(
            _("活动当前为%(s)s，不能改为%(t)s。")
            % {"s": ActivityStatus(activity.status).label, "t": ActivityStatus(to).label}
        )
    before = "" if initial else activity.status
    activity.status = to
    ActivityTransition.objects.create(
        activity=activity, from_status=before, to_status=to, by=signed_in_user(actor)
    )


@transaction.atomic
def activity_create(*, actor: Actor, community: Any, data: ActivityInput) -> Activity:
    perm.require_organise(actor, community)
    activity = Activity(community=community, created_by=signed_in_user(actor), **_clean(data))
    activity.save()
    _transition(activity, ActivityStatus.DRAFT, actor, initial=True)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=activity,
        community=community,
        summary=_("新建社区活动「%(t)s」") % {"t": activity.title},
    )
    return activity


@transaction.atomic
def activity_update(*, actor: Actor, activity: Activity, data: ActivityInput) -> Activity:
    perm.require_organise(actor, activity.community)
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.OPEN):
        raise ActivityError(_("已举办或已取消的活动不能修改。"))
    clean = _clean(data)
    taken = activity.signups.filter(cancelled_at__isnull=True).count()
    if clean["capacity"] < taken:
        raise ActivityError({"capacity": _("已有%(n)d人报名，名额不能少于报名人数。") % {"n": taken}})
    for k, v in clean.items():
        setattr(activity, k, v)
    activity.save(update_fields=list(clean))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=activity,
        community=activity.community,
        summary=_("修改社区活动「%(t)s」") % {"t": activity.title},
    )
    return activity


@transaction.atomic
def activity_set_status(*, actor: Actor, activity: Activity, status: str, outcome: str = "") -> Activity:
    perm.require_organise(actor, activity.community)
    if status == ActivityStatus.HELD and activity.starts_on > timezone.localdate():
        raise ActivityError(_("活动日期%(d)s还没到，不能标记为已举办。") % {"d": activity.starts_on})
    _transition(activity, status, actor)
    fields = ["status"]
    if status == ActivityStatus.HELD:
        activity.outcome = _text(outcome, "outcome", _("活动成效"), 5000)
        fields.append("outcome")
    activity.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=activity,
        community=activity.community,
        summary=_("社区活动「%(t)s」：%(s)s") % {"t": activity.title, "s": ActivityStatus(status).label},
    )
    return activity


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s\u3000()（）]", "", (value or "")).replace("－", "-")


@transaction.atomic
def signup_create(*, actor: Actor, activity: Activity, name: str, phone: str, note: str = "") -> Signup:
    """A resident signs up on the public page (actor: the anonymous visitor or the signed-in resident),
    or the organiser adds a phone sign-up."""
    perm.require_signup(actor, activity)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != ActivityStatus.OPEN:
        raise ActivityError(_("本活动当前不接受报名。"))
    if locked.starts_on < timezone.localdate():
        raise ActivityError(_("活动已经结束。"))
    name = _text(name, "name", _("姓名"), 50, True)
    phone = normalise_phone(phone)
    if not PHONE.match(phone):
        raise ActivityError({"phone": _("请填写11位手机号或带区号的固定电话。")})
    taken = locked.signups.filter(cancelled_at__isnull=True).count()
    if taken >= locked.capacity:
        raise ActivityError(_("名额已满（%(n)d人）。") % {"n": locked.capacity})
    existing = locked.signups.filter(phone=phone).first()
    if existing is not None:
        if existing.cancelled_at is None:
            raise ActivityError({"phone": _("这个电话号码已经报过名了。")})
        existing.cancelled_at = None
        existing.name = name
        existing.save(update_fields=["cancelled_at", "name"])
        signup = existing
    else:
        try:
            with transaction.atomic():
                signup = Signup.objects.create(
                    activity=locked, name=name, phone=phone, note=_text(note, "note", _("备注"), 200)
                )
        except IntegrityError:
            raise ActivityError({"phone": _("这个电话号码已经报过名了。")}) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=signup,
        community=locked.community,
        summary=_("活动报名「%(t)s」：%(n)s %(p)s")
        % {"t": locked.title, "n": mask_name(name), "p": mask_phone(phone)},
    )
    return signup


@transaction.atomic
def signup_cancel(*, actor: Actor, signup: Signup) -> Signup:
    perm.require_organise(actor, signup.activity.community)
    if signup.cancelled_at is None:
        signup.cancelled_at = timezone.now()
        signup.attended = False
        signup.save(update_fields=["cancelled_at", "attended"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=signup,
            community=signup.activity.community,
            summary=_("取消报名：%(n)s") % {"n": mask_name(signup.name)},
        )
    return signup


@transaction.atomic
def attendance_mark(*, actor: Actor, signup: Signup, attended: bool) -> Signup:
    """The organiser ticks who came (one tick; no time, place or device is recorded)."""
    activity = signup.activity
    perm.require_organise(actor, activity.community)
    if signup.cancelled_at is not None:
        raise ActivityError(_("已取消的报名不能签记出席。"))
    if activity.starts_on > timezone.localdate():
        raise ActivityError(_("活动还没举办，不能登记出席。"))
    if activity.status not in (ActivityStatus.OPEN, ActivityStatus.HELD):
        raise ActivityError(_("本活动不能登记出席。"))
    if signup.attended != attended:
        signup.attended = attended
        signup.save(update_fields=["attended"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=signup,
            community=activity.community,
            summary=_("登记出席：%(n)s %(a)s")
            % {"n": mask_name(signup.name), "a": _("出席") if attended else _("未出席")},
        )
    return signup
