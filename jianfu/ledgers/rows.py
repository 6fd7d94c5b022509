"""Row plans: each data row cleaned into attribute values, with its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jianfu.core import idcard
from jianfu.ledgers.choices import IGNORE
from jianfu.ledgers.mapping import header_key, role_facts
from jianfu.registry.current import name_initials, name_key  # noqa: F401 (cached; used by the write)
from jianfu.registry.models import Attribute
from jianfu.registry.values import NAME_NOTES, clean_text, clean_value, split_name, usable_name
from jianfu.sheets.reader import LedgerTable

BATCH = 2000


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
    # the digits of an invalid ID number that still point at someone (a typo, Excel's 15 digits)
    id_evidence: str | None = None


def _row_message(row: int, header: str, text: str) -> str:
    return _("第%(row)d行“%(header)s”列：%(text)s") % {"row": row, "header": header, "text": text}


def name_parts(raw: object) -> tuple[str, str, bool]:
    """(name, bracket note, usable) of a name cell (`split_name`, `usable_name`)."""
    name, note = split_name(raw)
    return name, note, usable_name(name)


def as_written(raw: object) -> str:
    """A cell as the worker saw it (a huge float as Excel shows it: 4.20102195003021E+17)."""
    if isinstance(raw, float) and abs(raw) >= 1e15:
        return f"{raw:.14E}"
    return clean_text(raw)


class _Row:
    """What one row collects while its cells are cleaned."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.values: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.unvalidated: dict[str, tuple[str, str]] = {}
        self.problems: list[dict[str, str]] = []
        self.id_evidence: str | None = None
        self.implied: dict[str, tuple[str, str]] = {}  # from a name's bracket note: a column says it better

    def finish(self, attributes: dict[str, Attribute]) -> None:
        for code, (value, header) in self.implied.items():
            self.add(code, value, header, attributes)

    def problem(self, header: str, code: str, written: str, kind: str, text: str, keep: bool = True) -> None:
        if keep:
            self.unvalidated[code] = (written, text)
        self.problems.append(
            {
                "column": header,
                "attribute": code,
                "value": written,
                "kind": kind,
                "message": _row_message(self.number, header, text),
            }
        )

    def add(self, code: str, value: str, header: str, attributes: dict[str, Attribute]) -> None:
        """A value the row states; a second column stating the same attribute does not overwrite it."""
        if code in attributes and code not in self.values:
            self.values[code] = value
            self.headers[code] = header

    def name(
        self,
        raw: object,
        header: str,
        attributes: dict[str, Attribute],
        split: tuple[str, str, bool] | None = None,
    ) -> None:
        """`split`: what `name_parts(raw)` gives, when the caller has it (one per distinct name)."""
        name, note, usable = split if split is not None else name_parts(raw)
        if not usable:
            self.problem(
                header,
                "name",
                as_written(raw),
                "name_unusable",
                _("“%(value)s”不像姓名，未作为姓名导入。") % {"value": as_written(raw)},
            )
            return
        self.add("name", name, header, attributes)
        if not note:
            return
        code, value = NAME_NOTES.get(note, ("name_note", note))
        if code == "name_note" or code not in attributes:
            self.add("name_note", note, header, attributes)
            self.problem(
                header,
                "name_note",
                as_written(raw),
                "name_note",
                _("姓名后的括注“%(note)s”已从姓名中分出，记为“姓名括注”。") % {"note": note},
                keep=False,
            )
        else:
            self.implied[code] = (value, header)


def clean_rows(
    table: LedgerTable, mapping: dict[str, str], attributes: dict[str, Attribute], tag: Attribute | None
) -> list[RowPlan]:
    cols = []
    for i, col in enumerate(table.columns):
        code = mapping.get(header_key(col.text, col.group), IGNORE)
        if code == IGNORE or code not in attributes:
            continue
        cols.append((i, code, col.text, attributes[code]))
    mapped = {code for _i, code, _h, _a in cols}
    # the subject's role, where it means something (户主姓名 → 与户主关系 = 户主), unless a column says it
    role_implied = {
        k: v
        for _i, code, header, _a in cols
        if code == "name"
        for k, v in role_facts(header).items()
        if k in attributes and k not in mapped
    }
    plans = []
    # each distinct cell value of a column is cleaned once (a text cell keyed by itself, any other by
    # its type too: 1, 1.0 and True clean differently); the loop below adds a row's values itself
    # (what _Row.add does: every column's code is an attribute, a value already stated is kept)
    caches: dict[str, dict[Any, Any]] = {code: {} for _i, code, _h, _a in cols}
    cleaned = [
        (i, code, header, attribute, caches[code])
        for i, code, header, attribute in cols
        if not attribute.is_derived
    ]
    for row_number, cells in table.rows:
        row = _Row(row_number)
        values, headers = row.values, row.headers
        for i, code, header, attribute, cache in cleaned:
            raw = cells[i]
            if raw is None:
                continue
            key = raw if type(raw) is str else (type(raw), raw)
            result = cache.get(key)
            if code == "name":
                if result is None:
                    result = name_parts(raw)
                    if len(cache) < 50_000:
                        cache[key] = result
                row.name(raw, header, attributes, result)
                continue
            if result is None:
                result = clean_value(attribute.type, code, raw, attribute.choices)
                if len(cache) < 50_000:
                    cache[key] = result
            if result.error:
                row.problem(header, code, as_written(raw), result.kind, result.error)
                if code == "id_number":
                    row.id_evidence = idcard.evidence(raw)
            elif result.value is not None:
                if code not in values:
                    values[code] = result.value
                    headers[code] = header
                for extra_code, extra_value in result.extra:
                    row.add(extra_code, extra_value, header, attributes)
        row.finish(attributes)
        if tag is not None:
            row.values[tag.code] = "是"
        if role_implied and row.values.get("name"):
            for code, value in role_implied.items():
                row.values.setdefault(code, value)
        errors = []
        if not row.values.get("name") and not row.values.get("id_number"):
            errors.append(
                _(
                    "第%(row)d行认不出是谁：既没有姓名，也没有有效的身份证号。"
                    "请在原表补上姓名或身份证号后重新导入这一行。"
                )
                % {"row": row_number}
            )
        plans.append(
            RowPlan(
                row=row_number,
                values=row.values,
                headers=row.headers,
                errors=errors,
                unvalidated=row.unvalidated,
                problems=row.problems,
                warnings=list(table.cell_warnings.get(row_number, ())),
                id_evidence=row.id_evidence,
            )
        )
    return plans
