"""Aggregates and grouped rows compiled to SQL once per actor: the home page's to-do counts, the
burden dashboard's figures.

The home page runs on every visit and counts ≈ 10 kinds of waiting work, each through `restrict()`.
Executing those counts costs little; building them costs most of the page (Django resolving ≈ 30
filters and compiling ≈ 10 aggregate queries, ≈ 0.7 ms each). The SQL of such a count depends only
on who asks and on the constants of the code, so it is compiled once per (name, actor, dates) in each
process and then executed as it is, with the values read fresh from the database every time: a
count is never cached, only the text of its query.

What may go into the SQL, and what makes it not reusable (then it is built as before, every time):

- the actor: the key holds every column of the user's row (role, units, is_active, is_superuser …)
  and of the user's department, so a changed role, unit or department is a new key at the next
  request; anonymous visitors, inactive users and the system actor are never cached;
- `dates`, when the caller passes them (the dates or aware date-times the query compares with, e.g.
  today, the start of a month): part of the key;
- the current time, where a scope rule compares with `now()` (an inspector's live grants, a
  release not yet expired): a parameter that is a date-time taken while the query was being built
  is that `now()`, and is replaced by the current time at every execution;
- nothing else. The first build runs on a copy of the actor without loaded relations (only the
  department the key holds), and if building it read anything from the database (besides the one
  aggregate itself), or a parameter of the SQL is any other date or time (not in `dates`, not the
  build's `now()`), that key is built afresh on every request.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

MAX_ENTRIES = 4096  # (name × active staff users × day); cleared whole when full
_UNCACHEABLE = object()
_cache: dict[Hashable, Any] = {}
_lock = threading.Lock()
# how SQLite (and anything adapting to text) passes a date or a time: 2026-12-03, 2026-12-03 05:40:00.123, 05:40
_TEMPORAL_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}.*)?$|^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _at_now(connection: Any, params: tuple, now_at: Any) -> tuple:
    """The stored parameters with the build's now() replaced by the current time."""
    if not now_at:
        return params
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return tuple(now if index in now_at else value for index, value in enumerate(params))


def clear() -> None:
    with _lock:
        _cache.clear()


def _on_setting_changed(**kwargs: Any) -> None:
    clear()  # tests overriding settings: nothing compiled under the old ones is reused


setting_changed.connect(_on_setting_changed)


def _row(obj: Any) -> tuple:
    return tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields)


def _fingerprint(actor: Any, department_read: bool = True) -> tuple | None:
    """Everything about the actor a query may be built from, or None when this actor is not cached.
    `department_read=False`: a build that never reads the department row (the probe checks it), so the
    row is not read for the key either (its id is in the user's row)."""
    from jianfu.accounts.models import User
    from jianfu.core.rows import related_row

    if type(actor) is not User or actor.pk is None or not actor.is_active:
        return None
    if not department_read:
        return (_row(actor), "department not read")
    department = related_row(actor, "department") if actor.department_id else None
    return (_row(actor), _row(department) if department is not None else None)


def _probe(actor: Any, department_read: bool = True) -> Any:
    """The actor without the relations loaded on it (except its department, whose row is in the key,
    unless `department_read` is False), so that a build reading any other relation shows up as a query."""
    probe = copy.copy(actor)
    probe._state = copy.copy(actor._state)
    cached = actor._state.fields_cache
    keep = department_read and "department" in cached
    probe._state.fields_cache = {"department": cached["department"]} if keep else {}
    return probe


def _instant(value: Any, connection: Any) -> dt.datetime | None:
    """The date-time a parameter passes (an aware one, or SQLite's text in the connection's zone)."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else None
    if isinstance(value, str) and (parsed := parse_datetime(value)) is not None and timezone.is_naive(parsed):
        return timezone.make_aware(parsed, connection.timezone)
    return None


def _now_positions(
    params: tuple, dates: tuple[dt.date, ...], began: dt.datetime, ended: dt.datetime, connection: Any
) -> tuple[int, ...] | None:
    """Where the build's `now()` went into the parameters; None if any other date or time did."""
    positions = []
    for index, value in enumerate(params):
        if not _temporal(value, dates, connection):
            continue
        instant = _instant(value, connection)
        if instant is None or not began <= instant <= ended:
            return None
        if connection.ops.adapt_datetimefield_value(instant) != value:
            return None  # not a form this module can write again
        positions.append(index)
    return tuple(positions)


def _temporal(value: Any, dates: tuple[dt.date, ...], connection: Any) -> bool:
    if any(value == day or value == day.isoformat() for day in dates):
        return False
    if any(
        isinstance(day, dt.datetime) and value == connection.ops.adapt_datetimefield_value(day)
        for day in dates
    ):
        return False  # a date-time the caller passed, as the backend writes it (SQLite: UTC text)
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return True
    return isinstance(value, str) and bool(_TEMPORAL_TEXT.match(value))


class _Capture:
    def __init__(self) -> None:
        self.queries: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.queries.append((sql, None if many else params))
        return execute(sql, params, many, context)


def aggregate(
    actor: Any,
    name: Hashable,
    build: Callable[[Any], tuple[QuerySet, dict[str, Any]]],
    *,
    dates: tuple[dt.date, ...] = (),
) -> dict[str, Any]:
    """`queryset.aggregate(**aggregates)` for `build(actor) -> (queryset, aggregates)`, compiled once.

    `build` must depend on nothing but the actor it is given, `dates` and constants: `name` says which
    query it is (one name, one build)."""
    fingerprint = _fingerprint(actor)
    if fingerprint is None:
        queryset, aggregates = build(actor)
        return queryset.aggregate(**aggregates)
    key = (name, fingerprint, dates)
    entry = _cache.get(key)
    if entry is None:
        return _first(key, actor, build, dates)
    if entry is _UNCACHEABLE:
        queryset, aggregates = build(actor)
        return queryset.aggregate(**aggregates)
    alias, sql, params, names, converters, constant, now_at = entry
    if sql is None:
        return dict(constant)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, _at_now(connection, params, now_at))
        row = cursor.fetchone()
    values = []
    for value, (expression, functions) in zip(row, converters, strict=True):
        for function in functions:
            value = function(value, expression, connection)
        values.append(value)
    return dict(zip(names, values, strict=True))


def count(
    actor: Any, name: Hashable, build: Callable[[Any], QuerySet], *, dates: tuple[dt.date, ...] = ()
) -> int:
    """`build(actor).count()`, compiled once per actor (see `aggregate`)."""
    return aggregate(actor, name, lambda a: (build(a), {"n": Count("*")}), dates=dates)["n"]


def _keep(key: Hashable, entry: Any) -> None:
    """Store a compiled entry (or `_UNCACHEABLE`), emptying the cache when it is full."""
    with _lock:
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[key] = entry


@contextmanager
def _capturing() -> Iterator[_Capture]:
    """Record every query run on any connection inside the block (a build that read the database)."""
    capture = _Capture()
    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(capture))
        yield capture


def _value_names(query: Any) -> tuple[str, ...]:
    """The column names of a `.values()` query, as ValuesIterable names them."""
    if query.selected:
        return tuple(query.selected)
    return (*query.extra_select, *query.values_select, *query.annotation_select)


def _first(key: Hashable, actor: Any, build: Callable, dates: tuple[dt.date, ...]) -> dict[str, Any]:
    probe = _probe(actor)
    began = timezone.now()
    with _capturing() as capture:
        # the queryset is lazy: any query run while building it was a read of the database
        queryset, aggregates = build(probe)
        query = queryset.query.chain()
        result = queryset.aggregate(**aggregates)
    ended = timezone.now()
    alias = queryset.db
    connection = connections[alias]
    entry: Any = _UNCACHEABLE
    if len(capture.queries) == 0:
        entry = (alias, None, None, None, None, tuple(result.items()), ())
    elif len(capture.queries) == 1:
        sql, params = capture.queries[0]
        now_at = None if params is None else _now_positions(tuple(params), dates, began, ended, connection)
        if now_at is not None:
            converters = []
            for expression in aggregates.values():
                resolved = expression.resolve_expression(query, allow_joins=True, reuse=None, summarize=True)
                functions = connection.ops.get_db_converters(resolved) + resolved.get_db_converters(
                    connection
                )
                converters.append((resolved, tuple(functions)))
            entry = (alias, sql, tuple(params), tuple(aggregates), tuple(converters), None, now_at)
    _keep(key, entry)
    return result


def rows(
    actor: Any,
    name: Hashable,
    build: Callable[[Any], QuerySet],
    *,
    dates: tuple[dt.date, ...] = (),
    department_read: bool = True,
) -> list[dict[str, Any]]:
    """`list(build(actor))` for a `.values(...)` queryset (grouped sums and the like), compiled once per
    actor under the same rules as `aggregate`; `name` holds every other input of the build (filters).
    `department_read=False` for a build that uses at most the actor's department id: the key then
    holds no department row (none is read for it), and a build that reads one is built every time."""
    fingerprint = _fingerprint(actor, department_read)
    if fingerprint is None:
        return list(build(actor))
    key = ("rows", name, fingerprint, dates)
    entry = _cache.get(key)
    if entry is None:
        return _first_rows(key, actor, build, dates, department_read)
    if entry is _UNCACHEABLE:
        return list(build(actor))
    alias, sql, params, names, converters, now_at = entry
    connection = connections[alias]
    return _fetch_dicts(connection, sql, _at_now(connection, params, now_at), names, converters)


def _fetch_dicts(
    connection: Any, sql: str, params: Any, names: tuple, converters: tuple
) -> list[dict[str, Any]]:
    """Run compiled SQL and name its columns, with Django's converters applied, as `.values()` would."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    out = []
    width = range(len(names))
    for row in fetched:
        values = list(row)
        for position, (functions, expression) in converters:
            value = values[position]
            for function in functions:
                value = function(value, expression, connection)
            values[position] = value
        out.append({names[i]: values[i] for i in width})
    return out


def _first_rows(
    key: Hashable, actor: Any, build: Callable, dates: tuple[dt.date, ...], department_read: bool = True
) -> list[dict[str, Any]]:
    began = timezone.now()
    with _capturing() as capture:
        queryset = build(_probe(actor, department_read))
        query = queryset.query.chain()
        result = list(queryset)
    ended = timezone.now()
    connection = connections[queryset.db]
    entry: Any = _UNCACHEABLE
    if len(capture.queries) == 1 and queryset._iterable_class.__name__ == "ValuesIterable":
        sql, params = capture.queries[0]
        compiler = query.get_compiler(queryset.db)
        compiled_sql, _ = compiler.as_sql()
        now_at = None if params is None else _now_positions(tuple(params), dates, began, ended, connection)
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if now_at is not None and compiled_sql == sql and not compiler.has_composite_fields(fields):
            converters = tuple(compiler.get_converters(fields).items())
            names = _value_names(query)
            entry = (queryset.db, sql, tuple(params), names, converters, now_at)
    _keep(key, entry)
    return result


# a value of each type `rows_for` takes, that no query of this project passes as a constant
_MARKERS: dict[type, Any] = {int: -7_340_912_655_301, str: "\x00jianfu-compiled-marker\x00"}


def rows_for(
    actor: Any, name: Hashable, build: Callable[[Any, Any], QuerySet], value: Any
) -> list[dict[str, Any]]:
    """`list(build(actor, value))` for a `.values(...)` queryset, compiled once per actor with `value`
    a parameter of its SQL (a pid, a household): built once with a marker in the value's place, then
    executed with each request's value. The same rules as `rows`; besides, the marker must go into
    the parameters exactly once (never into the SQL text), or the query is built every time."""
    fingerprint = _fingerprint(actor)
    marker = _MARKERS.get(type(value))
    if fingerprint is None or marker is None:
        return list(build(actor, value))
    key = ("rows_for", name, fingerprint, type(value))
    entry = _cache.get(key)
    if entry is None:
        entry = _compile_for(key, actor, build, marker)
    if entry is _UNCACHEABLE:
        return list(build(actor, value))
    alias, sql, params, at, names, converters, now_at = entry
    connection = connections[alias]
    params = list(_at_now(connection, params, now_at))
    params[at] = value
    return _fetch_dicts(connection, sql, params, names, converters)


def _compile_for(key: Hashable, actor: Any, build: Callable, marker: Any) -> Any:
    began = timezone.now()
    with _capturing() as capture:
        queryset = build(_probe(actor), marker)
        query = queryset.query.chain()
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a scope that sees nothing (.none()): no SQL to keep
            sql, params = "", ()
    ended = timezone.now()
    connection = connections[queryset.db]
    entry: Any = _UNCACHEABLE
    at = [i for i, p in enumerate(params) if type(p) is type(marker) and p == marker]
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    if (
        not capture.queries  # building read nothing from the database
        and queryset._iterable_class.__name__ == "ValuesIterable"
        and len(at) == 1
        and sql
        and str(marker) not in sql
        and not compiler.has_composite_fields(fields)
    ):
        now_at = _now_positions(tuple(params), (), began, ended, connection)
        if now_at is not None:
            names = _value_names(query)
            converters = tuple(compiler.get_converters(fields).items())
            entry = (queryset.db, sql, tuple(params), at[0], names, converters, now_at)
    _keep(key, entry)
    return entry
