"""Which fact is the current value of an attribute.

Per attribute, each source's latest fact competes; the winner is the highest of
(tier, priority, recorded_at, fact id). The tier says who is authoritative for *this* attribute:

- 2: the community's own verification (it settled a disagreement; see `person_resolve_conflict`);
- 1: the population base register (人口基础库 / the street's base list) for the identity attributes
  姓名, 公民身份号码, 出生日期, 性别 — and a roster for its own fields (低保证号 for the 低保 roster …);
- 0: everyone else.

So a 低保 roster with priority 80 wins 低保证号 over a base register with priority 60, but never the
name the base register holds: the roster's differing name stays a visible conflict. Priority decides
only within a tier. `current_values` is the one function every path calls (a single person's
refresh, the bulk writer of imports, the person page, the demo loader).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

IDENTITY_ATTRIBUTES: frozenset[str] = frozenset({"name", "id_number", "birth_date", "gender"})

TIER_OTHER, TIER_AUTHORITY, TIER_VERIFIED = 0, 1, 2


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


@dataclass(frozen=True)
class Precedence:
    """Which sources are authoritative for which attributes (read once per batch, not per person)."""

    base_registers: frozenset[int] = frozenset()
    own_fields: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Precedence:
        from jianfu.registry.models import Source

        return cls.of_sources(Source.objects.prefetch_related("own_fields__tag_fields"))

    @classmethod
    def of_sources(cls, sources: Iterable[Any]) -> Precedence:
        base: set[int] = set()
        own: dict[int, frozenset[str]] = {}
        for source in sources:
            if source.is_base_register:
                base.add(source.pk)
            codes = source_own_codes(source)
            if codes:
                own[source.pk] = frozenset(codes)
        return cls(frozenset(base), own)

    def tier(self, attribute: str, source_id: int, verified: bool = False) -> int:
        if verified:
            return TIER_VERIFIED
        if attribute in IDENTITY_ATTRIBUTES:
            return TIER_AUTHORITY if source_id in self.base_registers else TIER_OTHER
        fields = self.own_fields.get(source_id)
        return TIER_AUTHORITY if fields is not None and attribute in fields else TIER_OTHER

    def rank(self, fact: FactView) -> tuple[int, int, Any, int]:
        return (
            self.tier(fact.attribute, fact.source_id, fact.verified),
            fact.priority,
            fact.recorded_at,
            fact.fact_id,
        )


def source_own_codes(source: Any) -> set[str]:
    """A source's own fields: those it declares, and for a declared tag the tag and its fields.

    Identity attributes are never a roster's own: they follow the base register.
    """
    codes: set[str] = set()
    for attribute in source.own_fields.all():
        codes.add(attribute.code)
        codes.update(f.code for f in attribute.tag_fields.all())
    return codes - IDENTITY_ATTRIBUTES


def latest_per_source(facts: list[FactView]) -> list[FactView]:
    latest: dict[tuple[str, int], FactView] = {}
    for fact in facts:
        key = (fact.attribute, fact.source_id)
        held = latest.get(key)
        if held is None or (fact.recorded_at, fact.fact_id) > (held.recorded_at, held.fact_id):
            latest[key] = fact
    return list(latest.values())


def winner(candidates: list[FactView], rules: Precedence) -> FactView:
    return max(candidates, key=rules.rank)


def current_values(facts: list[FactView], rules: Precedence) -> tuple[dict[str, str], set[str]]:
    """The winning value per attribute, and the attributes whose sources disagree.

    A community verification settles a disagreement until a source reports something newer.
    A value that failed validation is never current: the source's last valid value (if any) stands.
    Called for every person an import touches, so `Precedence.rank` is inlined here.
    """
    latest: dict[tuple[str, int], FactView] = {}
    for fact in facts:
        if not fact.validated:
            continue
        key = (fact.attribute, fact.source_id)
        held = latest.get(key)
        if held is None or (fact.recorded_at, fact.fact_id) > (held.recorded_at, held.fact_id):
            latest[key] = fact
    by_attribute: dict[str, list[FactView]] = {}
    for fact in latest.values():
        by_attribute.setdefault(fact.attribute, []).append(fact)
    values: dict[str, str] = {}
    conflicts: set[str] = set()
    base, own = rules.base_registers, rules.own_fields
    for code, candidates in by_attribute.items():
        if len(candidates) == 1:
            values[code] = candidates[0].value
            continue
        identity = code in IDENTITY_ATTRIBUTES
        first = candidates[0].value
        best: FactView | None = None
        best_key: tuple[int, int, Any, int] | None = None
        differ = verified = False
        for f in candidates:
            if f.verified:
                tier, verified = TIER_VERIFIED, True
            elif identity:
                tier = TIER_AUTHORITY if f.source_id in base else TIER_OTHER
            else:
                fields = own.get(f.source_id)
                tier = TIER_AUTHORITY if fields is not None and code in fields else TIER_OTHER
            rank = (tier, f.priority, f.recorded_at, f.fact_id)
            if best_key is None or rank > best_key:
                best, best_key = f, rank
            differ = differ or f.value != first
        assert best is not None
        values[code] = best.value
        if differ and verified:
            settled = max((f for f in candidates if f.verified), key=lambda f: (f.recorded_at, f.fact_id))
            differ = any(f.recorded_at > settled.recorded_at and f.value != settled.value for f in candidates)
        if differ:
            conflicts.add(code)
    return values, conflicts


def disagreements(facts: list[FactView]) -> set[str]:
    """The attributes whose sources disagree (`current_values`' second answer). Whether sources
    disagree does not depend on who is authoritative, so no rules are needed (the person page asks
    for them only to explain a conflict)."""
    return current_values(facts, Precedence())[1]
