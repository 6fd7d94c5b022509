"""Match free Chinese text (a department's task, a resident's request) against catalog items.

Used by the gate (is this task on a list?) and the certificate desk (is this certificate on a
list?). The result is explainable: every `Match` says which aliases, words, bigrams or fuzzy
forms hit.

Evidence, strongest first (weights in `WEIGHTS`):

* an alias (or a part of the item name between punctuation) found verbatim in the text;
* the same alias written with homophone characters (pinyin match: 低宝 → 低保) or, for short
  texts, within a small edit distance (rapidfuzz partial ratio);
* words shared with the item name/aliases (jieba segmentation; every item name and alias is
  added to the segmenter's dictionary), weighted by how rare the word is across the catalog;
* character bigrams shared with the item, weighted the same way.

Before anything, both the text and the items are folded (`jianfu.core.text.fold`: full-width →
half-width, traditional → simplified, lower case, no spaces) and synonyms are mapped onto one
canonical form (`SYNONYMS`), so 老人/老年人 or 督查/检查 count as the same word.

`score = raw / (raw + SCORE_HALF)` lies in 0..1; a match with `score >= THRESHOLD` is the one a
caller should trust (below it: nothing on the lists fits). The index of a catalog is built once
and cached keyed on the items' pks and effective dates (`index_for`).
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jieba
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from jianfu.catalog.selectors import ActiveItem
from jianfu.core.text import fold

jieba.setLogLevel(logging.WARNING)

# A match with at least this score is a confident hit; below it, callers treat the text as
# matching no list item. Measured on data/labelled_tasks.yaml (see bench/bench_matching.py).
THRESHOLD = 0.45
SCORE_HALF = 3.0  # raw evidence that maps to score 0.5

WEIGHTS = {
    "alias": 3.0,  # alias (≥ 3 characters) verbatim in the text
    "alias_short": 2.5,  # 2-character alias verbatim
    "weak": 1.0,  # a generic alias (WEAK_ALIASES) verbatim
    "name": 4.0,  # the whole item name verbatim
    "name_part": 3.0,  # a part of the name between punctuation (≥ 3 characters)
    "pinyin": 2.5,  # an alias (≥ 3 characters) written with homophones
    "fuzzy": 3.0,  # × partial ratio: an alias within a small edit distance (short texts only)
    "word": 0.5,  # × idf of a shared word
    "bigram": 0.12,  # × idf of a shared character bigram
}
FUZZY_MAX_TEXT = 24  # fuzzy alias matching only on texts up to this many characters
FUZZY_CUTOFF = 75.0
BIGRAM_CAP = 2.0  # bigrams alone never make a confident match

# Shipped synonym table: every form in a group is mapped to the first one.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("台账", "报表", "表格", "统计表", "登记表"),
    ("检查", "督查", "巡查", "督导检查", "检查督导", "抽查"),
    ("老年人", "老人", "长者", "老年居民"),
    ("高龄", "80周岁以上", "八十周岁以上", "80岁以上", "八十岁以上"),
    ("证明", "开证明", "证明材料", "开具证明", "出具证明"),
    ("低保", "最低生活保障", "低保户"),
    ("残疾人", "残障人士", "残疾居民"),
    ("退役军人", "退伍军人", "复员军人"),
    ("流动人口", "外来人口", "外来务工人员"),
    ("出租房屋", "出租屋", "租赁房屋"),
    ("征兵", "兵役征集"),
    ("反诈", "反电诈", "防范电信网络诈骗", "电信诈骗"),
    ("垃圾分类", "生活垃圾分类"),
    ("占道经营", "马路市场", "流动摊贩", "占道摆摊"),
    ("拆违", "违建拆除", "拆除违建", "拆除违法建设", "违法建设拆除", "违建", "违法建设"),
    ("执法检查", "行政执法检查"),
    ("罚款", "处罚"),
    ("招商引资", "招商", "引资"),
    ("疫苗接种", "打疫苗"),
    ("消防宣传", "消防安全宣传"),
    ("人口普查", "人口调查"),
    ("换届选举", "换届"),
    ("业委会", "业主委员会"),
    ("家庭医生", "家医"),
    ("反家暴", "反家庭暴力"),
    ("社区矫正", "矫正对象"),
    ("精神障碍患者", "精神病人", "精神障碍"),
    ("留守儿童", "留守孩子"),
    ("应急演练", "疏散演练", "避险演练"),
    ("防汛", "汛期"),
)

# Words that carry no meaning for matching (they are still part of bigrams of the name).
STOPWORDS = frozenset(
    [
        "协助",
        "开展",
        "做好",
        "工作",
        "社区",
        "居民",
        "组织",
        "及时",
        "有关",
        "相关",
        "进行",
        "负责",
        "各",
        "的",
        "和",
        "与",
        "及",
        "等",
        "或",
        "其",
        "在",
        "对",
        "为",
        "请",
        "于",
        "前",
        "本",
        "内",
        "由",
        "将",
        "把",
        "要",
        "需",
        "须",
        "并",
        "以",
        "上",
        "下",
        "中",
        "了",
        "是",
        "有",
        "个",
        "好",
        "情况",
        "做",
        "抓好",
        "落实",
        "推进",
        "加强",
        "积极",
        "认真",
        "全面",
        "按照",
        "根据",
        "要求",
        "做到",
        "确保",
        "通知",
        "报送",
        "上报",
        "提交",
        "各社区",
        "辖区",
        "本周",
        "本月",
        "月底",
        "一",
        "二",
        "三",
        "事项",
        "活动",
        "服务",
        "管理",
        "承担",
        "作为",
        "任务",
        "方面",
    ]
)

# Aliases so generic that a verbatim hit is only weak evidence ("…进社区活动" is not D13).
WEAK_ALIASES = frozenset(
    {"社区活动", "社区服务", "公共事务", "公益事业", "组织建设", "文化活动", "联系居民", "隐患报告"}
)

_CJK = re.compile(r"[\u3400-\u9fff]")
_SPLIT = re.compile(r"[、，,；;：:（）()\[\]【】“”\"'《》<>/\s。.!！?？]+")


@dataclass(frozen=True)
class Match:
    item: ActiveItem
    score: float  # 0..1
    matched: tuple[str, ...]  # the words / aliases / n-grams that matched, for the explanation


# ---------------------------------------------------------------------------------------------
# Text normalisation


def _synonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canon: dict[str, str] = {}
    for group in SYNONYMS:
        head = fold(group[0])
        for form in group[1:]:
            canon[fold(form)] = head
    forms = sorted(canon, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms)), canon


_SYN_RE, _SYN_CANON = _synonym_pattern()


def normalise(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Folded text with synonyms replaced by their canonical form, and the replacements made."""
    folded = fold(text)
    seen: list[tuple[str, str]] = []

    def repl(m: re.Match[str]) -> str:
        pair = (m.group(0), _SYN_CANON[m.group(0)])
        if pair not in seen:
            seen.append(pair)
        return pair[1]

    return _SYN_RE.sub(repl, folded), tuple(seen)


def _bigrams(text: str) -> set[str]:
    found = {text[i : i + 2] for i in range(len(text) - 1) if _CJK.match(text[i]) and _CJK.match(text[i + 1])}
    return found - STOPWORDS


@lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> str:
    """One character's pinyin (without tone; the character itself when it has none).

    Per character, not per phrase, so an alias and a text always get the same syllables."""
    return lazy_pinyin(ch)[0] if _CJK.match(ch) else ch


def _syllables(text: str) -> tuple[str, ...]:
    return tuple(_char_pinyin(ch) for ch in text)


# ---------------------------------------------------------------------------------------------
# Segmenter: one private jieba tokenizer (the global one is left alone for other code)

_TOKENIZER_LOCK = threading.Lock()
_TOKENIZER: jieba.Tokenizer | None = None
_ADDED_WORDS: set[str] = set()


def _tokenizer() -> jieba.Tokenizer:
    global _TOKENIZER
    if _TOKENIZER is None:
        with _TOKENIZER_LOCK:
            if _TOKENIZER is None:
                tk = jieba.Tokenizer()
                tk.initialize()
                for group in SYNONYMS:
                    for form in group:
                        tk.add_word(fold(form), freq=50000)
                _TOKENIZER = tk
    return _TOKENIZER


def _add_words(words: set[str]) -> None:
    tk = _tokenizer()
    with _TOKENIZER_LOCK:
        for w in sorted(words - _ADDED_WORDS):
            if len(w) >= 2:
                tk.add_word(w, freq=50000)
            _ADDED_WORDS.add(w)


def _words(text: str) -> list[str]:
    return [
        w
        for w in _tokenizer().lcut_for_search(text, HMM=False)
        if len(w) >= 2 and w not in STOPWORDS and not w.isdigit() and _CJK.search(w)
    ]


# ---------------------------------------------------------------------------------------------
# The index


@dataclass
class _Phrase:
    item: int  # index into CatalogIndex.items
    text: str  # normalised
    label: str  # what the explanation shows
    kind: str  # alias | alias_short | name | name_part
    pinyin: tuple[str, ...]  # one syllable per character


class CatalogIndex:
    """Precomputed lookup tables for one catalog version (one list of items)."""

    def __init__(self, items: Sequence[ActiveItem], extra_aliases: Mapping[str, Sequence[str]] | None = None):
        self.items: tuple[ActiveItem, ...] = tuple(items)
        extra = extra_aliases or {}
        self.phrases: list[_Phrase] = []
        item_words: list[set[str]] = []
        item_bigrams: list[set[str]] = []
        vocab: set[str] = set()
        raw_phrases: list[list[tuple[str, str, str]]] = []
        for item in self.items:
            found: list[tuple[str, str, str]] = []  # (normalised, label, kind)
            name, _rep = normalise(item.name)
            found.append((name, item.name, "name"))
            for part in _SPLIT.split(item.name):
                folded_part, _rep = normalise(part)
                if len(folded_part) >= 3 and folded_part != name:
                    found.append((folded_part, part, "name_part"))
            for alias in [*item.aliases, *extra.get(item.code, ())]:
                a, _rep = normalise(alias)
                if len(a) >= 2:
                    kind = "alias" if len(a) >= 3 else "alias_short"
                    found.append((a, alias, "weak" if a in WEAK_ALIASES else kind))
            dedup: dict[str, tuple[str, str, str]] = {}
            for entry in found:  # the same text twice: keep the stronger kind
                held = dedup.get(entry[0])
                if held is None or WEIGHTS[entry[2]] > WEIGHTS[held[2]]:
                    dedup[entry[0]] = entry
            raw_phrases.append(list(dedup.values()))
            vocab.update(p[0] for p in dedup.values())
        _add_words(vocab)
        df_words: dict[str, int] = defaultdict(int)
        df_bigrams: dict[str, int] = defaultdict(int)
        for idx, phrases in enumerate(raw_phrases):
            words: set[str] = set()
            bigrams: set[str] = set()
            for text, label, kind in phrases:
                self.phrases.append(_Phrase(idx, text, label, kind, _syllables(text)))
                words.update(_words(text))
                bigrams |= _bigrams(text)
            item_words.append(words)
            item_bigrams.append(bigrams)
            for w in words:
                df_words[w] += 1
            for b in bigrams:
                df_bigrams[b] += 1
        n = max(len(self.items), 1)
        self.word_idf = {w: math.log(1 + n / df) for w, df in df_words.items()}
        self.bigram_idf = {b: math.log(1 + n / df) for b, df in df_bigrams.items()}
        self.word_items: dict[str, list[int]] = defaultdict(list)
        self.bigram_items: dict[str, list[int]] = defaultdict(list)
        for idx, words in enumerate(item_words):
            for w in sorted(words):
                self.word_items[w].append(idx)
        for idx, bigrams in enumerate(item_bigrams):
            for b in sorted(bigrams):
                self.bigram_items[b].append(idx)
        # phrases by their first two characters / first two syllables: a text is scanned once
        self.by_start: dict[str, list[int]] = defaultdict(list)
        self.by_sound: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pid in sorted(range(len(self.phrases)), key=lambda i: (-len(self.phrases[i].text), i)):
            p = self.phrases[pid]
            self.by_start[p.text[:2]].append(pid)
            if p.kind != "name" and len(p.text) >= 3:
                self.by_sound[(p.pinyin[0], p.pinyin[1])].append(pid)
        self.fuzzy_owner = [p for p in self.phrases if p.kind == "alias" and len(p.text) >= 4]
        self.fuzzy_choices = [p.text for p in self.fuzzy_owner]

    def match(self, text: str, *, limit: int = 5) -> list[Match]:
        norm, replaced = normalise(text)
        if not norm:
            return []
        raw: dict[int, float] = defaultdict(float)
        hits: dict[int, list[str]] = defaultdict(list)
        covered: dict[int, list[str]] = defaultdict(list)  # phrase texts that hit (for word dedup)

        def hit(idx: int, weight: float, label: str, cover: str) -> None:
            raw[idx] += weight
            if label not in hits[idx]:
                hits[idx].append(label)
            covered[idx].append(cover)

        # 1. phrases verbatim, then homophones, then near-spellings. The characters a verbatim
        # phrase explains are masked: other items' words and bigrams do not score on them.
        phrase_hit: set[int] = set()
        found = {
            pid
            for i in range(len(norm) - 1)
            for pid in self.by_start.get(norm[i : i + 2], ())
            if norm.startswith(self.phrases[pid].text, i)
        }
        for pid in sorted(found, key=lambda i: (-len(self.phrases[i].text), i)):
            p = self.phrases[pid]
            if any(p.text in c for c in covered[p.item]):
                continue  # already inside a longer phrase of the same item
            hit(p.item, WEIGHTS[p.kind], p.label, p.text)
            phrase_hit.add(pid)
        masked = norm
        for pid in phrase_hit:
            if self.phrases[pid].kind != "weak":
                masked = masked.replace(self.phrases[pid].text, "\x00" * len(self.phrases[pid].text))
        sounds = _syllables(norm)
        heard = {
            pid
            for i in range(len(sounds) - 1)
            for pid in self.by_sound.get((sounds[i], sounds[i + 1]), ())
            if sounds[i : i + len(self.phrases[pid].pinyin)] == self.phrases[pid].pinyin
        }
        for pid in sorted(heard - phrase_hit):
            p = self.phrases[pid]
            if not any(p.text in c for c in covered[p.item]):
                hit(p.item, WEIGHTS["pinyin"], _("%(alias)s（同音）") % {"alias": p.label}, p.text)
                phrase_hit.add(pid)
        if len(norm) <= FUZZY_MAX_TEXT and self.fuzzy_choices:
            for _choice, ratio, pos in process.extract(
                norm,
                self.fuzzy_choices,
                scorer=fuzz.partial_ratio,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            ):
                p = self.fuzzy_owner[pos]
                if any(p.text in c for c in covered[p.item]):
                    continue
                hit(
                    p.item,
                    WEIGHTS["fuzzy"] * ratio / 100,
                    _("%(alias)s（近似）") % {"alias": p.label},
                    p.text,
                )

        # 2. words
        text_words = list(dict.fromkeys(_words(masked.replace("\x00", "，"))))
        for w in text_words:
            for idx in self.word_items.get(w, ()):
                if any(w in c for c in covered.get(idx, ())):
                    continue
                hit(idx, WEIGHTS["word"] * self.word_idf[w], w, w)

        # 3. bigrams (capped)
        bigram_raw: dict[int, float] = defaultdict(float)
        bigram_hits: dict[int, list[str]] = defaultdict(list)
        for b in sorted(_bigrams(masked)):
            for idx in self.bigram_items.get(b, ()):
                if any(b in c for c in covered.get(idx, ())):
                    continue
                bigram_raw[idx] += WEIGHTS["bigram"] * self.bigram_idf[b]
                bigram_hits[idx].append(b)
        for idx, value in bigram_raw.items():
            raw[idx] += min(value, BIGRAM_CAP)
            # the explanation names whole words of the text, never a fragment across two words
            # ("作为责任主体" shares 为责 and 任主 with an item: it shows 责任 and 主体, not those)
            for b in bigram_hits[idx][:6]:
                word = next((w for w in text_words if b in w), None)
                if word is not None and not any(word in h or h in word for h in hits[idx]):
                    hits[idx].append(word)

        scored = sorted(
            (
                -round(value / (value + SCORE_HALF), 4),
                self.items[idx].list_kind,
                self.items[idx].code,
                self.items[idx].pk,
                idx,
            )
            for idx, value in raw.items()
            if value > 0
        )
        results = []
        for neg_score, _kind, _code, _pk, idx in scored[: max(limit, 0)]:
            used = tuple(
                f"{orig}≈{canon}" for orig, canon in replaced if any(canon in c for c in covered.get(idx, ()))
            )
            results.append(Match(self.items[idx], -neg_score, tuple(hits[idx]) + used))
        return results


# ---------------------------------------------------------------------------------------------
# Cache and entry point

_CACHE: OrderedDict[tuple, CatalogIndex] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()


def _cache_key(items: Sequence[ActiveItem], extra_aliases: Mapping[str, Sequence[str]] | None) -> tuple:
    item_key = tuple((i.pk, i.list_kind, i.code, i.effective_from) for i in items)
    extra_key = tuple(sorted((code, tuple(v)) for code, v in (extra_aliases or {}).items()))
    return item_key, extra_key


def index_for(
    items: Sequence[ActiveItem], extra_aliases: Mapping[str, Sequence[str]] | None = None
) -> CatalogIndex:
    """The (cached) index of a catalog version: built once per set of item pks and dates."""
    key = _cache_key(items, extra_aliases)
    with _CACHE_LOCK:
        index = _CACHE.get(key)
        if index is not None:
            _CACHE.move_to_end(key)
            return index
    index = CatalogIndex(items, extra_aliases)
    with _CACHE_LOCK:
        _CACHE[key] = index
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return index


def match(
    text: str,
    items: Sequence[ActiveItem],
    *,
    limit: int = 5,
    extra_aliases: Mapping[str, Sequence[str]] | None = None,
) -> list[Match]:
    """The best-matching items for `text`, best first (at most `limit`); [] when nothing hits."""
    if not text or not items:
        return []
    return index_for(items, extra_aliases).match(text, limit=limit)


def best(
    text: str, items: Sequence[ActiveItem], *, extra_aliases: Mapping[str, Sequence[str]] | None = None
) -> Match | None:
    """The top match if it is confident (score ≥ THRESHOLD), else None."""
    found = match(text, items, limit=1, extra_aliases=extra_aliases)
    return found[0] if found and found[0].score >= THRESHOLD else None
