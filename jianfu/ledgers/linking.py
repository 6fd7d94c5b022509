"""Linking: which registered person each clean row is (exact ID number, then Splink); reads only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from jianfu.core import idcard
from jianfu.core.text import to_simplified
from jianfu.ledgers import linkage
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.rows import BATCH, RowPlan, name_key
from jianfu.registry.models import Person


def _record(uid: int, values: dict[str, Any], id_number: str | None = None) -> linkage.Record:
    name = values.get("name") or ""
    return linkage.Record(
        uid=uid,
        name_s=to_simplified(name),
        name_key=name_key(name) if name else "",
        birth_date=values.get("birth_date") or None,
        phone=values.get("phone") or None,
        address=(values["address"].replace(" ", "") if values.get("address") else None),  # NFKC-clean already
        id_number=id_number,
    )


def link_rows(plans: list[RowPlan], community: Any, progress: Callable[[int], None] | None = None) -> None:
    """Decide created / linked / review for every clean row (reads only)."""
    clean = [p for p in plans if not p.errors]
    # 1. exact: checksum-valid ID numbers, index lookups in batches
    with_id = [p for p in clean if p.values.get("id_number")]
    found: dict[str, tuple[int, int]] = {}
    ids = sorted({p.values["id_number"] for p in with_id})
    for start in range(0, len(ids), BATCH):
        for number, pk, community_id in Person.objects.filter(
            id_number__in=ids[start : start + BATCH]
        ).values_list("id_number", "pk", "community_id"):
            assert number is not None  # filtered on id_number__in
            found[number] = (pk, community_id)
    first_row_for_id: dict[str, RowPlan] = {}
    rest: list[RowPlan] = []
    for p in clean:
        number = p.values.get("id_number")
        if number and number in found:
            pk, community_id = found[number]
            if community_id != community.pk:
                p.status = RowStatus.REJECTED
                p.errors.append(
                    _(
                        "第 %(row)d 行：身份证号 %(id)s 已登记在其他社区。请联系该社区核实（如已迁入，请先办理迁移）后再导入。"
                    )
                    % {"row": p.row, "id": idcard.normalize(number)[:4] + "**********" + number[-4:]}
                )
            else:
                p.status, p.person_id = RowStatus.LINKED, pk
        elif number and number in first_row_for_id:
            p.status = "same-as"  # resolved after the first row with this ID is decided
            p.note = number
        else:
            if number:
                first_row_for_id[number] = p
            if p.values.get("name"):
                rest.append(p)
            else:  # a valid ID nobody holds and no name: nothing else to compare, a new person
                p.status = RowStatus.CREATED
    if progress:
        progress(len(plans) - len(rest))
    # 2. candidates in the community sharing a blocking key. A row with a valid ID number can only
    #    be someone registered without one (a different valid ID is a different person).
    if rest:
        candidates: dict[int, dict[str, Any]] = {}
        fields = ("pk", "name", "name_key", "birth_date", "phone", "id_number")
        for pool, base in (
            ([p for p in rest if not p.values.get("id_number")], Person.objects.filter(community=community)),
            (
                [p for p in rest if p.values.get("id_number")],
                Person.objects.filter(community=community, id_number__isnull=True),
            ),
        ):
            if not pool:
                continue
            keys = {name_key(p.values["name"]) for p in pool}
            births = {p.values["birth_date"] for p in pool if p.values.get("birth_date")}
            phones = {p.values["phone"] for p in pool if p.values.get("phone")}
            for items, lookup in (
                (sorted(keys), "name_key__in"),
                (sorted(births), "birth_date__in"),
                (sorted(phones), "phone__in"),
            ):
                for start in range(0, len(items), BATCH):
                    query = base.filter(Q(**{lookup: items[start : start + BATCH]}))
                    for row in query.values(*fields, address=KT("values__address")):
                        candidates[row["pk"]] = row
        # 2a. a row that only repeats what one candidate already holds is that person
        names = {to_simplified(p.values["name"]) for p in rest}
        same_name = [pk for pk, c in candidates.items() if to_simplified(c["name"]) in names]
        held_values: dict[int, dict[str, str]] = {}
        for start in range(0, len(same_name), BATCH):
            held_values.update(
                Person.objects.filter(pk__in=same_name[start : start + BATCH]).values_list("pk", "values")
            )
        by_name: dict[str, list[int]] = {}
        for pk in same_name:
            by_name.setdefault(to_simplified(candidates[pk]["name"]), []).append(pk)
        unresolved = []
        for p in rest:
            same = [
                pk
                for pk in by_name.get(to_simplified(p.values["name"]), [])
                if all((held_values.get(pk) or {}).get(k) == v for k, v in p.values.items())
            ]
            if len(same) == 1:
                p.status, p.person_id = RowStatus.LINKED, same[0]
            else:
                unresolved.append(p)
        # 2b. Splink on the rest
        incoming = [_record(i, p.values, p.values.get("id_number")) for i, p in enumerate(unresolved)]
        cand_records = [
            _record(
                c["pk"],
                {
                    "name": c["name"],
                    "birth_date": c["birth_date"].isoformat() if c["birth_date"] else None,
                    "phone": c["phone"],
                    "address": c["address"],
                },
                c["id_number"],
            )
            for c in candidates.values()
        ]
        scores = linkage.score(incoming, cand_records)
        for i, p in enumerate(unresolved):
            outcome, plausible = linkage.decide(scores.get(i, []))
            if outcome == "linked":
                p.status, p.person_id = RowStatus.LINKED, plausible[0][0]
            elif outcome == "review":
                p.status, p.candidates = RowStatus.REVIEW, plausible
            else:
                p.status = RowStatus.CREATED
    new_keys: dict[str, int] = {}
    counter = 0
    for p in plans:
        if p.errors:
            p.status = RowStatus.REJECTED
        elif p.status == RowStatus.CREATED:
            p.new_key = counter
            counter += 1
            if p.values.get("id_number"):
                new_keys[p.values["id_number"]] = p.new_key
    for p in plans:
        if p.status == "same-as":
            first = first_row_for_id[p.note]
            p.note = ""
            if first.status == RowStatus.CREATED:
                p.status, p.new_key = RowStatus.LINKED, first.new_key
            elif first.status == RowStatus.LINKED:
                p.status, p.person_id = RowStatus.LINKED, first.person_id
            else:
                p.status, p.candidates = first.status, first.candidates
                p.errors = p.errors or list(first.errors)
    if progress:
        progress(len(plans))
