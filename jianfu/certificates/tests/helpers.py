import struct
import zlib

from jianfu.certificates.pdf import PNG_SIGNATURE
from jianfu.certificates.services import certificate_issue
from jianfu.core.testing import factories as f


def png(width: int = 40, height: int = 40) -> bytes:
    raw = b"".join(b"\x00" + b"\xcc\x00\x00\xa0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def resident(community, name="王秀兰", address="民意小区3栋2单元501"):
    return f.person(community, name=name, address=address)


def issue(worker, community, person=None, **kw):
    person = person or resident(community)
    kw.setdefault("body", f"兹证明{person.name}在本社区居住。")
    kw.setdefault("purpose", "子女入学报名")
    return certificate_issue(
        actor=worker, community=community, item_code=kw.pop("item_code", "CM01"), person=person, **kw
    )


def ensure_reference_data() -> None:
    """Reload what migrations ship (data dictionary, reference catalog) when an earlier
    transactional test's flush removed it and serialized rollback could not bring it back."""
    import importlib

    from django.apps import apps

    from jianfu.catalog.models import CatalogItem, Jurisdiction
    from jianfu.catalog.reference import load_reference
    from jianfu.certificates.check import clear_items_cache
    from jianfu.registry.models import Attribute

    if not Attribute.objects.exists():
        importlib.import_module("jianfu.registry.migrations.0002_dictionary").load_dictionary(apps, None)
    if not CatalogItem.objects.exists():
        load_reference(Jurisdiction, CatalogItem)
    clear_items_cache()
