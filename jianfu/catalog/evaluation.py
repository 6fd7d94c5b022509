"""Measuring the matcher: the labelled task set, accuracy, and a synthetic large catalog.

Shared by jianfu/catalog/tests/test_matching.py and bench/bench_matching.py. Needs no database:
the national reference catalog is read straight from data/catalog.yaml.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from jianfu.catalog import matching
from jianfu.catalog.reference import REFERENCE_EFFECTIVE_FROM, reference_items
from jianfu.catalog.selectors import ActiveItem

LABELLED_TASKS = Path(__file__).parent / "data" / "labelled_tasks.yaml"
GATE_KINDS = ("duty", "assist", "negative")


def reference_active_items(kinds: tuple[str, ...] = GATE_KINDS) -> list[ActiveItem]:
    """The national catalog as ActiveItems (pk = position), without touching the database."""
    return [
        ActiveItem(
            pk=-(i + 1),
            list_kind=r["list_kind"],
            code=r["code"],
            name=r["name"],
            aliases=tuple(r["aliases"]),
            legal_basis=r["legal_basis"],
            source_document=r["source_document"],
            referral=r["referral"],
            verify=r["verify"],
            jurisdiction="全国参考清单",
            effective_from=REFERENCE_EFFECTIVE_FROM,
        )
        for i, r in enumerate(reference_items())
        if r["list_kind"] in kinds
    ]


def labelled_tasks() -> list[dict]:
    rows = yaml.safe_load(LABELLED_TASKS.read_text(encoding="utf-8"))["tasks"]
    for row in rows:
        code = row.get("expect_code")
        row["codes"] = [code] if isinstance(code, str) else list(code or [])
    return rows


@dataclass(frozen=True)
class Outcome:
    holdout: bool
    text: str
    expect_list: str
    codes: tuple[str, ...]
    got_list: str
    got_code: str | None
    score: float
    matched: tuple[str, ...]

    @property
    def list_ok(self) -> bool:
        return self.got_list == self.expect_list

    @property
    def code_ok(self) -> bool:
        return self.list_ok and (not self.codes or self.got_code in self.codes)


def predict(text: str, items: list[ActiveItem]) -> tuple[str, matching.Match | None]:
    """The list a text falls on: the top match's list if confident, else 'none'."""
    top = matching.best(text, items)
    return (top.item.list_kind if top else "none"), top


def evaluate(items: list[ActiveItem] | None = None) -> list[Outcome]:
    items = items if items is not None else reference_active_items()
    outcomes = []
    for row in labelled_tasks():
        got, top = predict(row["text"], items)
        outcomes.append(
            Outcome(
                holdout=bool(row.get("holdout")),
                text=row["text"],
                expect_list=row["expect_list"],
                codes=tuple(row["codes"]),
                got_list=got,
                got_code=top.item.code if top else None,
                score=top.score if top else 0.0,
                matched=top.matched if top else (),
            )
        )
    return outcomes


def accuracy(outcomes: list[Outcome]) -> tuple[float, float]:
    """(top-1 list accuracy, top-1 list-and-item accuracy)."""
    n = len(outcomes) or 1
    return sum(o.list_ok for o in outcomes) / n, sum(o.code_ok for o in outcomes) / n


_SYLLABLES = [
    "居民",
    "社区",
    "宣传",
    "登记",
    "调查",
    "服务",
    "救助",
    "安全",
    "卫生",
    "环境",
    "文化",
    "教育",
    "健康",
    "就业",
    "养老",
    "儿童",
    "妇女",
    "治安",
    "消防",
    "交通",
    "住房",
    "水电",
    "物业",
    "燃气",
    "绿化",
    "志愿",
    "党建",
    "档案",
    "培训",
    "统计",
    "信息",
    "补贴",
    "保险",
    "医疗",
    "慰问",
    "帮扶",
    "排查",
    "整治",
    "监测",
    "普查",
    "采集",
]


def synthetic_catalog(size: int = 500, seed: int = 7) -> list[ActiveItem]:
    """The reference catalog padded with generated local items to `size` items (deterministic)."""
    rng = random.Random(seed)
    items = reference_active_items(kinds=tuple(matching_kinds()))
    kinds = list(GATE_KINDS)
    n = len(items)
    while len(items) < size:
        n += 1
        words = rng.sample(_SYLLABLES, 4)
        name = f"协助开展{words[0]}{words[1]}和{words[2]}{words[3]}工作（地方事项{n}）"
        aliases = tuple(f"{rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES)}" for _ in range(rng.randint(1, 4)))
        items.append(
            ActiveItem(
                pk=n,
                list_kind=rng.choice(kinds),
                code=f"L{n:04d}",
                name=name,
                aliases=aliases,
                legal_basis="",
                source_document="",
                referral="",
                verify=False,
                jurisdiction="synthetic",
                effective_from=dt.date(2024, 1, 1),
            )
        )
    return items[:size]


def matching_kinds() -> list[str]:
    return [*GATE_KINDS, "certificate_may_issue", "certificate_must_not_issue"]
