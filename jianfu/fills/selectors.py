"""Reads of one-form filling. Every function takes the acting user and stays inside their scope."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.fills import permissions
from jianfu.fills.models import FillRecord
from jianfu.fills.services import NOT_FILLABLE, people_for_fill
from jianfu.fills.template import Analysis
from jianfu.orgs.models import Community
from jianfu.registry.choices import Sensitivity
from jianfu.registry.models import Attribute


def fill_list(*, user: Any) -> QuerySet[FillRecord]:
    """The fills the user may see (jianfu.fills.permissions.fill_visible_q)."""
    return FillRecord.objects.restrict(user, "view").select_related("community", "requested_by", "department")


def fill_get(*, user: Any, pk: int) -> FillRecord:
    return get_object_or_404(fill_list(user=user), pk=pk)


def fill_communities(*, user: Any) -> QuerySet[Community]:
    return permissions.fill_communities(user).order_by("code")


def attribute_choices() -> list[tuple[str, str]]:
    return list(Attribute.objects.order_by("sort", "code").values_list("code", "name"))


def missing_columns(*, record: FillRecord) -> list[dict[str, Any]]:
    """Columns a worker can complete in the page: mapped ones with blanks, and unmapped ones."""
    analysis = Analysis.from_dict(record.analysis)
    columns: list[dict[str, Any]] = []
    for c in analysis.columns:
        if c.meta:
            continue
        if c.attribute is None:
            columns.append(
                {"key": f"col{c.index}", "header": c.label, "code": None, "new": True, "choices": []}
            )
        elif (
            record.blanks.get(c.attribute)
            and c.attribute not in NOT_FILLABLE
            and all(col["code"] != c.attribute for col in columns)
        ):
            columns.append(
                {"key": c.attribute, "header": c.label, "code": c.attribute, "new": False, "choices": []}
            )
    kinds = dict(
        Attribute.objects.filter(code__in=[c["code"] for c in columns if c["code"]]).values_list(
            "code", "choices"
        )
    )
    for column in columns:  # choice attributes get a select, tags 是/否
        column["choices"] = list(kinds.get(column["code"]) or [])
    return columns


def _masked(code: str, value: object) -> str:
    """ID numbers and phones already known are shown masked: the table is for what is missing."""
    return mask_id_number(str(value)) if code == "id_number" else mask_phone(str(value))


def missing_rows(*, user: Any, record: FillRecord, columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """People of the fill lacking at least one of `columns` (one query)."""
    if not columns:
        return []
    person_fields = {"id_number", "gender", "birth_date", "phone"}
    masked = set(
        Attribute.objects.filter(
            code__in=[c["code"] for c in columns if c["code"]], sensitivity=Sensitivity.MASKED
        ).values_list("code", flat=True)
    )
    rows = []
    qs = people_for_fill(actor=user, community=record.community, where=record.where)
    for pid, name, id_number, gender, birth, phone, values in qs.values_list(
        "pid", "name", "id_number", "gender", "birth_date", "phone", "values"
    ):
        own = {"id_number": id_number, "gender": gender, "birth_date": birth, "phone": phone}
        cells = []
        for col in columns:
            code = col["code"]
            current = (
                None
                if code is None
                else (own.get(code) if code in person_fields else (values or {}).get(code))
            )
            shown = _masked(code, current) if code in masked and current not in (None, "") else current
            cells.append(
                {"key": col["key"], "value": shown, "header": col["header"], "choices": col["choices"]}
            )
        if any(cell["value"] in (None, "") for cell in cells):
            rows.append({"pid": pid, "name": name, "cells": cells})
    return rows
