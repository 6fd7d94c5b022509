"""Accuracy, precision and recall of the rule check per code on the labelled set
(jianfu/digital/data/labelled.yaml): `dev` to `dev27` build and test the rules, `heldout`, `unseen` and
`unseen2` (when present) are only reported."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from jianfu.core.evaluation import ConfusionRates
from jianfu.digital.rules import CODES, check

LABELLED = Path(__file__).resolve().parent / "data" / "labelled.yaml"
# dev builds the rules; heldout was looked at once (and then fixed); dev2 was the first unseen part,
# written by someone who had not read the rules, and later used to widen them; dev3 was the second
# unseen part, used the same way, dev4 the third and dev5 the fourth; dev6 (formerly `unseen`, scored once
# as fresh: all codes right 0.820, stop 20) the fifth and dev7 (scored once as fresh on main 4f42b77: all
# codes right 0.760) the sixth, dev8 (scored once as fresh on main 55937ec: all codes right 0.780) the
# seventh, dev9 (scored once as fresh on the digital27 rules, main 4220db5: all codes right 0.760) the
# eighth, dev10 (scored once as fresh on the digital27 rules, main 2ed6cf5: all codes right 0.740, and on
# the digital28 rules, main bc93f1e: 0.800) the ninth, dev11 (scored once as fresh on the digital28 rules,
# main 523af3f: all codes right 0.740, and after digital29, main 4a12d8e: 0.740) the tenth, dev12 (scored
# once as fresh on digital29, main 4a12d8e: all codes right 0.760, and after digital30, main 70a1a7a: 0.820)
# the eleventh, dev13 (scored once as fresh on digital30, main 972b2b4: all codes right 0.800, and after
# digital31, main 8e62054: 0.820) the twelfth and dev14 (scored once as fresh on digital31, main 0222fe6: all
# codes right 0.780, and after digital32, main a9c34f6: 0.780) the thirteenth, dev15 (scored once as fresh on
# digital32, main a9c34f6: all codes right 0.880, and after digital33, main 8ac761d: 0.880) the fourteenth,
# dev16 (scored once as fresh on digital32, main a9c34f6: all codes right 0.780, and after digital33, main
# 8ac761d: 0.800) the fifteenth, and dev17, dev18 and dev19 (scored once as fresh on digital33, main 8ac761d:
# all codes right 0.820, 0.820 and 0.800, and after digital34, main 234e96e: 0.840, 0.820 and 0.820) the
# sixteenth to eighteenth, dev20 to dev27 (fresh parts 19–26, scores in their headers) the nineteenth to
# twenty-sixth; unseen and unseen2 are fresh parts added
# only after the rules are final, and only reported (bench/bench_digital_check.py).
BUILD_SPLITS = ("dev", *(f"dev{i}" for i in range(2, 28)))  # dev, dev2 … dev27
SPLITS = (*BUILD_SPLITS, "heldout", "unseen", "unseen2")


@dataclass(frozen=True)
class Example:
    text: str
    violations: frozenset[str]


@lru_cache(maxsize=1)
def labelled() -> dict[str, tuple[Example, ...]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    out: dict[str, tuple[Example, ...]] = {}
    for split in SPLITS:
        if split not in data:
            continue
        rows = []
        for row in data[split]:
            unknown = set(row["violations"]) - set(CODES)
            if unknown:
                raise ValueError(f"{LABELLED}: unknown codes {sorted(unknown)} in {row['text'][:40]!r}")
            rows.append(Example(row["text"], frozenset(row["violations"])))
        out[split] = tuple(rows)
    return out


@dataclass(frozen=True)
class CodeScore(ConfusionRates):
    code: str
    tp: int
    fp: int
    fn: int
    tn: int


def score(examples: tuple[Example, ...]) -> tuple[list[CodeScore], list[tuple[Example, frozenset[str]]]]:
    """Per-code confusion counts and the examples the check got wrong (with what it said)."""
    predicted = [frozenset(check(e.text).violations) for e in examples]
    scores = []
    for code in CODES:
        tp = sum(1 for e, p in zip(examples, predicted, strict=True) if code in e.violations and code in p)
        fp = sum(
            1 for e, p in zip(examples, predicted, strict=True) if code not in e.violations and code in p
        )
        fn = sum(
            1 for e, p in zip(examples, predicted, strict=True) if code in e.violations and code not in p
        )
        scores.append(CodeScore(code, tp, fp, fn, len(examples) - tp - fp - fn))
    wrong = [(e, p) for e, p in zip(examples, predicted, strict=True) if p != e.violations]
    return scores, wrong
