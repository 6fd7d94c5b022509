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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils import timezone

from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.models import Attribute, Person, PersonTag, Source
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
    person_ids: list[int], sources: dict[int, tuple[int, bool]], codes: dict[int, str]
) -> dict[int, list[FactView]]:
    """Every fact of these people as FactViews, read with raw SQL (no per-row datetime conversion:
    recorded_at is only compared, and ISO text orders the same as the datetimes it stores)."""
    facts: dict[int, list[FactView]] = {pk: [] for pk in person_ids}
    recorded = "CAST(recorded_at AS TEXT)" if connection.vendor == "sqlite" else "recorded_at"
    for start in range(0, len(person_ids), 1000):
        chunk = person_ids[start : start + 1000]
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, attribute_id, value, source_id, {recorded}, id, validated FROM registry_fact "
                f"WHERE person_id IN ({marks})",
                chunk,
            )
            for person_id, attribute_id, value, source_id, recorded_at, pk, ok in cursor.fetchall():
                priority, verified = sources[source_id]
                # what registry.services.fact_views builds from a Fact
                facts[person_id].append(
                    FactView(
                        codes[attribute_id],
                        value,
                        source_id,
                        priority,
                        recorded_key(recorded_at),
                        pk,
                        verified,
                        bool(ok),
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
