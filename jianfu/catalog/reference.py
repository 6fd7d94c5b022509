"""The national reference catalog shipped with jianfu (jianfu/catalog/data/catalog.yaml).

Loaded by a data migration, so it is active right after `jianfu migrate`.
"""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

REFERENCE_FILE = Path(__file__).parent / "data" / "catalog.yaml"
REFERENCE_EFFECTIVE_FROM = dt.date(2020, 1, 1)

# Per list: legal basis and source document (titles of the published documents).
LIST_SOURCES: dict[str, tuple[str, str]] = {
    "duty": (
        "《中华人民共和国城市居民委员会组织法》第三条",
        "《中华人民共和国城市居民委员会组织法》；中办发〔2010〕27号《关于加强和改进城市社区居民委员会建设工作的意见》",
    ),
    "assist": (
        "《中华人民共和国城市居民委员会组织法》第三条（协助人民政府或者它的派出机关做好与居民利益有关的工作）",
        "中办发〔2010〕27号《关于加强和改进城市社区居民委员会建设工作的意见》；天津市2019年社区工作事项清单",
    ),
    "negative": (
        "社区工作事项负面清单：社区不作为责任主体",
        "天津市2019年社区工作事项清单（负面清单）",
    ),
    "certificate_may_issue": (
        "民发〔2020〕20号：有法律法规依据或列入保留清单、属于社区职责范围",
        "民发〔2020〕20号《关于改进和规范基层群众性自治组织出具证明工作的指导意见》；天津市、张家口市社区证明事项清单",
    ),
    "certificate_must_not_issue": (
        "民发〔2020〕20号：第一批不应由基层群众性自治组织出具的证明事项",
        "民发〔2020〕20号《关于改进和规范基层群众性自治组织出具证明工作的指导意见》",
    ),
}


def reference_items() -> list[dict[str, Any]]:
    data = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    items = []
    for list_kind, (basis, document) in LIST_SOURCES.items():
        for row in data.get(list_kind) or []:
            items.append(
                {
                    "list_kind": list_kind,
                    "code": row["code"],
                    "name": row["name"],
                    "aliases": list(row.get("aliases") or []),
                    "legal_basis": basis,
                    "source_document": document,
                    "referral": row.get("referral", "") or "",
                    "verify": bool(row.get("verify", False)),
                }
            )
    return items


def load_reference(Jurisdiction: Any, CatalogItem: Any) -> int:
    """Create or refresh the national rows (idempotent). Works with migration models too."""
    national, _ = Jurisdiction.objects.get_or_create(
        level="national", code="", defaults={"name": "全国参考清单"}
    )
    count = 0
    for item in reference_items():
        CatalogItem.objects.update_or_create(
            jurisdiction=national,
            list_kind=item["list_kind"],
            code=item["code"],
            effective_from=REFERENCE_EFFECTIVE_FROM,
            defaults={k: v for k, v in item.items() if k not in {"list_kind", "code"}},
        )
        count += 1
    return count
