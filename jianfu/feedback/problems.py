"""The problems of one import's rows, read from its per-row outcome.

The ledger import stores per row `results[i]["problems"] = [{"column", "attribute", "value",
"kind", "message"}]` (one entry per invalid or implausible value, kept as written). Older outcomes
carry only `errors` (messages such as 第 5 行“联系电话”列：……); those are read as problems too, so
imports made before the structured problems still have a problem list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from jianfu.core.masking import mask_id_number, mask_phone

# Kinds the import reports (jianfu.registry.values / jianfu.core.idcard) and what to call them.
KIND_LABELS: dict[str, Any] = {
    "id_excel": _("身份证号被 Excel 改坏"),
    "id_shape": _("身份证号位数或字符不对"),
    "id_checksum": _("身份证号校验位不对"),
    "id_birth_date": _("身份证号中的出生日期不存在"),
    "phone_excel": _("电话被转成科学计数法"),
    "phone_format": _("电话号码格式不对"),
    "date_format": _("日期无法识别"),
    "date_range": _("日期超出合理范围"),
    "number_format": _("不是数字"),
    "tag_value": _("应填“是”或“否”"),
    "choice_value": _("不在可选值中"),
    "control_chars": _("含不可见控制字符"),
    "unidentified": _("认不出是谁（无姓名且无有效身份证号）"),
    "invalid": _("值无效"),
}
MASKED_ATTRIBUTES = {"id_number": mask_id_number, "phone": mask_phone, "guardian_phone": mask_phone}
_ROW_MESSAGE = re.compile(r"^第 ?\d+ ?行“(?P<header>[^”]*)”列：(?P<text>.*)$", re.S)
_QUOTED = re.compile(r"“(?P<value>[^”]*)”")


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind or KIND_LABELS["invalid"]))


def mask(attribute: str, value: Any) -> str:
    """ID numbers and phones masked (as they are everywhere by default)."""
    text = "" if value is None else str(value)
    masker = MASKED_ATTRIBUTES.get(attribute)
    return masker(text) if masker and text else text


@dataclass(frozen=True)
class Problem:
    row: int
    name: str
    status: str
    person: str | None
    column: str
    attribute: str
    value: str
    kind: str
    message: str


def entry_problems(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The problems of one outcome row: its structured problems, or those read from its errors."""
    if "problems" in entry:
        found = list(entry.get("problems") or [])
        if entry.get("status") == "rejected" and not entry.get("decided"):
            found += [_from_error(e, rejected=True) for e in entry.get("errors") or []]
        return found
    if entry.get("decided"):  # a reviewer's reason, not a problem of the data
        return []
    return [_from_error(e, rejected=entry.get("status") == "rejected") for e in entry.get("errors") or []]


def _from_error(message: str, *, rejected: bool) -> dict[str, Any]:
    match = _ROW_MESSAGE.match(message or "")
    if match:
        quoted = _QUOTED.search(match["text"])  # the value as written, so that it can be masked
        return {
            "column": match["header"],
            "attribute": "",
            "value": quoted["value"] if quoted else "",
            "kind": "invalid",
            "message": message,
        }
    return {
        "column": "",
        "attribute": "",
        "value": "",
        "kind": "unidentified" if rejected else "invalid",
        "message": message,
    }


def iter_problems(results: list[dict[str, Any]]) -> Iterator[Problem]:
    for entry in results:
        for p in entry_problems(entry):
            yield Problem(
                row=int(entry.get("row") or 0),
                name=str(entry.get("name") or ""),
                status=str(entry.get("status") or ""),
                person=entry.get("person"),
                column=str(p.get("column") or ""),
                attribute=str(p.get("attribute") or ""),
                value=str(p.get("value") or ""),
                kind=str(p.get("kind") or "invalid"),
                message=str(p.get("message") or ""),
            )


@dataclass(frozen=True)
class Counts:
    rows: int
    rows_with_problems: int
    problems: int
    kinds: dict[str, int]


def count_problems(results: list[dict[str, Any]]) -> Counts:
    kinds: Counter[str] = Counter()
    rows_with = 0
    for entry in results:
        found = entry_problems(entry)
        if found:
            rows_with += 1
            kinds.update(str(p.get("kind") or "invalid") for p in found)
    return Counts(len(results), rows_with, sum(kinds.values()), dict(kinds.most_common()))


# ---- the problem table (feedback.ImportProblem): one row per problem value, stored masked ----

PERSON_COLUMNS = ("name", "id_number", "gender", "birth_date", "phone")


def attribute_of(problem: Problem, mapping: dict[str, str]) -> str:
    """The attribute a problem concerns: its own, or the one its column was mapped to."""
    if problem.attribute:
        return problem.attribute
    from jianfu.ledgers.mapping import header_key

    target = mapping.get(header_key(problem.column), "") if problem.column else ""
    return target if target and not target.startswith("__") else ""


def masked_message(message: str, value: str, attribute: str) -> str:
    """The message names the value as written: an ID number or phone is masked there too."""
    if attribute not in MASKED_ATTRIBUTES or not value:
        return message
    for written in sorted({value, value.replace(" ", ""), value.strip()}, key=len, reverse=True):
        if written:
            message = message.replace(written, mask(attribute, written))
    return message


def held_values(person_model: Any, pids: set[str]) -> dict[str, dict[str, str]]:
    """What the registry holds for these people, per attribute (current values and the person
    columns). `person_model` is the Person model (or its historical version in a migration)."""
    held: dict[str, dict[str, str]] = {}
    for pid, values, *columns in person_model.objects.filter(pid__in=pids).values_list(
        "pid", "values", *PERSON_COLUMNS
    ):
        found = {code: str(value or "") for code, value in zip(PERSON_COLUMNS, columns, strict=True)}
        found.update({code: str(v) for code, v in (values or {}).items() if v not in (None, "")})
        held[pid] = found
    return held


def problem_records(
    results: list[dict[str, Any]], mapping: dict[str, str], person_model: Any, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """The rows of the problem table for an import's outcome (masked), reading the registry a chunk
    of people at a time. Also used by the migration that backfilled imports made before the table."""
    problems = iter_problems(results)
    while True:
        batch = [p for _i, p in zip(range(chunk), problems, strict=False)]
        if not batch:
            return
        held = held_values(person_model, {p.person for p in batch if p.person})
        for p in batch:
            attribute = attribute_of(p, mapping)
            now = held.get(p.person or "", {}).get(attribute, "") if attribute else ""
            yield {
                "row": p.row,
                "name": p.name[:200],
                "status": p.status[:16],
                "person": (p.person or "")[:32],
                "column": p.column[:255],
                "attribute": attribute[:64],
                "kind": (p.kind or "invalid")[:32],
                "sent": mask(attribute, p.value),
                "held": mask(attribute, now),
                "message": masked_message(p.message, p.value, attribute),
            }
