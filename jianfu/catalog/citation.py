"""How an explanation cites a catalog item: its code and name, the jurisdiction whose list holds it,
and only the source documents in force there. The shipped national reference list was compiled
partly from local lists (天津市2019年社区工作事项清单); a Wuhan district must not be told a Tianjin
list applies to it, so a source naming another place is left out."""

from __future__ import annotations

import re
from typing import Any

_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:省|自治区|自治州|市|县|区|旗|盟))")
_SPLIT = re.compile(r"[；;]")


def sources_in_force(item: Any) -> list[str]:
    """The item's source documents, without those of a place other than its jurisdiction."""
    jurisdiction = str(getattr(item, "jurisdiction", "") or "")
    kept = []
    for part in _SPLIT.split(getattr(item, "source_document", "") or ""):
        part = part.strip()
        if not part:
            continue
        place = _PLACE.match(part)
        if place and place.group(1) not in jurisdiction:
            continue
        kept.append(part)
    return kept


def cite(item: Any) -> str:
    """`A02「协助做好高龄津贴…」（全国参考清单：中办发〔2010〕27号《…》）`."""
    sources = sources_in_force(item) or ([item.legal_basis] if getattr(item, "legal_basis", "") else [])
    jurisdiction = str(getattr(item, "jurisdiction", "") or "")
    joined = "；".join(sources)
    inside = f"{jurisdiction}：{joined}" if jurisdiction and joined else joined or jurisdiction
    return f"{item.code}「{item.name}」" + (f"（{inside}）" if inside else "")
