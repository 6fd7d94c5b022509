"""Is a task a request for data the registry already holds? (一表通: departments pull, not push.)

Two ways to tell:
- the department lists the fields it wants (`requested_fields`: attribute codes) and every one is a
  registry Attribute;
- the description asks for a list of people (名单/花名册/明细…) of a group the registry can select
  (an age bound such as "80周岁以上", or a tag such as 独居老人) with fields it holds, and no field
  work (入户/走访/核实…) that only a worker could do.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from jianfu.core.text import fold
from jianfu.gate.decision import RegistryCoverage

LIST_WORDS = ("名单", "花名册", "名册", "明细表", "明细", "信息表", "基本信息", "人员信息", "联系方式表")
FIELDWORK_WORDS = (
    "入户",
    "走访",
    "核实",
    "核查",
    "现场",
    "拍照",
    "照片",
    "签字",
    "签名",
    "摸排",
    "排查",
    "访谈",
    "问卷",
    "慰问",
    "检查",
    "评估",
    "体检",
    "整改",
)
AGE_TAGS = frozenset({"advanced_age"})
_CN_NUM = {
    "六十": 60,
    "六十五": 65,
    "七十": 70,
    "七十五": 75,
    "八十": 80,
    "八十五": 85,
    "九十": 90,
    "一百": 100,
}
AGE_RE = re.compile(r"(\d{2,3}|六十五|六十|七十五|七十|八十五|八十|九十|一百)\s*(?:周岁|岁)\s*(?:及)?以上")

_VOCAB_TTL = 300.0
_vocab_lock = threading.Lock()
_vocab: tuple[float, dict] | None = None


@dataclass(frozen=True)
class Vocabulary:
    by_code: dict[str, tuple[str, str]]  # code → (name, type)
    terms: tuple[tuple[str, str], ...]  # (folded term, code), longest first


def vocabulary(refresh: bool = False) -> Vocabulary:
    """Registry attributes with their names and synonyms (cached for a few minutes)."""
    global _vocab
    from jianfu.registry.models import Attribute

    with _vocab_lock:
        if not refresh and _vocab is not None and time.monotonic() - _vocab[0] < _VOCAB_TTL:
            return _vocab[1]  # type: ignore[return-value]
    by_code: dict[str, tuple[str, str]] = {}
    terms: dict[str, str] = {}
    for code, name, synonyms, type_ in Attribute.objects.values_list("code", "name", "synonyms", "type"):
        by_code[code] = (name, type_)
        for term in [name, *(synonyms or [])]:
            folded = fold(term)
            if len(folded) >= 2:
                terms.setdefault(folded, code)
    value = Vocabulary(by_code, tuple(sorted(terms.items(), key=lambda kv: (-len(kv[0]), kv[0]))))
    with _vocab_lock:
        _vocab = (time.monotonic(), value)  # type: ignore[assignment]
    return value


def clear_cache() -> None:
    global _vocab
    with _vocab_lock:
        _vocab = None


@dataclass(frozen=True)
class DataRequest:
    coverage: RegistryCoverage
    min_age: int | None = None
    tag: str = ""  # attribute code of a tag

    @property
    def where(self) -> str:
        """The population filter in jianfu.fills.where syntax."""
        parts = []
        if self.min_age is not None:
            parts.append(f"age>={self.min_age}")
        if self.tag:
            parts.append(f"tag={self.tag}")
        return " and ".join(parts)


def _age(text: str) -> int | None:
    m = AGE_RE.search(text)
    if not m:
        return None
    raw = m.group(1)
    value = int(raw) if raw.isdigit() else _CN_NUM.get(raw)
    return value if value is not None and 40 <= value <= 120 else None


def _group(text: str, vocab: Vocabulary) -> tuple[int | None, str, list[str]]:
    """(minimum age, tag code, other attribute codes named) found in folded text."""
    min_age = _age(text)
    found: list[str] = []
    rest = text
    for term, code in vocab.terms:
        if term in rest:
            found.append(code)
            rest = rest.replace(term, "|")
    tags = [c for c in found if vocab.by_code[c][1] == "tag"]
    if (
        min_age is not None
    ):  # an explicit age bound says who is wanted; 高龄 (e.g. 高龄津贴) would only narrow it
        tags = [c for c in tags if c not in AGE_TAGS]
    return min_age, (tags[0] if tags else ""), [c for c in found if vocab.by_code[c][1] != "tag"]


def _group_label(min_age: int | None, tag: str, vocab: Vocabulary) -> str:
    return "、".join(
        [*([f"{min_age}周岁以上"] if min_age is not None else []), *([vocab.by_code[tag][0]] if tag else [])]
    )


def detect(
    *,
    title: str,
    description: str,
    requested_fields: list[str] | tuple[str, ...] = (),
    vocab: Vocabulary | None = None,
) -> DataRequest | None:
    """The data request in a task, with the population the text names (age bound, tag) if any."""
    vocab = vocab or vocabulary()
    text = fold(f"{title}\n{description}")
    if requested_fields:
        codes = tuple(dict.fromkeys(requested_fields))
        if not all(c in vocab.by_code for c in codes) or any(vocab.by_code[c][1] == "tag" for c in codes):
            return None
        min_age, tag, _named = _group(text, vocab)
        labels = tuple(vocab.by_code[c][0] for c in codes)
        return DataRequest(RegistryCoverage(codes, labels, _group_label(min_age, tag, vocab)), min_age, tag)
    if not any(w in text for w in LIST_WORDS) or any(w in text for w in FIELDWORK_WORDS):
        return None
    min_age, tag, named = _group(text, vocab)
    if min_age is None and not tag:
        return None
    fields = ["name", *named]
    if min_age is not None:
        fields.append("birth_date")
    fields = [c for c in dict.fromkeys(fields) if c in vocab.by_code]
    if not fields:
        return None
    return DataRequest(
        RegistryCoverage(
            tuple(fields), tuple(vocab.by_code[c][0] for c in fields), _group_label(min_age, tag, vocab)
        ),
        min_age,
        tag,
    )
