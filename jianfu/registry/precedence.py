"""Which fact is the current value: the highest-priority source wins; on a tie, the newest fact."""

import datetime as dt
from typing import Any, NamedTuple


class FactView(NamedTuple):
    """What precedence needs of a fact (a tuple: bulk imports build millions of them)."""

    attribute: str
    value: str
    source_id: int
    priority: int
    recorded_at: dt.datetime | Any  # a datetime, or ISO text as SQLite stores it (orders the same)
    fact_id: int = 0
    verified: bool = False  # recorded by the community itself when it resolved a conflict
    validated: bool = True  # False: kept as written, failed validation, never a current value


def latest_per_source(facts: list[FactView]) -> list[FactView]:
    latest: dict[tuple[str, int], FactView] = {}
    for fact in facts:
        key = (fact.attribute, fact.source_id)
        held = latest.get(key)
        if held is None or (fact.recorded_at, fact.fact_id) > (held.recorded_at, held.fact_id):
            latest[key] = fact
    return list(latest.values())


def current_values(facts: list[FactView]) -> tuple[dict[str, str], set[str]]:
    """The winning value per attribute, and the attributes whose sources disagree.

    A community verification settles a disagreement until a source reports something newer.
    A value that failed validation is never current: the source's last valid value (if any) stands.
    """
    by_attribute: dict[str, list[FactView]] = {}
    for fact in latest_per_source([f for f in facts if f.validated]):
        by_attribute.setdefault(fact.attribute, []).append(fact)
    values: dict[str, str] = {}
    conflicts: set[str] = set()
    for code, candidates in by_attribute.items():
        winner = max(candidates, key=lambda f: (f.priority, f.recorded_at, f.fact_id))
        values[code] = winner.value
        verified = [f for f in candidates if f.verified]
        if verified:
            settled = max(verified, key=lambda f: (f.recorded_at, f.fact_id))
            candidates = [settled] + [f for f in candidates if f.recorded_at > settled.recorded_at]
        if len({f.value for f in candidates}) > 1:
            conflicts.add(code)
    return values, conflicts
