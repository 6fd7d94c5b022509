"""Writes on requests and whistles. Every status change goes through `_move`, which refuses an
illegal step with a clear message and records a Transition and an audit row in the same transaction.
"""

import datetime as dt
import re
import unicodedata
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.casework import burden, clock, deadlines, notifications, rollup
from jianfu.casework.choices import (
    DONE_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    Channel,
    Duty,
    Escalation,
    Kind,
    Satisfaction,
    Status,
    Verification,
    WhistleStatus,
)
from jianfu.casework.fields import clean_attributes
from jianfu.casework.models import TEXT_MAX, Category, ServiceRequest, Transition, Whistle
from jianfu.casework.permissions import Op, may
from jianfu.casework.photos import PhotoError, check_photo
from jianfu.casework.routing import route
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import is_system, require_actor
from jianfu.core.services import audit_record

PHONE = re.compile(r"\+?[0-9][0-9 -]{5,18}[0-9]")


class CaseError(ValueError):
    """Bad input or a step not allowed now; the message says what and how to fix it."""

    def __init__(self, messages: str | list[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


class NotAllowed(CaseError):
    """The user may see the request but not do this to it."""


def _label(actor: Any) -> str:
    """Who a Transition names: the signed-in user, the named system actor (`system_actor(...)`:
    a command, the escalation job, an Open311 client, the demo), or the reporter for an anonymous
    visitor (the phone page, the follow-up link). A bare string or `None` is refused."""
    require_actor(actor)
    if isinstance(actor, str):
        raise TypeError("a casework actor is a User, an anonymous visitor or system_actor(...), not a string")
    if is_system(actor):
        return str(actor.label)[:150]
    if getattr(actor, "is_authenticated", False):
        return str(actor)[:150]
    return _("诉求人")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _check(actor: Any, sr: ServiceRequest, op: Op) -> None:
    if is_system(actor):
        return
    if not may(actor, sr, op):
        raise NotAllowed(_("您无权对诉求%(no)s执行此操作。") % {"no": sr.number})


def _move(
    sr: ServiceRequest,
    to: str,
    *,
    actor: Any,
    note: str = "",
    public: bool = True,
    at: dt.datetime | None = None,
    fields: tuple[str, ...] = (),
) -> Transition:
    before = sr.status
    if to not in TRANSITIONS[before]:
        raise CaseError(
            _("诉求%(no)s当前为“%(now)s”，不能转为“%(to)s”（可转为：%(allowed)s）。")
            % {
                "no": sr.number,
                "now": Status(before).label,
                "to": Status(to).label,
                "allowed": "、".join(str(s.label) for s in Status if s in TRANSITIONS[before]) or _("无"),
            }
        )
    at = at or clock.now()
    sr.status = to
    sr.updated_at = at
    sr.save(update_fields=["status", "updated_at", *fields])
    rollup.touch(sr)
    t = Transition.objects.create(
        request=sr,
        from_status=before,
        to_status=to,
        by=_user(actor),
        by_label=_label(actor),
        at=at,
        note=note[:2000],
        public=public,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=sr,
        community=sr.community,
        summary=_("诉求%(no)s：%(a)s → %(b)s")
        % {"no": sr.number, "a": Status(before).label, "b": Status(to).label},
        detail={"from": before, "to": to, "note": note[:300]},
    )
    return t


def _note(
    sr: ServiceRequest, *, actor: Any, note: str, public: bool = False, at: dt.datetime | None = None
) -> None:
    """A step that does not change the status (whistle signed, contact made …), still recorded."""
    at = at or clock.now()
    Transition.objects.create(
        request=sr,
        from_status=sr.status,
        to_status=sr.status,
        by=_user(actor),
        by_label=_label(actor),
        at=at,
        note=note[:2000],
        public=public,
    )
    sr.updated_at = at
    sr.save(update_fields=["updated_at"])
    rollup.touch(sr)


# --- intake -------------------------------------------------------------------------------------
def _validate_intake(
    *,
    category: Category,
    kind: str,
    text: str,
    phone: str,
    email: str,
    reporter: Any,
    channel: str,
    community: Any,
    grid: Any,
    place: Any,
    lat: Any,
    long: Any,
    attributes: dict,
    address: str,
    require_fields: bool = True,
) -> tuple[dict, list[str]]:
    errors: list[str] = []
    if not category.active:
        errors.append(_("类别“%(name)s”已停用，请另选类别。") % {"name": category.name})
    if kind not in Kind.values:
        errors.append(
            _("类型“%(kind)s”无效，可选：%(all)s。")
            % {"kind": kind, "all": "、".join(str(label) for label in Kind.labels)}
        )
    text = (text or "").strip()
    if not text:
        errors.append(_("请描述诉求内容。"))
    elif len(text) > TEXT_MAX:
        errors.append(_("诉求内容最多%(n)s字（现有%(len)s字）。") % {"n": TEXT_MAX, "len": len(text)})
    staff_channel = channel in (Channel.GRID, Channel.DESK)
    if not (phone or email or reporter is not None or staff_channel):
        errors.append(_("请留下联系电话或电子邮箱，以便告知办理结果。"))
    if phone and not PHONE.fullmatch(phone):
        errors.append(_("联系电话“%(phone)s”格式不对，请填写手机号或带区号的座机号。") % {"phone": phone})
    if grid is not None and community is not None and grid.community_id != community.pk:
        errors.append(_("网格%(grid)s不属于%(community)s。") % {"grid": grid, "community": community})
    if place is not None and community is not None and place.community_id != community.pk:
        errors.append(_("房屋%(place)s不属于%(community)s。") % {"place": place, "community": community})
    if (lat is None) != (long is None):
        errors.append(_("地图位置需要同时提供纬度和经度。"))
    elif lat is not None and not (-90 <= float(lat) <= 90 and -180 <= float(long) <= 180):
        errors.append(_("地图位置超出范围（纬度 −90～90，经度 −180～180）。"))
    if channel == Channel.GRID and place is None and lat is None and not address:
        errors.append(_("请选择房屋、在地图上标点或填写地点。"))
    cleaned, attr_errors = clean_attributes(category.fields, attributes or {}, require=require_fields)
    return cleaned, errors + attr_errors


@transaction.atomic
def request_submit(
    *,
    actor: Any,
    channel: str,
    category: Category,
    district: Any,
    text: str,
    kind: str = "",
    community: Any = None,
    grid: Any = None,
    place: Any = None,
    address: str = "",
    lat: Any = None,
    long: Any = None,
    attributes: dict | None = None,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    photo: Any = None,
    media_url: str = "",
    external_id: str = "",
    created_at: dt.datetime | None = None,
    urgency: str = "",
    notify: bool = True,
) -> ServiceRequest:
    """受理: a new request, routed, with its deadline. Raises CaseError (nothing written) on bad input."""
    user = _user(actor)
    reporter = user if user is not None and user.role == "resident" else None
    if community is None and place is not None:
        community = place.community
    if community is None and grid is not None:
        community = grid.community
    if community is not None and community.street.district_id != district.pk:
        raise CaseError(_("%(c)s不在%(d)s。") % {"c": community, "d": district})
    kind = kind or category.default_kind
    # full-width digits from a Chinese input method (１３９…) are the same number
    reporter_phone = unicodedata.normalize("NFKC", reporter_phone or "").strip()
    reporter_email = (reporter_email or "").strip()
    cleaned, errors = _validate_intake(
        category=category,
        kind=kind,
        text=text,
        phone=reporter_phone,
        email=reporter_email,
        reporter=reporter,
        channel=channel,
        community=community,
        grid=grid,
        place=place,
        lat=lat,
        long=long,
        attributes=attributes or {},
        address=address,
        require_fields=channel != Channel.HOTLINE,
    )
    extension = ""
    if photo is not None:
        try:
            extension = check_photo(photo)
        except PhotoError as exc:
            errors.append(str(exc))
    if (
        external_id
        and ServiceRequest.objects.filter(
            district=district, channel=channel, external_id=external_id
        ).exists()
    ):
        errors.append(_("外部编号%(id)s已导入过。") % {"id": external_id})
    if created_at is not None and created_at > clock.now() + dt.timedelta(minutes=5):
        errors.append(
            _("受理时间%(t)s晚于现在，请检查。") % {"t": f"{timezone.localtime(created_at):%Y-%m-%d %H:%M}"}
        )
    if errors:
        raise CaseError(errors)
    now = created_at or clock.now()
    r = route(category, district=district, community=community)
    urgency = urgency or category.urgency
    sr = ServiceRequest(
        district=district,
        community=community,
        grid=grid or (place.grid if place is not None else None),
        place=place,
        address=(address or (str(place) if place else ""))[:300],
        lat=lat,
        long=long,
        kind=kind,
        category=category,
        channel=channel,
        text=text.strip(),
        attributes=cleaned,
        media_url=media_url[:500],
        external_id=external_id[:64],
        reporter=reporter,
        reporter_name=(reporter_name or (reporter.display_name if reporter else ""))[:50],
        reporter_phone=reporter_phone[:20],
        reporter_email=reporter_email[:254],
        urgency=urgency,
        duty=r.duty,
        route_reason=r.reason[:500],
        due_at=deadlines.request_due(now, urgency),
        created_by=user,
        created_at=now,
        updated_at=now,
    )
    sr.save()
    rollup.touch(sr)
    if photo is not None:
        sr.photo.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(photo.read()), save=False)
        sr.save(update_fields=["photo"])
    Transition.objects.create(
        request=sr,
        from_status="",
        to_status=Status.ACCEPTED,
        by=user,
        by_label=_label(actor),
        at=now,
        note=_("受理（%(channel)s）。%(reason)s") % {"channel": Channel(channel).label, "reason": r.reason},
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=sr,
        community=community,
        summary=_("受理诉求%(no)s：%(cat)s") % {"no": sr.number, "cat": category.name},
        detail={"channel": channel, "duty": r.duty, "category": category.code},
    )
    if notify:
        notifications.tell_reporters(sr, "accepted")
    return sr


# --- dispatch: to the community, or whistle departments -------------------------------------------
@transaction.atomic
def request_dispatch(
    *, actor: Any, request: ServiceRequest, grid: Any = None, note: str = ""
) -> ServiceRequest:
    """派单 to the community itself (its grid): a community duty."""
    _check(actor, request, "dispatch")
    if request.community is None:
        raise CaseError(_("请先确定诉求所属社区，再派单。"))
    if grid is not None and grid.community_id != request.community_id:
        raise CaseError(_("网格%(grid)s不属于%(c)s。") % {"grid": grid, "c": request.community})
    now = clock.now()
    request.duty = Duty.COMMUNITY
    request.grid = grid or request.grid
    request.lead_department = None
    request.response_due_at = deadlines.community_response_due(now)
    _move(
        request,
        Status.DISPATCHED,
        actor=actor,
        at=now,
        note=note or _("派至%(c)s办理。") % {"c": request.grid or request.community},
        fields=("duty", "grid", "lead_department", "response_due_at"),
    )
    burden.request_to_community(request, actor=actor)
    notifications.tell_community(request, "dispatched")
    return request


@transaction.atomic
def request_locate(
    *, actor: Any, request: ServiceRequest, community: Any, grid: Any = None
) -> ServiceRequest:
    """District fallback: say which community a request belongs to (then route again)."""
    _check(actor, request, "dispatch")
    if community.street.district_id != request.district_id:
        raise CaseError(_("%(c)s不在本区。") % {"c": community})
    old_community_id = request.community_id
    request.community = community
    request.grid = grid
    r = route(request.category, district=request.district, community=community)
    request.duty = r.duty
    request.route_reason = r.reason[:500]
    request.save(update_fields=["community", "grid", "duty", "route_reason"])
    rollup.touch(request, old_community_id=old_community_id)
    _note(request, actor=actor, note=_("确定所属社区：%(c)s。%(r)s") % {"c": community, "r": r.reason})
    return request


@transaction.atomic
def request_whistle(
    *, actor: Any, request: ServiceRequest, departments: list[Any], hard: bool | None = None, note: str = ""
) -> list[Whistle]:
    """吹哨: summon departments. The first department whistled leads (首接负责); the others assist."""
    _check(actor, request, "dispatch")
    if not departments:
        raise CaseError(_("请选择要吹哨的部门。"))
    if request.status not in OPEN_STATUSES:
        raise CaseError(_("诉求%(no)s已办结，不能再吹哨；如未解决请先重办。") % {"no": request.number})
    for d in departments:
        if d.district_id != request.district_id:
            raise CaseError(_("%(d)s不属于本区。") % {"d": d})
    held = set(request.whistles.values_list("department_id", flat=True))
    fresh = [d for d in departments if d.pk not in held]
    if not fresh:
        raise CaseError(_("已向所选部门吹哨，无需重复。"))
    now = clock.now()
    hard = request.category.hard if hard is None else hard
    sign, contact, onsite = deadlines.whistle_dues(now, hard=hard)
    has_lead = request.whistles.filter(lead=True).exclude(status=WhistleStatus.RETURNED).exists()
    made = []
    for i, dept in enumerate(fresh):
        made.append(
            Whistle.objects.create(
                request=request,
                department=dept,
                lead=not has_lead and i == 0,
                hard=hard,
                note=note[:500],
                whistled_by=_user(actor),
                whistled_at=now,
                sign_due=sign,
                contact_due=contact,
                onsite_due=onsite,
            )
        )
    lead = next((w for w in made if w.lead), None)
    request.duty = Duty.DEPARTMENT
    fields = ["duty"]
    if lead is not None:
        request.lead_department = lead.department
        request.response_due_at = sign
        fields += ["lead_department", "response_due_at"]
    names = "、".join(d.name for d in fresh)
    text = _("吹哨%(names)s报到：%(sign)s前签收，%(contact)s前联系，%(onsite)s前到场。") % {
        "names": names,
        "sign": f"{timezone.localtime(sign):%m-%d %H:%M}",
        "contact": f"{timezone.localtime(contact):%m-%d %H:%M}",
        "onsite": f"{timezone.localtime(onsite):%m-%d %H:%M}",
    }
    if note:
        text += " " + note
    if request.status == Status.ACCEPTED or (request.status == Status.DISPATCHED and lead is not None):
        _move(request, Status.DISPATCHED, actor=actor, at=now, note=text, fields=tuple(fields))
    else:
        request.save(update_fields=fields)
        _note(request, actor=actor, note=text, public=True, at=now)
    for w in made:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=w,
            community=request.community,
            summary=_("诉求%(no)s吹哨%(d)s") % {"no": request.number, "d": w.department},
        )
        burden.whistle_blown(w, actor=actor)
        notifications.tell_department(w, "whistled")
    return made


def _whistle_for(actor: Any, whistle: Whistle) -> ServiceRequest:
    sr = whistle.request
    if not (
        getattr(actor, "is_superuser", False)
        or getattr(actor, "department_id", None) == whistle.department_id
    ):
        raise NotAllowed(_("只有被吹哨的部门才能签收和报到。"))
    if whistle.status in (WhistleStatus.RETURNED, WhistleStatus.DONE):
        raise CaseError(_("该吹哨已%(s)s。") % {"s": WhistleStatus(whistle.status).label})
    return sr


@transaction.atomic
def whistle_sign(*, actor: Any, whistle: Whistle) -> Whistle:
    """签收 (within 1 h by default). The lead's signature starts the handling (办理)."""
    sr = _whistle_for(actor, whistle)
    if whistle.signed_at:
        raise CaseError(_("已签收，无需重复。"))
    now = clock.now()
    whistle.signed_at = now
    whistle.status = WhistleStatus.SIGNED
    whistle.save(update_fields=["signed_at", "status"])
    text = _("%(d)s签收%(late)s。") % {
        "d": whistle.department,
        "late": _("（超时）") if now > whistle.sign_due else "",
    }
    if whistle.lead and sr.status == Status.DISPATCHED:
        sr.responded_at = sr.responded_at or now
        _move(sr, Status.HANDLING, actor=actor, at=now, note=text, fields=("responded_at",))
    else:
        _note(sr, actor=actor, note=text, public=True, at=now)
    return whistle


@transaction.atomic
def whistle_contact(*, actor: Any, whistle: Whistle, note: str = "") -> Whistle:
    sr = _whistle_for(actor, whistle)
    if not whistle.signed_at:
        raise CaseError(_("请先签收，再联系诉求人。"))
    if whistle.contacted_at:
        raise CaseError(_("已记录联系，无需重复。"))
    whistle.contacted_at = clock.now()
    whistle.status = WhistleStatus.CONTACTED
    whistle.save(update_fields=["contacted_at", "status"])
    _note(sr, actor=actor, note=_("%(d)s已联系诉求人。%(n)s") % {"d": whistle.department, "n": note})
    return whistle


@transaction.atomic
def whistle_on_site(*, actor: Any, whistle: Whistle, note: str = "") -> Whistle:
    """报到: the department is on site."""
    sr = _whistle_for(actor, whistle)
    if not whistle.signed_at:
        raise CaseError(_("请先签收，再报到。"))
    if whistle.onsite_at:
        raise CaseError(_("已报到，无需重复。"))
    now = clock.now()
    whistle.onsite_at = now
    whistle.contacted_at = whistle.contacted_at or now
    whistle.status = WhistleStatus.ON_SITE
    whistle.save(update_fields=["onsite_at", "contacted_at", "status"])
    _note(
        sr,
        actor=actor,
        public=True,
        at=now,
        note=_("%(d)s到场报到%(late)s。%(n)s")
        % {
            "d": whistle.department,
            "late": _("（超时）") if now > whistle.onsite_due else "",
            "n": note,
        },
    )
    return whistle


@transaction.atomic
def whistle_return(*, actor: Any, whistle: Whistle, reason: str) -> Whistle:
    """The department says it is not its matter. The request goes back for re-dispatch; when the
    catalog says it *is* a department's matter, the push-down lands in the burden ledger."""
    sr = _whistle_for(actor, whistle)
    reason = (reason or "").strip()
    if not reason:
        raise CaseError(_("退回必须说明理由（依据哪条职责清单）。"))
    whistle.status = WhistleStatus.RETURNED
    whistle.return_reason = reason[:500]
    whistle.save(update_fields=["status", "return_reason"])
    fields: tuple[str, ...] = ()
    if whistle.lead:
        whistle.lead = False
        whistle.save(update_fields=["lead"])
        sr.lead_department = None
        fields = ("lead_department",)
    text = _("%(d)s退回：%(r)s") % {"d": whistle.department, "r": reason}
    if whistle.request.status in (Status.HANDLING, Status.SUPERVISED) and fields:
        _move(sr, Status.DISPATCHED, actor=actor, note=text, fields=fields)
    else:
        if fields:
            sr.save(update_fields=list(fields))
        _note(sr, actor=actor, note=text, public=False)
    burden.whistle_returned(whistle, actor=actor)
    notifications.tell_community(sr, "returned")
    return whistle


@transaction.atomic
def whistle_rate(*, actor: Any, whistle: Whistle, score: int, comment: str = "") -> Whistle:
    """The community rates the department on every whistle (1–5), once, after it reported in."""
    sr = whistle.request
    _check(actor, sr, "rate_whistle")
    if whistle.score is not None:
        raise CaseError(_("已评价过该部门。"))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise CaseError(_("评分应为1到5之间的整数。"))
    if whistle.status == WhistleStatus.WHISTLED:
        raise CaseError(_("部门尚未签收，签收或办结后再评价。"))
    whistle.score = score
    whistle.score_comment = (comment or "")[:500]
    whistle.rated_by = _user(actor)
    whistle.save(update_fields=["score", "score_comment", "rated_by"])
    audit_record(
        actor=actor,
        action=AuditAction.REVIEW,
        obj=whistle,
        community=sr.community,
        summary=_("社区评价%(d)s：%(s)s分") % {"d": whistle.department, "s": score},
    )
    return whistle


# --- handling ------------------------------------------------------------------------------------
@transaction.atomic
def request_start(*, actor: Any, request: ServiceRequest, note: str = "") -> ServiceRequest:
    """The community (or the lead department) starts handling: the reporter has been responded to."""
    _check(actor, request, "handle")
    request.responded_at = request.responded_at or clock.now()
    _move(request, Status.HANDLING, actor=actor, note=note or _("开始办理。"), fields=("responded_at",))
    return request


@transaction.atomic
def request_reply(*, actor: Any, request: ServiceRequest, reply: str) -> ServiceRequest:
    """回复: what was done. The request is not closed until someone verifies it."""
    _check(actor, request, "handle")
    reply = (reply or "").strip()
    if not reply:
        raise CaseError(_("请填写办理结果。"))
    now = clock.now()
    request.reply = reply[:4000]
    request.replied_at = now
    request.responded_at = request.responded_at or now
    _move(
        request,
        Status.REPLIED,
        actor=actor,
        at=now,
        note=reply,
        fields=("reply", "replied_at", "responded_at"),
    )
    request.whistles.filter(lead=True).exclude(status=WhistleStatus.RETURNED).update(
        status=WhistleStatus.DONE, done_at=now
    )
    notifications.tell_reporters(request, "replied")
    return request


def _is_reporter(actor: Any, request: ServiceRequest, token: str) -> bool:
    if token and token == request.token:
        return True
    return bool(_user(actor) is not None and request.reporter_id == actor.pk)


@transaction.atomic
def request_verify(
    *, actor: Any, request: ServiceRequest, solved: bool, note: str = "", token: str = ""
) -> ServiceRequest:
    """Verify before closing: the reporter confirms (signed in or by their link), or the grid
    worker/community staff verifies on site. Not solved → back to handling (返工)."""
    if _is_reporter(actor, request, token):
        method = Verification.REPORTER
    else:
        _check(actor, request, "verify")
        method = Verification.GRID
    if request.status != Status.REPLIED:
        raise CaseError(_("诉求%(no)s尚未回复办理结果，不能核实办结。") % {"no": request.number})
    now = clock.now()
    who = Verification(method).label
    if not solved:
        request.rework_count += 1
        _move(
            request,
            Status.HANDLING,
            actor=actor,
            at=now,
            note=_("%(who)s：未解决，退回重办。%(n)s") % {"who": who, "n": note},
            fields=("rework_count",),
        )
        notifications.tell_handlers(request, "rework")
        return request
    request.solved = True
    request.verification = method
    request.verified_by = _user(actor)
    request.closed_at = now
    request.closed_on_time = now <= request.due_at
    _move(
        request,
        Status.CLOSED,
        actor=actor,
        at=now,
        note=_("%(who)s：已解决，办结。%(n)s") % {"who": who, "n": note},
        fields=("solved", "verification", "verified_by", "closed_at", "closed_on_time"),
    )
    notifications.tell_reporters(request, "closed")
    return request


@transaction.atomic
def request_visit(*, actor: Any, request: ServiceRequest, note: str) -> ServiceRequest:
    """回访: the community calls the reporter back after closing."""
    _check(actor, request, "visit")
    _move(request, Status.VISITED, actor=actor, note=note or _("已回访。"))
    return request


@transaction.atomic
def request_rate(
    *, actor: Any, request: ServiceRequest, satisfaction: str, comment: str = "", token: str = ""
) -> ServiceRequest:
    """评价 by the reporter (or recorded by the community during the 回访 call)."""
    if not _is_reporter(actor, request, token):
        _check(actor, request, "visit")
    if satisfaction not in Satisfaction.values:
        raise CaseError(_("请选择满意、基本满意或不满意。"))
    if request.status not in (Status.CLOSED, Status.VISITED):
        raise CaseError(_("诉求办结后才能评价。"))
    request.satisfaction = satisfaction
    request.rating_comment = (comment or "")[:500]
    request.rated_at = clock.now()
    _move(
        request,
        Status.RATED,
        actor=actor,
        note=_("评价：%(s)s。%(c)s") % {"s": Satisfaction(satisfaction).label, "c": comment},
        fields=("satisfaction", "rating_comment", "rated_at"),
    )
    return request


@transaction.atomic
def request_reopen(*, actor: Any, request: ServiceRequest, reason: str, token: str = "") -> ServiceRequest:
    """Reopen a closed request: it was not really fixed. Counts as rework (返工率)."""
    if not _is_reporter(actor, request, token):
        _check(actor, request, "reopen")
    if request.status not in DONE_STATUSES:
        raise CaseError(_("只有已办结的诉求可以重办。"))
    if not (reason or "").strip():
        raise CaseError(_("请说明重办原因。"))
    request.reopen_count += 1
    request.solved = None
    request.closed_at = None
    request.closed_on_time = None
    request.satisfaction = ""
    _move(
        request,
        Status.HANDLING,
        actor=actor,
        note=_("重办：%(r)s") % {"r": reason},
        fields=("reopen_count", "solved", "closed_at", "closed_on_time", "satisfaction"),
    )
    notifications.tell_handlers(request, "reopened")
    return request


@transaction.atomic
def request_supervise(*, actor: Any, request: ServiceRequest, level: str, reason: str) -> ServiceRequest:
    """督办 by the street or the district (by hand, or `request_escalate_overdue`)."""
    _check(actor, request, "supervise")
    order: list[str] = [Escalation.NONE, Escalation.STREET, Escalation.DISTRICT]
    if level not in order[1:]:
        raise CaseError(_("督办级别应为街道督办或区级督办。"))
    if order.index(level) <= order.index(request.escalation):
        raise CaseError(
            _("诉求%(no)s已在%(l)s。") % {"no": request.number, "l": Escalation(request.escalation).label}
        )
    now = clock.now()
    request.escalation = level
    request.escalated_at = now
    text = _("%(l)s：%(r)s") % {"l": Escalation(level).label, "r": reason}
    if request.status == Status.SUPERVISED:
        request.save(update_fields=["escalation", "escalated_at"])
        _note(request, actor=actor, note=text, public=True, at=now)
    else:
        _move(
            request, Status.SUPERVISED, actor=actor, at=now, note=text, fields=("escalation", "escalated_at")
        )
    notifications.tell_supervisors(request, level)
    return request


def overdue_reason(request: ServiceRequest, now: dt.datetime) -> str | None:
    """Why a request is overdue now (办结 or a whistle's report-in deadline), or None."""
    if request.due_at < now:
        return _("超过办结时限%(t)s") % {"t": f"{timezone.localtime(request.due_at):%Y-%m-%d %H:%M}"}
    for w in request.whistles.all():
        if w.status == WhistleStatus.RETURNED:
            continue
        for due, done, label in (
            (w.sign_due, w.signed_at, _("签收")),
            (w.contact_due, w.contacted_at, _("联系")),
            (w.onsite_due, w.onsite_at, _("到场报到")),
        ):
            if done is None and due < now:
                return _("%(d)s未按时%(what)s（时限%(t)s）") % {
                    "d": w.department,
                    "what": label,
                    "t": f"{timezone.localtime(due):%m-%d %H:%M}",
                }
    if request.response_due_at and request.responded_at is None and request.response_due_at < now:
        return _("超过响应时限")
    return None


def request_escalate_overdue(
    *, actor: Any, now: dt.datetime | None = None, district: Any = None
) -> dict[str, int]:
    """Missed deadlines go to the street, then (still open some working days later) the district.
    Idempotent: a request already at a level is not escalated to it again. `actor` is the named
    system actor of the job or command (`system_actor("jianfu worker: casework escalation")`), or
    an officer running it by hand; every escalation's Transition and audit row carry it."""
    require_actor(actor)
    now = now or clock.now()
    qs = ServiceRequest.objects.filter(status__in=OPEN_STATUSES).exclude(escalation=Escalation.DISTRICT)
    if district is not None:
        qs = qs.filter(district=district)
    counts = {"street": 0, "district": 0, "checked": 0}
    for sr in (
        qs.select_related("community", "district")
        .prefetch_related("whistles__department")
        .iterator(chunk_size=500)
    ):
        counts["checked"] += 1
        reason = overdue_reason(sr, now)
        if reason is None:
            continue
        if sr.escalation == Escalation.NONE:
            level = Escalation.STREET if sr.community_id else Escalation.DISTRICT
        elif deadlines.district_escalation_due(sr.escalated_at or now) <= now:
            level = Escalation.DISTRICT
            reason = _("街道督办后仍未办结：%(r)s") % {"r": reason}
        else:
            continue
        with transaction.atomic():
            locked = ServiceRequest.objects.select_for_update().get(pk=sr.pk)
            if locked.escalation != sr.escalation or locked.status not in OPEN_STATUSES:
                continue
            request_supervise(actor=actor, request=locked, level=level, reason=reason)
        counts[level] += 1
    return counts


# --- duplicates ---------------------------------------------------------------------------------
@transaction.atomic
def request_merge(*, actor: Any, request: ServiceRequest, into: ServiceRequest) -> ServiceRequest:
    """Merge a duplicate into the original. Its reporter keeps being told about the original."""
    _check(actor, request, "merge")
    if into.pk == request.pk:
        raise CaseError(_("不能与自身合并。"))
    if into.duplicate_of is not None:
        into = into.duplicate_of
    if into.district_id != request.district_id:
        raise CaseError(_("只能合并同一区的诉求。"))
    request.duplicate_of = into
    _move(
        request,
        Status.MERGED,
        actor=actor,
        fields=("duplicate_of",),
        note=_("与诉求%(no)s重复，已合并，办理进展将同步告知。") % {"no": into.number},
    )
    _note(into, actor=actor, note=_("合并重复诉求%(no)s。") % {"no": request.number})
    notifications.tell_reporters(request, "merged", extra={"original": into.number})
    return request


@transaction.atomic
def request_comment(*, actor: Any, request: ServiceRequest, text: str, public: bool = True) -> None:
    """A note on the request without a status change (a reporter's addition, a handler's progress)."""
    text = (text or "").strip()
    if not text:
        raise CaseError(_("请填写内容。"))
    if request.status == Status.MERGED:
        original = request.duplicate_of.number if request.duplicate_of else ""
        raise CaseError(_("该诉求已合并到%(no)s，请在原诉求上留言。") % {"no": original})
    _note(request, actor=actor, note=text[:2000], public=public)


# --- privacy ------------------------------------------------------------------------------------
@transaction.atomic
def reporter_reveal(*, actor: Any, request: ServiceRequest, purpose: str) -> dict[str, str]:
    """The reporter's contact in clear, for someone who must act on it; audited."""
    _check(actor, request, "reveal")
    purpose = (purpose or "").strip()
    if not purpose:
        raise CaseError(_("请说明查看诉求人联系方式的用途。"))
    audit_record(
        actor=actor,
        action=AuditAction.REVEAL,
        obj=request,
        community=request.community,
        purpose=purpose[:300],
        summary=_("查看诉求%(no)s诉求人联系方式") % {"no": request.number},
    )
    return {"name": request.reporter_name, "phone": request.reporter_phone, "email": request.reporter_email}
