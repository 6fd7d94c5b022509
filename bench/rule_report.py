"""The report of a rule check on a labelled set, shared by bench_digital_check (codes of the digital
register) and bench_meeting_rules (rules of the meetings intake): accuracy, precision and recall per
rule against the target, the share of items with every rule right, the items the check got wrong
(only for parts used to build the rules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

TARGET = 0.95


@dataclass(frozen=True)
class Wording:
    """How one bench names its rules and items in the report."""

    rules: str  # "codes", "rules"
    items: str  # "descriptions", "notices"
    width: int  # of the rule-name column
    rule: str  # the score's field naming its rule ("code", "rule")
    labels: str  # the example's field holding its labels ("violations", "findings")
    shown: Callable[[Any], str]  # an example → how a "wrong" line names it


def print_scores(
    scores: Sequence[Any],
    wrong: Sequence[tuple[Any, frozenset[str]]],
    total: int,
    how: Wording,
    *,
    show_wrong: bool,
) -> bool:
    """One line per rule, then the wrong items when `show_wrong`; whether every rule meets the target."""
    ok = True
    for s in scores:
        if not s.tp + s.fp + s.fn + s.tn:  # e.g. document rules on a part of meetings only
            print(f"  {getattr(s, how.rule):<{how.width}} no {how.items} of its kind in this part")
            continue
        good = min(s.accuracy, s.precision, s.recall) >= TARGET
        ok &= good
        print(
            f"  {getattr(s, how.rule):<{how.width}} accuracy {s.accuracy:.3f}  precision {s.precision:.3f}  recall {s.recall:.3f}"
            f"  (tp {s.tp}, fp {s.fp}, fn {s.fn}){'' if good else '  BELOW TARGET'}"
        )
    exact = 1 - len(wrong) / max(1, total)
    print(f"  all {how.rules} right: {exact:.3f} of {how.items}")
    if not show_wrong:
        return ok  # the texts of a part not used to build the rules stay unread by whoever runs this
    for example, predicted in wrong:
        print(
            f"  wrong: expected {sorted(getattr(example, how.labels))} got {sorted(predicted)}: {how.shown(example)}"
        )
    return ok
