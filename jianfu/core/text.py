"""Chinese text helpers shared by every matcher: simplified forms, full-width folding, pinyin."""

import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")

# The value of a Chinese numeral from one to ten as notices write it (两 and 二 both two).
CHINESE_DIGITS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def fold(text: str) -> str:
    """NFKC (full-width → half-width), simplified characters, lower case, no spaces."""
    folded = unicodedata.normalize("NFKC", text or "")
    return to_simplified("".join(folded.split())).lower()
