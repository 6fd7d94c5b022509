"""Column mapping: which data-dictionary attribute each column of a ledger holds."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.core.text import to_simplified
from jianfu.ledgers.base import LedgerError
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX
from jianfu.registry.choices import Sensitivity
from jianfu.registry.dictionary import (
    FORM_META_HEADERS,
    OTHER,
    ROLE_FACTS,
    HeaderMatch,
    HeaderRole,
    header_role,
    match_header,
    normalize_header,
    related_match,
    subject_demotions,
)
from jianfu.registry.models import Attribute, Source
from jianfu.registry.values import clean_text
from jianfu.sheets.reader import LedgerTable, column_letter


def header_key(header: str, group: str = "") -> str:
    """The key a confirmed mapping is remembered under: 紧急联系人/姓名 is not 姓名."""
    return f"{normalize_header(group)}/{normalize_header(header)}" if group else normalize_header(header)


def _column_match(col: Any, vocabulary: dict[str, str]) -> HeaderMatch:
    match = match_header(col.text, vocabulary)
    if col.group:  # 紧急联系人 / 电话 is the contact's phone, not the resident's
        grouped = match_header(col.group + col.text, vocabulary, threshold=75.0)
        group_only = match_header(col.group, vocabulary)
        if grouped.code or grouped.kind == OTHER:
            match = grouped
        elif match.code == "name" and group_only.how == "exact":  # 监护人 / 姓名 → 监护人
            match = group_only
    return match


def propose_mapping(table: LedgerTable, source: Source, vocabulary: dict[str, str]) -> list[dict[str, Any]]:
    """For each column: the remembered or matched target, shown to the worker before anything is written."""
    remembered = source.header_mapping or {}
    proposals = []
    for col in table.columns:
        key = header_key(col.text, col.group)
        entry = {
            "index": col.index,
            "letter": column_letter(col.index),
            "header": col.text,
            "group": col.group,
            "key": key,
            "proposed": "",
            "how": "none",
            "score": 0.0,
            "remembered": False,
        }
        if key in remembered:
            entry.update(proposed=remembered[key], how="remembered", score=100.0, remembered=True)
        elif FORM_META_HEADERS.get(key) == "seq":
            entry.update(proposed=IGNORE, how="meta")
        else:
            match = _column_match(col, vocabulary)
            entry.update(role=match.role, kind=match.kind)
            if match.code:
                entry.update(proposed=match.code, how=match.how, score=match.score)
            else:
                entry.update(proposed=NEW_PREFIX + col.text, how="related" if match.kind == OTHER else "new")
                entry["score"] = match.score
        proposals.append(entry)
    settle_subject(proposals, vocabulary)
    return proposals


def settle_subject(proposals: list[dict[str, Any]], vocabulary: dict[str, str]) -> None:
    """One column names the row's subject (`registry.dictionary.subject_demotions`); a remembered
    column is the worker's own decision and stays as it was."""
    fresh = [e for e in proposals if not e["remembered"]]
    demoted = subject_demotions([(e["proposed"], e.get("kind", ""), e.get("role", "")) for e in fresh])
    taken = {e["proposed"] for e in proposals}
    for i in sorted(demoted):
        entry = fresh[i]
        related = related_match(entry["header"], vocabulary, HeaderRole(entry.get("role", ""), "", OTHER))
        target = related.code if related.code and related.code not in taken else NEW_PREFIX + entry["header"]
        taken.add(target)
        entry.update(proposed=target, how="related", kind=OTHER)


def role_facts(header: str) -> dict[str, str]:
    """What the role of the subject's name column says about every row (户主姓名 → 与户主关系 = 户主)."""
    role = header_role(header)
    if role is None or role.field != "name" or role.kind == OTHER:
        return {}
    fact = ROLE_FACTS.get(role.role)
    return {fact[0]: fact[1]} if fact else {}


def closest_name_columns(
    columns: list[dict[str, Any]], vocabulary: dict[str, str], limit: int = 3
) -> list[str]:
    """The headers most like a name column, as `B 列“户主名”`, for a refusal that says how to fix it."""
    terms = [t for t, code in vocabulary.items() if code == "name"] or ["姓名"]
    scored = []
    for col in columns:
        key = normalize_header(col["header"])
        if not key:
            continue
        score = max(fuzz.partial_ratio(key, term) for term in terms)
        role = header_role(col["header"])
        if role is not None and role.field == "name":
            score = max(score, 90.0)
        scored.append((score, col["index"], col))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [
        _("%(letter)s列“%(header)s”") % {"letter": c["letter"], "header": c["header"]}
        for score, _i, c in scored[:limit]
        if score >= 40
    ]


def missing_name_message(columns: list[dict[str, Any]], vocabulary: dict[str, str], how: str) -> str:
    """The refusal for a ledger without a name column: which headers came closest and how to say which it is."""
    closest = closest_name_columns(columns, vocabulary)
    text = _("没有哪一列对应“姓名”。姓名是识别居民的必填项。")
    if closest:
        text += _("最接近的列：%(cols)s。") % {"cols": "、".join(closest)}
    return text + how


def _attribute_code_for(name: str) -> str:
    base = "x-" + re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(to_simplified(name))).lower()).strip("-")
    base = base[:56] or "x-col"
    code, n = base, 1
    while Attribute.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def attribute_for_new_column(*, actor: Any, name: str) -> Attribute:
    """A column never seen before becomes a dictionary attribute (text), so its data is kept."""
    name = clean_text(name)[:100]
    existing = Attribute.objects.filter(name=name).first()
    if existing:
        return existing
    role = header_role(name)
    masked = role is not None and role.field in {"id_number", "phone"}  # 监护人电话, 配偶身份证号
    attribute = Attribute.objects.create(
        code=_attribute_code_for(name),
        name=name,
        synonyms=[],
        sort=5000,
        sensitivity=Sensitivity.MASKED if masked else Sensitivity.NORMAL,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=attribute,
        summary=_("台账中的新列“%(name)s”加入数据字典") % {"name": name},
    )
    return attribute


def resolve_mapping(columns: list[dict[str, Any]], mapping: dict[str, str]) -> dict[str, str]:
    """Check a confirmed mapping (key → target) against the columns; LedgerError with a clear message."""
    codes = set(Attribute.objects.values_list("code", flat=True))
    used: dict[str, str] = {}
    resolved: dict[str, str] = {}
    for col in columns:
        target = (mapping.get(col["key"]) or col.get("proposed") or "").strip()
        if not target:
            raise LedgerError(
                _("请为第%(letter)s列“%(header)s”选择对应的字段，或选择“不导入”。")
                % {"letter": col["letter"], "header": col["header"]}
            )
        if target != IGNORE and not target.startswith(NEW_PREFIX) and target not in codes:
            raise LedgerError(
                _("第%(letter)s列“%(header)s”对应的字段“%(code)s”不在数据字典中。")
                % {"letter": col["letter"], "header": col["header"], "code": target}
            )
        if target.startswith(NEW_PREFIX) and not target[len(NEW_PREFIX) :].strip():
            target = NEW_PREFIX + col["header"]
        if target != IGNORE:
            if target in used:
                raise LedgerError(
                    _("“%(a)s”和“%(b)s”两列对应了同一个字段，请只保留一列，另一列选择“不导入”或新字段。")
                    % {"a": used[target], "b": col["header"]}
                )
            used[target] = col["header"]
        resolved[col["key"]] = target
    if "name" not in used:
        from jianfu.registry.selectors import header_vocabulary

        raise LedgerError(
            missing_name_message(
                columns,
                header_vocabulary(),
                _('请在表头对应页面把姓名所在的列选为“姓名”，命令行可加 --map "表头=姓名"。'),
            )
        )
    return resolved
