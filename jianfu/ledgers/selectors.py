"""Reads for ledger imports and the review queue, always within the acting user's scope."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from jianfu.accounts.scope import Action
from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.ledgers.choices import ReviewStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.registry.models import Attribute, Person

SIDE_BY_SIDE = ["name", "id_number", "gender", "birth_date", "phone", "address"]


def import_list(*, user: Any) -> QuerySet[LedgerImport]:
    return (
        LedgerImport.objects.restrict(user, "view")
        .select_related("community", "source", "created_by")
        .defer("results", "columns")
    )


def import_get(*, user: Any, pk: int, action: Action = "view") -> LedgerImport:
    return get_object_or_404(
        LedgerImport.objects.restrict(user, action).select_related(
            "community", "source__default_tag", "source__department", "tag"
        ),
        pk=pk,
    )


def review_list(*, user: Any, status: str = ReviewStatus.PENDING) -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.restrict(user, "review")
        .filter(status=status)
        .select_related("ledger_import__source", "community")
    )


def review_get(*, user: Any, pk: int) -> ReviewItem:
    return get_object_or_404(
        ReviewItem.objects.restrict(user, "review").select_related("ledger_import__source", "community"),
        pk=pk,
    )


def _masked(code: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if code == "id_number":
        return mask_id_number(str(value))
    if code in ("phone", "guardian_phone", "phone_other"):
        return mask_phone(str(value))
    return str(value)


def review_cards(items: list[ReviewItem]) -> list[dict[str, Any]]:
    """For each item: the incoming row and its candidates side by side (IDs and phones masked)."""
    pids = {c["pid"] for item in items for c in item.candidates}
    people = {p.pid: p for p in Person.objects.filter(pid__in=pids).select_related("grid")}
    names = dict(Attribute.objects.values_list("code", "name"))
    cards = []
    for item in items:
        values = item.row.get("values", {})
        codes = SIDE_BY_SIDE + [c for c in values if c not in SIDE_BY_SIDE]
        candidates = []
        for c in item.candidates:
            person = people.get(c["pid"])
            if person is None:
                continue
            current = dict(person.values or {})
            current.setdefault("name", person.name)
            current.setdefault("id_number", person.id_number or "")
            current.setdefault("phone", person.phone)
            current.setdefault("birth_date", person.birth_date.isoformat() if person.birth_date else "")
            current.setdefault("gender", person.gender)
            candidates.append(
                {"pid": person.pid, "probability": round(100 * c["probability"]), "values": current}
            )
        rows = []
        for code in codes:
            incoming = values.get(code, "")
            theirs = [cand["values"].get(code, "") for cand in candidates]
            if not incoming and not any(theirs):
                continue
            rows.append(
                {
                    "label": names.get(code, code),
                    "incoming": _masked(code, incoming),
                    "candidates": [
                        {"value": _masked(code, v), "same": bool(incoming) and v == incoming} for v in theirs
                    ],
                }
            )
        cards.append({"item": item, "rows": rows, "candidates": candidates})
    return cards
