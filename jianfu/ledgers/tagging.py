"""The tags an import gives its people: the roster's tag, and the tags its fields imply.

A roster's tag is chosen on the import (preselected from the source's remembered default tag);
a value in a tag's own field implies that tag (a 低保证号 → 低保, 残疾等级 → 残疾), from the data
dictionary's `Attribute.tag`. The outcome says which tags were given and why.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from jianfu.ledgers.choices import IGNORE, NEW_PREFIX, RowStatus
from jianfu.ledgers.rows import RowPlan
from jianfu.registry.models import Attribute
from jianfu.registry.tags import field_tags

TAGGED = "是"


class _SourceDefault:
    def __repr__(self) -> str:
        return "SOURCE_DEFAULT"


# `ledger_import_confirm(tag=SOURCE_DEFAULT)`: use the source's remembered tag (None means no tag).
SOURCE_DEFAULT: Any = _SourceDefault()


def imply_tags(plans: list[RowPlan], attributes: dict[str, Attribute]) -> list[tuple[RowPlan, str, str]]:
    """Give each row the tags its tag fields imply; returns (row, field code, tag code) per tag given."""
    implies = field_tags(attributes)
    given: list[tuple[RowPlan, str, str]] = []
    if not implies:
        return given
    for plan in plans:
        for code in [c for c in plan.values if c in implies]:
            tag = implies[code]
            if not plan.values.get(code):
                continue
            if plan.values.get(tag.code) != TAGGED:
                plan.values[tag.code] = TAGGED
                given.append((plan, code, tag.code))
    return given


def tag_report(
    *,
    plans: list[RowPlan],
    given: list[tuple[RowPlan, str, str]],
    roster_tag: Attribute | None,
    attributes: dict[str, Attribute],
) -> list[dict[str, Any]]:
    """What the outcome says: [{"tag", "tag_name", "field", "field_name", "people", "why"}].

    Counts rows that reached a person (created or linked) or wait in the review queue; a rejected
    row tags nobody.
    """
    kept = {RowStatus.CREATED, RowStatus.LINKED, RowStatus.REVIEW}
    report: list[dict[str, Any]] = []
    if roster_tag is not None:
        people = sum(1 for p in plans if p.status in kept)
        report.append(
            {
                "tag": roster_tag.code,
                "tag_name": roster_tag.name,
                "field": "",
                "field_name": "",
                "people": people,
                "why": _("本台账每一行都标记为“%(tag)s”，这%(n)d人标记为%(tag)s")
                % {"tag": roster_tag.name, "n": people},
            }
        )
    counts = Counter((code, tag) for plan, code, tag in given if plan.status in kept)
    for (code, tag), people in sorted(counts.items(), key=lambda kv: -kv[1]):
        report.append(
            {
                "tag": tag,
                "tag_name": attributes[tag].name,
                "field": code,
                "field_name": attributes[code].name,
                "people": people,
                "why": _("因有“%(field)s”，这%(n)d人标记为%(tag)s")
                % {"field": attributes[code].name, "n": people, "tag": attributes[tag].name},
            }
        )
    return report


def implied_by_columns(
    columns: list[dict[str, Any]], attributes: dict[str, Attribute]
) -> list[dict[str, str]]:
    """Before the import: which proposed columns imply a tag (shown on the mapping page)."""
    implies = field_tags(attributes)
    shown = []
    for col in columns:
        code = col.get("proposed") or ""
        if code in (IGNORE, "") or code.startswith(NEW_PREFIX) or code not in implies:
            continue
        tag = implies[code]
        shown.append(
            {
                "header": col["header"],
                "field_name": attributes[code].name,
                "tag": tag.code,
                "tag_name": tag.name,
                "why": _("“%(header)s”列是%(tag)s的字段：这一列有值的行都会标记为%(tag)s。")
                % {"header": col["header"], "tag": tag.name},
            }
        )
    return shown
