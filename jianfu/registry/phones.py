"""Phone numbers as rosters write them: separators, country codes, labels, landlines, two in a cell.

`parse_phones("+86 136-8715-6658/（027）8512 3456转801")` → `Phones(["13687156658", "027-85123456-801"])`.
Stored forms: a mobile as 11 digits; a landline as `area-local[-extension]` (027-85123456-801); a
local number without area code as its 7–8 digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_EXTENSION = re.compile(r"(转|分机|ext\.?|x(?=\d))", re.IGNORECASE)
_NOTE = re.compile(r"[(（\[【][^()（）\[\]【】\d]*[)）\]】]")  # （本人） (子女) 【家属】: no digits inside
_SPLIT = re.compile(r"[/,，、;；|]|或|\s{2,}")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
NO_PHONE = {
    "无",
    "暂无",
    "没有",
    "无电话",
    "无手机",
    "未提供",
    "不详",
    "未知",
    "空",
    "/",
    "-",
    "--",
    "—",
    "——",
    "\\",
}


@dataclass(frozen=True)
class Phones:
    numbers: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)  # parts that are no phone number, as written
    excel: bool = False  # Excel turned the cell into a number in scientific notation


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer() and raw < 1e12:
        raw = int(raw)
    text = unicodedata.normalize("NFKC", str(raw))
    return _ZERO_WIDTH.sub("", text).strip()


def _strip_country(digits: str, plus: bool) -> str:
    """Without +86 / 0086 / 86; a landline after +86 gets its trunk 0 back (+86 27 … → 027…)."""
    if digits.startswith("0086"):
        rest = digits[4:]
    elif digits.startswith("86") and (plus or _MOBILE.match(digits[2:])):
        rest = digits[2:]
    else:
        return digits
    return rest if _MOBILE.match(rest) or rest.startswith("0") else "0" + rest


def _one(part: str) -> str | None:
    """One number in its stored form, or None."""
    main, _sep, ext = _EXTENSION.sub("#", part).partition("#")
    ext = re.sub(r"\D", "", ext)
    plus = main.strip().startswith("+")
    groups = re.findall(r"\d+", main)
    digits = "".join(groups)
    if not digits or not digits.isascii() or re.search(r"[^\d\s\-.()+]", main):
        return None
    digits = _strip_country(digits, plus)
    if _MOBILE.match(digits):
        return digits if not ext else None
    if re.fullmatch(r"[48]00\d{7}", digits) and not ext:  # 400/800 service numbers
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if digits.startswith("0"):
        area = digits[:3] if digits[1] in "12" else digits[:4]
        local = digits[len(area) :]
        if not ext and len(groups) >= 3 and len(groups[-1]) <= 5 and 7 <= len(local) - len(groups[-1]) <= 8:
            ext, local = groups[-1], local[: -len(groups[-1])]  # 027-85123456-801
        if 7 <= len(local) <= 8 and local[0] not in "01" and len(ext) <= 6:
            return f"{area}-{local}" + (f"-{ext}" if ext else "")
        return None
    if 7 <= len(digits) <= 8 and digits[0] not in "01" and len(ext) <= 6:
        return digits + (f"-{ext}" if ext else "")
    return None


def parse_phones(raw: object) -> Phones:
    text = _text(raw)
    if not text or text in NO_PHONE:
        return Phones()
    if (isinstance(raw, float) and raw >= 1e12) or _SCIENTIFIC.match(text):
        return Phones(excel=True)
    text = _NOTE.sub(" ", text)
    text = re.sub(
        r"(手机号码|手机号|手机|移动电话|联系电话|电话号码|电话|座机|固话|宅电|家庭电话|办公电话|本人|tel|TEL|Tel)[:：]?",
        " ",
        text,
    )
    numbers: list[str] = []
    bad: list[str] = []
    for chunk in _SPLIT.split(text):
        chunk = chunk.strip()
        if not chunk or chunk in NO_PHONE:
            continue
        number = _one(chunk)
        if number is None and " " in chunk:  # 13800138000 027-85123456: two numbers, one space
            pieces = [_one(p) for p in chunk.split()]
            if all(pieces):
                numbers += [p for p in pieces if p]
                continue
        if number is None:
            bad.append(chunk)
        elif number not in numbers:
            numbers.append(number)
    return Phones(numbers=numbers, bad=bad)
