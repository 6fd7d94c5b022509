"""One row of a model by primary key, read without building an ORM query each time.

Every signed-in request reads its user row. Through `User.objects.get(pk=…)` that cost 0.5–1 ms of
CPU in the middle of a request (building, resolving and compiling the query, with cold caches); the
SQL itself runs in well under 0.1 ms (bench/bench_request_overhead.py). A `RowReader` writes the
SELECT once per database connection and turns the row into an instance exactly as the ORM does (the
backend's and the fields' converters, then `Model.from_db`), so each request still reads the row as
it is now: nothing is cached between requests. The query goes through Django's cursor, so it is
logged and counted like any other.
"""

from __future__ import annotations

import functools
import threading
import weakref
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignKey, Model

# (index in the row, converter functions, the column expression they expect)
Converters = list[tuple[int, list[Any], Any]]


class RowReader[M: Model]:
    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [field.attname for field in self.fields]
        self._prepared: weakref.WeakKeyDictionary[BaseDatabaseWrapper, tuple[str, Converters]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def _prepare(self, connection: BaseDatabaseWrapper) -> tuple[str, Converters]:
        quote = connection.ops.quote_name
        meta = self.model._meta
        assert meta.pk is not None
        table = quote(meta.db_table)
        columns = ", ".join(f"{table}.{quote(str(field.column))}" for field in self.fields)
        sql = f"SELECT {columns} FROM {table} WHERE {quote(str(meta.pk.column))} = %s"
        converters: Converters = []
        for index, field in enumerate(self.fields):
            column = field.get_col(meta.db_table)
            functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                converters.append((index, functions, column))
        return sql, converters

    def get(self, pk: Any) -> M | None:
        """The instance with this primary key, or None; as `Model._default_manager.get(pk=pk)`."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        prepared = self._prepared.get(connection)
        if prepared is None:
            prepared = self._prepare(connection)
            with self._lock:
                self._prepared[connection] = prepared
        sql, converters = prepared
        pk_field = self.model._meta.pk
        assert pk_field is not None
        value = pk_field.get_db_prep_value(pk_field.to_python(pk), connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for index, functions, column in converters:
            for function in functions:
                values[index] = function(values[index], column, connection)
        return self.model.from_db(alias, self.attnames, values)


class InstanceShape[M: Model]:
    """Instances of `model` built from `.values()` rows, with some forward relations loaded on them:
    what `select_related(*related).only(...)` builds, for a query read as dicts (through
    `jianfu.core.compiled`, whose SQL is compiled once). `fields`: the model's columns to load (None:
    all); `related`: each relation's columns to load (None: all; the primary key always), a relation
    of a relation named by its path ("street__district") after the relation it hangs from. A relation
    whose key is null is cached as None, as select_related leaves it; a key that names no row (only
    possible where a reference has no database constraint, and never written so: the registry's
    test_fact_references) is not told apart from a row of nulls."""

    def __init__(
        self, model: type[M], fields: tuple[str, ...] | None = None, **related: tuple[str, ...] | None
    ) -> None:
        self.model = model
        models: dict[str, type[Model]] = {"": model}
        relations: dict[str, ForeignKey] = {}
        keys: dict[str, set[str]] = {"": set()}  # each path's keys of the relations that hang from it
        for path in related:
            parent, _, name = path.rpartition("__")
            assert parent in models, f"{path}: name {parent} first"
            field = models[parent]._meta.get_field(name)
            assert isinstance(field, ForeignKey), f"{path}: a forward relation"
            remote = field.related_model
            assert isinstance(remote, type)
            models[path], relations[path], keys[path] = remote, field, set()
            keys[parent].add(field.attname)  # loaded with its relation, as select_related loads it
        self.attnames = _loaded(model, fields, keys[""])
        # (path, the path it hangs from, the relation, the name of its key column, the related model,
        # its attnames, their names)
        self.related: list[tuple[str, str, ForeignKey, str, type[Model], list[str], tuple[str, ...]]] = []
        for path, columns in related.items():
            remote = models[path]
            attnames = _loaded(remote, columns, keys[path])
            parent = path.rpartition("__")[0]
            key = f"{parent}__{relations[path].attname}" if parent else relations[path].attname
            names = tuple(f"{path}__{a}" for a in attnames)
            self.related.append((path, parent, relations[path], key, remote, attnames, names))

    @property
    def names(self) -> tuple[str, ...]:
        """The `.values()` names a row must have."""
        return (*self.attnames, *(name for *_, names in self.related for name in names))

    def build(self, db: str, row: dict[str, Any]) -> M:
        obj = self.model.from_db(db, self.attnames, [row[a] for a in self.attnames])
        built: dict[str, Model | None] = {"": obj}
        for path, parent, field, key, remote, attnames, names in self.related:
            holder = built[parent]
            if holder is None:  # hangs from a relation that is null
                built[path] = None
                continue
            loaded = None
            if row[key] is not None:
                loaded = remote.from_db(db, attnames, [row[name] for name in names])
            field.set_cached_value(holder, loaded)
            built[path] = loaded
        return obj


def _loaded(model: type[Model], columns: tuple[str, ...] | None, keys: set[str]) -> list[str]:
    """The attnames `from_db` takes for these columns (all: None), the primary key and `keys` always,
    in the model's order."""
    meta = model._meta
    assert meta.pk is not None
    wanted = None if columns is None else {meta.pk.attname, *columns, *keys}
    return [f.attname for f in meta.concrete_fields if wanted is None or f.attname in wanted]


@functools.cache
def _reader(model: type[Model]) -> RowReader:
    return RowReader(model)


def related_row(obj: Any, name: str) -> Any:
    """`getattr(obj, name)` for a forward relation of a model instance: when not loaded yet, its row
    read by primary key with a prepared SELECT (one query, as the descriptor's; without building the
    descriptor's queryset) and kept on `obj` as the descriptor keeps it."""
    field = obj._meta.get_field(name)
    assert isinstance(field, ForeignKey), f"{name}: a forward relation"
    key = getattr(obj, field.attname)
    if key is None or field.is_cached(obj):
        return getattr(obj, name)
    row = _reader(field.related_model).get(key)
    if row is None:  # no such row: what the descriptor does (raises DoesNotExist)
        return getattr(obj, name)
    field.set_cached_value(obj, row)
    return row
