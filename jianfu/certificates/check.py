"""The desk's answer to "can we stamp this?": match a request against the community's active
certificate lists and say what to do.

`check_request(text=..., district_code=...)` needs no user: the same answer is given to a worker
at the desk, to a resident on the public page, to the CLI and to the API.
"""

import datetime as dt
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.catalog.choices import ListKind
from jianfu.catalog.matching import THRESHOLD
from jianfu.catalog.matching import match as _match
from jianfu.catalog.selectors import ActiveItem, active_items
from jianfu.certificates.choices import Decision
from jianfu.certificates.phrases import EXTRA_ALIASES, materials_for, strip_filler

# A top match below the catalog matcher's THRESHOLD is not trusted: the request is treated as on
# neither list (accuracy on data/labelled_requests.yaml: bench/bench_certificates.py).
MAX_TEXT = 300

CERTIFICATE_KINDS = [ListKind.CERTIFICATE_MAY, ListKind.CERTIFICATE_MUST_NOT]

# The rule for a request on neither list (珠海 rule; catalog.yaml, end).
NEITHER_LIST_RULE: tuple[Any, ...] = (
    _("涉及社区公共利益或多数居民利益的事项：经居民协商同意、社区主任签字后，可以出具。"),
    _("市外单位明确要求社区出具的：可以据实出具情况说明（只写社区掌握的事实）。"),
    _("存在法律风险的：先调查核实，并请社区法律顾问审核后再决定。"),
)


class CheckError(ValueError):
    """The request text cannot be checked (empty or too long)."""


@dataclass(frozen=True)
class Candidate:
    item: ActiveItem
    score: float
    matched: tuple[str, ...]


@dataclass
class CheckResult:
    text: str
    decision: str
    item: ActiveItem | None
    score: float
    matched: tuple[str, ...] = ()
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def explained(self) -> tuple[str, ...]:
        """What matched, for people: phrases found verbatim first, at most four."""
        verbatim = [m for m in self.matched if not m.endswith("）") and "≈" not in m]
        rest = [m for m in self.matched if m not in verbatim]
        return tuple((verbatim + rest)[:4])

    @property
    def referral(self) -> str | None:
        if self.decision == Decision.MUST_NOT_ISSUE and self.item is not None:
            return self.item.referral or None
        return None

    @property
    def materials(self) -> tuple[Any, ...]:
        if self.decision == Decision.MAY_ISSUE and self.item is not None:
            return materials_for(self.item.code)
        return ()

    @property
    def rule(self) -> tuple[Any, ...]:
        return NEITHER_LIST_RULE if self.decision == Decision.NEEDS_REVIEW else ()

    def as_json(self) -> dict[str, Any]:
        return {
            "decision": str(self.decision),
            "item": {"code": self.item.code, "name": self.item.name} if self.item else None,
            "referral": self.referral,
            "score": round(float(self.score), 4),
        }


_GENERIC_WORDS = frozenset({"证明", "社区", "开证明", "证明材料"})


def exact_strength(matched: Sequence[str]) -> int:
    """Characters of evidence found verbatim (not a homophone, a near-spelling or a synonym note)."""
    return sum(
        len(m)
        for m in matched
        if len(m) >= 2 and m not in _GENERIC_WORDS and "≈" not in m and not m.endswith("）")
    )


def candidates(text: str, items: Sequence[ActiveItem], *, limit: int = 3) -> list[Candidate]:
    """Matches best first. Among the matcher's top five, verbatim evidence beats approximate
    evidence: many certificate names differ by one character (出生证明/生育证明/生存证明), so a
    near-spelling must not outvote the phrase the resident actually said."""
    cleaned = strip_filler(text)
    found = [
        Candidate(m.item, float(m.score), tuple(m.matched))
        for m in _match(cleaned, items, limit=5, extra_aliases=EXTRA_ALIASES)
    ]
    ranked = sorted(enumerate(found), key=lambda pair: (-exact_strength(pair[1].matched), pair[0]))
    return [c for _i, c in ranked][:limit]


# The active certificate lists per (district, date), kept briefly so the desk answers in a few
# milliseconds: a catalog edit reaches the desk within ITEMS_TTL seconds.
ITEMS_TTL = 60.0
_items_cache: dict[tuple[str | None, dt.date], tuple[float, list[ActiveItem]]] = {}
_items_lock = threading.Lock()


def clear_items_cache() -> None:
    with _items_lock:
        _items_cache.clear()


def certificate_items(*, district_code: str | None, on: dt.date | None = None) -> list[ActiveItem]:
    on = on or timezone.localdate()
    key = (district_code, on)
    now = time.monotonic()
    with _items_lock:
        held = _items_cache.get(key)
    if held is not None and held[0] > now:
        return held[1]
    items = active_items(district_code=district_code, on=on, kinds=list(CERTIFICATE_KINDS))
    with _items_lock:
        if len(_items_cache) > 256:
            _items_cache.clear()
        _items_cache[key] = (now + ITEMS_TTL, items)
    return items


def check_request(
    *,
    text: str,
    district_code: str | None = None,
    on: dt.date | None = None,
    items: Sequence[ActiveItem] | None = None,
) -> CheckResult:
    text = (text or "").strip()
    if not text:
        raise CheckError(_("请输入居民要开的证明，例如“开个单身证明”。"))
    if len(text) > MAX_TEXT:
        raise CheckError(_("请求太长（最多%(max)s个字），请只写要开的证明和用途。") % {"max": MAX_TEXT})
    if items is None:
        items = certificate_items(district_code=district_code, on=on)
    found = candidates(text, items)
    if found and found[0].score >= THRESHOLD:
        top = found[0]
        decision = (
            Decision.MAY_ISSUE if top.item.list_kind == ListKind.CERTIFICATE_MAY else Decision.MUST_NOT_ISSUE
        )
        return CheckResult(
            text=text,
            decision=decision,
            item=top.item,
            score=top.score,
            matched=top.matched,
            alternatives=found[1:],
        )
    score = found[0].score if found else 0.0
    return CheckResult(text=text, decision=Decision.NEEDS_REVIEW, item=None, score=score, alternatives=found)


# A task asks communities to issue certificates: "为居民出具婚姻状况证明和收入证明", "开具亲属关系证明".
_ISSUE_RE = re.compile(
    r"(?:出具|开具|开立|开|提供|盖章)([\u4e00-\u9fff]{0,12}?证明(?:(?:[、，,和及与或]|以及)[\u4e00-\u9fff]{1,12}?证明)*)"
)
_JOIN_RE = re.compile(r"[、，,和及与或]|以及")


def demanded_certificates(text: str) -> list[str]:
    """The certificates a text asks someone to issue, each as written ("婚姻状况证明", "收入证明")."""
    found: list[str] = []
    for m in _ISSUE_RE.finditer(text or ""):
        for part in _JOIN_RE.split(m.group(1)):
            part = part.strip()
            if part.endswith("证明") and len(part) > 2 and part not in found:
                found.append(part)
    return found


def certificate_decisions(
    text: str, *, district_code: str | None, on: dt.date | None = None
) -> list[CheckResult]:
    """The desk's decision for each certificate a task demands: the gate and the desk decide alike."""
    items = certificate_items(district_code=district_code, on=on)
    return [check_request(text=phrase, items=items) for phrase in demanded_certificates(text)[:10]]


def item_by_code(code: str, *, district_code: str | None, on: dt.date | None = None) -> ActiveItem | None:
    return next((i for i in certificate_items(district_code=district_code, on=on) if i.code == code), None)
