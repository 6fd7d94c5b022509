"""The write phase of an import: new people, new facts, current values, review items, outcome."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.ledgers.base import actor_user, transition
from jianfu.ledgers.choices import IGNORE, ImportStatus, ReviewStatus, RowStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.ledgers.rows import BATCH, RowPlan, name_initials, name_key
from jianfu.registry.current import (
    create_people,
    insert_facts,
    read_fact_views,
    recorded_key,
    refresh_people,
    source_precedence,
)
from jianfu.registry.models import Attribute, Person, Source, new_pid
from jianfu.registry.precedence import FactView

NEW_FACT_ID = 2**62


def _row_hash(source: Source, values: dict[str, str]) -> str:
    return hashlib.sha256(
        json.dumps([source.pk, sorted(values.items())], ensure_ascii=False).encode()
    ).hexdigest()


def link_people_registered_meanwhile(plans: list[RowPlan], community: Any) -> None:
    """Rows planned as new people whose ID number was registered after linking (by an import
    running at the same time): link them to that person instead of creating a second one. Runs
    inside the write transaction, so what it sees is what the write will meet. A number now held
    in another community cannot be linked here: the row is rejected, saying where it is."""
    planned: dict[str, list[RowPlan]] = {}
    for p in plans:
        number = p.values.get("id_number")
        if p.status == RowStatus.CREATED and number:
            planned.setdefault(number, []).append(p)
    numbers = list(planned)
    for start in range(0, len(numbers), 1000):
        for pk, number, community_id in Person.objects.filter(
            id_number__in=numbers[start : start + 1000]
        ).values_list("pk", "id_number", "community_id"):
            assert number is not None  # filtered on id_number__in
            for p in planned[number]:
                p.new_key = None
                if community_id == community.pk:
                    p.status, p.person_id = RowStatus.LINKED, pk
                    continue
                p.status, p.person_id = RowStatus.REJECTED, None
                p.errors.append(
                    _(
                        "第 %(row)d 行：这个身份证号刚被登记到另一个社区，不能在本社区再登记一次。请与对方社区核实此人的居住地。"
                    )
                    % {"row": p.row}
                )


def write_plan(
    *,
    imp: LedgerImport,
    plans: list[RowPlan],
    actor: Any,
    attributes: dict[str, Attribute],
    timings: dict[str, float] | None = None,
) -> dict:
    """The write phase (call inside a transaction)."""
    started = time.perf_counter()
    now = timezone.now()
    community = imp.community
    source = imp.source
    grids = {}
    for grid in community.grids.all():
        grids[grid.code] = grid.pk
        grids[grid.name] = grid.pk
    link_people_registered_meanwhile(plans, community)
    # 1. new people
    new_people: dict[int, Person] = {}
    for p in plans:
        if p.status == RowStatus.CREATED and p.new_key is not None:
            name = p.values.get("name", "")
            new_people[p.new_key] = Person(
                community=community,
                name=name,
                name_key=name_key(name),
                name_initials=name_initials(name),
                pid=new_pid(),
                grid_id=grids.get(p.values.get("grid", "")),
            )
    create_people(list(new_people.values()))

    def person_of(p: RowPlan) -> int | None:
        if p.new_key is not None:
            return new_people[p.new_key].pk
        return p.person_id

    # 2. facts: per person the merged values of its rows (later rows win)
    wanted: dict[int, dict[str, str]] = {}
    unvalidated: dict[int, dict[str, tuple[str, str]]] = {}
    for p in plans:
        if p.status in (RowStatus.CREATED, RowStatus.LINKED):
            person_pk = person_of(p)
            assert person_pk is not None  # created and linked rows always have a person
            wanted.setdefault(person_pk, {}).update(p.values)
            unvalidated.setdefault(person_pk, {}).update(p.unvalidated)
    created_pks = {x.pk for x in new_people.values()}
    # Every fact of the people concerned, read once, a chunk at a time: it gives this source's
    # latest values (not repeated) and, with the new facts added, the current values (no second
    # read). Only the facts of people who get new facts are kept.
    attributes_by_id = {a.pk: a for a in Attribute.objects.all()}
    codes = {pk: a.code for pk, a in attributes_by_id.items()}
    sources = source_precedence()
    ops = connection.ops
    now_db = ops.adapt_datetimefield_value(now)
    user = actor_user(actor)
    new_key = recorded_key(now_db)
    priority, verified = sources[source.pk]
    fact_rows = []
    facts_by_person: dict[int, list[FactView]] = {}
    people = list(wanted)
    for start in range(0, len(people), 1000):
        chunk = people[start : start + 1000]
        stored = read_fact_views([pk for pk in chunk if pk not in created_pks], sources, codes)
        for person_id in chunk:
            facts = stored.get(person_id, [])
            latest: dict[str, FactView] = {}
            for fact in facts:
                held = latest.get(fact.attribute)
                if fact.source_id == source.pk and (
                    held is None or (fact.recorded_at, fact.fact_id) > (held.recorded_at, held.fact_id)
                ):
                    latest[fact.attribute] = fact
            incoming = [(code, value, True, "") for code, value in wanted[person_id].items()]
            incoming += [(code, raw, False, why) for code, (raw, why) in unvalidated[person_id].items()]
            for code, value, ok, why in incoming:
                held = latest.get(code)
                if held is not None and held.value == value and held.validated == ok:
                    continue
                fact_rows.append(
                    (
                        person_id,
                        attributes[code].pk,
                        value,
                        source.pk,
                        now_db,
                        user.pk if user else None,
                        imp.pk,
                        "",
                        ok,
                        why[:300],
                    )
                )
                # newer than every stored fact: its id only breaks ties among equal times, which cannot occur
                facts.append(FactView(code, value, source.pk, priority, new_key, NEW_FACT_ID, verified, ok))
                facts_by_person[person_id] = facts
    changed = set(facts_by_person)
    fact_rows.sort(key=lambda r: (r[0], r[1]))
    insert_facts(fact_rows)
    # 3. current values and tags of only the affected people
    refresh_people(sorted(changed), attributes_by_id, now, facts_by_person)
    # 4. review items (a pending item for the same row of the same source is not repeated)
    review_plans = [p for p in plans if p.status == RowStatus.REVIEW]
    hashes = {_row_hash(source, p.values): p for p in review_plans}
    pending = set(
        ReviewItem.objects.filter(
            community=community, status=ReviewStatus.PENDING, row_hash__in=list(hashes)
        ).values_list("row_hash", flat=True)
    )
    cand_ids = {c for p in review_plans for c, _p in p.candidates}
    pids = dict(Person.objects.filter(pk__in=cand_ids).values_list("pk", "pid"))
    items = [
        ReviewItem(
            community=community,
            ledger_import=imp,
            row_number=p.row,
            row_hash=h,
            row={
                "values": p.values,
                "headers": p.headers,
                "unvalidated": {c: list(v) for c, v in p.unvalidated.items()},
            },
            candidates=[{"pid": pids[c], "probability": round(prob, 4)} for c, prob in p.candidates],
        )
        for h, p in hashes.items()
        if h not in pending
    ]
    ReviewItem.objects.bulk_create(items, batch_size=BATCH)
    # 5. outcome
    new_pks = {x.pk for x in new_people.values()}
    ids = [pk for pk in wanted if pk not in new_pks]
    pid_of: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        pid_of.update(dict(Person.objects.filter(pk__in=ids[start : start + 5000]).values_list("pk", "pid")))
    for person in new_people.values():
        pid_of[person.pk] = person.pid
    results = []
    counts = {s.value: 0 for s in RowStatus}
    for p in plans:
        counts[p.status] += 1
        row_pk = person_of(p) if p.status in (RowStatus.CREATED, RowStatus.LINKED) else None
        entry: dict[str, Any] = {
            "row": p.row,
            "status": str(p.status),
            "person": pid_of.get(row_pk) if row_pk else None,
            "name": p.values.get("name", ""),
            "errors": p.errors,
            "problems": p.problems,
            "warnings": p.warnings,
        }
        if p.status == RowStatus.REVIEW:
            entry["candidates"] = [pids[c] for c, _p in p.candidates]
        results.append(entry)
    ignored = [c["header"] for c in imp.columns if imp.mapping.get(c["key"]) == IGNORE]
    summary = {
        "rows": len(plans),
        **counts,
        "facts": len(fact_rows),
        "people_changed": len(changed),
        "rows_with_problems": sum(1 for p in plans if p.problems),
        "problems": sum(len(p.problems) for p in plans),
        "ignored_columns": ignored,
        "seconds": {**(timings or {}), "write": round(time.perf_counter() - started, 2)},
    }
    transition(
        imp,
        ImportStatus.DONE,
        summary=summary,
        results=results,
        rows_done=len(plans),
        finished_at=timezone.now(),
        error="",
    )
    audit_record(
        actor=actor or imp.actor_label,
        action=AuditAction.IMPORT,
        obj=imp,
        community=community,
        summary=_(
            "导入台账“%(name)s”：新建 %(created)d，关联 %(linked)d，待核对 %(review)d，拒收 %(rejected)d，写入 %(facts)d 项信息"
        )
        % {"name": imp.file_name, "facts": len(fact_rows), **counts},
        detail={
            "source": source.name,
            **{k: v for k, v in summary.items() if k != "ignored_columns"},
            "ignored_columns": ignored,
        },
    )
    return summary
