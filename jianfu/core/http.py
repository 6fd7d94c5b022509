"""HTTP helpers shared by the apps."""

from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")


def content_disposition(filename: str, *, fallback: str = "", inline: bool = False) -> str:
    """A Content-Disposition value for a file name that may be Chinese: an ASCII `filename=` (the
    `fallback`, or the name with non-ASCII runs replaced by "_") for old clients, and the real name
    as RFC 5987 `filename*=UTF-8''…` (percent-encoded), which browsers prefer.

    >>> content_disposition("指尖减负统计-2026.xlsx", fallback="digital-report-2026.xlsx")
    'attachment; filename="digital-report-2026.xlsx"; filename*=UTF-8\\'\\'%E6%8C%87%E5%B0%96%E5%87%8F%E8%B4%9F%E7%BB%9F%E8%AE%A1-2026.xlsx'
    """
    kind = "inline" if inline else "attachment"
    name = filename.replace("\r", "").replace("\n", "")
    ascii_name = _UNSAFE_ASCII.sub("_", fallback or name).strip("_") or "download"
    if name.isascii() and name == ascii_name:
        return f'{kind}; filename="{ascii_name}"'
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
