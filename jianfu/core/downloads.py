"""Download file names (docs/style-zh.md): Chinese when the interface is Chinese, English otherwise, sent
as RFC 6266/5987 `filename*=utf-8''…` with an ASCII `filename="…"` fallback for old clients.

Django's `content_disposition_header` (used by `FileResponse(filename=…)`) sends only `filename*` for a
non-ASCII name; `attach()` sends both.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http.response import HttpResponseBase
from django.utils.translation import get_language
from pypinyin import lazy_pinyin

from jianfu.core.formats import is_chinese

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_name(name: str) -> str:
    """`民意社区_高龄津贴名单_2026-12-01.xlsx` → `minyishequ_gaolingjintiemingdan_2026-12-01.xlsx`."""
    spelled = _CJK_RUN.sub(lambda m: "".join(lazy_pinyin(m.group(0))), name)
    cleaned = _UNSAFE.sub("_", spelled).strip("_.") or "download"
    return re.sub(r"_+", "_", cleaned)


def localized_name(zh: str, en: str) -> str:
    """The name for the active language: `zh` in Chinese (the default), `en` when the user chose English."""
    return zh if is_chinese(get_language()) else en


def content_disposition(name: str, *, inline: bool = False, fallback: str | None = None) -> str:
    kind = "inline" if inline else "attachment"
    plain = ascii_name(fallback if fallback is not None else name)
    if name == plain:
        return f'{kind}; filename="{plain}"'
    return f"{kind}; filename=\"{plain}\"; filename*=utf-8''{quote(name, safe='')}"


def attach[R: HttpResponseBase](response: R, zh: str, en: str | None = None, *, inline: bool = False) -> R:
    """Name a download: `attach(FileResponse(…), f"证明台账-{day}.xlsx", f"certificate-register-{day}.xlsx")`.

    The ASCII fallback is the English name (its Chinese data values spelled in pinyin)."""
    name = zh if en is None else localized_name(zh, en)
    response["Content-Disposition"] = content_disposition(name, inline=inline, fallback=en)
    return response
