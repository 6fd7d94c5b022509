"""Tags of the data dictionary: new tags with their own fields, and the tag each source carries.

A tag is an `Attribute` of type tag whose value is 是 for the people who have it; its fields are
attributes pointing to it (`Attribute.tag`). A source may carry a default tag (区残联残疾人名册 →
残疾) applied on every import from it; a value in a tag's field implies the tag (a 低保证号 → 低保).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.core.text import to_simplified
from jianfu.registry.choices import AttributeType, Sensitivity
from jianfu.registry.models import Attribute, Source
from jianfu.registry.permissions import require_dictionary
from jianfu.registry.services import RegistryError, _clean_synonyms, _term_owner

FIELD_TYPES = (AttributeType.TEXT, AttributeType.NUMBER, AttributeType.DATE, AttributeType.CHOICE)
_TYPE_WORDS = {
    "text": AttributeType.TEXT,
    "文本": AttributeType.TEXT,
    "number": AttributeType.NUMBER,
    "数字": AttributeType.NUMBER,
    "date": AttributeType.DATE,
    "日期": AttributeType.DATE,
    "choice": AttributeType.CHOICE,
    "选项": AttributeType.CHOICE,
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    choices: tuple[str, ...] = ()


def parse_field_spec(spec: str) -> FieldSpec:
    """`服务时长:number`, `服务队:text`, `星级:choice:一星/二星/三星` (a bare name is text)."""
    parts = [p.strip() for p in re.split(r"[:：]", spec or "", maxsplit=2)]
    name = parts[0] if parts else ""
    if not name:
        raise RegistryError(
            _("字段“%(spec)s”没有名称。写法：“名称:类型”，例如“服务时长:number”。") % {"spec": spec}
        )
    word = (parts[1] if len(parts) > 1 else "text").lower() or "text"
    kind = _TYPE_WORDS.get(word)
    if kind is None:
        raise RegistryError(
            _(
                "字段“%(name)s”的类型“%(type)s”无效：可用 text（文本）、number（数字）、date（日期）、choice（选项）。"
            )
            % {"name": name, "type": parts[1]}
        )
    choices = tuple(_clean_synonyms(re.split(r"[/／]", parts[2]))) if len(parts) > 2 else ()
    if kind == AttributeType.CHOICE and not choices:
        raise RegistryError(
            _("选项字段“%(name)s”需要列出可选值，例如“%(name)s:choice:一星/二星/三星”。") % {"name": name}
        )
    return FieldSpec(name=name[:100], type=kind, choices=choices)


def _code_for(name: str, prefix: str = "") -> str:
    syllables = re.sub(r"[^a-z0-9]+", "_", "_".join(lazy_pinyin(to_simplified(name))).lower()).strip("_")
    base = (f"{prefix}_{syllables}" if prefix else syllables)[:60] or "tag"
    if not base[0].isalpha():
        base = f"t_{base}"[:60]
    code, n = base, 1
    while Attribute.objects.filter(code=code).exists():
        n += 1
        code = f"{base}_{n}"
    return code


def _check_terms(terms: list[str]) -> None:
    seen: set[str] = set()
    for term in terms:
        if term in seen:
            raise RegistryError(_("“%(term)s”重复出现，请每个名称只写一次。") % {"term": term})
        seen.add(term)
        if owner := _term_owner(term):
            raise RegistryError(
                _("“%(term)s”已是属性“%(owner)s”的名称或同义词，不能重复使用。")
                % {"term": term, "owner": owner.name}
            )


def _next_sort() -> int:
    return (Attribute.objects.order_by("-sort").values_list("sort", flat=True).first() or 0) + 10


@transaction.atomic
def tag_create(
    *,
    actor: Any,
    name: str,
    fields: list[FieldSpec] | list[str] = (),  # type: ignore[assignment]
    synonyms: list[str] | str = (),  # type: ignore[assignment]
    sensitivity: str = Sensitivity.NORMAL,
) -> Attribute:
    """A new tag with its own fields (district administrator and district 减负办 only)."""
    require_dictionary(actor)
    name = (name or "").strip()[:100]
    if not name:
        raise RegistryError(_("标签名称不能为空。"))
    if sensitivity not in Sensitivity.values:
        raise RegistryError(_("敏感度“%(s)s”无效。") % {"s": sensitivity})
    specs = [f if isinstance(f, FieldSpec) else parse_field_spec(f) for f in fields]
    terms = _clean_synonyms(synonyms)
    _check_terms([name, *terms, *[s.name for s in specs]])
    tag = Attribute.objects.create(
        code=_code_for(name),
        name=name,
        type=AttributeType.TAG,
        synonyms=terms,
        sensitivity=sensitivity,
        sort=_next_sort(),
    )
    for spec in specs:
        Attribute.objects.create(
            code=_code_for(spec.name, prefix=tag.code),
            name=spec.name,
            type=spec.type,
            choices=list(spec.choices),
            sensitivity=sensitivity,
            tag=tag,
            sort=_next_sort(),
        )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=tag,
        object_id=tag.code,
        summary=_("新增标签%(name)s（%(count)d个字段）") % {"name": name, "count": len(specs)},
        detail={
            "code": tag.code,
            "synonyms": terms,
            "fields": [{"name": s.name, "type": s.type, "choices": list(s.choices)} for s in specs],
        },
    )
    return tag


def _as_tag(tag: Attribute | None) -> Attribute | None:
    if tag is not None and tag.type != AttributeType.TAG:
        raise RegistryError(_("“%(name)s”不是标签。") % {"name": tag.name})
    return tag


@transaction.atomic
def source_set_default_tag(*, actor: Any, source: Source, tag: Attribute | None) -> Source:
    """The tag every row of this source has; applied on every later import (district roles only)."""
    require_dictionary(actor)
    return _set_default_tag(actor=actor, source=source, tag=_as_tag(tag))


@transaction.atomic
def source_remember_tag(*, actor: Any, source: Source, tag: Attribute) -> bool:
    """The first import of a source that names a tag makes it the source's default tag.

    Any importer may do this once (as the header mapping is remembered); changing or clearing a
    remembered tag is for the district roles (`source_set_default_tag`). Returns whether it was set.
    """
    _as_tag(tag)
    locked = Source.objects.select_for_update().get(pk=source.pk)
    if locked.default_tag_id is not None:
        return False
    _set_default_tag(actor=actor, source=locked, tag=tag)
    source.default_tag = tag
    return True


def _set_default_tag(*, actor: Any, source: Source, tag: Attribute | None) -> Source:
    old = source.default_tag.name if source.default_tag_id and source.default_tag else ""
    if source.default_tag_id == (tag.pk if tag else None):
        return source
    source.default_tag = tag
    source.save(update_fields=["default_tag"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=source,
        summary=_("数据来源%(name)s的默认标签：%(old)s → %(new)s")
        % {"name": source.name, "old": old or "—", "new": tag.name if tag else "—"},
        detail={"old": old, "new": tag.code if tag else None},
    )
    return source


@transaction.atomic
def source_set_department(*, actor: Any, source: Source, department: Any) -> Source:
    """Which department sends this source; its imports' problem lists go back to that department."""
    require_dictionary(actor)
    if source.department_id == (department.pk if department else None):
        return source
    old = str(source.department) if source.department_id else ""
    source.department = department
    source.save(update_fields=["department"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=source,
        summary=_("数据来源%(name)s的报送部门：%(old)s → %(new)s")
        % {"name": source.name, "old": old or "—", "new": str(department) if department else "—"},
        detail={"department": department.pk if department else None},
    )
    return source


def field_tags(attributes: dict[str, Attribute]) -> dict[str, Attribute]:
    """attribute code → the tag its value implies (低保证号 → 低保), from the data dictionary."""
    by_pk = {a.pk: a for a in attributes.values()}
    return {
        code: by_pk[a.tag_id]
        for code, a in attributes.items()
        if a.tag_id and a.tag_id in by_pk and by_pk[a.tag_id].type == AttributeType.TAG
    }


def resolve_tag(text: str) -> Attribute | None:
    """A tag by code, name or synonym (`残疾`, `disabled`, `残疾人`)."""
    from jianfu.registry.dictionary import normalize_header

    text = (text or "").strip()
    if not text:
        return None
    tags = Attribute.objects.filter(type=AttributeType.TAG)
    found = tags.filter(code=text).first() or tags.filter(name=text).first()
    if found:
        return found
    key = normalize_header(text)
    for tag in tags:
        if key in {normalize_header(t) for t in tag.synonyms}:
            return tag
    return None
