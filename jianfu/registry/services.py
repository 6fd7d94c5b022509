"""Writes to the registry. Every value enters as a `Fact`; the person's current values follow."""

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import OutOfScope, signed_in_user
from jianfu.core.services import audit_record
from jianfu.registry import permissions
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.models import Attribute, Fact, Person, PersonTag, SensitiveAccess, Source
from jianfu.registry.permissions import require_dictionary
from jianfu.registry.precedence import FactView, Precedence
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


def name_initials(name: str) -> str:
    """The first letter of each syllable: 张伟 → `zw` (for searching by initials)."""
    from jianfu.core.text import to_simplified

    return "".join(lazy_pinyin(to_simplified(name.strip()), style=Style.FIRST_LETTER)).lower()[:40]


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
    if (
        columns["id_number"]
        and not (columns["birth_date"] and columns["gender"])  # nothing to fill: skip the parse
        and (info := idcard.parse(columns["id_number"]))
    ):
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
            validated=f.validated,
        )
        for f in facts
    ]


def person_refresh(*, person: Person) -> Person:
    """Recompute current values, tags and the conflict flag from the person's facts."""
    from jianfu.registry.current import current_row

    facts = list(Fact.objects.filter(person=person).select_related("attribute", "source"))
    tag_codes = set(Attribute.objects.filter(type=AttributeType.TAG).values_list("code", flat=True))
    row = current_row(fact_views(facts), Precedence.load(), tag_codes)
    values = row.values
    for field, value in row.columns.items():
        setattr(person, field, value)
    person.name_key = name_key(person.name)
    person.name_initials = name_initials(person.name)
    person.values = values
    person.has_conflict = row.has_conflict
    person.save(
        update_fields=[*PERSON_COLUMNS, "name_key", "name_initials", "values", "has_conflict", "updated_at"]
    )
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
        summary=_("记录%(count)d项信息（来源：%(source)s）") % {"count": len(facts), "source": source.name},
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
            _("身份证号%(id)s已在居民库中，请在已有人员上补充信息。") % {"id": idcard.normalize(id_number)}
        )
    person = Person.objects.create(
        community=community,
        grid=grid,
        name=str(values["name"]).strip(),
        name_key=name_key(str(values["name"])),
        name_initials=name_initials(str(values["name"])),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        community=community,
        summary=_("新建居民%(pid)s") % {"pid": person.pid},
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


# --- values that failed validation ------------------------------------------------------------

# Whose value as written can never be confirmed, only corrected: the person's own columns (an ID
# number with a wrong check digit is provably wrong; a phone or date must be one) and numbers.
_CORRECT_ONLY = {*PERSON_COLUMNS, "guardian_phone", "phone_other"}


def unvalidated_open(facts: list[Fact]) -> list[Fact]:
    """Of one person's facts: the unvalidated ones nobody settled and their source did not replace."""
    settled = {f.settles_id for f in facts if f.settles_id}
    latest: dict[tuple[int, int], Fact] = {}
    for f in facts:
        key = (f.attribute_id, f.source_id)
        if key not in latest or (f.recorded_at, f.pk) > (latest[key].recorded_at, latest[key].pk):
            latest[key] = f
    return [f for f in latest.values() if not f.validated and f.pk not in settled]


def may_confirm_as_written(attribute: Attribute) -> bool:
    return attribute.code not in _CORRECT_ONLY and attribute.type not in (
        AttributeType.DATE,
        AttributeType.NUMBER,
    )


@transaction.atomic
def fact_settle(*, actor: Any, fact: Fact, reason: str, value: str | None = None) -> Fact:
    """A worker confirms an unvalidated value as written (`value` None) or corrects it.

    Facts are never edited: the decision is a new, validated fact pointing at the one it settles.
    A confirmation keeps the original source; a correction is the community's own verified value.
    """
    reason = (reason or "").strip()
    if not reason:
        raise RegistryError(_("请说明依据（例如：电话回访、查看证件）。"))
    fact = Fact.objects.select_for_update().select_related("attribute", "source", "person").get(pk=fact.pk)
    person = fact.person
    permissions.require_change(actor, person)
    if fact.validated:
        raise RegistryError(_("这条信息已经是核验过的值。"))
    if fact not in unvalidated_open(list(Fact.objects.filter(person=person, attribute=fact.attribute))):
        raise RegistryError(_("这条未核验的值已经处理过，或已被来源的新值取代。"))
    attribute = fact.attribute
    if value is None or value.strip() == "":
        if not may_confirm_as_written(attribute):
            raise RegistryError(
                _("“%(name)s”的原值“%(value)s”格式无效，不能按原样确认，请填写更正后的值。")
                % {"name": attribute.name, "value": fact.value}
            )
        stored, source, how = fact.value, fact.source, "confirm"
    else:
        result = clean_value(attribute.type, attribute.code, value, attribute.choices)
        if result.error or result.value is None:
            raise RegistryError(result.error or _("请填写更正后的值。"))
        stored, source, how = result.value, community_source(), "correct"
        if (
            attribute.code == "id_number"
            and Person.objects.filter(id_number=stored).exclude(pk=person.pk).exists()
        ):
            raise RegistryError(_("身份证号%(id)s已属于另一位居民，请核对。") % {"id": stored})
    settled = Fact.objects.create(
        person=person,
        attribute=attribute,
        value=stored,
        source=source,
        recorded_at=timezone.now(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=reason[:200],
        settles=fact,
    )
    person_refresh(person=person)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=person,
        community=person.community,
        summary=(
            _("按原样确认%(name)s的未核验值“%(attr)s”")
            if how == "confirm"
            else _("更正%(name)s的未核验值“%(attr)s”")
        )
        % {"name": person.name, "attr": attribute.name},
        detail={"attribute": attribute.code, "fact": fact.pk, "how": how, "source": fact.source.name},
    )
    return settled


@transaction.atomic
def person_record_unvalidated(
    *, actor: Any, person: Person, values: dict[str, tuple[str, str]], source: Source, note: str = ""
) -> list[Fact]:
    """Keep values that failed validation as written (code → (value, problem)); never current values."""
    if not values:
        return []
    attributes = {a.code: a for a in Attribute.objects.filter(code__in=list(values))}
    latest: dict[str, Fact] = {}
    for f in (
        Fact.objects.filter(person=person, source=source, attribute__code__in=list(values))
        .select_related("attribute")
        .order_by("recorded_at", "id")
    ):
        latest[f.attribute.code] = f
    now = timezone.now()
    facts = [
        Fact(
            person=person,
            attribute=attributes[code],
            value=raw,
            source=source,
            recorded_at=now,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            note=note,
            validated=False,
            problem=problem[:300],
        )
        for code, (raw, problem) in values.items()
        if code in attributes
        and not (code in latest and latest[code].value == raw and not latest[code].validated)
    ]
    Fact.objects.bulk_create(facts)
    return facts


# --- reveal, data dictionary, sources, batch refresh -------------------------------------------

REVEALABLE_FIELDS = ("id_number", "phone")
INLINE_REFRESH = 2000  # a source change touching more people than this is re-derived in the background


@transaction.atomic
def person_reveal(*, actor: Any, person: Person, field: str, purpose: str) -> str:
    """The unmasked ID number or phone of a person, for a stated purpose; audited."""
    if field not in REVEALABLE_FIELDS:
        raise RegistryError(_("只能查看身份证号或联系电话的明文。"))
    purpose = (purpose or "").strip()
    if len(purpose) < 2:
        raise RegistryError(_("请写明查看用途（例如：办理低保复核、电话回访）。"))
    permissions.require_reveal(actor, person)
    model_field = Person._meta.get_field(field)
    assert isinstance(model_field, Field)  # REVEALABLE_FIELDS are concrete fields, never relations
    label = str(model_field.verbose_name)
    audit_record(
        actor=actor,
        action=AuditAction.REVEAL,
        obj=person,
        community=person.community,
        summary=_("查看%(name)s的%(field)s明文") % {"name": person.name, "field": label},
        purpose=purpose[:300],
        detail={"field": field},
    )
    return getattr(person, field) or ""


_CODE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def _clean_synonyms(synonyms: list[str] | str) -> list[str]:
    if isinstance(synonyms, str):
        synonyms = re.split(r"[,，、;；\n]+", synonyms)
    seen: list[str] = []
    for s in synonyms:
        s = (s or "").strip()
        if s and s not in seen:
            seen.append(s[:100])
    return seen


def _term_owner(term: str, exclude_pk: int | None = None) -> Attribute | None:
    """The attribute that already uses `term` as its name or a synonym (after normalization)."""
    from jianfu.registry.dictionary import normalize_header

    key = normalize_header(term)
    for attribute in Attribute.objects.exclude(pk=exclude_pk or 0):
        if key in {normalize_header(t) for t in [attribute.name, *attribute.synonyms]}:
            return attribute
    return None


@transaction.atomic
def attribute_create(
    *,
    actor: Any,
    code: str,
    name: str,
    type: str = AttributeType.TEXT,
    synonyms: list[str] | str = (),  # type: ignore[assignment]
    sensitivity: str = "normal",
    tag: Attribute | None = None,
    choices: list[str] | str = (),  # type: ignore[assignment]
) -> Attribute:
    """A new entry of the data dictionary (the district administrator and the district 减负办)."""
    from jianfu.registry.choices import Sensitivity

    require_dictionary(actor)
    code, name = (code or "").strip(), (name or "").strip()
    if not _CODE.match(code):
        raise RegistryError(
            _("代码“%(code)s”不合规：请用小写英文字母开头，只含小写字母、数字和下划线，2–64位。")
            % {"code": code}
        )
    if not name:
        raise RegistryError(_("名称不能为空。"))
    if type not in AttributeType.values:
        raise RegistryError(_("类型“%(type)s”无效。") % {"type": type})
    if sensitivity not in Sensitivity.values:
        raise RegistryError(_("敏感度“%(s)s”无效。") % {"s": sensitivity})
    if Attribute.objects.filter(code=code).exists():
        raise RegistryError(_("代码%(code)s已存在，请换一个。") % {"code": code})
    terms = _clean_synonyms(synonyms)
    for term in [name, *terms]:
        if owner := _term_owner(term):
            raise RegistryError(
                _("“%(term)s”已是属性“%(owner)s”的名称或同义词，不能重复使用。")
                % {"term": term, "owner": owner.name}
            )
    if tag is not None and tag.type != AttributeType.TAG:
        raise RegistryError(_("所属标签必须是标签类型的属性。"))
    choice_list = _clean_synonyms(choices)
    if type == AttributeType.CHOICE and not choice_list:
        raise RegistryError(_("选项类型的属性需要填写可选值（用逗号或顿号分隔）。"))
    attribute = Attribute.objects.create(
        code=code,
        name=name,
        type=type,
        synonyms=terms,
        sensitivity=sensitivity,
        tag=tag,
        choices=choice_list,
        sort=(Attribute.objects.order_by("-sort").values_list("sort", flat=True).first() or 0) + 10,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=attribute,
        object_id=attribute.code,
        summary=_("新增数据字典属性%(code)s（%(name)s）") % {"code": code, "name": name},
        detail={"code": code, "name": name, "type": type, "synonyms": terms},
    )
    return attribute


@transaction.atomic
def attribute_add_synonyms(*, actor: Any, attribute: Attribute, synonyms: list[str] | str) -> Attribute:
    require_dictionary(actor)
    terms = [t for t in _clean_synonyms(synonyms) if t not in attribute.synonyms and t != attribute.name]
    if not terms:
        raise RegistryError(_("请至少填写一个新的同义词。"))
    for term in terms:
        if owner := _term_owner(term, exclude_pk=attribute.pk):
            raise RegistryError(
                _("“%(term)s”已是属性“%(owner)s”的名称或同义词，不能重复使用。")
                % {"term": term, "owner": owner.name}
            )
    attribute.synonyms = [*attribute.synonyms, *terms]
    attribute.save(update_fields=["synonyms"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=attribute,
        object_id=attribute.code,
        summary=_("为属性%(name)s增加同义词：%(terms)s")
        % {"name": attribute.name, "terms": "、".join(terms)},
        detail={"added": terms},
    )
    return attribute


@transaction.atomic
def source_set_priority(*, actor: Any, source: Source, priority: int) -> Source:
    """Change a source's precedence; the current values of everyone it reported on are re-derived.

    The re-derivation runs as a background task after the commit (a worker drains it; tests run
    it at once), in batches, so a source with a million facts does not block the page. Only the
    district administrator and the district 减负办 may do it (it changes everyone's values).
    """
    require_dictionary(actor)
    try:
        priority = int(priority)
    except (TypeError, ValueError):
        raise RegistryError(_("优先级应为0–10000的整数。")) from None
    if not 0 <= priority <= 10000:
        raise RegistryError(_("优先级应为0–10000的整数。"))
    old = source.priority
    if old == priority:
        return source
    source.priority = priority
    source.save(update_fields=["priority"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=source,
        summary=_("数据来源%(name)s的优先级由%(old)s改为%(new)s")
        % {"name": source.name, "old": old, "new": priority},
        detail={"old": old, "new": priority},
    )
    _rederive_source(source)
    return source


def _rederive_source(source: Source) -> None:
    """Re-derive the current values of everyone the source reported on (its precedence changed)."""
    from jianfu.registry.tasks import refresh_people_of_source

    affected = list(
        Fact.objects.filter(source=source)
        .values_list("person_id", flat=True)
        .distinct()[: INLINE_REFRESH + 1]
    )
    if len(affected) <= INLINE_REFRESH:  # few people: re-derive now, in this transaction
        people_refresh(person_ids=affected)
    else:  # many: a background task after the commit, in batches
        source_id = source.pk
        transaction.on_commit(lambda: refresh_people_of_source.enqueue(source_id))


@transaction.atomic
def source_set_rules(
    *, actor: Any, source: Source, is_base_register: bool, own_fields: list[Attribute]
) -> Source:
    """Say what a source is authoritative for: identity (the population base register) and/or its own
    fields (a roster's 低保证号 …; a tag includes its fields). See `jianfu.registry.precedence`."""
    from jianfu.registry.precedence import IDENTITY_ATTRIBUTES

    require_dictionary(actor)
    identity = [a.name for a in own_fields if a.code in IDENTITY_ATTRIBUTES]
    if identity:
        raise RegistryError(
            _(
                "%(names)s是身份信息，以人口基础库为准，不能作为名册负责的字段。如本来源就是人口基础库，请勾选“人口基础库”。"
            )
            % {"names": "、".join(identity)}
        )
    old_fields = sorted(source.own_fields.values_list("code", flat=True))
    new_fields = sorted({a.code for a in own_fields})
    old_base = source.is_base_register
    if old_base == bool(is_base_register) and old_fields == new_fields:
        return source
    source.is_base_register = bool(is_base_register)
    source.save(update_fields=["is_base_register"])
    source.own_fields.set(own_fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=source,
        summary=_("数据来源%(name)s的取值规则：人口基础库%(base)s，负责字段%(fields)s")
        % {
            "name": source.name,
            "base": _("是") if source.is_base_register else _("否"),
            "fields": "、".join(a.name for a in own_fields) or "—",
        },
        detail={
            "is_base_register": {"old": old_base, "new": source.is_base_register},
            "own_fields": {"old": old_fields, "new": new_fields},
        },
    )
    _rederive_source(source)
    return source


def people_refresh(*, person_ids: list[int]) -> int:
    """`person_refresh` for many people at once, by the registry's one bulk current-value writer
    (`jianfu.registry.current.refresh_people`). Returns how many people were looked at."""
    from jianfu.registry.current import refresh_people

    if not person_ids:
        return 0
    with transaction.atomic():
        refresh_people(sorted(set(person_ids)))
    return len(set(person_ids))


def source_for_ledger(*, name: str) -> Source:
    """The ledger source of this name, created when new. Two uploads naming the same new source at
    once both get it: the loser of the race reads the row the winner created."""
    from django.db import IntegrityError

    name = name.strip()[:150]
    source = Source.objects.filter(name=name).first()
    if source is not None:
        return source
    try:
        with transaction.atomic():
            return Source.objects.create(name=name, kind=SourceKind.LEDGER)
    except IntegrityError:
        return Source.objects.get(name=name)


# --- legal bases for the sensitive (综治) populations -----------------------------------------


def _sensitive_tag(attribute: Attribute) -> Attribute:
    from jianfu.registry.choices import Sensitivity

    if attribute.type != AttributeType.TAG or attribute.sensitivity != Sensitivity.SPECIAL:
        raise RegistryError(
            _("“%(name)s”不是敏感人群标签：只有标记为“敏感（特殊人群）”的标签需要配置查看依据。")
            % {"name": attribute.name}
        )
    return attribute


@transaction.atomic
def sensitive_access_grant(
    *,
    actor: Any,
    district: Any,
    attribute: Attribute,
    legal_basis: str,
    role: str = "",
    department: Any = None,
) -> SensitiveAccess:
    """Record the legal basis on which a role or a department sees residents with a sensitive tag."""
    from jianfu.accounts.choices import Role

    permissions.require_grant_sensitive(actor)
    if getattr(actor, "district_id", None) and actor.district_id != district.pk:
        raise OutOfScope
    _sensitive_tag(attribute)
    legal_basis = " ".join((legal_basis or "").split())
    if len(legal_basis) < 4:
        raise RegistryError(_("请写明法律依据（法规名称和条款，例如：《社区矫正法》第二十五条）。"))
    if bool(role) == (department is not None):
        raise RegistryError(_("请选择一个角色或一个部门（二者选一）。"))
    if role and role not in Role.values:
        raise RegistryError(
            _("角色“%(role)s”无效，可选：%(roles)s。") % {"role": role, "roles": "、".join(Role.values)}
        )
    if department is not None and department.district_id != district.pk:
        raise RegistryError(_("%(dept)s不属于%(district)s。") % {"dept": department, "district": district})
    active = SensitiveAccess.objects.filter(
        district=district, attribute=attribute, role=role, department=department, revoked_at__isnull=True
    )
    if active.exists():
        raise RegistryError(_("该角色或部门已有“%(tag)s”的查看依据。") % {"tag": attribute.name})
    grant = SensitiveAccess.objects.create(
        district=district,
        attribute=attribute,
        role=role,
        department=department,
        legal_basis=legal_basis[:500],
        granted_by=signed_in_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=grant,
        summary=_("授权%(who)s查看“%(tag)s”人员，依据：%(basis)s")
        % {"who": grant.grantee, "tag": attribute.name, "basis": grant.legal_basis},
        detail={"attribute": attribute.code, "role": role, "department": getattr(department, "code", "")},
    )
    return grant


@transaction.atomic
def sensitive_access_revoke(*, actor: Any, grant: SensitiveAccess, reason: str) -> SensitiveAccess:
    from django.utils import timezone

    permissions.require_grant_sensitive(actor)
    if getattr(actor, "district_id", None) and actor.district_id != grant.district_id:
        raise OutOfScope
    reason = " ".join((reason or "").split())
    if len(reason) < 2:
        raise RegistryError(_("请写明撤销理由。"))
    if grant.revoked_at is not None:
        raise RegistryError(_("该查看依据已撤销。"))
    grant.revoked_at = timezone.now()
    grant.revoked_by = signed_in_user(actor)
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        obj=grant,
        summary=_("撤销%(who)s查看“%(tag)s”人员的依据") % {"who": grant.grantee, "tag": grant.attribute.name},
        detail={"reason": reason[:300]},
    )
    return grant
