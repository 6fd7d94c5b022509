"""Loading a province's, city's or district's published list from YAML (`jianfu catalog-load`).

    jurisdiction: {level: city, code: "4201", name: 武汉市}
    effective_from: 2026-01-01
    source_document: 武汉市社区工作事项清单（2026年版）
    legal_basis: 《中华人民共和国城市居民委员会组织法》第三条   # default for every item
    assist:
      - {code: "4201-A01", name: 协助开展长江防汛巡堤查险, aliases: [巡堤查险]}
    negative:
      - {code: N09, name: ..., legal_basis: ..., referral: ...}
    remove:
      - {list_kind: assist, code: A31}

Same list keys as jianfu/catalog/data/catalog.yaml. Idempotent (an item whose version in force
on the date is identical is skipped) and all-or-nothing: every problem is reported, nothing is
written unless the whole file is valid.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from jianfu.catalog.choices import ItemAction, JurisdictionLevel, ListKind
from jianfu.catalog.models import CatalogItem, Jurisdiction
from jianfu.catalog.services import catalog_item_remove, catalog_item_set

CODE_LENGTH: dict[str, int] = {
    JurisdictionLevel.PROVINCE.value: 2,
    JurisdictionLevel.CITY.value: 4,
    JurisdictionLevel.DISTRICT.value: 6,
}


class CatalogFileError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _current(jurisdiction: Jurisdiction, list_kind: str, code: str, on: dt.date) -> CatalogItem | None:
    return (
        CatalogItem.objects.filter(
            jurisdiction=jurisdiction, list_kind=list_kind, code=code, effective_from__lte=on
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .order_by("-effective_from")
        .first()
    )


@transaction.atomic
def load_catalog_file(text: str, *, actor: Any) -> dict[str, int]:
    """Apply a catalog file; returns counts {set, removed, unchanged}. Raises CatalogFileError."""
    errors: list[str] = []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogFileError([f"YAML syntax error: {exc}"]) from exc
    if not isinstance(data, dict):
        raise CatalogFileError(
            ["the file should be a mapping with jurisdiction, effective_from and list keys"]
        )
    unknown = set(data) - {
        "jurisdiction",
        "effective_from",
        "source_document",
        "legal_basis",
        "remove",
        *ListKind.values,
    }
    if unknown:
        errors.append(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
    jur = data.get("jurisdiction") or {}
    level, code, name = str(jur.get("level", "")), str(jur.get("code", "")), str(jur.get("name", "")).strip()
    if level not in CODE_LENGTH:
        errors.append(
            "jurisdiction.level must be province, city or district (the national list ships with jianfu)"
        )
    elif len(code) != CODE_LENGTH[level] or not code.isdigit():
        errors.append(
            f"jurisdiction.code for a {level} is {CODE_LENGTH[level]} digits (e.g. 42, 4201, 420102)"
        )
    if not name:
        errors.append("jurisdiction.name is missing (e.g. 武汉市)")
    effective_from = _date(data.get("effective_from"))
    if effective_from is None:
        errors.append("effective_from is missing or not a date (write 2026-01-01)")
    rows: list[tuple[str, dict]] = []
    for kind in ListKind.values:
        for n, row in enumerate(data.get(kind) or [], 1):
            if not isinstance(row, dict) or not row.get("code") or not row.get("name"):
                errors.append(f"{kind} item {n}: needs at least code and name")
                continue
            rows.append((kind, row))
    removals = []
    for n, row in enumerate(data.get("remove") or [], 1):
        if not isinstance(row, dict) or row.get("list_kind") not in ListKind.values or not row.get("code"):
            errors.append(f"remove item {n}: needs list_kind (one of {', '.join(ListKind.values)}) and code")
            continue
        removals.append(row)
    if errors:
        raise CatalogFileError(errors)
    assert effective_from is not None
    jurisdiction, _created = Jurisdiction.objects.get_or_create(
        level=level, code=code, defaults={"name": name}
    )
    counts = {"set": 0, "removed": 0, "unchanged": 0}
    for kind, row in rows:
        item_code = str(row["code"]).strip().upper()
        fields: dict[str, Any] = {
            "name": str(row["name"]).strip(),
            "aliases": [str(a) for a in row.get("aliases") or []],
            "legal_basis": str(row.get("legal_basis") or data.get("legal_basis") or ""),
            "source_document": str(row.get("source_document") or data.get("source_document") or ""),
            "referral": str(row.get("referral") or ""),
            "verify": bool(row.get("verify", False)),
        }
        held = _current(jurisdiction, kind, item_code, effective_from)
        if (
            held is not None
            and held.action == ItemAction.SET
            and all(getattr(held, k) == v for k, v in fields.items())
        ):
            counts["unchanged"] += 1
            continue
        try:
            catalog_item_set(
                actor=actor,
                jurisdiction=jurisdiction,
                list_kind=kind,
                code=item_code,
                effective_from=effective_from,
                **fields,
            )
        except ValidationError as exc:
            errors.extend(f"{kind} {item_code}: {m}" for m in exc.messages)
            continue
        counts["set"] += 1
    for row in removals:
        item_code = str(row["code"]).strip().upper()
        held = _current(jurisdiction, row["list_kind"], item_code, effective_from)
        if held is not None and held.action == ItemAction.REMOVE:
            counts["unchanged"] += 1
            continue
        try:
            catalog_item_remove(
                actor=actor,
                jurisdiction=jurisdiction,
                list_kind=row["list_kind"],
                code=item_code,
                effective_from=effective_from,
            )
        except ValidationError as exc:
            errors.extend(f"remove {item_code}: {m}" for m in exc.messages)
            continue
        counts["removed"] += 1
    if errors:
        transaction.set_rollback(True)
        raise CatalogFileError(errors)
    return counts
