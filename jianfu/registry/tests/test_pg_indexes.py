"""registry_person's indexes after migration 0012: on PostgreSQL no `_like` copies, no single-column
community index and a partial has_conflict index, and the searches those served still use an index;
SQLite keeps the indexes the model declares."""

from typing import Any

import pytest
from django.db import connection

from jianfu.registry.models import Person

pytestmark = pytest.mark.django_db


def _indexes() -> dict[str, Any]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "registry_person")
    return {name: c for name, c in found.items() if c["index"]}


def _plan(qs) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return qs.explain()


def test_postgresql_drops_what_no_query_needs() -> None:
    indexes = _indexes()
    single = {tuple(c["columns"]) for c in indexes.values() if len(c["columns"]) == 1}
    if connection.vendor != "postgresql":
        assert ("community_id",) in single and ("has_conflict",) in single
        assert "person_conflicts" not in indexes
        return
    assert not [name for name in indexes if name.endswith("_like")]
    assert ("community_id",) not in single
    assert [n for n, c in indexes.items() if c["columns"] == ["has_conflict"]] == ["person_conflicts"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_conflicts'")
        assert "WHERE has_conflict" in cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'registry_person'")
        assert cursor.fetchone()[0] == 18  # 23 before: 4 `_like`, community_id, has_conflict (now partial)


def test_searches_still_use_an_index() -> None:
    from jianfu.registry.selectors import search_q

    cases = [
        (Person.objects.filter(search_q("liu")), ("name_key", "person_initials")),
        # the name index, or a (community, name) one when the planner prefers it: the prefix as a range
        (Person.objects.filter(search_q("刘")), ("person_name", "(name)::text >= ")),
        (Person.objects.filter(pid="P00000001"), ("pid",)),
        (Person.objects.filter(id_number__range=("4201021960010", "4201021960010Z")), ("id_number",)),
        (Person.objects.filter(community_id=1), ("communi",)),
        (Person.objects.filter(community_id=1, has_conflict=True), ("person_conflicts", "communi")),
        (Person.objects.filter(has_conflict=True), ("person_conflicts",)),
    ]
    for qs, wanted in cases:
        plan = _plan(qs)
        if connection.vendor == "postgresql":
            assert "Seq Scan" not in plan and any(w in plan for w in wanted), plan
        else:
            assert "SEARCH registry_person USING" in plan and "SCAN registry_person" not in plan, plan


def test_postgresql_person_pages_keep_room_for_updates() -> None:
    # migration 0017: an import's values-only updates can stay on the page (HOT) and write no index
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'registry_person'")
        assert "fillfactor=75" in (cursor.fetchone()[0] or [])
