"""Writes to the registry. Every value enters as a `Fact`; the person's current values follow."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.models import Attribute, Fact, Person, PersonTag, Source
from jianfu.registry.precedence import FactView, current_values
from jianfu.registry.values import clean_value

COMMUNITY_SOURCE_NAME = "社区核实"
COMMUNITY_SOURCE_PRIORITY = 1000
PERSON_COLUMNS = ("name", "id_number", "gender", "birth_date", "phone")


class RegistryError(ValueError):
    """Bad input to a registry write; the message says what and how to fix it."""


def name_key(name: str) -> str:
    """The pinyin of a name without tones: homophones (张伟/张威) share a key."""
    from jianfu.core.text import to_simplified

    return "".join(lazy_pinyin(to_simplified(name.strip())))[:120]


def community_source() -> Source:
    source, _created = Source.objects.get_or_create(
        name=COMMUNITY_SOURCE_NAME,
        defaults={"kind": SourceKind.COMMUNITY, "priority": COMMUNITY_SOURCE_PRIORITY},
    )
    return source


def derive_person_columns(values: dict[str, str]) -> dict[str, Any]:
    """The person's own columns from its current values (ID number fills birth date and gender)."""
    columns: dict[str, Any] = {
        "name": values.get("name", ""),
        "id_number": values.get("id_number") or None,
        "gender": values.get("gender", ""),
        "birth_date": dt.date.fromisoformat(values["birth_date"]) if values.get("birth_date") else None,
        "phone": values.get("phone", ""),
    }
    if columns["id_number"] and (info := idcard.parse(columns["id_number"])):
        columns["birth_date"] = columns["birth_date"] or info.birth_date
        columns["gender"] = columns["gender"] or info.gender
    return columns


def fact_views(facts: list[Fact]) -> list[FactView]:
    return [
        FactView(
            attribute=f.attribute.code,
            value=f.value,
            source_id=f.source_id,
            priority=f.source.priority,
            recorded_at=f.recorded_at,
            fact_id=f.pk or 0,
            verified=f.source.kind == SourceKind.COMMUNITY,
        )
        for f in facts
    ]


def person_refresh(*, person: Person) -> Person:
    """Recompute current values, tags and the conflict flag from the person's facts."""
    facts = list(Fact.objects.filter(person=person).select_related("attribute", "source"))
    values, conflicts = current_values(fact_views(facts))
    columns = derive_person_columns(values)
    for field, value in columns.items():
        setattr(person, field, value)
    person.name_key = name_key(person.name)
    person.values = values
    person.has_conflict = bool(conflicts)
    person.save(update_fields=[*PERSON_COLUMNS, "name_key", "values", "has_conflict", "updated_at"])
    tag_ids = set(
        Attribute.objects.filter(
            type=AttributeType.TAG, code__in=[c for c, v in values.items() if v == "是"]
        ).values_list("pk", flat=True)
    )
    PersonTag.objects.filter(person=person).exclude(attribute_id__in=tag_ids).delete()
    held = set(PersonTag.objects.filter(person=person).values_list("attribute_id", flat=True))
    PersonTag.objects.bulk_create([PersonTag(person=person, attribute_id=t) for t in tag_ids - held])
    return person


def clean_values(
    raw: dict[str, Any], attributes: dict[str, Attribute]
) -> tuple[dict[str, str], dict[str, str]]:
    """Cleaned values by attribute code, and errors by attribute code."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for code, value in raw.items():
        attribute = attributes.get(code)
        if attribute is None:
            errors[code] = _("数据字典中没有属性“%(code)s”。") % {"code": code}
            continue
        if attribute.is_derived:
            continue
        result = clean_value(attribute.type, code, value, attribute.choices)
        if result.error:
            errors[code] = result.error
        elif result.value is not None:
            cleaned[code] = result.value
    return cleaned, errors


@transaction.atomic
def person_record_facts(
    *, actor: Any, person: Person, values: dict[str, Any], source: Source, note: str = ""
) -> list[Fact]:
    """Record new values for a person. Values equal to the source's latest are not repeated."""
    attributes = {a.code: a for a in Attribute.objects.filter(code__in=list(values))}
    cleaned, errors = clean_values(values, attributes)
    if errors:
        raise RegistryError(
            "; ".join(f"{attributes[c].name if c in attributes else c}: {e}" for c, e in errors.items())
        )
    latest = {
        f.attribute.code: f.value
        for f in Fact.objects.filter(person=person, source=source)
        .select_related("attribute")
        .order_by("recorded_at", "id")
    }
    now = timezone.now()
    facts = [
        Fact(
            person=person,
            attribute=attributes[code],
            value=value,
            source=source,
            recorded_at=now,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            note=note,
        )
        for code, value in cleaned.items()
        if latest.get(code) != value
    ]
    if not facts:
        return []
    Fact.objects.bulk_create(facts)
    person_refresh(person=person)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=person,
        community=person.community,
        summary=_("记录 %(count)d 项信息（来源：%(source)s）") % {"count": len(facts), "source": source.name},
        detail={"attributes": [f.attribute.code for f in facts], "source": source.name},
    )
    return facts


@transaction.atomic
def person_create(
    *, actor: Any, community: Any, values: dict[str, Any], source: Source, grid: Any = None
) -> Person:
    if not str(values.get("name") or "").strip():
        raise RegistryError(_("姓名不能为空。"))
    id_number = values.get("id_number")
    if id_number and Person.objects.filter(id_number=idcard.normalize(id_number)).exists():
        raise RegistryError(
            _("身份证号 %(id)s 已在居民库中，请在已有人员上补充信息。") % {"id": idcard.normalize(id_number)}
        )
    person = Person.objects.create(
        community=community,
        grid=grid,
        name=str(values["name"]).strip(),
        name_key=name_key(str(values["name"])),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        community=community,
        summary=_("新建居民 %(pid)s") % {"pid": person.pid},
    )
    person_record_facts(actor=actor, person=person, values=values, source=source)
    person.refresh_from_db()
    return person


@transaction.atomic
def person_resolve_conflict(
    *, actor: Any, person: Person, attribute_code: str, value: str, reason: str
) -> Fact:
    """The community settles a disagreement between sources; its verified value wins from now on."""
    if not reason.strip():
        raise RegistryError(_("请说明依据（例如：入户核实、查看证件）。"))
    facts = person_record_facts(
        actor=actor,
        person=person,
        values={attribute_code: value},
        source=community_source(),
        note=reason.strip()[:200],
    )
    if not facts:  # the verified value was already the community's latest: record the confirmation again
        attribute = Attribute.objects.get(code=attribute_code)
        fact = Fact.objects.create(
            person=person,
            attribute=attribute,
            value=value,
            source=community_source(),
            recorded_at=timezone.now(),
            recorded_by=actor,
            note=reason.strip()[:200],
        )
        person_refresh(person=person)
        return fact
    return facts[0]
