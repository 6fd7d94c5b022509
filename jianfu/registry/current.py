"""The registry's one bulk current-value writer.

Every path that changes many people's facts re-derives their current values here: the ledger
import (`jianfu.ledgers.write`), a source-priority or base-register change
(`registry.services.people_refresh`, also in the background task after a large change) and the
demo/benchmark loader (`jianfu.registry.bulk`, through `current_row`). Precedence is always
`jianfu.registry.precedence.current_values`; the derived columns are
`registry.services.derive_person_columns`; so a single `person_refresh` computes the same.

Facts are read with raw SQL and no per-row datetime conversion (recorded_at is only compared,
and ISO text orders the same as the datetimes it stores); people whose current values, columns,
conflict flag and tags did not change are not written.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jianfu.core.sqlin import member_of
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.models import _PID_ALPHABET, Attribute, Person, PersonTag, Source
from jianfu.registry.precedence import FactView, Precedence, current_values

BATCH = 2000


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """registry.services.name_key, cached: pinyin is the slowest step of a large write."""
    from jianfu.registry.services import name_key as key

    return key(name)


@lru_cache(maxsize=200_000)
def name_initials(name: str) -> str:
    from jianfu.registry.services import name_initials as initials

    return initials(name)


@dataclass(frozen=True)
class CurrentRow:
    """What a person's facts make of them: current values, the five columns, conflicts, tags."""

    values: dict[str, str]
    columns: dict[str, Any]
    has_conflict: bool
    tag_codes: frozenset[str]


def current_row(facts: list[FactView], rules: Precedence, tag_codes: set[str] | frozenset[str]) -> CurrentRow:
    """The one derivation from facts to a person row (bulk writer, loader, and `person_refresh`)."""
    from jianfu.registry.services import derive_person_columns

    values, conflicts = current_values(facts, rules)
    tags = frozenset(c for c, v in values.items() if v == "是" and c in tag_codes)
    return CurrentRow(values, derive_person_columns(values), bool(conflicts), tags)


def current_row_with(
    values: dict[str, str], has_conflict: bool, tag_codes: set[str] | frozenset[str]
) -> CurrentRow:
    """The current row of a person whose current values are already known (`Stage.add_values`)."""
    from jianfu.registry.services import derive_person_columns

    tags = frozenset(c for c, v in values.items() if v == "是" and c in tag_codes)
    return CurrentRow(values, derive_person_columns(values), has_conflict, tags)


def executemany(sql: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10000):
            cursor.executemany(sql, rows[start : start + 10000])


def recorded_key(value: Any) -> Any:
    """recorded_at as stored: a datetime (PostgreSQL) or ISO text (SQLite), ordered the same way."""
    if isinstance(value, str):
        return value[:10] + " " + value[11:26] if len(value) > 10 else value
    return value


def read_fact_views(
    person_ids: list[int],
    sources: dict[int, tuple[int, bool]],
    codes: dict[int, str],
    source_id: int | None = None,
) -> dict[int, list[FactView]]:
    """Every fact of these people (of one source: `source_id`) as FactViews, read with raw SQL (no
    per-row datetime conversion: recorded_at is only compared, and ISO text orders the same as the
    datetimes it stores)."""
    facts: dict[int, list[FactView]] = {pk: [] for pk in person_ids}
    if connection.vendor == "sqlite":  # recorded_key() in SQL: the text as stored, with a space
        recorded = (
            "substr(CAST(recorded_at AS TEXT), 1, 10) || ' ' || substr(CAST(recorded_at AS TEXT), 12, 15)"
        )
    else:
        recorded = "recorded_at"
    make = tuple.__new__  # FactView(...) without the NamedTuple's Python-level __new__: millions of facts
    for start in range(0, len(person_ids), 1000):
        where, params = member_of("person_id", person_ids[start : start + 1000])
        # PostgreSQL: `source_id + 0` keeps the planner on the person index. An import's own source
        # is new or small by its statistics, so it would scan the source_id index instead: every
        # fact of the source, the ones this import has published meanwhile too (0 rows found, 79
        # such reads at 100,000 rows, 3–8 s of server time)
        one_source = ""
        if source_id is not None:
            one_source = (
                " AND source_id + 0 = %s" if connection.vendor == "postgresql" else " AND source_id = %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, attribute_id, value, source_id, {recorded}, id, validated FROM registry_fact "
                f"WHERE {where}{one_source}",
                params if source_id is None else [*params, source_id],
            )
            for person_id, attribute_id, value, source_id, recorded_at, pk, ok in cursor.fetchall():
                priority, verified = sources[source_id]
                # what registry.services.fact_views builds from a Fact
                facts[person_id].append(
                    make(
                        FactView,
                        (
                            codes[attribute_id],
                            value,
                            source_id,
                            priority,
                            recorded_at,
                            pk,
                            verified,
                            bool(ok),
                        ),
                    )
                )
    return facts


def source_precedence() -> dict[int, tuple[int, bool]]:
    return {s.pk: (s.priority, s.kind == SourceKind.COMMUNITY) for s in Source.objects.all()}


def refresh_people(
    person_ids: list[int],
    attributes_by_id: dict[int, Attribute] | None = None,
    now: dt.datetime | None = None,
    facts_by_person: dict[int, list[FactView]] | None = None,
) -> int:
    """`registry.services.person_refresh` for many people at once (same precedence, columns and tags).

    Reads facts with raw SQL (no per-row datetime conversion; recorded_at is only compared), keeps
    the stored pinyin keys when the name did not change, and updates only the people whose current
    values, columns or tags changed. Returns how many people were updated. `facts_by_person`, when
    given, must hold every fact of these people (the import passes what it read plus what it wrote).
    """
    if attributes_by_id is None:
        attributes_by_id = {a.pk: a for a in Attribute.objects.all()}
    now = now or timezone.now()
    sources = source_precedence()
    rules = Precedence.load()
    codes = {pk: a.code for pk, a in attributes_by_id.items()}
    tag_by_code = {a.code: a.pk for a in attributes_by_id.values() if a.type == AttributeType.TAG}
    tag_codes = set(tag_by_code)
    values_field = Person._meta.get_field("values")
    ops = connection.ops
    q_values = ops.quote_name("values")
    full_sql = (
        "UPDATE registry_person SET name=%s, id_number=%s, gender=%s, birth_date=%s, phone=%s, name_key=%s, "
        f"name_initials=%s, {q_values}=%s, has_conflict=%s, updated_at=%s WHERE id=%s"
    )
    light_sql = f"UPDATE registry_person SET {q_values}=%s, has_conflict=%s, updated_at=%s WHERE id=%s"
    now_db = ops.adapt_datetimefield_value(now)
    changed = 0
    for start in range(0, len(person_ids), 1000):
        chunk = person_ids[start : start + 1000]
        facts = facts_by_person if facts_by_person is not None else read_fact_views(chunk, sources, codes)
        old = {
            row[0]: row[1:]
            for row in Person.objects.filter(pk__in=chunk).values_list(
                "pk",
                "name",
                "id_number",
                "gender",
                "birth_date",
                "phone",
                "name_key",
                "name_initials",
                "values",
                "has_conflict",
            )
        }
        held: dict[int, set[int]] = {pk: set() for pk in chunk}
        for person_id, attribute_id in PersonTag.objects.filter(person_id__in=chunk).values_list(
            "person_id", "attribute_id"
        ):
            held[person_id].add(attribute_id)
        full, light, tag_add, tag_drop = [], [], [], []
        for pk in chunk:
            row = current_row(facts.get(pk, []), rules, tag_codes)
            values, columns, conflict = row.values, row.columns, row.has_conflict
            name, id_number, gender, birth_date, phone, key, initials, old_values, old_conflict = old[pk]
            wanted = {tag_by_code[c] for c in row.tag_codes}
            tag_add += [PersonTag(person_id=pk, attribute_id=t) for t in wanted - held[pk]]
            tag_drop += [(pk, t) for t in held[pk] - wanted]
            same_columns = (name, id_number, gender, birth_date, phone) == (
                columns["name"],
                columns["id_number"],
                columns["gender"],
                columns["birth_date"],
                columns["phone"],
            )
            if same_columns and key and initials and values == old_values and conflict == old_conflict:
                continue
            changed += 1
            json_values = values_field.get_db_prep_save(values, connection)
            if same_columns and key and initials:
                light.append((json_values, conflict, now_db, pk))
                continue
            if columns["name"] != name or not key or not initials:
                key, initials = name_key(columns["name"]), name_initials(columns["name"])
            full.append(
                (
                    columns["name"],
                    columns["id_number"],
                    columns["gender"],
                    ops.adapt_datefield_value(columns["birth_date"]),
                    columns["phone"],
                    key,
                    initials,
                    json_values,
                    conflict,
                    now_db,
                    pk,
                )
            )
        executemany(full_sql, full)
        executemany(light_sql, light)
        executemany("DELETE FROM registry_persontag WHERE person_id=%s AND attribute_id=%s", tag_drop)
        PersonTag.objects.bulk_create(tag_add, batch_size=BATCH)
    return changed


FACT_COLUMNS = (
    "person_id",
    "attribute_id",
    "value",
    "source_id",
    "recorded_at",
    "recorded_by_id",
    "ledger_import_id",
    "note",
    "validated",
    "problem",
)


def insert_facts(rows: list[tuple[Any, ...]]) -> None:
    """Append facts in bulk: tuples in FACT_COLUMNS order, recorded_at already adapted for the
    database (`connection.ops.adapt_datetimefield_value`). The caller re-derives current values."""
    marks = ", ".join(["%s"] * len(FACT_COLUMNS))
    executemany(f"INSERT INTO registry_fact ({', '.join(FACT_COLUMNS)}) VALUES ({marks})", rows)


def create_people(people: list[Person]) -> None:
    """Create people in bulk (their columns are then set by `refresh_people` from their facts)."""
    Person.objects.bulk_create(people, batch_size=BATCH)


# ---------------------------------------------------------------- staged bulk writes
# A large change (a ledger import) is prepared and staged without holding the database's write lock
# for long: it reads, derives and writes its new people, facts, current rows and tag changes into the
# staging tables (registry.models.Staged*) in short transactions, a chunk of people each (`flush`),
# then `Stage.publish` moves each chunk into the registry tables in its own short set-based
# transaction (INSERT … SELECT, UPDATE … FROM on the chunk's id range). Other requests (logins,
# certificates, the API) wait at most for one short transaction. A person is always in exactly one
# chunk, so each person's facts, current row and tags change together.

STAGED_PERSON_COLUMNS = (
    "batch",
    "person",
    "full",
    "pid",
    "community_id",
    "grid_id",
    "name",
    "name_key",
    "name_initials",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "values",
    "has_conflict",
)
STAGED_FACT_COLUMNS = ("batch", "person", "attribute_id", "value", "validated", "problem")
STAGED_TAG_COLUMNS = ("batch", "person", "attribute_id", "add")
STAGED_COLUMNS = {"fact": STAGED_FACT_COLUMNS, "person": STAGED_PERSON_COLUMNS, "tag": STAGED_TAG_COLUMNS}
OLD_COLUMNS = (
    "pk",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "name_key",
    "name_initials",
    "values",
    "has_conflict",
)


_PID_BYTES = bytes.maketrans(bytes(range(256)), bytes(ord(_PID_ALPHABET[b % 32]) for b in range(256)))


def new_pids(n: int) -> list[str]:
    """`n` of `registry.models.new_pid` at once: 32 letters, so each random byte maps to one
    uniformly; one `secrets` call instead of eleven per person (0.43 s CPU for 20,000 people)."""
    text = secrets.token_bytes(11 * n).translate(_PID_BYTES).decode()
    return ["R" + text[i : i + 11] for i in range(0, 11 * n, 11)]


def max_fact_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM registry_fact")
        return int(cursor.fetchone()[0])


def _copy_or_executemany(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)


# Parameters per multi-row INSERT of held rows and facts on SQLite: few statements (the publishing
# thread takes Python's lock back after each), each small enough to compile and bind fast (measured:
# 2,000–4,000 fact rows per statement load 933,800 facts in about 1.6 s, against 3.1 s for one
# json_each per chunk; with the staging thread busy in Python both take ≈ 4.5–5 s).
HELD_PARAMETERS_PER_INSERT = 20_000


def _insert_rows(
    cursor: sqlite3.Cursor, head: str, tail: str, rows: list[tuple[Any, ...]], leading: tuple[Any, ...] = ()
) -> None:
    """SQLite: `rows` (tuples of one width) by multi-row INSERTs of at most HELD_PARAMETERS_PER_INSERT
    parameters, each statement `head` + its VALUES list + `tail`; `leading` are the parameters `head`
    takes before the rows' (sqlite3 numbers "?" in the order they stand)."""
    if not rows:
        return
    width = len(rows[0])
    limit = cursor.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, (min(limit, HELD_PARAMETERS_PER_INSERT) - len(leading)) // width)
    row_marks = "(" + ", ".join(["?"] * width) + ")"
    for start in range(0, len(rows), per):
        part = rows[start : start + per]
        params = list(leading)
        params.extend(chain.from_iterable(part))
        cursor.execute(head + ", ".join([row_marks] * len(part)) + tail, params)


def _insert_held(cursor: sqlite3.Cursor, table: str, kind: str, rows: list[tuple[Any, ...]]) -> None:
    """Held rows of one kind (people or tags, each with its batch) into the publishing connection's
    temporary staging table."""
    quoted = ", ".join(f'"{c}"' for c in STAGED_COLUMNS[kind])
    _insert_rows(cursor, f"INSERT INTO {table} ({quoted}) VALUES ", "", rows)


def discard_batches(prefix: str, exact: bool = False) -> None:
    """Empty every staged batch whose name starts with `prefix` (a run that died before publishing
    all of it), or the batch named `prefix` (`exact`). On SQLite a batch lives in this connection's
    temporary tables (`staging_tables`): a dead process's batch vanished with it."""
    tables = list(PERSISTENT_STAGING.values())
    if connection.vendor == "sqlite" and _temp_staging_exists():
        tables += list(SQLITE_STAGING.values())
    for table in tables:
        with transaction.atomic(), connection.cursor() as cursor:
            if exact:
                cursor.execute(f"DELETE FROM {table} WHERE batch = %s", [prefix])
            else:
                cursor.execute(f"DELETE FROM {table} WHERE batch LIKE %s", [prefix + "%"])


# Where a Stage writes its people and tags (its facts go straight into registry_fact when a chunk
# is published: `Stage.direct_facts`). PostgreSQL (and any other database): the registry_staged*
# tables. SQLite: temporary tables of the publishing connection (in memory: PRAGMA
# temp_store=MEMORY), filled with a chunk's rows, held in the importing process until then
# (`Stage.held_rows`), at the start of the chunk's publishing transaction. Staging takes no write
# lock, writes no WAL pages and needs no checkpoint; publishing copies a chunk from them with the
# same INSERT … SELECT. Nothing but the publishing connection needs to see them.
PERSISTENT_STAGING = {
    "fact": "registry_stagedfact",
    "person": "registry_stagedperson",
    "tag": "registry_stagedtag",
}
SQLITE_STAGING = {
    "fact": "temp.jianfu_stagedfact",
    "person": "temp.jianfu_stagedperson",
    "tag": "temp.jianfu_stagedtag",
}


def _pragma(db: Any, statement: str) -> Any:
    """Run one PRAGMA on a Django or sqlite3 connection: its first value, or None."""
    cursor = db.cursor()
    try:
        cursor.execute(statement)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return row[0] if row else None


@contextmanager
def unmapped_reads(db: Any = None) -> Iterator[None]:
    """SQLite: while a bulk job runs, read the database through SQLite's page cache instead of the
    memory map the settings give every connection (PRAGMA mmap_size). Each mapped page a job
    touches counts in its resident memory: 100,000 rows into 1,000,000 people peaked at 1,600 MB
    with the map and 1,133 MB without, no slower (bench/bench_import.py). Restored on exit, as the
    connection may serve requests next. A no-op elsewhere and on an in-memory database (no map)."""
    db = db if db is not None else connection
    previous = _pragma(db, "PRAGMA mmap_size") if getattr(db, "vendor", "sqlite") == "sqlite" else None
    if previous:
        _pragma(db, "PRAGMA mmap_size=0")
    try:
        yield
    finally:
        if previous:
            _pragma(db, f"PRAGMA mmap_size={int(previous)}")


def sqlite_file(db: Any) -> str:
    """The file of a SQLite connection (Django's or sqlite3's); "" for an in-memory or other database."""
    if getattr(db, "vendor", "sqlite") != "sqlite":
        return ""
    if hasattr(db, "settings_dict"):
        path = str(db.settings_dict["NAME"])
    else:
        path = db.execute("PRAGMA database_list").fetchone()[2]
    return "" if not path or path == ":memory:" or "mode=memory" in path else path


def wal_mode(db: Any) -> bool:
    return _pragma(db, "PRAGMA journal_mode") == "wal"


def bulk_writer_settings(db: Any) -> None:
    """SQLite: what `unmapped_reads` and `checkpoints_beside` set on the importing connection, for a
    second connection writing for the same job (a `ChunkPublisher` thread's, closed when it ends):
    no memory map, no checkpoints of its own (the job's checkpoint thread does them). A no-op elsewhere."""
    if not sqlite_file(db):
        return
    _pragma(db, "PRAGMA mmap_size=0")
    if wal_mode(db):
        _pragma(db, "PRAGMA wal_autocheckpoint=0")


@contextmanager
def checkpoints_beside(db: Any = None, every: float = 0.5) -> Iterator[None]:
    """SQLite in WAL mode: while a bulk job runs, its own commits do not copy the write-ahead log
    into the database file (PRAGMA wal_autocheckpoint=0); a thread with its own connection does,
    every `every` seconds (PASSIVE: it never waits for or blocks a reader or writer), so that work
    runs on the other core (sqlite3 releases the GIL while SQLite works). Restored on exit, with one
    last passive checkpoint. A no-op on other databases, in-memory ones and without WAL."""
    db = db if db is not None else connection
    path = sqlite_file(db)
    if not path or not wal_mode(db):
        yield
        return
    previous = int(_pragma(db, "PRAGMA wal_autocheckpoint") or 1000)
    _pragma(db, "PRAGMA wal_autocheckpoint=0")
    stop = threading.Event()

    def run() -> None:
        con = sqlite3.connect(path, timeout=0)
        try:
            while True:
                done = stop.wait(every)
                # another checkpoint running raises "locked": the next round catches up
                with suppress(sqlite3.OperationalError):
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                if done:
                    return
        finally:
            con.close()

    worker = threading.Thread(target=run, name="jianfu-wal-checkpoints", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()
        _pragma(db, f"PRAGMA wal_autocheckpoint={previous}")


def staging_tables() -> dict[str, str]:
    """The staging table per kind ("fact", "person", "tag") for this connection's database."""
    if connection.vendor != "sqlite":
        return PERSISTENT_STAGING
    with connection.cursor() as cursor:
        for kind, columns in STAGED_COLUMNS.items():
            # no column types: values are stored as given and take the registry columns' types
            # when published (what the typed registry_staged* columns would have given)
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {SQLITE_STAGING[kind]} (id INTEGER PRIMARY KEY, {quoted})"
            )
    return SQLITE_STAGING


def _temp_staging_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'jianfu_stagedfact'")
        return cursor.fetchone() is not None


@contextmanager
def _staging_transaction() -> Iterator[None]:
    """One transaction for a flush. On SQLite outside any atomic block a deferred BEGIN: writing
    only the temporary staging tables, it never takes the database's write lock (Django's
    transaction.atomic would: this project runs SQLite with BEGIN IMMEDIATE)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def values_dumper() -> Callable[[dict[str, str]], str]:
    """How a staged person's current values become the text of their JSON column: what
    `Person.values.get_db_prep_save` stores (SQLite: `json.dumps`, ASCII-escaped), without the
    field and connection look-ups for each of 100,000 people; PostgreSQL: UTF-8 text for COPY."""
    if connection.vendor == "postgresql":
        return partial(json.dumps, ensure_ascii=False)
    if connection.vendor == "sqlite":
        return json.dumps
    field = Person._meta.get_field("values")
    return lambda values: field.get_db_prep_save(values, connection)


class Stage:
    """One batch of staged registry writes (see above). Use: `add_facts`, `add_current` per person,
    `flush` now and then (each flush is one short transaction), then `publish` inside the caller's
    short transaction, and `discard` after it (or after a failure)."""

    def __init__(self, batch: str, attributes_by_id: dict[int, Attribute] | None = None, now: Any = None):
        self.batch = batch
        self.snapshot = max_fact_id()  # facts newer than this were written by someone else meanwhile
        self.attributes_by_id = attributes_by_id or {a.pk: a for a in Attribute.objects.all()}
        self.codes = {pk: a.code for pk, a in self.attributes_by_id.items()}
        self.tag_by_code = {
            a.code: a.pk for a in self.attributes_by_id.values() if a.type == AttributeType.TAG
        }
        self.tag_codes = set(self.tag_by_code)
        self.sources = source_precedence()
        self.rules = Precedence.load()
        self.now = now or timezone.now()
        self.dump_values = values_dumper()
        self.adapt_date = connection.ops.adapt_datefield_value
        self.facts: list[tuple[Any, ...]] = []
        self.people: list[tuple[Any, ...]] = []
        self.tags: list[tuple[Any, ...]] = []
        self.staged_facts = 0
        self.changed = 0
        self.new_refs: set[int] = set()
        self.timings: dict[str, float] = {}  # seconds per publishing statement
        self.chunks: list[Chunk] = []
        self.published = 0  # chunks published so far
        self.seen = self.snapshot  # facts up to this id were read or published by this batch
        self.touched: set[int] = set()  # people who got facts from someone else meanwhile
        self.pids: dict[int, str] = {}  # the pid of every person `old_rows` read (a caller shows them)
        self.tables = staging_tables()
        # A chunk's new facts stay in this process until the chunk is published and are then written
        # straight into registry_fact (PostgreSQL: binary COPY; SQLite: multi-row INSERTs), instead
        # of being staged, read back by INSERT … SELECT and deleted again (three passes over 933,800
        # rows of a large import). A chunk is published by this process or not at all (a dead
        # import is failed and run again), so nothing else needs them staged.
        self.direct_facts = connection.vendor in ("postgresql", "sqlite")
        # SQLite: a chunk's staged people and tags stay in this process until the connection that
        # publishes the chunk writes them into its own temporary tables (`_load`: multi-row INSERTs of
        # a few thousand rows each). Publishing can then run on a second connection while this one
        # stages the next chunks (one connection's temporary tables are invisible to another), and
        # the publishing thread needs Python's lock only to bind and start each statement (an
        # executemany takes it back for every row, while the staging thread wants it all the time:
        # 933,800 facts took 15 s that way; one INSERT … SELECT FROM json_each per kind took 5 s).
        self.held_rows = connection.vendor == "sqlite"

    # -- reading what is there
    def stored_facts(self, person_ids: list[int]) -> dict[int, list[FactView]]:
        return read_fact_views(person_ids, self.sources, self.codes)

    def source_facts(self, person_ids: list[int], source_id: int) -> dict[int, list[FactView]]:
        return read_fact_views(person_ids, self.sources, self.codes, source_id)

    def verified_people(self, person_ids: list[int]) -> set[int]:
        """Those of these people with a fact of the community's own verification."""
        verified = sorted(pk for pk, (_priority, is_verified) in self.sources.items() if is_verified)
        if not person_ids or not verified:
            return set()
        found: set[int] = set()
        sources, source_params = member_of("source_id", verified)
        with connection.cursor() as cursor:
            for start in range(0, len(person_ids), 1000):
                people, people_params = member_of("person_id", person_ids[start : start + 1000])
                cursor.execute(
                    f"SELECT DISTINCT person_id FROM registry_fact WHERE {people} AND {sources}",
                    [*people_params, *source_params],
                )
                found.update(pk for (pk,) in cursor.fetchall())
        return found

    def old_rows(self, person_ids: list[int]) -> tuple[dict[int, tuple[Any, ...]], dict[int, set[int]]]:
        old: dict[int, tuple[Any, ...]] = {}
        held: dict[int, set[int]] = {pk: set() for pk in person_ids}
        # raw SQL: the ORM's IN (…) of 1,000 ids costs more than the query (values_list(*OLD_COLUMNS)
        # gives the same: the SQLite driver converts the date and bool columns, the JSON is parsed here)
        columns = ", ".join(connection.ops.quote_name("id" if c == "pk" else c) for c in OLD_COLUMNS)
        loads = json.loads
        pids = self.pids
        for start in range(0, len(person_ids), 1000):
            chunk = person_ids[start : start + 1000]
            by_id, params = member_of("id", chunk)
            by_person, _same = member_of("person_id", chunk)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns}, pid FROM registry_person WHERE {by_id}", params)
                for row in cursor.fetchall():
                    values = row[8]
                    old[row[0]] = (
                        *row[1:8],
                        loads(values) if isinstance(values, str) else values,
                        bool(row[9]),
                    )
                    pids[row[0]] = row[10]
                cursor.execute(
                    f"SELECT person_id, attribute_id FROM registry_persontag WHERE {by_person}", params
                )
                for person_id, attribute_id in cursor.fetchall():
                    held[person_id].add(attribute_id)
        return old, held

    # -- staging
    def add_facts(self, rows: list[tuple[Any, ...]]) -> None:
        """(person or -k, attribute_id, value, validated, problem) per new fact."""
        if self.direct_facts:  # held for the publishing, without a batch column
            self.facts += rows
            return
        batch = self.batch
        self.facts += [(batch, *row) for row in rows]

    def add_current(
        self,
        person: int,
        facts: list[FactView],
        old: tuple[Any, ...] | None,
        held: set[int] | frozenset[int] = frozenset(),
        new: tuple[str, int, int | None] | None = None,
    ) -> None:
        """Derive the person's current row from all its facts; stage it when it changed. `new`:
        (pid, community_id, grid_id) of a person this batch creates (`person` is then -k)."""
        self._stage_row(person, current_row(facts, self.rules, self.tag_codes), old, held, new)

    def add_values(
        self, person: int, values: dict[str, str], old: tuple[Any, ...], held: set[int] | frozenset[int]
    ) -> None:
        """Stage an existing person's current row from current values known without their facts
        (see `jianfu.ledgers.write.first_report`): the conflict flag stays as it was."""
        self._stage_row(person, current_row_with(values, old[8], self.tag_codes), old, held, None)

    def _stage_row(
        self,
        person: int,
        row: CurrentRow,
        old: tuple[Any, ...] | None,
        held: set[int] | frozenset[int],
        new: tuple[str, int, int | None] | None,
    ) -> None:
        values, columns, conflict = row.values, row.columns, row.has_conflict
        wanted = {self.tag_by_code[c] for c in row.tag_codes}
        self.tags += [(self.batch, person, t, True) for t in wanted - held]
        self.tags += [(self.batch, person, t, False) for t in held - wanted]
        full = True
        if new is not None:
            pid, community_id, grid_id = new
            key, initials = name_key(columns["name"]), name_initials(columns["name"])
            self.new_refs.add(person)
        else:
            assert old is not None
            name, id_number, gender, birth_date, phone, key, initials, old_values, old_conflict = old
            pid, community_id, grid_id = "", None, None
            same_columns = (name, id_number, gender, birth_date, phone) == (
                columns["name"],
                columns["id_number"],
                columns["gender"],
                columns["birth_date"],
                columns["phone"],
            )
            if same_columns and key and initials and values == old_values and conflict == old_conflict:
                return
            full = not (same_columns and key and initials)
            if columns["name"] != name or not key or not initials:
                key, initials = name_key(columns["name"]), name_initials(columns["name"])
        self.changed += 1
        self.people.append(
            (
                self.batch,
                person,
                full,
                pid,
                community_id,
                grid_id,
                columns["name"],
                key,
                initials,
                columns["id_number"],
                columns["gender"],
                self.adapt_date(columns["birth_date"]),
                columns["phone"],
                self.dump_values(values),
                conflict,
            )
        )

    def pending(self) -> int:
        return len(self.facts) + len(self.people) + len(self.tags)

    def flush(self) -> None:
        """Write what was staged so far as one chunk: one short transaction. Chunks are published in
        the order they were staged, each in its own short transaction (a person is always in one)."""
        if not self.pending():
            return
        ranges: dict[str, tuple[int, int]] = {"fact": (0, 0)}
        kinds: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = [
            ("person", STAGED_PERSON_COLUMNS, self.people),
            ("tag", STAGED_TAG_COLUMNS, self.tags),
        ]
        if not self.direct_facts:
            kinds.insert(0, ("fact", STAGED_FACT_COLUMNS, self.facts))
        held: dict[str, list[tuple[Any, ...]]] = {}
        if self.held_rows:
            for kind, _columns, rows in kinds:  # people and tags (the facts are direct)
                ranges[kind] = (0, 0)
                held[kind] = rows
        else:
            with _staging_transaction():
                for kind, columns, rows in kinds:
                    table = self.tables[kind]
                    low = _max_id(table)
                    _copy_or_executemany(table, columns, rows)
                    ranges[kind] = (low, _max_id(table))
        news = [row[1] for row in self.people if row[1] < 0]
        # the person of a fact row (after the batch, when staged in a table)
        at = 0 if self.direct_facts else 1
        existing = frozenset(row[at] for row in self.facts if row[at] > 0)
        facts = self.facts if self.direct_facts else None
        self.chunks.append(Chunk(ranges, max(news) if news else 0, frozenset(news), existing, facts, held))
        self.staged_facts += len(self.facts)
        self.facts, self.people, self.tags = [], [], []

    def discard(self) -> None:
        """Empty the batch's staging rows (after publishing, or when the import failed)."""
        for table in self.tables.values():
            with _staging_transaction(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE batch = %s", [self.batch])

    # -- publishing, a chunk at a time (each call inside its own short transaction)
    def _load(self, chunk: Chunk) -> None:
        """SQLite (`held_rows`): write a chunk's staged rows into the temporary staging tables of the
        connection publishing it (created there when needed), inside the publishing transaction;
        the rest of publishing reads them from there. Once per chunk: a chunk whose transaction is
        rolled back is not published again by this Stage (the import is staged again or failed)."""
        if not chunk.held:
            return
        clock = time.perf_counter()
        held = dict(chunk.held)
        chunk.held.clear()
        tables = staging_tables()
        connection.ensure_connection()
        cursor = connection.connection.cursor()  # sqlite3's own: "?" parameters, no rewriting of the SQL
        try:
            for kind, rows in held.items():
                low = _max_id(tables[kind])
                _insert_held(cursor, tables[kind], kind, rows)
                chunk.ranges[kind] = (low, _max_id(tables[kind]))
        finally:
            cursor.close()
        self.timings["load staged rows"] = (
            self.timings.get("load staged rows", 0.0) + time.perf_counter() - clock
        )

    def relink(self, chunk: Chunk, ref: int, person_id: int | None) -> None:
        """A person this batch would create turned out to be registered meanwhile: their staged facts
        go to `person_id` (re-derived when published), or are dropped when `person_id` is None."""
        self._load(chunk)
        where = "batch = %s AND person = %s AND id > %s AND id <= %s"
        with connection.cursor() as cursor:
            low, high = chunk.ranges["fact"]
            facts = self.tables["fact"]
            if chunk.facts is not None:
                chunk.facts[:] = [
                    row if row[0] != ref else (person_id, *row[1:])
                    for row in chunk.facts
                    if row[0] != ref or person_id is not None
                ]
            elif person_id is None:
                cursor.execute(f"DELETE FROM {facts} WHERE {where}", [self.batch, ref, low, high])
            else:
                cursor.execute(
                    f"UPDATE {facts} SET person = %s WHERE {where}",
                    [person_id, self.batch, ref, low, high],
                )
            for kind in ("person", "tag"):
                low, high = chunk.ranges[kind]
                cursor.execute(f"DELETE FROM {self.tables[kind]} WHERE {where}", [self.batch, ref, low, high])
        self.new_refs.discard(ref)

    def touched_meanwhile(self, ledger_import_id: int | None = None) -> set[int]:
        """People who got facts from someone else since this batch read theirs (or since the chunk
        published before): a chunk re-derives those of its people from the stored facts. With
        `ledger_import_id`, facts of that import are not someone else's (its other publishing
        threads write them meanwhile)."""
        with connection.cursor() as cursor:
            # no DISTINCT: SQLite would scan a whole index instead of the id range
            if ledger_import_id is None:
                cursor.execute("SELECT person_id FROM registry_fact WHERE id > %s", [self.seen])
            else:
                cursor.execute(
                    "SELECT person_id FROM registry_fact WHERE id > %s "
                    "AND (ledger_import_id IS NULL OR ledger_import_id <> %s)",
                    [self.seen, ledger_import_id],
                )
            self.touched.update(pk for (pk,) in cursor.fetchall())
        return self.touched

    def publish(
        self,
        chunk: Chunk,
        *,
        source_id: int,
        recorded_by_id: int | None,
        ledger_import_id: int | None,
        rederive: set[int] | frozenset[int] = frozenset(),
    ) -> dict[int, int]:
        """Move one staged chunk into the registry tables (call inside its own transaction).
        `rederive`: existing people of the chunk whose current row is derived again from the stored
        facts afterwards (facts of theirs were written meanwhile). Returns new person ids by their -k."""
        self._load(chunk)
        vendor = connection.vendor
        ops = connection.ops
        now_db = ops.adapt_datetimefield_value(self.now)
        q_values = ops.quote_name("values")
        timings = self.timings

        tables = self.tables

        def rows_of(kind: str, alias: str = "s") -> str:
            low, high = chunk.ranges[kind]
            return f"{alias}.batch = %s AND {alias}.id > {int(low)} AND {alias}.id <= {int(high)}"

        with connection.cursor() as raw:

            class Timed:
                def execute(self, sql: str, params: Any = None) -> None:
                    clock = time.perf_counter()
                    raw.execute(sql, params)
                    label = " ".join(sql.split()[:3]).lower()
                    timings[label] = timings.get(label, 0.0) + time.perf_counter() - clock

                def fetchone(self) -> Any:
                    return raw.fetchone()

            cursor = Timed()
            new_ids = (_new_person_ids_postgresql if vendor == "postgresql" else _new_person_ids_sqlite)(
                raw, chunk, rows_of("person"), self.batch
            )
            person_expr, join = new_ids.expression, new_ids.join
            at, on = new_ids.expression_params, new_ids.join_params
            cursor.execute(
                "INSERT INTO registry_person (id, pid, community_id, grid_id, relation, name, name_key, "
                f"name_initials, id_number, gender, birth_date, phone, {q_values}, has_conflict, created_at, "
                "updated_at) "
                f"SELECT {person_expr}, s.pid, s.community_id, s.grid_id, '', s.name, s.name_key, s.name_initials, "
                f"s.id_number, s.gender, s.birth_date, s.phone, s.{q_values}, s.has_conflict, %s, %s "
                f"FROM {tables['person']} s {join} "
                f"WHERE {rows_of('person')} AND s.person < 0 ORDER BY s.person DESC",
                [*at, now_db, now_db, *on, self.batch],
            )
            stamp = "CAST(%s AS TIMESTAMP WITH TIME ZONE)" if vendor == "postgresql" else "%s"
            if chunk.facts is not None:
                clock = time.perf_counter()
                if vendor == "postgresql":
                    _copy_facts(
                        raw, chunk.facts, new_ids.ids, (source_id, self.now, recorded_by_id, ledger_import_id)
                    )
                else:
                    _insert_facts_sqlite(
                        raw, chunk.facts, new_ids.ids, (source_id, now_db, recorded_by_id, ledger_import_id)
                    )
                timings["copy registry_fact"] = (
                    timings.get("copy registry_fact", 0.0) + time.perf_counter() - clock
                )
                if vendor == "postgresql":
                    _lock_people(cursor, sorted({row[0] for row in chunk.facts if row[0] > 0}))
            else:
                cursor.execute(
                    "INSERT INTO registry_fact (person_id, attribute_id, value, source_id, recorded_at, recorded_by_id, "
                    "ledger_import_id, note, validated, problem) "
                    # typed parameters: PostgreSQL does not infer them from the INSERT's columns (a NULL
                    # recorded_by would be text)
                    f"SELECT {person_expr}, s.attribute_id, s.value, CAST(%s AS BIGINT), {stamp}, CAST(%s AS BIGINT), "
                    "CAST(%s AS BIGINT), '', s.validated, s.problem "
                    f"FROM {tables['fact']} s {join} WHERE {rows_of('fact')} ORDER BY s.id",
                    [*at, source_id, now_db, recorded_by_id, ledger_import_id, *on, self.batch],
                )
                if vendor == "postgresql":
                    _lock_people_of_facts(cursor, tables["fact"], rows_of("fact"), self.batch)
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM registry_fact")
            self.seen = int(cursor.fetchone()[0])
            skip = ""
            extra: list[Any] = []
            if rederive:
                skip = " AND s.person NOT IN (" + ", ".join(["%s"] * len(rederive)) + ")"
                extra = sorted(rederive)
            person_rows = rows_of("person")
            full = ops.quote_name("full")
            cursor.execute(
                "UPDATE registry_person SET name = s.name, id_number = s.id_number, gender = s.gender, "
                "birth_date = s.birth_date, phone = s.phone, name_key = s.name_key, "
                f"name_initials = s.name_initials, {q_values} = s.{q_values}, has_conflict = s.has_conflict, "
                f"updated_at = %s FROM {tables['person']} s "
                f"WHERE {person_rows} AND s.person > 0 AND s.{full} AND registry_person.id = s.person{skip}",
                [now_db, self.batch, *extra],
            )
            cursor.execute(
                f"UPDATE registry_person SET {q_values} = s.{q_values}, has_conflict = s.has_conflict, "
                f"updated_at = %s FROM {tables['person']} s "
                f"WHERE {person_rows} AND s.person > 0 AND NOT s.{full} AND registry_person.id = s.person{skip}",
                [now_db, self.batch, *extra],
            )
            tag_rows = rows_of("tag")
            add = ops.quote_name("add")
            cursor.execute(
                "DELETE FROM registry_persontag WHERE id IN (SELECT t.id FROM registry_persontag t "
                f"JOIN {tables['tag']} s ON s.person = t.person_id AND s.attribute_id = t.attribute_id "
                f"WHERE {tag_rows} AND NOT s.{add} AND s.person > 0{skip})",
                [self.batch, *extra],
            )
            cursor.execute(
                "INSERT INTO registry_persontag (person_id, attribute_id) "
                f"SELECT {person_expr}, s.attribute_id FROM {tables['tag']} s {join} "
                f"WHERE {tag_rows} AND s.{add}{skip}",
                [*at, *on, self.batch, *extra],
            )
        if rederive:
            clock = time.perf_counter()
            refresh_people(sorted(rederive), self.attributes_by_id, self.now)
            timings["rederive"] = timings.get("rederive", 0.0) + time.perf_counter() - clock
        self.published += 1
        return {ref: new_ids.ids[ref] for ref in chunk.new_refs if ref in self.new_refs}


@dataclass(frozen=True)
class Chunk:
    """One flush of a Stage: its id range (low, high] in each staging table, and its new people."""

    ranges: dict[str, tuple[int, int]]  # by kind: "fact", "person", "tag"
    first_new: int  # the chunk's new person nearest to zero (-k), 0 when it creates nobody
    new_refs: frozenset[int]
    existing: frozenset[int]  # the existing people it gives facts to
    # `Stage.direct_facts` (PostgreSQL and SQLite): its new facts, (person or -k, attribute_id, value,
    # validated, problem), written into registry_fact when it is published; None when they are staged
    facts: list[tuple[Any, ...]] | None = field(default=None, compare=False)
    # SQLite (`Stage.held_rows`): its staged people and tags by kind until `Stage._load`
    held: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class NewIds:
    """The ids a chunk's new people get: SQL for a staged row's person id (`expression`, over the
    staging alias `s`, with the `join` after `FROM … s` it needs), the parameters of each, and the
    ids by -k."""

    expression: str
    expression_params: list[Any]
    join: str
    join_params: list[Any]
    ids: dict[int, int]


def _new_person_ids_sqlite(cursor: Any, chunk: Chunk, where: str, batch: str) -> NewIds:
    """One writer at a time: the chunk's new people -k, -k-1, … get the ids after the highest one."""
    cursor.execute("SELECT COALESCE(MAX(id), 0) FROM registry_person")
    offset = int(cursor.fetchone()[0]) - (-chunk.first_new) + 1 if chunk.first_new else 0
    return NewIds(
        "CASE WHEN s.person < 0 THEN CAST(%s AS BIGINT) - s.person ELSE s.person END",
        [offset],
        "",
        [],
        {ref: offset - ref for ref in chunk.new_refs},
    )


def _new_person_ids_postgresql(cursor: Any, chunk: Chunk, where: str, batch: str) -> NewIds:
    """Ids from the table's own sequence (no table lock: others keep inserting people meanwhile),
    in the order of the staged -k (so the rows append to the id index), joined as two arrays."""
    if not chunk.first_new:
        return NewIds("s.person", [], "", [], {})
    cursor.execute(
        f"SELECT s.person FROM registry_stagedperson s WHERE {where} AND s.person < 0 ORDER BY s.person DESC",
        [batch],
    )
    refs = [int(ref) for (ref,) in cursor.fetchall()]
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence('registry_person', 'id')) FROM generate_series(1, %s) ORDER BY 1",
        [len(refs)],
    )
    ids = [int(pk) for (pk,) in cursor.fetchall()]
    return NewIds(
        "COALESCE(m.id, s.person)",
        [],
        "LEFT JOIN unnest(CAST(%s AS BIGINT[]), CAST(%s AS BIGINT[])) AS m(ref, id) ON m.ref = s.person",
        [refs, ids],
        dict(zip(refs, ids, strict=True)),
    )


_FACT_COPY = (
    f"COPY registry_fact ({', '.join(FACT_COLUMNS)}) FROM STDIN (FORMAT BINARY)",
    ["int8", "int8", "text", "int8", "timestamptz", "int8", "int8", "varchar", "bool", "varchar"],
)


def _copy_facts(
    cursor: Any, facts: list[tuple[Any, ...]], ids: dict[int, int], provenance: tuple[Any, ...]
) -> None:
    """PostgreSQL: append a chunk's facts to registry_fact in their staged order (binary COPY); a new
    person's -k becomes its id. `provenance`: (source_id, recorded_at, recorded_by_id, ledger_import_id)."""
    source_id, recorded_at, recorded_by_id, ledger_import_id = provenance
    sql, types = _FACT_COPY
    with cursor.cursor.copy(sql) as copy:
        copy.set_types(types)
        write = copy.write_row
        for person, attribute_id, value, validated, problem in facts:
            write(
                (
                    ids[person] if person < 0 else person,
                    attribute_id,
                    value,
                    source_id,
                    recorded_at,
                    recorded_by_id,
                    ledger_import_id,
                    "",
                    validated,
                    problem,
                )
            )


def _insert_facts_sqlite(
    cursor: Any, facts: list[tuple[Any, ...]], ids: dict[int, int], provenance: tuple[Any, ...]
) -> None:
    """SQLite: append a chunk's facts to registry_fact in their staged order (the fact index's order),
    by multi-row INSERTs of HELD_PARAMETERS_PER_INSERT parameters; a new person's -k becomes its id.
    `provenance`: (source_id, recorded_at as stored, recorded_by_id, ledger_import_id)."""
    raw = cursor.cursor.connection.cursor()  # sqlite3's own: "?" parameters, no rewriting of the SQL
    rows = [(ids[p], a, v, ok, pr) if p < 0 else (p, a, v, ok, pr) for p, a, v, ok, pr in facts]
    try:  # the four "?" before the VALUES list are the provenance
        _insert_rows(
            raw,
            f"INSERT INTO registry_fact ({', '.join(FACT_COLUMNS)}) "
            "SELECT column1, column2, column3, ?, ?, ?, ?, '', column4, column5 FROM (VALUES ",
            ")",
            rows,
            provenance,
        )
    finally:
        raw.close()


def _lock_people(cursor: Any, ids: list[int]) -> None:
    """`_lock_people_of_facts` for facts copied straight from this process: `ids` are the existing
    people they name."""
    if not ids:
        return
    cursor.execute(
        "WITH locked AS (SELECT p.id FROM registry_person p WHERE p.id = ANY(CAST(%s AS BIGINT[])) "
        "FOR KEY SHARE OF p) SELECT COUNT(*) FROM locked",
        [ids],
    )
    (locked,) = cursor.fetchone()
    if locked != len(ids):
        raise IntegrityError(
            f"{len(ids) - locked} of the people this chunk gives facts to are no longer registered"
        )


def _lock_people_of_facts(cursor: Any, staged_facts: str, where: str, batch: str) -> None:
    """PostgreSQL, where registry_fact has no person constraint (registry migration 0015): lock the
    existing people a chunk gave facts to until its commit, as the constraint's check did for each
    fact (`FOR KEY SHARE`: others may still update them, nobody can delete them), in one statement;
    a person gone by now fails the chunk. New people are the rows the chunk itself inserted."""
    cursor.execute(
        f"WITH wanted AS (SELECT DISTINCT s.person FROM {staged_facts} s WHERE {where} AND s.person > 0), "
        "locked AS (SELECT p.id FROM registry_person p WHERE p.id IN (SELECT person FROM wanted) "
        "FOR KEY SHARE OF p) "
        "SELECT (SELECT COUNT(*) FROM wanted), (SELECT COUNT(*) FROM locked)",
        [batch],
    )
    wanted, locked = cursor.fetchone()
    if wanted != locked:
        raise IntegrityError(
            f"{wanted - locked} of the people this chunk gives facts to are no longer registered"
        )


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return int(cursor.fetchone()[0])
