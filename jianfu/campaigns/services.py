"""Writes: campaigns (register → approve/refuse against the caps → end), signboards (register or
inventory → approve → removal ordered → removed), secondments (record, always flagged → returned).

Every write is atomic, audited and records its transition. In the same transaction the burden ledger
gets (Standard Cost Model, hours estimated, never tracked): a signboard hung (EntryKind.SIGNBOARD, per
board); an approved campaign, per target community (EntryKind.CAMPAIGN, per demand it names:
`estimate.asks`); a secondment from a community (EntryKind.SECONDMENT, per working day away: the
days up to the recording, then the rest when the staff member returns). A secondment from a street
has no community to charge and lands in no community's ledger (it is still counted and flagged).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entry_record
from jianfu.campaigns import estimate, permissions
from jianfu.campaigns.choices import (
    CAMPAIGN_TRANSITIONS,
    SIGNBOARD_TRANSITIONS,
    CampaignKind,
    CampaignStatus,
    SecondmentStatus,
    SignboardStatus,
)
from jianfu.campaigns.models import Campaign, CampaignCaps, CampaignTarget, Secondment, Signboard, Transition
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import OutOfScope, actor_label, signed_in_user
from jianfu.core.services import audit_record
from jianfu.workdays.selectors import working_days_between

RULES_2024 = "《整治形式主义为基层减负若干规定》（2024）"
COUNTED = (CampaignStatus.APPROVED, CampaignStatus.ENDED)
COUNTED_BOARDS = (SignboardStatus.HUNG, SignboardStatus.REMOVAL_ORDERED)


def caps_for(district: Any) -> CampaignCaps:
    row = CampaignCaps.objects.filter(district=district).first()
    return row or CampaignCaps(district=district)


def _text(value: Any, *, field: str, label: str, required: bool, limit: int) -> str:
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s不能为空，请填写。") % {"label": label}})
    if len(text) > limit:
        raise ValidationError({field: _("%(label)s最多%(n)s个字符。") % {"label": label, "n": limit}})
    return text


def _record(obj: Any, kind: str, to: str, *, actor: Any, reason: str = "", transitions: Any = None) -> None:
    frm = obj.status if obj.pk else ""
    if frm and to not in transitions.get(frm, frozenset()):
        labels = dict(type(obj)._meta.get_field("status").choices)
        raise ValidationError(
            _("当前状态为「%(frm)s」，不能变更为「%(to)s」。") % {"frm": labels[frm], "to": labels[to]}
        )
    obj.status = to
    if obj.pk is None:
        obj.save()
    Transition.objects.create(
        object_type=kind,
        object_id=obj.pk,
        from_status=frm,
        to_status=to,
        by=signed_in_user(actor),
        by_label=actor_label(actor)[:160],
        reason=reason,
    )


def _reach(department: Any):
    from jianfu.orgs.models import Community

    if department.street_id:
        return Community.objects.filter(street_id=department.street_id)
    return Community.objects.filter(street__district_id=department.district_id)


# ---------------------------------------------------------------------------------------------
# Campaigns


def campaigns_over_cap(
    *, communities: Iterable[Any], year: int, district: Any, exclude: int | None = None
) -> list[tuple[Any, int]]:
    """(community, approved campaigns this year) for each community already at the cap."""
    cap = caps_for(district).campaigns_per_community
    ids = [c.pk for c in communities]
    rows = CampaignTarget.objects.filter(
        community_id__in=ids, campaign__year=year, campaign__status__in=COUNTED
    )
    if exclude:
        rows = rows.exclude(campaign_id=exclude)
    counts = dict(rows.values_list("community_id").annotate(n=Count("id")).values_list("community_id", "n"))
    return [(c, counts.get(c.pk, 0)) for c in communities if counts.get(c.pk, 0) >= cap]


def _cap_reason(over: list[tuple[Any, int]], cap: int) -> str:
    return _(
        "%(communities)s本年已有%(cap)s项经批准的创建示范评比活动，达到上限：%(rules)s第七部分规定创建示范和达标"
        "活动严格控制、审批、计数。请合并到已批准的活动或下一年度再申请。"
    ) % {"communities": "、".join(f"{c.name}（{n}）" for c, n in over), "cap": cap, "rules": RULES_2024}


@transaction.atomic
def campaign_register(
    *,
    actor: Any,
    department: Any,
    title: str,
    kind: str,
    communities: Iterable[Any],
    year: int | None = None,
    description: str = "",
) -> Campaign:
    """A department registers a campaign for communities: over the cap it is refused at once, citing
    the cap; otherwise it waits for the 减负办."""
    if not permissions.may_register_campaign(actor, department):
        raise OutOfScope
    title = _text(title, field="title", label=_("名称"), required=True, limit=200)
    description = _text(description, field="description", label=_("内容"), required=False, limit=5000)
    if kind not in CampaignKind.values:
        raise ValidationError(
            {"kind": _("类型「%(v)s」无效，可选：%(c)s。") % {"v": kind, "c": "、".join(CampaignKind.values)}}
        )
    year = int(year or timezone.localdate().year)
    targets = list(dict.fromkeys(communities))
    if not targets:
        raise ValidationError({"communities": _("请至少选择一个对象社区。")})
    allowed = set(_reach(department).filter(pk__in=[c.pk for c in targets]).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in targets):
        raise ValidationError({"communities": _("只能选择本单位辖区内的社区。")})
    over = campaigns_over_cap(communities=targets, year=year, district=department.district)
    campaign = Campaign(
        department=department,
        title=title,
        kind=kind,
        description=description,
        year=year,
        created_by=signed_in_user(actor),
    )
    if over:
        reason = _cap_reason(over, caps_for(department.district).campaigns_per_community)
        campaign.reasons = [reason]
        _record(campaign, "campaign", CampaignStatus.REFUSED, actor=actor, reason=reason)
    else:
        campaign.reasons = [_("未超过上限，报减负办审批。")]
        _record(campaign, "campaign", CampaignStatus.PENDING, actor=actor)
    campaign.save()
    CampaignTarget.objects.bulk_create([CampaignTarget(campaign=campaign, community=c) for c in targets])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=campaign,
        summary=_("创建示范评比「%(t)s」：%(s)s") % {"t": title, "s": campaign.get_status_display()},
    )
    return campaign


@transaction.atomic
def campaign_decide(*, actor: Any, campaign: Campaign, approve: bool, reason: str) -> Campaign:
    permissions.require_office_for(actor, Campaign.objects, campaign.pk)
    campaign = Campaign.objects.select_for_update().select_related("department__district").get(pk=campaign.pk)
    reason = _text(reason, field="reason", label=_("理由"), required=True, limit=2000)
    if approve:
        targets = [t.community for t in campaign.targets.select_related("community")]
        over = campaigns_over_cap(
            communities=targets,
            year=campaign.year,
            district=campaign.department.district,
            exclude=campaign.pk,
        )
        if over:
            raise ValidationError(
                _cap_reason(over, caps_for(campaign.department.district).campaigns_per_community)
            )
    to = CampaignStatus.APPROVED if approve else CampaignStatus.REFUSED
    _record(campaign, "campaign", to, actor=actor, reason=reason, transitions=CAMPAIGN_TRANSITIONS)
    campaign.reasons = [*campaign.reasons, reason]
    campaign.decided_at = timezone.now()
    campaign.decided_by = signed_in_user(actor)
    if approve:
        campaign.asks = estimate.asks(f"{campaign.title}\n{campaign.description}")
        campaign.hours = _campaign_burden(campaign, actor=actor)
    campaign.save(update_fields=["status", "reasons", "decided_at", "decided_by", "asks", "hours"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=campaign,
        summary=_("创建示范评比「%(t)s」：%(s)s") % {"t": campaign.title, "s": campaign.get_status_display()},
        detail={"reason": reason},
    )
    return campaign


def _campaign_burden(campaign: Campaign, *, actor: Any) -> Decimal:
    """One ledger entry per target community: what the approved campaign asks of it."""
    units = estimate.units(f"{campaign.title}\n{campaign.description}")
    total = Decimal(0)
    for target in campaign.targets.select_related("community__street").order_by("community__code"):
        entry = burden_entry_record(
            community=target.community,
            kind=EntryKind.CAMPAIGN,
            title=campaign.title,
            occurred_on=timezone.localdate(),
            department=campaign.department,
            units=units,
            source_ref=f"campaigns.campaign:{campaign.pk}",
            actor=actor,
        )
        total += entry.hours
    return total


# ---------------------------------------------------------------------------------------------
# Signboards


def _boards_this_year(community: Any, year: int) -> int:
    return Signboard.objects.filter(
        community=community, year=year, approved=True, status__in=COUNTED_BOARDS
    ).count()


@transaction.atomic
def signboard_register(
    *, actor: Any, department: Any, name: str, communities: Iterable[Any], year: int | None = None
) -> list[Signboard]:
    """A department asks to hang a signboard in communities: one pending board per community."""
    if not permissions.may_register_campaign(actor, department):
        raise OutOfScope
    name = _text(name, field="name", label=_("牌子名称"), required=True, limit=200)
    year = int(year or timezone.localdate().year)
    targets = list(dict.fromkeys(communities))
    if not targets:
        raise ValidationError({"communities": _("请至少选择一个对象社区。")})
    allowed = set(_reach(department).filter(pk__in=[c.pk for c in targets]).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in targets):
        raise ValidationError({"communities": _("只能选择本单位辖区内的社区。")})
    boards = []
    for community in targets:
        board = Signboard(
            community=community, department=department, name=name, year=year, created_by=signed_in_user(actor)
        )
        _record(board, "signboard", SignboardStatus.PENDING, actor=actor)
        boards.append(board)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=board,
            community=community,
            summary=_("挂牌申请「%(n)s」") % {"n": name},
        )
    return boards


@transaction.atomic
def signboard_inventory(
    *, actor: Any, community: Any, name: str, department: Any = None, hung_on: dt.date | None = None
) -> Signboard:
    """The community records a board already on its door (not approved: the 减负办 reviews it)."""
    permissions.require_inventory(actor, community)
    name = _text(name, field="name", label=_("牌子名称"), required=True, limit=200)
    hung_on = hung_on or timezone.localdate()
    board = Signboard(
        community=community,
        department=department,
        name=name,
        year=hung_on.year,
        hung_on=hung_on,
        approved=False,
        reasons=[_("社区盘点登记，未经减负办批准。")],
        created_by=signed_in_user(actor),
    )
    _record(board, "signboard", SignboardStatus.HUNG, actor=actor, reason=_("社区盘点登记"))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=board,
        community=community,
        summary=_("挂牌盘点「%(n)s」") % {"n": name},
    )
    return board


@transaction.atomic
def signboard_decide(*, actor: Any, board: Signboard, approve: bool, reason: str) -> Signboard:
    permissions.require_office_for(actor, Signboard.objects, board.pk)
    board = (
        Signboard.objects.select_for_update().select_related("community__street__district").get(pk=board.pk)
    )
    reason = _text(reason, field="reason", label=_("理由"), required=True, limit=2000)
    if approve:
        cap = caps_for(board.community.street.district).signboards_per_community
        if _boards_this_year(board.community, board.year) >= cap:
            raise ValidationError(
                _(
                    "%(c)s本年已新增%(cap)s块经批准的牌子，达到上限：%(rules)s第七部分规定挂牌严格控制。请不予批准。"
                )
                % {"c": board.community.name, "cap": cap, "rules": RULES_2024}
            )
    to = SignboardStatus.HUNG if approve else SignboardStatus.REFUSED
    _record(board, "signboard", to, actor=actor, reason=reason, transitions=SIGNBOARD_TRANSITIONS)
    board.approved = approve
    board.reasons = [*board.reasons, reason]
    if approve:
        board.hung_on = timezone.localdate()
    board.save(update_fields=["status", "approved", "reasons", "hung_on"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=board,
        community=board.community,
        summary=_("挂牌「%(n)s」：%(s)s") % {"n": board.name, "s": board.get_status_display()},
    )
    if approve:
        burden_entry_record(
            community=board.community,
            kind=EntryKind.SIGNBOARD,
            title=board.name,
            occurred_on=board.hung_on or timezone.localdate(),
            department=board.department,
            source_ref=f"campaigns.signboard:{board.pk}",
            actor=actor,
        )
    return board


@transaction.atomic
def signboard_order_removal(*, actor: Any, board: Signboard, reason: str) -> Signboard:
    permissions.require_office_for(actor, Signboard.objects, board.pk)
    reason = _text(reason, field="reason", label=_("理由"), required=True, limit=2000)
    _record(
        board,
        "signboard",
        SignboardStatus.REMOVAL_ORDERED,
        actor=actor,
        reason=reason,
        transitions=SIGNBOARD_TRANSITIONS,
    )
    board.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=board,
        community=board.community,
        summary=_("责令摘牌「%(n)s」") % {"n": board.name},
    )
    return board


@transaction.atomic
def signboard_remove(*, actor: Any, board: Signboard, removed_on: dt.date | None = None) -> Signboard:
    permissions.require_inventory(actor, board.community)
    _record(board, "signboard", SignboardStatus.REMOVED, actor=actor, transitions=SIGNBOARD_TRANSITIONS)
    board.removed_on = removed_on or timezone.localdate()
    board.save(update_fields=["status", "removed_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=board,
        community=board.community,
        summary=_("已摘牌「%(n)s」") % {"n": board.name},
    )
    return board


# ---------------------------------------------------------------------------------------------
# Secondments


@transaction.atomic
def secondment_record(
    *,
    actor: Any,
    department: Any,
    staff_name: str,
    started_on: dt.date,
    community: Any = None,
    street: Any = None,
    post: str = "",
    work: str = "",
) -> Secondment:
    """Record staff borrowed from a community (or a street): forbidden, so it is flagged to the 减负办."""
    if community is not None:
        permissions.require_inventory(actor, community)
        street = community.street
    elif street is not None:
        if not (
            permissions.is_office(actor)
            and (
                getattr(actor, "is_system", False)
                or actor.is_superuser
                or actor.street_id in (None, street.pk)
            )
        ):
            raise OutOfScope
        if (
            not getattr(actor, "is_system", False)
            and not actor.is_superuser
            and actor.district_id != street.district_id
        ):
            raise OutOfScope
    else:
        raise ValidationError({"community": _("请选择被借调人员所在的社区或街道。")})
    if department.district_id != street.district_id:
        raise ValidationError({"department": _("%(d)s不属于本区。") % {"d": department}})
    staff_name = _text(staff_name, field="staff_name", label=_("被借调人员"), required=True, limit=50)
    if not isinstance(started_on, dt.date) or started_on > timezone.localdate():
        raise ValidationError({"started_on": _("借调开始日期应为今天或以前。")})
    row = Secondment(
        community=community,
        street=street,
        department=department,
        staff_name=staff_name,
        post=_text(post, field="post", label=_("原岗位"), required=False, limit=100),
        work=_text(work, field="work", label=_("借调从事的工作"), required=False, limit=300),
        started_on=started_on,
        year=started_on.year,
        created_by=signed_in_user(actor),
    )
    _record(
        row,
        "secondment",
        SecondmentStatus.ACTIVE,
        actor=actor,
        reason=_("违反%(rules)s第四部分：不得从县级以下借调工作人员。") % {"rules": RULES_2024},
    )
    if community is not None:
        row.hours = _secondment_burden(row, since=None, until=timezone.localdate(), actor=actor)
        row.save(update_fields=["hours"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        community=community,
        summary=_("借调基层人员：%(d)s借调%(w)s") % {"d": department.name, "w": (community or street).name},
    )
    return row


def _secondment_burden(row: Secondment, *, since: dt.date | None, until: dt.date, actor: Any) -> Decimal:
    """A ledger entry for the working days the community's staff member was away: from the start
    (`since=None`, start day included) or after `since`, up to `until`. Nothing when there are none."""
    start = row.started_on - dt.timedelta(days=1) if since is None else since
    days = working_days_between(start, until) if until > start else 0
    if days <= 0:
        return Decimal(0)
    entry = burden_entry_record(
        community=row.community,
        kind=EntryKind.SECONDMENT,
        title=_("%(d)s借调%(w)s") % {"d": row.department.name, "w": row.post or _("社区工作人员")},
        occurred_on=until,
        department=row.department,
        units=days,
        source_ref=f"campaigns.secondment:{row.pk}",
        actor=actor,
    )
    return entry.hours


@transaction.atomic
def secondment_end(*, actor: Any, secondment: Secondment, ended_on: dt.date | None = None) -> Secondment:
    """The borrowed staff member is back: the working days since the recording land in the ledger."""
    if not Secondment.objects.restrict(actor, "view").filter(pk=secondment.pk).exists():
        raise OutOfScope
    secondment = (
        Secondment.objects.select_for_update(of=("self",))
        .select_related("community__street", "department")
        .get(pk=secondment.pk)
    )
    if secondment.status != SecondmentStatus.ACTIVE:
        raise ValidationError(_("该借调已结束。"))
    ended_on = ended_on or timezone.localdate()
    if not isinstance(ended_on, dt.date) or not secondment.started_on <= ended_on <= timezone.localdate():
        raise ValidationError({"ended_on": _("归还日期应在借调开始之后、今天或以前。")})
    _record(
        secondment,
        "secondment",
        SecondmentStatus.ENDED,
        actor=actor,
        transitions={SecondmentStatus.ACTIVE: frozenset({SecondmentStatus.ENDED})},
    )
    secondment.ended_on = ended_on
    if secondment.community_id:
        recorded_on = timezone.localtime(secondment.created_at).date()
        secondment.hours += _secondment_burden(
            secondment, since=recorded_on, until=secondment.ended_on, actor=actor
        )
    secondment.save(update_fields=["status", "ended_on", "hours"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=secondment,
        community=secondment.community,
        summary=_("借调人员已归还"),
    )
    return secondment


@transaction.atomic
def caps_set(
    *, actor: Any, district: Any, campaigns_per_community: int, signboards_per_community: int
) -> CampaignCaps:
    if not permissions.may_manage(actor, district):
        raise OutOfScope
    values = {}
    for key, value in (
        ("campaigns_per_community", campaigns_per_community),
        ("signboards_per_community", signboards_per_community),
    ):
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise ValidationError({key: _("上限应为0到100的整数。")})
        values[key] = value
    row, _created = CampaignCaps.objects.update_or_create(district=district, defaults=values)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=row, summary=_("创建挂牌上限：%(v)s") % {"v": values}
    )
    return row
