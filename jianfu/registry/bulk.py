"""Fast bulk loading of residents (demo data, benchmark registries of 1,000,000 people).

    from jianfu.registry.demo import generate_people
    from jianfu.registry.bulk import bulk_load
    bulk_load(generate_people(1_000_000, communities, seed=2026, detail="lean"))

Writes places, households, people (current values, search keys, conflict flag), every fact with
its source, and the current tags — with `executemany` on SQLite and `COPY` on PostgreSQL, in
batches, one transaction per batch. The current values follow the same precedence as
`jianfu.registry.precedence` (tier, then source priority, then the newest), so `person_refresh`
later recomputes exactly what was loaded. Bypasses the per-row services on purpose; use it only
for demo and benchmark data, never for data entered by people.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from jianfu.core.permissions import system_actor
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.current import current_row
from jianfu.registry.demo import BASE, DEMO_SOURCE_FIELDS, DEMO_SOURCES, PersonSpec
from jianfu.registry.models import _PID_ALPHABET, Attribute, Fact, Household, Person, PersonTag, Place, Source
from jianfu.registry.precedence import FactView, Precedence

_RELATIONS = {"head", "spouse", "child", "parent", "grandchild", "sibling", "other"}


@dataclass
class BulkResult:
    people: int = 0
    facts: int = 0
    tags: int = 0
    places: int = 0
    households: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


# The registry_person columns the bulk writers fill, in order.
PERSON_TABLE_COLUMNS = [
    "id",
    "pid",
    "community_id",
    "grid_id",
    "household_id",
    "relation",
    "place_id",
    "name",
    "name_key",
    "name_initials",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "values",
    "has_conflict",
    "created_at",
    "updated_at",
]


@lru_cache(maxsize=262144)
def _keys(name: str) -> tuple[str, str]:
    from jianfu.registry.services import name_initials, name_key

    return name_key(name), name_initials(name)


def ensure_sources(specs: dict[str, tuple[int, str, str | None, dt.date]] | None = None) -> dict[str, Source]:
    """The demo sources (created once; an administrator's later priority changes are kept)."""
    from jianfu.orgs.models import Department

    sources = {}
    for name, (priority, kind, dept_code, _day) in (specs or DEMO_SOURCES).items():
        department = (
            Department.objects.filter(code=dept_code, street__isnull=True).first() if dept_code else None
        )
        source, created = Source.objects.get_or_create(
            name=name,
            defaults={
                "priority": priority,
                "kind": kind,
                "department": department,
                "is_base_register": name == BASE,
            },
        )
        if created and DEMO_SOURCE_FIELDS.get(name):
            source.own_fields.set(Attribute.objects.filter(code__in=DEMO_SOURCE_FIELDS[name]))
        sources[name] = source
    return sources


def _chunks(items: Iterable[PersonSpec], size: int) -> Iterator[list[PersonSpec]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


class _Writer:
    """INSERT many rows: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self) -> None:
        self.pg = connection.vendor == "postgresql"
        ops = connection.ops
        self.dtv: Callable[[dt.datetime], Any] = (lambda v: v) if self.pg else ops.adapt_datetimefield_value
        self.dv: Callable[[dt.date], Any] = (lambda v: v) if self.pg else ops.adapt_datefield_value

    def write(self, model, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        table = model._meta.db_table
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in columns)
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})", rows)

    def reset_sequences(self, *models) -> None:
        if not self.pg:
            return
        with connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))",
                    [table],
                )


def bulk_load(
    people: Iterable[PersonSpec],
    *,
    batch_size: int = 20000,
    progress: Callable[[BulkResult], None] | None = None,
    recorder_id: int | None = None,
) -> BulkResult:
    """Write `PersonSpec`s (see `jianfu.registry.demo.generate_people`) to the registry."""
    started = time.perf_counter()
    result = BulkResult()
    writer = _Writer()
    sources = ensure_sources()
    source_meta = {
        name: (s.pk, s.priority, DEMO_SOURCES.get(name, (0, "", None, dt.date(2026, 1, 1)))[3])
        for name, s in sources.items()
    }
    attributes = {a.code: (a.pk, a.type) for a in Attribute.objects.only("pk", "code", "type")}
    rules = Precedence.load()
    tag_codes = {code for code, (_pk, kind) in attributes.items() if kind == AttributeType.TAG}
    verified = {s.pk for s in sources.values() if s.kind == SourceKind.COMMUNITY}
    recorded = {
        name: timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
        for name, (_p, _pr, day) in source_meta.items()
    }
    recorded_db = {name: writer.dtv(at) for name, at in recorded.items()}
    now = writer.dtv(timezone.now())
    places = {
        (c, e, b, u, r): pk
        for pk, c, e, b, u, r in Place.objects.values_list(
            "pk", "community_id", "estate", "building", "unit", "room"
        )
    }
    households = {(c, n): pk for pk, c, n in Household.objects.values_list("pk", "community_id", "number")}
    next_person, next_place, next_household = _next_id(Person), _next_id(Place), _next_id(Household)
    pid_rng = random.Random()
    pids: set[str] = set(Person.objects.values_list("pid", flat=True)) if Person.objects.exists() else set()

    person_cols = PERSON_TABLE_COLUMNS
    fact_cols = ["person_id", "attribute_id", "value", "source_id", "recorded_at", "recorded_by_id", "note"]
    for chunk in _chunks(people, batch_size):
        place_rows, household_rows, person_rows, fact_rows, tag_rows = [], [], [], [], []
        for spec in chunk:
            pkey = (spec.community_id, *spec.place)
            place_id = places.get(pkey)
            if place_id is None:
                place_id = places[pkey] = next_place
                next_place += 1
                place_rows.append((place_id, spec.community_id, spec.grid_id, *spec.place))
            hkey = (spec.community_id, spec.household_number)
            household_id = households.get(hkey)
            if household_id is None:
                household_id = households[hkey] = next_household
                next_household += 1
                household_rows.append((household_id, spec.community_id, spec.household_number, place_id))
            person_id = next_person
            next_person += 1
            # the same derivation as every other writer (jianfu.registry.current.current_row)
            views = []
            for i, (code, value, source_name) in enumerate(spec.facts):
                if code not in attributes or value == "":
                    continue
                sid, priority, _day = source_meta[source_name]
                views.append(FactView(code, value, sid, priority, recorded[source_name], i, sid in verified))
                fact_rows.append(
                    (person_id, attributes[code][0], value, sid, recorded_db[source_name], recorder_id, "")
                )
            row = current_row(views, rules, tag_codes)
            values, conflict = row.values, row.has_conflict
            tag_rows += [(person_id, attributes[code][0]) for code in row.tag_codes]
            columns = row.columns
            name = columns["name"] or spec.name
            key, initials = _keys(name)
            while True:
                pid = "R" + "".join(pid_rng.choices(_PID_ALPHABET, k=11))
                if pid not in pids:
                    pids.add(pid)
                    break
            person_rows.append(
                (
                    person_id,
                    pid,
                    spec.community_id,
                    spec.grid_id,
                    household_id,
                    spec.relation if spec.relation in _RELATIONS else "other",
                    place_id,
                    name,
                    key,
                    initials,
                    columns["id_number"],
                    columns["gender"],
                    writer.dv(columns["birth_date"]) if columns["birth_date"] else None,
                    columns["phone"],
                    json.dumps(values, ensure_ascii=False),
                    conflict,
                    now,
                    now,
                )
            )
        with transaction.atomic():
            writer.write(
                Place, ["id", "community_id", "grid_id", "estate", "building", "unit", "room"], place_rows
            )
            writer.write(Household, ["id", "community_id", "number", "place_id"], household_rows)
            writer.write(Person, person_cols, person_rows)
            writer.write(Fact, fact_cols, fact_rows)
            writer.write(PersonTag, ["person_id", "attribute_id"], tag_rows)
        result.people += len(person_rows)
        result.facts += len(fact_rows)
        result.tags += len(tag_rows)
        result.places += len(place_rows)
        result.households += len(household_rows)
        result.seconds = time.perf_counter() - started
        if progress:
            progress(result)
    writer.reset_sequences(Person, Place, Household)
    result.seconds = time.perf_counter() - started
    return result


def build_registry(
    n: int, *, seed: int = 2026, detail: str = "lean", communities=None, progress=None
) -> BulkResult:
    """Load the demo organisation (if missing) and `n` generated residents into the configured
    database. What the benchmarks call: `build_registry(1_000_000)`."""
    from pathlib import Path

    from jianfu.orgs.models import Community
    from jianfu.orgs.services import org_load, parse_org_file
    from jianfu.registry.demo import generate_people

    if communities is None:
        if not Community.objects.exists():
            org_file = Path(__file__).resolve().parents[2] / "examples" / "org.yaml"
            org_load(
                data=parse_org_file(org_file.read_text(encoding="utf-8")), actor=system_actor("bulk load")
            )
        communities = list(Community.objects.prefetch_related("grids").order_by("code"))
    ensure_sources()
    return bulk_load(generate_people(n, communities, seed, detail=detail), progress=progress)
