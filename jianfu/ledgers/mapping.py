"""Column mapping: which data-dictionary attribute each column of a ledger holds."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.core.text import to_simplified
from jianfu.ledgers.base import LedgerError
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX
from jianfu.registry.dictionary import FORM_META_HEADERS, match_header, normalize_header
from jianfu.registry.models import Attribute, Source
from jianfu.registry.values import clean_text
from jianfu.sheets.reader import LedgerTable, column_letter


def header_key(header: str, group: str = "") -> str:
    """The key a confirmed mapping is remembered under: 紧急联系人/姓名 is not 姓名."""
    return f"{normalize_header(group)}/{normalize_header(header)}" if group else normalize_header(header)


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
            match = match_header(col.text, vocabulary)
            if col.group:  # 紧急联系人 / 电话 is the contact's phone, not the resident's
                grouped = match_header(col.group + col.text, vocabulary, threshold=75.0)
                group_only = match_header(col.group, vocabulary)
                if grouped.code:
                    match = grouped
                elif match.code == "name" and group_only.how == "exact":  # 监护人 / 姓名 → 监护人
                    match = group_only
            if match.code:
                entry.update(proposed=match.code, how=match.how, score=match.score)
            else:
                entry.update(proposed=NEW_PREFIX + col.text, how="new", score=match.score)
        proposals.append(entry)
    return proposals


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
    attribute = Attribute.objects.create(code=_attribute_code_for(name), name=name, synonyms=[], sort=5000)
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
                _("请为第 %(letter)s 列“%(header)s”选择对应的字段，或选择“不导入”。")
                % {"letter": col["letter"], "header": col["header"]}
            )
        if target != IGNORE and not target.startswith(NEW_PREFIX) and target not in codes:
            raise LedgerError(
                _("第 %(letter)s 列“%(header)s”对应的字段“%(code)s”不在数据字典中。")
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
        raise LedgerError(_("没有哪一列对应“姓名”。姓名是识别居民的必填项，请把姓名所在的列对应为“姓名”。"))
    return resolved
