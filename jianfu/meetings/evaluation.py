"""Accuracy, precision and recall of the intake's rules per rule on the labelled set
(jianfu/meetings/data/labelled.yaml): `dev` was used while writing the rules and `dev2` to `dev72` (the
first seventy-one unseen parts) to widen them; `heldout` is only reported, and so are the fresh parts `unseen` to
`unseen8` when the set has them (written by someone who has not read the rules; bench/bench_meeting_rules.py).
A part the set does not have is skipped. Pure: no database (the set carries its own form catalog)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from jianfu.core.evaluation import ConfusionRates
from jianfu.meetings import rules
from jianfu.meetings.choices import DocumentScope, Rule

LABELLED = Path(__file__).resolve().parent / "data" / "labelled.yaml"
# Rules read from a notice itself (document_count_growth depends on the year's other documents).
TEXT_RULES: tuple[str, ...] = tuple(r.value for r in Rule if r != Rule.DOCUMENT_COUNT_GROWTH)
MEETING_FIELDS = ("heads", "heads_have_agenda", "minutes", "mode", "in_person_reason", "approved_by")
DOCUMENT_FIELDS = ("scope", "length", "attachments")
BUILD_SPLITS = ("dev", *(f"dev{i}" for i in range(2, 73)))  # dev, dev2 … dev72
SPLITS = (*BUILD_SPLITS, "heldout")
# Fresh parts, added only after the rules are final and then only reported; usually absent.
FRESH_SPLITS = ("unseen", *(f"unseen{i}" for i in range(2, 9)))  # unseen, unseen2 … unseen8


@dataclass(frozen=True)
class Example:
    kind: str
    title: str
    text: str
    fields: tuple[tuple[str, Any], ...]
    findings: frozenset[str]


@lru_cache(maxsize=1)
def labelled() -> dict[str, Any]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    out: dict[str, Any] = {
        "catalog": tuple((row["name"], tuple(row.get("aliases", ()))) for row in data["catalog"])
    }
    for split in (*SPLITS, *FRESH_SPLITS):
        if split not in data:
            continue
        rows = []
        for row in data[split]:
            unknown = set(row["findings"]) - set(TEXT_RULES)
            if unknown or row["kind"] not in ("meeting", "document"):
                raise ValueError(f"{LABELLED}: bad kind or codes {sorted(unknown)} in {row['title']!r}")
            allowed = MEETING_FIELDS if row["kind"] == "meeting" else DOCUMENT_FIELDS
            fields = tuple((k, row[k]) for k in allowed if k in row)
            rows.append(
                Example(row["kind"], row["title"], row.get("text", ""), fields, frozenset(row["findings"]))
            )
        out[split] = tuple(rows)
    return out


def present_splits() -> tuple[str, ...]:
    """The parts the set has, in report order (build parts, heldout, then any fresh parts)."""
    data = labelled()
    return tuple(split for split in (*SPLITS, *FRESH_SPLITS) if split in data)


def check(example: Example, catalog: Any) -> frozenset[str]:
    fields = dict(example.fields)
    if example.kind == "meeting":
        result = rules.check_meeting(rules.MeetingInput(title=example.title, text=example.text, **fields))
    else:
        fields.setdefault("scope", DocumentScope.SPECIAL)
        fields["attachments"] = tuple(fields.get("attachments", ()))
        result = rules.check_document(
            rules.DocumentInput(title=example.title, text=example.text, **fields), catalog
        )
    return frozenset(f.rule for f in result.findings)


@dataclass(frozen=True)
class RuleScore(ConfusionRates):
    rule: str
    tp: int
    fp: int
    fn: int
    tn: int


def score(split: str) -> tuple[list[RuleScore], list[tuple[Example, frozenset[str]]]]:
    """Per-rule confusion counts on one part, and the notices the rules got wrong (with what they said).
    A rule is scored on the notices of its kind only (a meeting rule never fires on a document)."""
    data = labelled()
    examples = data[split]
    predicted = [check(e, data["catalog"]) for e in examples]
    scores = []
    for rule in TEXT_RULES:
        kind = "meeting" if rule.startswith("meeting_") else "document"
        pairs = [(e, p) for e, p in zip(examples, predicted, strict=True) if e.kind == kind]
        tp = sum(1 for e, p in pairs if rule in e.findings and rule in p)
        fp = sum(1 for e, p in pairs if rule not in e.findings and rule in p)
        fn = sum(1 for e, p in pairs if rule in e.findings and rule not in p)
        scores.append(RuleScore(rule, tp, fp, fn, len(pairs) - tp - fp - fn))
    wrong = [(e, p) for e, p in zip(examples, predicted, strict=True) if p != e.findings]
    return scores, wrong
