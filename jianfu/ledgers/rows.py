"""Row plans: each data row cleaned into attribute values, with its problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from jianfu.ledgers.choices import IGNORE
from jianfu.ledgers.mapping import header_key
from jianfu.registry.models import Attribute
from jianfu.registry.services import name_initials as _name_initials
from jianfu.registry.services import name_key as _name_key
from jianfu.registry.values import clean_text, clean_value
from jianfu.sheets.reader import LedgerTable

BATCH = 2000


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """registry.services.name_key, cached: pinyin is the slowest step of a large import."""
    return _name_key(name)


@lru_cache(maxsize=200_000)
def name_initials(name: str) -> str:
    return _name_initials(name)


@dataclass
class RowPlan:
    row: int
    values: dict[str, str]
    headers: dict[str, str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but something was changed or is doubtful
    status: str = ""
    person_id: int | None = None  # existing person
    new_key: int | None = None  # index of a person to create (shared by rows with the same new ID)
    candidates: list[tuple[int, float]] = field(default_factory=list)
    note: str = ""
    # values that failed validation, kept as written: code → (value as written, problem)
    unvalidated: dict[str, tuple[str, str]] = field(default_factory=dict)
    # what is wrong with this row's values, one entry per value (shape read by the feedback pages):
    # {"column", "attribute", "value", "kind", "message"}
    problems: list[dict[str, str]] = field(default_factory=list)


_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])")


def clean_name(value: str) -> str:
    return _CJK_SPACES.sub("", value)


def _row_message(row: int, header: str, text: str) -> str:
    return _("第 %(row)d 行“%(header)s”列：%(text)s") % {"row": row, "header": header, "text": text}


def clean_rows(
    table: LedgerTable, mapping: dict[str, str], attributes: dict[str, Attribute], tag: Attribute | None
) -> list[RowPlan]:
    cols = []
    for i, col in enumerate(table.columns):
        code = mapping.get(header_key(col.text, col.group), IGNORE)
        if code == IGNORE or code not in attributes:
            continue
        cols.append((i, code, col.text, attributes[code]))
    plans = []
    caches: dict[str, dict[Any, Any]] = {code: {} for _i, code, _h, _a in cols}
    for row_number, cells in table.rows:
        values: dict[str, str] = {}
        headers: dict[str, str] = {}
        errors: list[str] = []
        unvalidated: dict[str, tuple[str, str]] = {}
        problems: list[dict[str, str]] = []
        for i, code, header, attribute in cols:
            raw = cells[i]
            if raw is None or attribute.is_derived:
                continue
            cache = caches[code]
            key = (type(raw), raw)
            result = cache.get(key)
            if result is None:
                result = clean_value(attribute.type, code, raw, attribute.choices)
                if len(cache) < 50_000:
                    cache[key] = result
            if result.error:
                written = clean_text(raw)
                unvalidated[code] = (written, result.error)
                problems.append(
                    {
                        "column": header,
                        "attribute": code,
                        "value": written,
                        "kind": result.kind,
                        "message": _row_message(row_number, header, result.error),
                    }
                )
            elif result.value is not None:
                values[code] = clean_name(result.value) if code == "name" else result.value
                headers[code] = header
        if tag is not None:
            values[tag.code] = "是"
        if not values.get("name") and not values.get("id_number"):
            errors.append(
                _(
                    "第 %(row)d 行认不出是谁：既没有姓名，也没有有效的身份证号。"
                    "请在原表补上姓名或身份证号后重新导入这一行。"
                )
                % {"row": row_number}
            )
        plans.append(
            RowPlan(
                row=row_number,
                values=values,
                headers=headers,
                errors=errors,
                unvalidated=unvalidated,
                problems=problems,
                warnings=list(table.cell_warnings.get(row_number, ())),
            )
        )
    return plans
