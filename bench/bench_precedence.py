"""Precedence: `current_values` for the people a 100,000-row import refreshes.

The write phase of `bench_import.py` calls `jianfu.registry.precedence.current_values` once for every
person who gets a new fact (≈ 99,700 of the 100,000 rows). This measures that share alone, on the
same shape of facts: each person holds what the base register reported (12 attributes, the identity
ones among them) plus what a 低保 roster reported (its own fields and a few shared ones, some of them
differing), with an older grid-visit ledger on a third of the people.

Printed beside it: the previous rule (highest priority, then newest — no per-attribute tier),
re-implemented here only as the reference, so the cost of the tier lookup is visible.

    python bench/bench_precedence.py [--people 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jianfu.registry.precedence import FactView, Precedence, current_values, latest_per_source

BASE, ROSTER, VISIT = 1, 2, 3
BASE_CODES = [
    "name",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "address",
    "grid",
    "ethnicity",
    "estate",
    "building",
    "unit",
    "room",
]
ROSTER_CODES = [
    "name",
    "id_number",
    "phone",
    "address",
    "education",
    "marital",
    "living",
    "dibao_number",
    "dibao_people",
    "dibao",
]


def build(people: int, seed: int = 2026) -> list[list[FactView]]:
    rng = random.Random(seed)
    t0 = dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)
    fid = 0
    out = []
    for _ in range(people):
        facts = []
        for source, priority, codes, day in (
            (BASE, 60, BASE_CODES, 0),
            (ROSTER, 80, ROSTER_CODES, 200),
            (VISIT, 50, ["phone", "address", "living"], 100),
        ):
            if source == VISIT and rng.random() > 0.33:
                continue
            for code in codes:
                fid += 1
                value = "v" if rng.random() < 0.97 else f"v{rng.randint(1, 9)}"  # a few sources disagree
                facts.append(FactView(code, value, source, priority, t0 + dt.timedelta(days=day), fid, False))
        out.append(facts)
    return out


def previous_rule(facts: list[FactView]) -> tuple[dict[str, str], set[str]]:
    """The rule before per-attribute tiers (reference only): highest priority, then newest."""
    by_attribute: dict[str, list[FactView]] = {}
    for fact in latest_per_source(facts):
        by_attribute.setdefault(fact.attribute, []).append(fact)
    values, conflicts = {}, set()
    for code, candidates in by_attribute.items():
        values[code] = max(candidates, key=lambda f: (f.priority, f.recorded_at, f.fact_id)).value
        if len({f.value for f in candidates}) > 1:
            conflicts.add(code)
    return values, conflicts


def timed(fn, people: list[list[FactView]]) -> float:
    """CPU seconds (what the load of a shared machine inflates least)."""
    started = time.process_time()
    for facts in people:
        fn(facts)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args(argv if argv is not None else [])
    people = build(args.people)
    facts = sum(map(len, people))
    rules = Precedence(
        base_registers=frozenset({BASE}),
        own_fields={ROSTER: frozenset({"dibao", "dibao_number", "dibao_people"})},
    )
    # the base register's name wins although the roster has the higher priority
    assert all(
        current_values(p, rules)[0]["name"]
        == next(f.value for f in p if f.source_id == BASE and f.attribute == "name")
        for p in people[:1000]
    )
    new, old = [], []
    for _ in range(3):  # interleaved, best of three: load changes affect both alike
        new.append(timed(lambda f: current_values(f, rules), people))
        old.append(timed(previous_rule, people))
    best_new, best_old = min(new), min(old)
    print(f"precedence: {args.people:,} people, {facts:,} facts (what a 100,000-row import refreshes)")
    print(
        f"  current_values, per-attribute tiers : {best_new:6.2f} s CPU ({1e6 * best_new / args.people:5.1f} µs/person)"
    )
    print(
        f"  previous rule (priority, recency)   : {best_old:6.2f} s CPU ({1e6 * best_old / args.people:5.1f} µs/person)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
