"""`import-ledger --map "HEADER=attribute"` and `--map-file FILE.yaml`: a worker says which column is what.

Headers are matched as written (spaces, full-width and `(必填)` notes do not matter), or by column
letter (`B=姓名`); attributes by code, Chinese name or synonym, or `不导入` / `新字段[:名称]`. An unknown
header or attribute is refused with the closest ones, before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from jianfu.ledgers.base import LedgerError
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX
from jianfu.registry.dictionary import normalize_header
from jianfu.registry.models import Attribute
from jianfu.registry.selectors import attribute_by_term, closest_attributes

IGNORE_WORDS = {"不导入", "忽略", "ignore", IGNORE}
NEW_WORDS = ("新字段", "new")


def parse_map_options(values: list[str]) -> list[tuple[str, str, str]]:
    """`HEADER=attribute` strings → (header, attribute, where) for error messages."""
    pairs = []
    for i, text in enumerate(values, 1):
        header, sep, target = text.partition("=")
        if not sep or not header.strip() or not target.strip():
            raise LedgerError(
                _('第%(n)d个 --map“%(text)s”格式不对：应为 --map "表头=字段"，例如 --map "户主姓名=姓名"。')
                % {"n": i, "text": text}
            )
        pairs.append((header.strip(), target.strip(), _("第%(n)d个 --map") % {"n": i}))
    return pairs


def read_map_file(path: Path) -> list[tuple[str, str, str]]:
    """A YAML mapping `表头: 字段`, one a line; errors name the line."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(_("读不了映射文件%(path)s：%(error)s") % {"path": path, "error": exc}) from exc
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise LedgerError(
            _("映射文件%(path)s第%(line)d行不是有效的 YAML：%(error)s")
            % {"path": path.name, "line": line, "error": getattr(exc, "problem", exc)}
        ) from exc
    if node is None:
        raise LedgerError(_("映射文件%(path)s是空的。") % {"path": path.name})
    if not isinstance(node, yaml.MappingNode):
        raise LedgerError(
            _("映射文件%(path)s应当每行一条“表头: 字段”，例如“户主姓名: 姓名”。") % {"path": path.name}
        )
    pairs = []
    for key, value in node.value:
        line = key.start_mark.line + 1
        where = _("映射文件%(path)s第%(line)d行") % {"path": path.name, "line": line}
        if (
            not isinstance(key, yaml.ScalarNode)
            or not isinstance(value, yaml.ScalarNode)
            or not str(value.value).strip()
        ):
            raise LedgerError(_("%(where)s：应为“表头: 字段”，例如“户主姓名: 姓名”。") % {"where": where})
        pairs.append((str(key.value).strip(), str(value.value).strip(), where))
    return pairs


def _column_for(header: str, columns: list[dict[str, Any]]) -> dict[str, Any] | None:
    key = normalize_header(header)
    for col in columns:
        full = normalize_header(col["group"] + col["header"]) if col.get("group") else None
        if key in {normalize_header(col["header"]), col["key"], full} or header.upper() == col["letter"]:
            return col
    return None


def _target_for(term: str, pool: list[Attribute]) -> str | None:
    if term.lower() in IGNORE_WORDS:
        return IGNORE
    for word in NEW_WORDS:
        if term.lower() == word or term.lower().startswith(word + ":") or term.startswith(word + "："):
            return NEW_PREFIX + term[len(word) + 1 :].strip()
    attribute = attribute_by_term(term, pool)
    return attribute.code if attribute else None


def resolve_map(pairs: list[tuple[str, str, str]], columns: list[dict[str, Any]]) -> dict[str, str]:
    """The mapping (column key → target) the worker asked for; LedgerError naming the closest on a miss."""
    pool = list(Attribute.objects.all())
    mapping: dict[str, str] = {}
    for header, term, where in pairs:
        col = _column_for(header, columns)
        if col is None:
            near = sorted(
                columns, key=lambda c: -fuzz.ratio(normalize_header(header), normalize_header(c["header"]))
            )
            raise LedgerError(
                _("%(where)s：表中没有表头“%(header)s”。最接近的：%(near)s。")
                % {
                    "where": where,
                    "header": header,
                    "near": "、".join(f"{c['letter']} 列“{c['header']}”" for c in near[:3]),
                }
            )
        target = _target_for(term, pool)
        if target is None:
            near_attrs = closest_attributes(term, attributes=pool)
            raise LedgerError(
                _(
                    "%(where)s：数据字典中没有字段“%(term)s”。最接近的：%(near)s。也可写“不导入”或“新字段:名称”。"
                )
                % {
                    "where": where,
                    "term": term,
                    "near": "、".join(f"{a.name}（{a.code}）" for a in near_attrs),
                }
            )
        if target == NEW_PREFIX:
            target = NEW_PREFIX + col["header"]
        mapping[col["key"]] = target
    return mapping
