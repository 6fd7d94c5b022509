"""Linking: which registered person each clean row is (exact ID number, then Splink); reads only."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from jianfu.core import idcard
from jianfu.core.sqlin import member_of
from jianfu.core.text import to_simplified
from jianfu.ledgers import linkage
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.rows import BATCH, RowPlan, name_key
from jianfu.registry.values import address_key


def _id_parts(id_number: str | None, evidence: str | None) -> tuple[str | None, str | None]:
    """(id_evidence, id_prefix) for linkage: a valid or mistyped 18-character number and its first
    15 digits; for a number Excel mangled only the 15 digits it kept."""
    number = id_number or evidence
    if not number:
        return None, None
    if len(number) == 15:
        return None, number
    return number, number[:15]


def _birth_from_id(evidence: str | None) -> str | None:
    """The birth date an invalid ID number still states (when its date part is a real date)."""
    if not evidence or len(evidence) < 14 or not evidence[6:14].isdigit():
        return None
    try:
        return dt.date(int(evidence[6:10]), int(evidence[10:12]), int(evidence[12:14])).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=200_000)
def _address_key(address: str) -> str:
    """registry.values.address_key, cached: candidates found by several blocking keys, and neighbours
    sharing an address, are folded once."""
    return address_key(address)


def _record(
    uid: int,
    name: str | None,
    birth_date: str | None,
    phone: str | None,
    address: str | None,
    id_number: str | None = None,
    evidence: str | None = None,
    stored_key: str = "",
) -> linkage.Record:
    """`stored_key`: a registered person's name_key column (the key blocking found them by), so
    that tens of thousands of candidates' names are not turned into pinyin again."""
    name = name or ""
    id_evidence, id_prefix = _id_parts(id_number, evidence)
    return linkage.Record(
        uid,
        to_simplified(name),
        stored_key or (name_key(name) if name else ""),
        # a valid ID states the birth date; an invalid one's date is the ID comparison's evidence, not a second one
        birth_date or _birth_from_id(id_number) or None,
        phone or None,
        _address_key(address) if address else None,
        id_number,
        id_evidence,
        id_prefix,
    )


def _id_blocking(pool: list[RowPlan]) -> list[tuple[str, list[str]]]:
    """Registry people an invalid ID number may be a typo of: same last 4 or same first 13
    (conditions with their parameters for `_candidates`)."""
    tails = sorted({p.id_evidence[14:] for p in pool if p.id_evidence and len(p.id_evidence) == 18})
    heads = sorted({p.id_evidence[:13] for p in pool if p.id_evidence})
    queries = _in_conditions("id_tail", tails)
    for i in range(0, len(heads), 200):
        chunk = heads[i : i + 200]
        # a range, so the unique index serves it
        queries.append(
            (
                "(" + " OR ".join(["id_number BETWEEN %s AND %s"] * len(chunk)) + ")",
                [bound for head in chunk for bound in (head, head + "Z")],
            )
        )
    return queries


def _in_conditions(column: str, items: list[str]) -> list[tuple[str, list[Any]]]:
    """`column IN (…)` of BATCH items at a time (birth dates are ISO strings: compared as dates)."""
    array_type = "date" if column == "birth_date" else ""
    return [member_of(column, items[i : i + BATCH], array_type) for i in range(0, len(items), BATCH)]


def _candidates(
    community_id: int,
    without_id: bool,
    queries: list[tuple[str, list[str]]],
    found: dict[int, tuple[Any, ...]],
) -> None:
    """The community's people (only those without an ID number: `without_id`) meeting each condition,
    into `found` by id, as (id, name, name_key, birth_date, phone, id_number, address): what
    `Person.objects.filter(…).order_by("name_key", "id").values(…, address=KT("values__address"))`
    reads, in the same order, without the ORM's cost per parameter and per row (≈ 100,000 rows of
    a large import)."""
    q_values = connection.ops.quote_name("values")
    if connection.vendor == "postgresql":
        address = f"({q_values} ->> 'address')"
    else:  # SQLite: what KT compiles to there
        path = "'$.\"address\"'"
        address = (
            f"CASE WHEN JSON_TYPE({q_values}, {path}) IN ('null', 'false', 'true') "
            f"THEN JSON_TYPE({q_values}, {path}) ELSE JSON_EXTRACT({q_values}, {path}) END"
        )
    select = (
        f"SELECT id, name, name_key, birth_date, phone, id_number, {address} FROM registry_person "
        "WHERE community_id = %s" + (" AND id_number IS NULL" if without_id else "")
    )
    with connection.cursor() as cursor:
        for condition, params in queries:
            # Person's ordering within one community, without joining orgs_community to sort on
            # its code (every row has the same): the same rows in the same order
            cursor.execute(f"{select} AND {condition} ORDER BY name_key, id", [community_id, *params])
            for row in cursor.fetchall():
                found[row[0]] = row


def _unvalidated_ids(person_ids: list[int]) -> dict[int, str]:
    """The ID-number evidence of people registered without a valid one (from their unvalidated facts)."""
    from jianfu.registry.models import Fact

    found: dict[int, str] = {}
    for start in range(0, len(person_ids), BATCH):
        for person_id, value in (
            Fact.objects.filter(
                person_id__in=person_ids[start : start + BATCH], attribute__code="id_number", validated=False
            )
            .order_by("recorded_at", "id")
            .values_list("person_id", "value")
        ):
            if evidence := idcard.evidence(value):
                found[person_id] = evidence
    return found


def _new_person_keys(p: RowPlan) -> list[tuple[str, str, str]]:
    """Two rows of one file that would each create a person are one person when the name and one
    more thing (birth date, phone or the ID as written) agree: the keys that say so."""
    name = to_simplified(p.values.get("name", ""))
    pairs = (("birth", p.values.get("birth_date")), ("phone", p.values.get("phone")), ("id", p.id_evidence))
    return [(name, what, value) for what, value in pairs if name and value]


def link_rows(plans: list[RowPlan], community: Any, progress: Callable[[int], None] | None = None) -> None:
    """Decide created / linked / review for every clean row (reads only)."""
    clean = [p for p in plans if not p.errors]
    # 1. exact: checksum-valid ID numbers, index lookups in batches
    with_id = [p for p in clean if p.values.get("id_number")]
    found: dict[str, tuple[int, int]] = {}
    ids = sorted({p.values["id_number"] for p in with_id})
    # raw SQL: the ORM's IN (…) of 2,000 numbers costs more than the query, and Person's ordering
    # would join orgs_community and sort each batch (90,000 numbers in a large import)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            where, params = member_of("id_number", ids[start : start + BATCH])
            cursor.execute(f"SELECT id_number, id, community_id FROM registry_person WHERE {where}", params)
            for number, pk, community_id in cursor.fetchall():
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
                        "第%(row)d行：身份证号%(id)s已登记在其他社区。请联系该社区核实（如已迁入，请先办理迁移）后再导入。"
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
        # (id, name, name_key, birth_date, phone, id_number, address) by id, in the order found
        candidates: dict[int, tuple[Any, ...]] = {}
        for pool, without_id in (
            ([p for p in rest if not p.values.get("id_number")], False),
            ([p for p in rest if p.values.get("id_number")], True),
        ):
            if not pool:
                continue
            keys = {name_key(p.values["name"]) for p in pool}
            births = {b for p in pool if (b := p.values.get("birth_date") or _birth_from_id(p.id_evidence))}
            phones = {p.values["phone"] for p in pool if p.values.get("phone")}
            queries = _id_blocking(pool)
            for items, column in (
                (sorted(keys), "name_key"),
                (sorted(births), "birth_date"),
                (sorted(phones), "phone"),
            ):
                queries += _in_conditions(column, items)
            _candidates(community.pk, without_id, queries, candidates)
        held_ids = _unvalidated_ids([pk for pk, c in candidates.items() if not c[5]])
        # 2a. a row that only repeats what one candidate already holds is that person
        names = {to_simplified(p.values["name"]) for p in rest}
        simplified = {pk: to_simplified(c[1]) for pk, c in candidates.items()}
        same_name = [pk for pk, name in simplified.items() if name in names]
        held_values: dict[int, dict[str, str]] = {}
        loads = json.loads
        with connection.cursor() as cursor:
            for start in range(0, len(same_name), BATCH):
                where, params = member_of("id", same_name[start : start + BATCH])
                cursor.execute(
                    f"SELECT id, {connection.ops.quote_name('values')} FROM registry_person WHERE {where}",
                    params,
                )
                for pk, values in cursor.fetchall():  # SQLite: JSON text; PostgreSQL: decoded
                    held_values[pk] = loads(values) if isinstance(values, str) else values
        by_name: dict[str, list[int]] = {}
        for pk in same_name:
            by_name.setdefault(simplified[pk], []).append(pk)
        # every value of the row is what the candidate holds: the row's items are among theirs
        # (row values are never None, so a value the candidate lacks is never "equal")
        held_items = {pk: (held_values.get(pk) or {}).items() for pk in same_name}
        unresolved = []
        for p in rest:
            stated = p.values.items()
            same = [pk for pk in by_name.get(to_simplified(p.values["name"]), ()) if stated <= held_items[pk]]
            if len(same) == 1:
                p.status, p.person_id = RowStatus.LINKED, same[0]
            else:
                unresolved.append(p)
        # 2b. Splink on the rest
        incoming = [
            _record(
                i,
                p.values.get("name"),
                p.values.get("birth_date"),
                p.values.get("phone"),
                p.values.get("address"),
                p.values.get("id_number"),
                p.id_evidence,
            )
            for i, p in enumerate(unresolved)
        ]
        cand_records = [
            _record(
                pk,
                name,
                birth_date.isoformat() if birth_date else None,
                phone,
                address,
                id_number,
                held_ids.get(pk),
                key or "",
            )
            for pk, name, key, birth_date, phone, id_number, address in candidates.values()
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
    counter = 0
    created_without_id: dict[tuple[str, str, str], int] = {}
    for p in plans:
        if p.errors:
            p.status = RowStatus.REJECTED
        elif p.status == RowStatus.CREATED:
            person_keys = [] if p.values.get("id_number") else _new_person_keys(p)
            earlier = next((created_without_id[k] for k in person_keys if k in created_without_id), None)
            if earlier is not None:  # the same new person twice in this file
                p.status, p.new_key = RowStatus.LINKED, earlier
                continue
            p.new_key = counter
            counter += 1
            created_without_id.update(dict.fromkeys(person_keys, p.new_key))
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
