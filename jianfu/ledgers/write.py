"""The write phase of an import: new people, new facts, current values, review items, outcome."""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.ledgers.base import actor_user, transition
from jianfu.ledgers.choices import IGNORE, ImportStatus, ReviewStatus, RowStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.ledgers.rows import BATCH, RowPlan
from jianfu.registry.current import (
    Stage,
    bulk_writer_settings,
    discard_batches,
    new_pids,
    recorded_key,
    sqlite_file,
    wal_mode,
)
from jianfu.registry.models import Attribute, Person, Source, new_pid
from jianfu.registry.precedence import FactView

NEW_FACT_ID = 2**62
PEOPLE_PER_READ = 1000  # stage_plan reads and derives this many people at a time
# ChunkPublisher threads (connections). Two published 100,000 rows into 1,000,000 people no faster
# on the 2-core bench VM and cost the server ≈ 9 s more CPU (39.6 vs 30.8 s; bench/README.md).
PUBLISHERS = 1
# ... while staging goes on (the importing process then uses the other core); once it is done, the
# chunks still queued (most of them: publishing is the slower side) are published by this many
# (PostgreSQL; SQLite has one writer at a time, so one thread publishes there throughout).
TAIL_PUBLISHERS = 2
# PostgreSQL: the existing people are staged (and published) in this many sweeps over their ids, each
# taking every PERSON_PASSES-th of them, so that one chunk's transaction updates only a few rows of
# each registry_person page. An UPDATE is HOT (no new entry in any of the table's indexes) only
# when the new row version fits on the row's own page; the room fillfactor 75 leaves (registry 0017)
# holds new versions of about a third of a page's rows, and the dead versions a committed chunk
# leaves are pruned when a later chunk reads the page again. With the people of a page all in one
# chunk (consecutive ids), most of them did not fit.
PERSON_PASSES = 4


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
        for pk, number, community_id in (
            Person.objects.filter(id_number__in=numbers[start : start + 1000])
            .order_by()  # no join to orgs_community for Person's ordering: read into a dict
            .values_list("pk", "id_number", "community_id")
        ):
            assert number is not None  # filtered on id_number__in
            for p in planned[number]:
                p.new_key = None
                if community_id == community.pk:
                    p.status, p.person_id = RowStatus.LINKED, pk
                    continue
                p.status, p.person_id = RowStatus.REJECTED, None
                p.errors.append(
                    _(
                        "第%(row)d行：这个身份证号刚被登记到另一个社区，不能在本社区再登记一次。请与对方社区核实此人的居住地。"
                    )
                    % {"row": p.row}
                )


@dataclass
class Staged:
    """What `stage_plan` staged: the batch, the people it creates (by row key), and its counts."""

    stage: Stage
    new_people: dict[int, tuple[int, str]]  # RowPlan.new_key → (-k, pid)
    existing: set[int]
    facts: int = 0
    seconds: float = 0.0
    pid_of: dict[int, str] = field(default_factory=dict)  # pids of the existing people and candidates
    publish_seconds: float = 0.0
    publishers: int = 0  # threads that published while staging went on (0: published after it)
    started: float = field(default_factory=time.perf_counter)


def staging_prefix(imp: LedgerImport) -> str:
    return f"ledger-{imp.pk}-"


def _grids(community: Any) -> dict[str, int]:
    grids = {}
    for grid in community.grids.all():
        grids[grid.code] = grid.pk
        grids[grid.name] = grid.pk
    return grids


def stage_plan(
    *,
    imp: LedgerImport,
    plans: list[RowPlan],
    actor: Any,
    attributes: dict[str, Attribute],
    flush_rows: int = 20_000,
    on_flush: Callable[[Staged], None] | None = None,
) -> Staged:
    """Derive and stage the import's writes: new people, new facts (never a fact equal to the
    source's latest value for that person and attribute), changed current rows and tags. Reads and
    short staging transactions only; one pass over the people, a chunk at a time. `on_flush` is
    called after each staged chunk (`ChunkPublisher.submit`: publishing while staging goes on)."""
    started = time.perf_counter()
    community, source = imp.community, imp.source
    discard_batches(staging_prefix(imp))  # what an earlier run of this import staged and never published
    stage = Stage(staging_prefix(imp) + new_pid(), now=timezone.now())
    grids = _grids(community)
    new_people: dict[int, tuple[int, str]] = {}
    new_info: dict[int, tuple[str, int, int | None]] = {}
    # per person (id, or -k for a new one) the merged values of its rows (later rows win)
    wanted: dict[int, dict[str, str]] = {}
    unvalidated: dict[int, dict[str, tuple[str, str]]] = {}
    pids = iter(new_pids(sum(1 for p in plans if p.new_key is not None)))
    for p in plans:
        if p.status not in (RowStatus.CREATED, RowStatus.LINKED):
            continue
        if p.new_key is not None:
            if p.new_key not in new_people:
                ref = -(len(new_people) + 1)
                pid = next(pids)
                new_people[p.new_key] = (ref, pid)
                new_info[ref] = (pid, community.pk, grids.get(p.values.get("grid", "")))
            ref = new_people[p.new_key][0]
        else:
            assert p.person_id is not None  # a linked row always has its person
            ref = p.person_id
        wanted.setdefault(ref, {}).update(p.values)
        unvalidated.setdefault(ref, {}).update(p.unvalidated)
    priority, verified = stage.sources[source.pk]
    new_key_at = recorded_key(connection.ops.adapt_datetimefield_value(stage.now))
    code_pk = {code: a.pk for code, a in attributes.items()}
    source_pk = source.pk
    existing = {ref for ref in wanted if ref > 0}
    # pid_of is the stage's own dict: a ChunkPublisher adds to it while staging goes on
    staged = Staged(stage, new_people, existing, pid_of=stage.pids, started=started)
    make = tuple.__new__
    by_attribute = itemgetter(1)  # _by_attribute in C
    # in the order of the fact index (person, attribute): existing people by id, then the new ones
    # in the order of the ids they get (-1, -2, … become base+1, base+2, …), so that publishing
    # appends to the index instead of scattering writes over it; on PostgreSQL the existing people
    # in PERSON_PASSES sweeps by id, every PERSON_PASSES-th of them each (HOT updates, see there)
    known_refs = sorted(r for r in wanted if r > 0)
    if connection.vendor == "postgresql" and PERSON_PASSES > 1:
        known_refs = [pk for start in range(PERSON_PASSES) for pk in known_refs[start::PERSON_PASSES]]
    refs = known_refs + sorted((r for r in wanted if r < 0), reverse=True)
    for start in range(0, len(refs), PEOPLE_PER_READ):
        chunk = refs[start : start + PEOPLE_PER_READ]
        known = [ref for ref in chunk if ref > 0]
        own = stage.source_facts(known, source_pk)  # what this source said of them before
        settled = stage.verified_people(known)  # a verification may settle a disagreement: precedence decides
        old, held = stage.old_rows(known)
        rederive: list[tuple[int, list[FactView]]] = []  # (person, new facts): precedence over all facts
        for ref in chunk:
            latest: dict[str, FactView] = {}
            for fact in own.get(ref, []) if ref > 0 else []:
                had = latest.get(fact.attribute)
                if had is None or (fact.recorded_at, fact.fact_id) > (had.recorded_at, had.fact_id):
                    latest[fact.attribute] = fact
            rows = []
            added: list[FactView] = []
            for code, value, ok, why in [(c, v, True, "") for c, v in wanted[ref].items()] + [
                (c, raw, False, why) for c, (raw, why) in unvalidated[ref].items()
            ]:
                had = latest.get(code)
                if had is not None and had.value == value and had.validated == ok:
                    continue
                rows.append((ref, code_pk[code], value, ok, why[:300]))
                # newer than every stored fact: its id only breaks ties among equal times, which cannot
                # occur; built without the NamedTuple's Python-level __new__ (933,800 facts)
                added.append(
                    make(FactView, (code, value, source_pk, priority, new_key_at, NEW_FACT_ID, verified, ok))
                )
            rows.sort(key=by_attribute)
            if not rows and ref > 0:
                continue  # nothing new for this person: their current row cannot change
            stage.add_facts(rows)
            staged.facts += len(rows)
            if ref < 0:
                stage.add_current(ref, added, None, new=new_info[ref])
            elif (values := first_report(bool(own[ref]) or ref in settled, added, old[ref][7])) is not None:
                stage.add_values(ref, values, old[ref], held[ref])
            else:
                rederive.append((ref, added))
        stored = stage.stored_facts([ref for ref, _added in rederive])
        for ref, added in rederive:
            stage.add_current(ref, stored[ref] + added, old[ref], held[ref])
        if stage.pending() >= flush_rows:
            stage.flush()
            if on_flush is not None:
                on_flush(staged)
    stage.flush()
    if on_flush is not None:
        on_flush(staged)
    ids = sorted(existing | {c for p in plans if p.status == RowStatus.REVIEW for c, _p in p.candidates})
    # the pids were read with the old rows: only review candidates are left to look up
    staged.pid_of.update(pids_of([pk for pk in ids if pk not in stage.pids]))
    staged.seconds = time.perf_counter() - started
    return staged


def first_report(needs_facts: bool, added: list[FactView], current: dict[str, str]) -> dict[str, str] | None:
    """The person's current values after `added`, without reading their facts, when the source
    reports them for the first time (`needs_facts` False: no earlier fact of this source, no
    community verification among the person's facts) with valid values that each either equal
    the current value or give an attribute nobody has a valid value for, and is not itself the
    community's verification; None otherwise (precedence over all facts must decide). Then no
    winner can change its value and no disagreement can start or end: a new value has no rival,
    an equal one agrees with the value that won, and the source had no earlier value that
    disagreed. Current values always follow the facts (every writer derives them with
    `registry.current`), so `current` stands for those facts."""
    if needs_facts:
        return None
    for fact in added:
        if fact.verified or not fact.validated or current.get(fact.attribute, fact.value) != fact.value:
            return None
    return {**current, **{fact.attribute: fact.value for fact in added}}


def pids_of(ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        found.update(
            dict(Person.objects.filter(pk__in=ids[start : start + 5000]).order_by().values_list("pk", "pid"))
        )
    return found


def outcome(plans: list[RowPlan], pids: dict[int, str], staged: Staged) -> list[dict[str, Any]]:
    """The per-row outcome stored on the import (review candidates by pid)."""
    pid_of = staged.pid_of
    results = []
    for p in plans:
        person: str | None = None
        if p.status in (RowStatus.CREATED, RowStatus.LINKED):
            person = (
                staged.new_people[p.new_key][1] if p.new_key is not None else pid_of.get(p.person_id or 0)
            )
        entry: dict[str, Any] = {
            "row": p.row,
            "status": str(p.status),
            "person": person,
            "name": p.values.get("name", ""),
            "errors": p.errors,
            "problems": p.problems,
            "warnings": p.warnings,
        }
        if p.status == RowStatus.REVIEW:
            entry["candidates"] = [pids[c] for c, _p in p.candidates]
        results.append(entry)
    return results


def _new_rows_by_ref(plans: list[RowPlan], staged: Staged) -> dict[int, list[RowPlan]]:
    by_ref: dict[int, list[RowPlan]] = {}
    for p in plans:
        if p.status == RowStatus.CREATED and p.new_key is not None:
            by_ref.setdefault(staged.new_people[p.new_key][0], []).append(p)
    return by_ref


def publish_chunk(
    *,
    imp: LedgerImport,
    by_ref: dict[int, list[RowPlan]],
    staged: Staged,
    number: int,
    user: Any,
    check: Callable[[], None],
    done: Callable[[], int] | None = None,
    tail: threading.Lock | None = None,
    committed: Callable[[], None] | None = None,
) -> None:
    """Publish staged chunk `number` (1-based) in its own short transaction. `check` runs at its
    end, just before the progress is written (raises when the import was declared dead meanwhile:
    the chunk is rolled back); `done()` is the published-chunk count to record (default `number`).
    `tail`: held from the check until `committed()` ran after the commit (publishers of one import
    side by side)."""
    community, source, stage = imp.community, imp.source, staged.stage
    chunk = stage.chunks[number - 1]
    locked = False
    try:
        with transaction.atomic():
            if tail is not None and connection.vendor == "postgresql":
                # foreign keys checked by each statement, not at COMMIT: the part held under `tail` stays short
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # rows planned as new people whose ID number was registered meanwhile by another import
            chunk_plans = [p for ref in sorted(chunk.new_refs, reverse=True) for p in by_ref.get(ref, [])]
            keys = {p.row: p.new_key for p in chunk_plans}
            link_people_registered_meanwhile(chunk_plans, community)
            relinked: dict[int, int | None] = {}
            for p in chunk_plans:
                key = keys[p.row]
                if p.new_key is None and key is not None:
                    relinked[staged.new_people[key][0]] = (
                        p.person_id if p.status == RowStatus.LINKED else None
                    )
            rederive: set[int] = set()
            for ref, person_id in relinked.items():
                stage.relink(chunk, ref, person_id)
                if person_id is not None:
                    rederive.add(person_id)
                    staged.existing.add(person_id)
            rederive |= stage.touched_meanwhile(imp.pk if tail is not None else None) & chunk.existing
            if rederive:
                staged.pid_of.update(pids_of(sorted(rederive)))
            stage.publish(
                chunk,
                source_id=source.pk,
                recorded_by_id=user.pk if user else None,
                ledger_import_id=imp.pk,
                rederive=rederive,
            )
            if tail is not None:
                tail.acquire()
                locked = True
            check()  # locks the import's row until the commit
            # while staging goes on beside the publishing (ChunkPublisher), "of" is what was staged so far
            LedgerImport.objects.filter(pk=imp.pk).update(
                summary={"published": {"chunks": done() if done else number, "of": len(stage.chunks)}}
            )
        if chunk.facts is not None:
            chunk.facts.clear()  # published (a chunk keeps its facts in memory until then)
        if committed is not None:
            committed()
    finally:
        if locked and tail is not None:
            tail.release()


def publish_chunks(
    *,
    imp: LedgerImport,
    plans: list[RowPlan],
    staged: Staged,
    actor: Any,
    check: Callable[[], None],
) -> None:
    """Publish the staged import, one short transaction per staged chunk of people (`publish_chunk`)."""
    by_ref = _new_rows_by_ref(plans, staged)
    user = actor_user(actor)
    for number in range(staged.stage.published + 1, len(staged.stage.chunks) + 1):
        publish_chunk(imp=imp, by_ref=by_ref, staged=staged, number=number, user=user, check=check)


def publishes_beside(db: Any) -> bool:
    """Whether an import on `db` publishes its chunks from a `ChunkPublisher` while it stages: on
    PostgreSQL, and on a SQLite database file in WAL mode (readers then never wait for the
    publishing writer). Not on an in-memory SQLite database: its connections share one cache,
    whose table locks would fail the staging reads instead of letting them wait."""
    return db.vendor == "postgresql" or (bool(sqlite_file(db)) and wal_mode(db))


class ChunkPublisher:
    """PostgreSQL and a SQLite file (`publishes_beside`), outside any transaction: publishes each staged
    chunk as soon as it is staged, from `threads` threads with a connection each, while `stage_plan`
    derives the next chunks (the server's publishing work and the import's Python work then run on both
    cores at once instead of one after the other; `tail_threads` once staging is done, so the server
    then works on two chunks at once instead of leaving the importing process's core idle). Each chunk
    is its own short transaction, as in `publish_chunks`; a person is in one chunk, and staging only
    reads people of chunks not yet published. Side by side, a chunk checks that the import is still
    running and records the published count at its end (`publish_chunk(tail=…)`: the import's row is
    locked only from there to the commit, foreign keys are checked per statement), so two chunks wait
    for each other only there. Pass `submit` as `stage_plan(on_flush=…)`, then `finish()`; `stop()`
    always (in a `finally`). A thread's first error is raised by the next `submit` or `finish`; the
    other threads then publish nothing more."""

    def __init__(
        self,
        *,
        imp: LedgerImport,
        plans: list[RowPlan],
        actor: Any,
        check: Callable[[], None],
        threads: int = PUBLISHERS,
        tail_threads: int = TAIL_PUBLISHERS,
    ):
        self.imp, self.plans, self.actor, self.check = imp, plans, actor, check
        if connection.vendor == "sqlite":
            threads = tail_threads = 1  # one writer at a time
        self.threads = threads
        self.tail_threads = max(threads, tail_threads)  # threads once staging is done (`finish`)
        self.staged: Staged | None = None
        self.error: BaseException | None = None
        self.submitted = 0
        self.published = 0  # chunks committed
        self.busy = 0.0  # seconds the threads spent publishing (summed)
        self._queue: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._tail = threading.Lock()  # the end of a chunk transaction: check, progress, commit
        self._by_ref: dict[int, list[RowPlan]] = {}

    def submit(self, staged: Staged) -> None:
        """Queue every chunk staged since the last call."""
        self._raise()
        if self.staged is None:
            self.staged = staged
            self._by_ref = _new_rows_by_ref(self.plans, staged)
            self._start(self.threads)
        while self.submitted < len(staged.stage.chunks):
            self.submitted += 1
            self._queue.put(self.submitted)

    def finish(self) -> None:
        """Wait until every submitted chunk is published (staging is done: by `tail_threads` threads
        from now on); raise a thread's error, if any."""
        if self.staged is not None and self.error is None and not self._stopping.is_set():
            self._start(self.tail_threads - len(self._workers))
        self._join()
        self._raise()

    def _start(self, n: int) -> None:
        for _i in range(n):
            worker = threading.Thread(
                target=self._run, name=f"publish-{self.imp.pk}-{len(self._workers)}", daemon=True
            )
            self._workers.append(worker)
            worker.start()

    def stop(self) -> None:
        """Stop after the chunk being published (if any) and wait for the thread."""
        self._stopping.set()
        self._join()

    def _join(self) -> None:
        for _worker in self._workers:
            self._queue.put(None)
        for worker in self._workers:
            worker.join()
        self._workers = []
        if self.staged is not None:
            self.staged.stage.published = self.published  # what the threads committed

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _committed(self) -> None:
        self.published += 1  # under the tail lock, after the commit

    def _run(self) -> None:
        staged = self.staged
        assert staged is not None
        try:
            bulk_writer_settings(connection)
            user = actor_user(self.actor)
            while (number := self._queue.get()) is not None and not self._stopping.is_set():
                if self.error is not None:
                    continue  # another thread failed: publish nothing more
                clock = time.perf_counter()
                publish_chunk(
                    imp=self.imp,
                    by_ref=self._by_ref,
                    staged=staged,
                    number=number,
                    user=user,
                    check=self.check,
                    done=lambda: self.published + 1,
                    # side by side from the first chunk on when a second thread may join
                    tail=self._tail if self.tail_threads > 1 else None,
                    committed=self._committed,
                )
                self.busy += time.perf_counter() - clock
        except BaseException as exc:  # raised in the importing thread by submit() or finish()
            if self.error is None:
                self.error = exc
        finally:
            connection.close()


def publish_plan(
    *,
    imp: LedgerImport,
    plans: list[RowPlan],
    staged: Staged,
    actor: Any,
    timings: dict[str, float] | None = None,
) -> dict:
    """The import's outcome, once every chunk is published (call inside the transaction that
    marks the import done): review items, per-row results, summary, audit row."""
    started = time.perf_counter()
    community, source, stage = imp.community, imp.source, staged.stage
    # review items (a pending item for the same row of the same source is not repeated)
    review_plans = [p for p in plans if p.status == RowStatus.REVIEW]
    hashes = {_row_hash(source, p.values): p for p in review_plans}
    pending = set(
        ReviewItem.objects.filter(
            community=community, status=ReviewStatus.PENDING, row_hash__in=list(hashes)
        ).values_list("row_hash", flat=True)
    )
    pids = staged.pid_of
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
    results = outcome(plans, pids, staged)
    counts = {s.value: 0 for s in RowStatus}
    for p in plans:
        counts[p.status] += 1
    ignored = [c["header"] for c in imp.columns if imp.mapping.get(c["key"]) == IGNORE]
    summary = {
        "rows": len(plans),
        **counts,
        "facts": staged.facts,
        "people_changed": stage.changed,
        "rows_with_problems": sum(1 for p in plans if p.problems),
        "problems": sum(len(p.problems) for p in plans),
        "ignored_columns": ignored,
        "seconds": {
            **(timings or {}),
            "write": round(time.perf_counter() - staged.started, 2),
            "publish": round(staged.publish_seconds, 2),
            "finish": round(time.perf_counter() - started, 2),
        },
        "publish_seconds": {k: round(v, 3) for k, v in stage.timings.items()},
        "publish_chunks": len(stage.chunks),
        # publishing threads beside staging (ChunkPublisher); 0: the importing connection published
        "publishers": staged.publishers,
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
            "导入台账“%(name)s”：新建%(created)d，关联%(linked)d，待核对%(review)d，拒收%(rejected)d，写入%(facts)d项信息"
        )
        % {"name": imp.file_name, "facts": staged.facts, **counts},
        detail={
            "source": source.name,
            **{k: v for k, v in summary.items() if k != "ignored_columns"},
            "ignored_columns": ignored,
        },
    )
    return summary
