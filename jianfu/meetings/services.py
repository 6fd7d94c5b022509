"""Writes of the meetings-and-documents intake: check (no write), submit, withdraw, caps, form catalog.

Every write is atomic and audited; an admitted notice becomes one burden entry per target community
(jianfu.burden.services.burden_entry_record, hours by the Standard Cost Model: minutes per unit from
`unit_minutes(MEETING|DOCUMENT)` × attendees), and a withdrawn one counts as avoided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entries_withdraw, burden_entry_record
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import actor_label, signed_in_user
from jianfu.core.services import audit_record
from jianfu.meetings import permissions, rules
from jianfu.meetings.choices import (
    ALERT_TRANSITIONS,
    TRANSITIONS,
    AlertStatus,
    DocumentScope,
    MeetingMode,
    NoticeKind,
    NoticeStatus,
)
from jianfu.meetings.models import (
    TEXT_MAX,
    TITLE_MAX,
    AlertTransition,
    CountAlert,
    FormCatalogEntry,
    IntakeRules,
    Notice,
    NoticeTarget,
    NoticeTransition,
)

MAX_ATTENDEES = 50
MAX_MINUTES = 7 * 24 * 60
MAX_ATTACHMENTS = 50


def limits_for(district: Any) -> rules.Limits:
    row = IntakeRules.objects.filter(district=district).first() if district is not None else None
    if row is None:
        return rules.DEFAULT_LIMITS
    return rules.Limits(
        meeting_max_minutes=row.meeting_max_minutes,
        comprehensive_max_chars=row.comprehensive_max_chars,
        special_max_chars=row.special_max_chars,
    )


def form_catalog(*, district: Any, year: int) -> list[tuple[str, list[str]]]:
    rows = FormCatalogEntry.objects.filter(district=district, year=year).values_list("name", "aliases")
    return [(name, list(aliases or [])) for name, aliases in rows]


# ---------------------------------------------------------------------------------------------
# Validation


def _text(value: Any, *, field: str, label: str, required: bool, limit: int) -> str:
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s不能为空，请填写。") % {"label": label}})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("%(label)s过长：%(n)s个字符，最多%(limit)s个。")
                % {"label": label, "n": f"{len(text):,}", "limit": f"{limit:,}"}
            }
        )
    return text


def _int(value: Any, *, field: str, label: str, low: int, high: int) -> int:
    try:
        number = int(str(value if value not in (None, "") else 0).strip())
    except ValueError:
        raise ValidationError(
            {field: _("%(label)s应为整数（收到%(v)s）。") % {"label": label, "v": value}}
        ) from None
    if not low <= number <= high:
        raise ValidationError(
            {
                field: _("%(label)s应在%(low)s到%(high)s之间（收到%(v)s）。")
                % {"label": label, "low": low, "high": high, "v": number}
            }
        )
    return number


def _choice(value: Any, *, field: str, label: str, choices: Any, blank: bool) -> str:
    value = (value or "").strip()
    if blank and not value:
        return ""
    if value not in choices.values:
        raise ValidationError(
            {
                field: _("%(label)s「%(v)s」无效，可选：%(choices)s。")
                % {"label": label, "v": value, "choices": "、".join(choices.values)}
            }
        )
    return value


def _attachments(values: Iterable[Any]) -> tuple[str, ...]:
    names = [str(v).replace("\x00", "").strip() for v in values or []]
    names = [n[:200] for n in names if n]
    if len(names) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("附件最多%(n)s个。") % {"n": MAX_ATTACHMENTS}})
    return tuple(dict.fromkeys(names))


def _meeting_input(data: dict[str, Any]) -> rules.MeetingInput:
    return rules.MeetingInput(
        title=_text(data.get("title"), field="title", label=_("标题"), required=True, limit=TITLE_MAX),
        text=_text(data.get("text"), field="text", label=_("正文"), required=False, limit=TEXT_MAX),
        heads=bool(data.get("heads")),
        heads_have_agenda=bool(data.get("heads_have_agenda")),
        minutes=_int(data.get("minutes"), field="minutes", label=_("会议时长"), low=0, high=MAX_MINUTES),
        mode=_choice(data.get("mode"), field="mode", label=_("形式"), choices=MeetingMode, blank=True),
        in_person_reason=_text(
            data.get("in_person_reason"),
            field="in_person_reason",
            label=_("线下理由"),
            required=False,
            limit=300,
        ),
        approved_by=_text(
            data.get("approved_by"), field="approved_by", label=_("批准机关"), required=False, limit=100
        ),
        approval_ref=_text(
            data.get("approval_ref"), field="approval_ref", label=_("批准文号"), required=False, limit=100
        ),
    )


def _document_input(data: dict[str, Any]) -> rules.DocumentInput:
    return rules.DocumentInput(
        title=_text(data.get("title"), field="title", label=_("标题"), required=True, limit=TITLE_MAX),
        text=_text(data.get("text"), field="text", label=_("正文"), required=False, limit=TEXT_MAX),
        scope=_choice(
            data.get("scope") or DocumentScope.SPECIAL,
            field="scope",
            label=_("文件类别"),
            choices=DocumentScope,
            blank=False,
        ),
        length=_int(data.get("length"), field="length", label=_("字数"), low=0, high=10_000_000),
        attachments=_attachments(data.get("attachments") or ()),
    )


def _check_kind(kind: Any) -> str:
    return _choice(kind, field="kind", label=_("类型"), choices=NoticeKind, blank=False)


# ---------------------------------------------------------------------------------------------
# Check (nothing written)


def notice_check(
    *, actor: Any, kind: str, district: Any, year: int | None = None, **data: Any
) -> rules.Result:
    """What the rules say about a notice; `district` picks the caps and the form catalog."""
    permissions.require_check(actor)
    kind = _check_kind(kind)
    limits = limits_for(district)
    if kind == NoticeKind.MEETING:
        return rules.check_meeting(_meeting_input(data), limits)
    year = year or timezone.localdate().year
    catalog = form_catalog(district=district, year=year) if district is not None else []
    return rules.check_document(_document_input(data), catalog, limits)


# ---------------------------------------------------------------------------------------------
# Submission


def _reach(department: Any):
    from jianfu.orgs.models import Community

    if department.street_id:
        return Community.objects.filter(street_id=department.street_id)
    return Community.objects.filter(street__district_id=department.district_id)


def _targets(department: Any, communities: Iterable[Any]) -> list[Any]:
    wanted = list(dict.fromkeys(communities))
    if not wanted:
        raise ValidationError({"communities": _("请至少选择一个对象社区。")})
    allowed = set(_reach(department).filter(pk__in=[c.pk for c in wanted]).values_list("pk", flat=True))
    outside = [c for c in wanted if c.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "communities": _("%(dept)s的辖区不含这些社区：%(names)s。请只选择本单位辖区内的社区。")
                % {"dept": department.name, "names": "、".join(f"{c.name}（{c.code}）" for c in outside)}
            }
        )
    return wanted


def _transition(notice: Notice, to: str, *, actor: Any, reason: str = "", initial: bool = False) -> None:
    frm = "" if initial else notice.status
    if not initial and to not in TRANSITIONS.get(notice.status, frozenset()):
        raise ValidationError(
            _("当前状态为「%(frm)s」，不能变更为「%(to)s」。")
            % {"frm": NoticeStatus(notice.status).label, "to": NoticeStatus(to).label}
        )
    notice.status = to
    NoticeTransition.objects.create(
        notice=notice,
        from_status=frm,
        to_status=to,
        by=signed_in_user(actor),
        by_label=actor_label(actor)[:160],
        reason=reason,
    )


def department_communities(department: Any):
    """The communities a department (or street) may send notices to."""
    return _reach(department)


@transaction.atomic
def notice_submit(
    *,
    actor: Any,
    kind: str,
    department: Any,
    communities: Iterable[Any],
    date: dt.date,
    title: str,
    text: str = "",
    attendees_per_community: int = 1,
    **data: Any,
) -> Notice:
    """Register a meeting notice or document aimed at communities: checked, admitted or refused with
    the rule cited; an admitted one lands in the burden ledger of every target community."""
    permissions.require_submit(actor)
    if not permissions.may_submit_for(actor, department):
        raise ValidationError(
            {
                "department": _("不能以%(dept)s的名义登记：只能登记本单位（或本辖区）的会议和文件。")
                % {"dept": department}
            }
        )
    kind = _check_kind(kind)
    if not isinstance(date, dt.date):
        raise ValidationError({"date": _("日期无效：%(v)s。请用 YYYY-MM-DD。") % {"v": date}})
    targets = _targets(department, communities)
    attendees = _int(
        attendees_per_community,
        field="attendees_per_community",
        label=_("每个社区参会人数"),
        low=1,
        high=MAX_ATTENDEES,
    )
    result = notice_check(
        actor=actor, kind=kind, district=department.district, year=date.year, title=title, text=text, **data
    )
    fields: dict[str, Any] = {}
    if kind == NoticeKind.MEETING:
        meeting = _meeting_input({"title": title, "text": text, **data})
        fields = {
            "heads": meeting.heads or bool(result.detected.get("heads")),
            "heads_have_agenda": meeting.heads_have_agenda,
            "attendees_per_community": attendees,
            "minutes": int(result.detected.get("minutes") or 0),
            "mode": result.detected.get("mode", ""),
            "in_person_reason": meeting.in_person_reason,
            "approved_by": result.detected.get("approved_by", ""),
            "approval_ref": meeting.approval_ref,
        }
        title, text = meeting.title, meeting.text
    else:
        document = _document_input({"title": title, "text": text, **data})
        fields = {
            "scope": document.scope,
            "length": int(result.detected.get("length") or 0),
            "attachments": list(result.detected.get("attachments") or []),
        }
        title, text = document.title, document.text
    status = NoticeStatus.ADMITTED if result.admitted else NoticeStatus.REFUSED
    notice = Notice.objects.create(
        kind=kind,
        department=department,
        title=title,
        text=text,
        date=date,
        year=date.year,
        status=status,
        violations=result.violations,
        warnings=result.warnings,
        reasons=result.reasons(),
        detected=result.detected,
        created_by=signed_in_user(actor),
        **fields,
    )
    NoticeTarget.objects.bulk_create([NoticeTarget(notice=notice, community=c) for c in targets])
    _transition(notice, status, actor=actor, reason="；".join(result.reasons()), initial=True)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=notice,
        summary=_("%(kind)s「%(title)s」：%(status)s")
        % {"kind": notice.get_kind_display(), "title": notice.title, "status": notice.get_status_display()},
        detail={"violations": result.violations, "warnings": result.warnings, "communities": len(targets)},
    )
    if status == NoticeStatus.ADMITTED:
        notice.hours = _record_burden(notice, targets, actor=actor)
        notice.save(update_fields=["hours"])
        if kind == NoticeKind.DOCUMENT:
            _count_alert(notice.department, notice.year, actor=actor)
    return notice


def _record_burden(notice: Notice, targets: Sequence[Any], *, actor: Any) -> Decimal:
    kind = EntryKind.MEETING if notice.kind == NoticeKind.MEETING else EntryKind.DOCUMENT
    on = min(notice.date, timezone.localdate())
    people = notice.attendees_per_community if notice.kind == NoticeKind.MEETING else 1
    total = Decimal(0)
    for community in targets:
        entry = burden_entry_record(
            community=community,
            kind=kind,
            title=notice.title,
            occurred_on=on,
            department=notice.department,
            people=people,
            source_ref=notice.source_ref,
            actor=actor,
        )
        total += entry.hours
    return total


def document_counts(*, departments: Any, year: int) -> dict[int, tuple[int, int]]:
    """department id → (admitted documents this year, last year)."""
    rows = (
        Notice.objects.filter(
            kind=NoticeKind.DOCUMENT,
            status=NoticeStatus.ADMITTED,
            year__in=(year, year - 1),
            department__in=departments,
        )
        .values("department_id")
        .annotate(now=Count("id", filter=Q(year=year)), before=Count("id", filter=Q(year=year - 1)))
    )
    return {r["department_id"]: (r["now"], r["before"]) for r in rows}


def _count_alert(department: Any, year: int, *, actor: Any) -> CountAlert | None:
    """Raise (or update) the department's alert once its documents this year outgrow last year's.

    An alert already explained (or accepted) for fewer documents than there are now is reopened: the
    department explains the new ones too."""
    now, before = document_counts(departments=[department.pk], year=year).get(department.pk, (0, 0))
    in_use = Notice.objects.filter(
        kind=NoticeKind.DOCUMENT, year=year - 1, department__district_id=department.district_id
    ).exists()
    if not in_use or now <= before:
        return None
    alert, created = CountAlert.objects.select_for_update().get_or_create(
        department=department, year=year, defaults={"count": now, "previous": before}
    )
    if created:
        _alert_transition(alert, AlertStatus.OPEN, actor=actor, initial=True, reason=_("本年发文数超过上年"))
        return alert
    alert.count, alert.previous = now, before
    fields = ["count", "previous", "updated_at"]
    if alert.status in (AlertStatus.EXPLAINED, AlertStatus.ACCEPTED) and now > alert.explained_count:
        _alert_transition(
            alert,
            AlertStatus.OPEN,
            actor=actor,
            reason=_("说明时发文%(then)s件，现已%(now)s件：请对新增的文件一并说明。")
            % {"then": alert.explained_count, "now": now},
        )
        fields.append("status")
    alert.save(update_fields=fields)
    return alert


def _alert_transition(
    alert: CountAlert, to: str, *, actor: Any, reason: str = "", initial: bool = False
) -> None:
    frm = "" if initial else alert.status
    if not initial and to not in ALERT_TRANSITIONS.get(alert.status, frozenset()):
        raise ValidationError(
            _("当前状态为「%(frm)s」，不能变更为「%(to)s」。")
            % {"frm": AlertStatus(alert.status).label, "to": AlertStatus(to).label}
        )
    alert.status = to
    AlertTransition.objects.create(
        alert=alert,
        from_status=frm,
        to_status=to,
        by=signed_in_user(actor),
        by_label=actor_label(actor)[:160],
        reason=reason,
    )


@transaction.atomic
def notice_withdraw(*, actor: Any, notice: Notice, reason: str) -> Notice:
    """The organiser cancels an admitted notice: its burden entries count as avoided."""
    permissions.require_withdraw(actor, notice)
    reason = _text(reason, field="reason", label=_("撤回理由"), required=True, limit=2000)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    _transition(notice, NoticeStatus.WITHDRAWN, actor=actor, reason=reason)
    notice.save(update_fields=["status"])
    burden_entries_withdraw(actor=actor, source_ref=notice.source_ref, reason=reason)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=notice,
        summary=_("撤回%(kind)s「%(title)s」") % {"kind": notice.get_kind_display(), "title": notice.title},
        detail={"reason": reason},
    )
    return notice


# ---------------------------------------------------------------------------------------------
# Caps and the form catalog


@transaction.atomic
def intake_rules_set(
    *,
    actor: Any,
    district: Any,
    meeting_max_minutes: int,
    comprehensive_max_chars: int,
    special_max_chars: int,
) -> IntakeRules:
    permissions.require_manage(actor, district)
    values = {
        "meeting_max_minutes": _int(
            meeting_max_minutes, field="meeting_max_minutes", label=_("会议时长上限"), low=15, high=2160
        ),
        "comprehensive_max_chars": _int(
            comprehensive_max_chars,
            field="comprehensive_max_chars",
            label=_("综合性文件字数上限"),
            low=500,
            high=100_000,
        ),
        "special_max_chars": _int(
            special_max_chars, field="special_max_chars", label=_("专项文件字数上限"), low=500, high=100_000
        ),
    }
    row, _created = IntakeRules.objects.select_for_update().get_or_create(district=district, defaults=values)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_by = signed_in_user(actor)
    row.save(update_fields=[*values, "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=row,
        summary=_("会议文件准入规则：%(v)s") % {"v": values},
        detail={k: v for k, v in values.items()},
    )
    return row


@transaction.atomic
def form_entry_add(
    *, actor: Any, district: Any, year: int, name: str, aliases: Sequence[str] = (), department: Any = None
) -> FormCatalogEntry:
    """Put a form in the district's catalog for a year (the 减负办's 一事一报 approval)."""
    permissions.require_manage(actor, district)
    name = _text(name, field="name", label=_("报表名称"), required=True, limit=200)
    year = _int(year, field="year", label=_("年度"), low=2000, high=2100)
    clean_aliases = [str(a).strip()[:200] for a in aliases if str(a).strip()]
    if department is not None and department.district_id != district.pk:
        raise ValidationError({"department": _("%(dept)s不属于本区。") % {"dept": department}})
    if FormCatalogEntry.objects.filter(district=district, year=year, name=name).exists():
        raise ValidationError(
            {"name": _("%(year)s年目录中已有「%(name)s」。") % {"year": year, "name": name}}
        )
    entry = FormCatalogEntry.objects.create(
        district=district, year=year, name=name, aliases=clean_aliases, department=department
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=entry,
        summary=_("报表目录新增：%(year)s「%(name)s」") % {"year": year, "name": name},
    )
    return entry


@transaction.atomic
def count_alert_explain(*, actor: Any, alert: CountAlert, explanation: str) -> CountAlert:
    """The department answers why its documents to communities grew (the rules: the count must not
    grow; a rise is explained to the 减负办, who accepts the reason or not)."""
    permissions.require_explain(actor, alert)
    alert = CountAlert.objects.select_for_update().select_related("department").get(pk=alert.pk)
    explanation = _text(explanation, field="explanation", label=_("说明"), required=True, limit=2000)
    if len(explanation) < 10:
        raise ValidationError(
            {"explanation": _("说明太短：请写明新增的文件是哪些、为什么不能合并或以会代文（至少10个字）。")}
        )
    _alert_transition(alert, AlertStatus.EXPLAINED, actor=actor, reason=explanation)
    alert.explanation = explanation
    alert.explained_count = alert.count
    alert.explained_by = signed_in_user(actor)
    alert.explained_at = timezone.now()
    alert.save(
        update_fields=[
            "explanation",
            "explained_count",
            "explained_by",
            "explained_at",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=alert,
        summary=_("发文数量增长说明：%(dept)s %(year)s") % {"dept": alert.department, "year": alert.year},
        detail={"count": alert.count, "previous": alert.previous},
    )
    return alert


@transaction.atomic
def count_alert_review(*, actor: Any, alert: CountAlert, accept: bool, reason: str) -> CountAlert:
    """The 减负办 accepts the department's explanation, or rejects it (the department explains again)."""
    permissions.require_review(actor, alert)
    alert = CountAlert.objects.select_for_update().select_related("department").get(pk=alert.pk)
    reason = _text(reason, field="reason", label=_("审核意见"), required=True, limit=2000)
    to = AlertStatus.ACCEPTED if accept else AlertStatus.REJECTED
    _alert_transition(alert, to, actor=actor, reason=reason)
    alert.review_reason = reason
    alert.reviewed_by = signed_in_user(actor)
    alert.reviewed_at = timezone.now()
    alert.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=alert,
        summary=_("发文数量增长说明%(s)s：%(dept)s %(year)s")
        % {"s": _("已采纳") if accept else _("未采纳"), "dept": alert.department, "year": alert.year},
        detail={"reason": reason},
    )
    return alert
