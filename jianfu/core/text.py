"""Chinese text helpers shared by every matcher: simplified forms, full-width folding, pinyin."""

import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def fold(text: str) -> str:
    """NFKC (full-width → half-width), simplified characters, lower case, no spaces."""
    folded = unicodedata.normalize("NFKC", text or "")
    return to_simplified("".join(folded.split())).lower()
