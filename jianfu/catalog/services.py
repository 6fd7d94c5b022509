"""Writing the catalog: versioned rows per jurisdiction, never edited in place.

A new version of an item closes the version in force (its `effective_to` becomes the new
version's `effective_from`) and adds a row; a removal adds a `remove` row the same way. So any
past date shows the catalog exactly as it was. Every write is audited in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from jianfu.catalog.choices import ItemAction, JurisdictionLevel, ListKind
from jianfu.catalog.models import CatalogItem, Jurisdiction
from jianfu.catalog.permissions import require_edit_jurisdiction
from jianfu.catalog.selectors import active_items
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")
MAX_ALIASES = 30
MAX_ALIAS_LEN = 50


def _level_code_name(level: str, district: Any) -> tuple[str, str]:
    if level == JurisdictionLevel.PROVINCE:
        return district.code[:2], _("%(code)s省级") % {"code": district.code[:2]}
    if level == JurisdictionLevel.CITY:
        return district.code[:4], _("%(code)s市级") % {"code": district.code[:4]}
    return district.code, district.name


@transaction.atomic
def jurisdiction_for_district(
    district: Any, *, actor: Any, level: str = JurisdictionLevel.DISTRICT
) -> Jurisdiction:
    """The district's own jurisdiction (or its province/city: first 2/4 digits), created on first use."""
    code, name = _level_code_name(level, district)
    jurisdiction, created = Jurisdiction.objects.get_or_create(
        level=level, code=code, defaults={"name": name}
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=jurisdiction,
            summary=_("新建清单辖区%(name)s（%(code)s）") % {"name": name, "code": code},
        )
    return jurisdiction


def _clean_aliases(aliases: Sequence[str] | str | None) -> list[str]:
    if isinstance(aliases, str):
        aliases = re.split(r"[,，、;；\n]+", aliases)
    out: list[str] = []
    for alias in aliases or []:
        alias = str(alias).strip()
        if alias and alias not in out:
            if len(alias) > MAX_ALIAS_LEN:
                raise ValidationError(
                    _("别名“%(alias)s…”超过%(n)s个字，请缩短。") % {"alias": alias[:10], "n": MAX_ALIAS_LEN}
                )
            out.append(alias)
    if len(out) > MAX_ALIASES:
        raise ValidationError(_("别名最多%(n)s个。") % {"n": MAX_ALIASES})
    return out


def _check_common(
    *, actor: Any, jurisdiction: Jurisdiction, list_kind: str, code: str, effective_from: Any
) -> str:
    require_edit_jurisdiction(actor, jurisdiction)
    if list_kind not in ListKind.values:
        raise ValidationError(
            _("清单类型“%(kind)s”无效，可选：%(choices)s。")
            % {"kind": list_kind, "choices": "、".join(ListKind.values)}
        )
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise ValidationError(
            _("编号“%(code)s”无效：请用1–16位字母、数字或连字符，例如%(example)s。")
            % {"code": code, "example": f"{jurisdiction.code or 'X'}-A01"}
        )
    if not isinstance(effective_from, dt.date):
        raise ValidationError(_("请填写生效日期。"))
    return code


def _versions(jurisdiction: Jurisdiction, list_kind: str, code: str):
    return CatalogItem.objects.select_for_update().filter(
        jurisdiction=jurisdiction, list_kind=list_kind, code=code
    )


def _insert_version(
    *, jurisdiction: Jurisdiction, list_kind: str, code: str, effective_from: dt.date, fields: dict[str, Any]
) -> CatalogItem:
    """Close the version in force on `effective_from` and add a row that runs until the next version."""
    versions = _versions(jurisdiction, list_kind, code)
    if versions.filter(effective_from=effective_from).exists():
        raise ValidationError(
            _("%(code)s在%(date)s已有一个版本；同一天只能有一个版本，请换一个生效日期。")
            % {"code": code, "date": effective_from}
        )
    later = versions.filter(effective_from__gt=effective_from).order_by("effective_from").first()
    current = (
        versions.filter(effective_from__lt=effective_from)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=effective_from))
        .order_by("-effective_from")
        .first()
    )
    if current is not None:
        current.effective_to = effective_from
        current.save(update_fields=["effective_to"])
    return CatalogItem.objects.create(
        jurisdiction=jurisdiction,
        list_kind=list_kind,
        code=code,
        effective_from=effective_from,
        effective_to=later.effective_from if later else None,
        **fields,
    )


@transaction.atomic
def catalog_item_set(
    *,
    actor: Any,
    jurisdiction: Jurisdiction,
    list_kind: str,
    code: str,
    name: str,
    aliases: Sequence[str] | str | None = None,
    legal_basis: str = "",
    source_document: str = "",
    referral: str = "",
    effective_from: dt.date,
    verify: bool = False,
) -> CatalogItem:
    """Add an item to a jurisdiction's list, or override one (its own or an inherited one) from a date."""
    code = _check_common(
        actor=actor, jurisdiction=jurisdiction, list_kind=list_kind, code=code, effective_from=effective_from
    )
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("请填写事项名称。"))
    if len(name) > 300:
        raise ValidationError(_("事项名称超过300个字，请缩短。"))
    fields = {
        "name": name,
        "aliases": _clean_aliases(aliases),
        "legal_basis": (legal_basis or "").strip()[:500],
        "source_document": (source_document or "").strip()[:300],
        "referral": (referral or "").strip()[:300],
        "verify": bool(verify),
        "action": ItemAction.SET,
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    row = _insert_version(
        jurisdiction=jurisdiction,
        list_kind=list_kind,
        code=code,
        effective_from=effective_from,
        fields=fields,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        summary=_("%(jur)s清单事项%(code)s %(name)s自%(date)s起生效")
        % {"jur": jurisdiction.name, "code": code, "name": name, "date": effective_from},
        detail={
            "jurisdiction": jurisdiction.pk,
            "list_kind": list_kind,
            "code": code,
            "from": str(effective_from),
        },
    )
    return row


@transaction.atomic
def catalog_item_remove(
    *, actor: Any, jurisdiction: Jurisdiction, list_kind: str, code: str, effective_from: dt.date
) -> CatalogItem:
    """Remove an item (own or inherited) from a jurisdiction's active list from a date."""
    code = _check_common(
        actor=actor, jurisdiction=jurisdiction, list_kind=list_kind, code=code, effective_from=effective_from
    )
    district_code = jurisdiction.code if jurisdiction.level == JurisdictionLevel.DISTRICT else None
    if jurisdiction.level in (JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY):
        district_code = jurisdiction.code.ljust(6, "0")
    in_force = {
        (i.list_kind, i.code): i
        for i in active_items(district_code=district_code, on=effective_from, kinds=[list_kind])
    }
    held = in_force.get((list_kind, code))
    if held is None:
        raise ValidationError(
            _("%(date)s时该清单中没有编号为%(code)s的事项，无需删除。")
            % {"date": effective_from, "code": code}
        )
    row = _insert_version(
        jurisdiction=jurisdiction,
        list_kind=list_kind,
        code=code,
        effective_from=effective_from,
        fields={
            "name": held.name,
            "aliases": [],
            "action": ItemAction.REMOVE,
            "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=row,
        summary=_("%(jur)s自%(date)s起删除清单事项%(code)s %(name)s")
        % {"jur": jurisdiction.name, "code": code, "name": held.name, "date": effective_from},
        detail={
            "jurisdiction": jurisdiction.pk,
            "list_kind": list_kind,
            "code": code,
            "from": str(effective_from),
        },
    )
    return row
