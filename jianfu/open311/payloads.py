"""GeoReport v2 payloads built from our models (the same dicts feed JSON and XML)."""

from typing import Any

from django.conf import settings
from django.utils import timezone

from jianfu.casework.models import Category, ServiceRequest
from jianfu.open311 import statuses

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00+08:00"


def w3c(value: Any) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def discovery(base_url: str) -> dict[str, Any]:
    return {
        "changeset": CHANGESET,
        "contact": getattr(settings, "JIANFU_OPEN311_CONTACT", "区接诉即办中心"),
        "key_service": getattr(
            settings, "JIANFU_OPEN311_KEY_SERVICE", "API 密钥由区管理员签发（jianfu open311-key create）"
        ),
        "endpoints": [
            {
                "specification": SPEC,
                "url": base_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def service(c: Category) -> dict[str, Any]:
    return {
        "service_code": c.code,
        "service_name": c.name,
        "description": c.description or c.name,
        "metadata": bool(c.fields),
        "type": "realtime",
        "keywords": c.keywords or None,
        "group": c.group or None,
    }


def definition(c: Category) -> dict[str, Any]:
    attrs = []
    for i, f in enumerate(sorted(c.fields, key=lambda f: f.get("order", 100)), 1):
        attr: dict[str, Any] = {
            "variable": True,
            "code": f["code"],
            "datatype": f["datatype"],
            "required": bool(f.get("required")),
            "datatype_description": f.get("description") or None,
            "order": i,
            "description": f.get("label", f["code"]),
        }
        if f.get("values"):
            attr["values"] = [{"key": v["key"], "name": v["name"]} for v in f["values"]]
        attrs.append(attr)
    return {"service_code": c.code, "attributes": attrs}


def _last_public_note(sr: ServiceRequest) -> str | None:
    notes = getattr(sr, "public_notes", None)
    if notes is not None:
        return notes[-1].note if notes else None
    t = sr.transitions.filter(public=True).order_by("-at", "-id").first()
    return t.note if t else None


def request(sr: ServiceRequest, *, full: bool, extended: bool = False) -> dict[str, Any]:
    """`full` for the client that submitted it; otherwise the public minimum: no description, the
    estate instead of the flat, the position rounded to about 100 m. Never the reporter."""
    lat = float(sr.lat) if sr.lat is not None else None
    long = float(sr.long) if sr.long is not None else None
    if not full and lat is not None and long is not None:
        lat, long = round(lat, 3), round(long, 3)
    address = (
        sr.address
        if full
        else (sr.place.estate if sr.place else (sr.community.name if sr.community else None))
    )
    agency = sr.lead_department.name if sr.lead_department else (sr.community.name if sr.community else None)
    out: dict[str, Any] = {
        "service_request_id": str(sr.pk),
        "status": statuses.extended(sr.status, sr.solved) if extended else statuses.standard(sr.status),
        "status_notes": _last_public_note(sr) if full else None,
        "service_name": sr.category.name,
        "service_code": sr.category.code,
        "description": sr.text if full else None,
        "agency_responsible": agency,
        "service_notice": None,
        "requested_datetime": w3c(sr.created_at),
        "updated_datetime": w3c(sr.updated_at),
        "expected_datetime": w3c(sr.due_at),
        "address": address,
        "address_id": str(sr.place_id) if (full and sr.place_id) else None,
        "zipcode": None,
        "lat": lat,
        "long": long,
        "media_url": sr.media_url or None,
    }
    return out


def update(t: Any, *, full: bool) -> dict[str, Any]:
    sr = t.request
    return {
        "update_id": str(t.pk),
        "service_request_id": str(sr.pk),
        "status": statuses.extended(t.to_status, sr.solved).upper(),
        "updated_datetime": w3c(t.at),
        "description": (t.note or None) if full else None,
        "media_url": None,
    }


PUBLIC_FIELDS = (
    "pk",
    "status",
    "solved",
    "category__name",
    "category__code",
    "lead_department__name",
    "community__name",
    "place__estate",
    "created_at",
    "updated_at",
    "due_at",
    "lat",
    "long",
    "media_url",
)


def public_request(v: dict[str, Any], *, extended: bool = False) -> dict[str, Any]:
    """`request(sr, full=False)` from a `.values(*PUBLIC_FIELDS)` row: the same dict, without
    building model instances (a 1,000-row public list)."""
    lat = float(v["lat"]) if v["lat"] is not None else None
    long = float(v["long"]) if v["long"] is not None else None
    if lat is not None and long is not None:
        lat, long = round(lat, 3), round(long, 3)
    return {
        "service_request_id": str(v["pk"]),
        "status": statuses.extended(v["status"], v["solved"]) if extended else statuses.standard(v["status"]),
        "status_notes": None,
        "service_name": v["category__name"],
        "service_code": v["category__code"],
        "description": None,
        "agency_responsible": v["lead_department__name"] or v["community__name"],
        "service_notice": None,
        "requested_datetime": w3c(v["created_at"]),
        "updated_datetime": w3c(v["updated_at"]),
        "expected_datetime": w3c(v["due_at"]),
        "address": v["place__estate"] if v["place__estate"] is not None else v["community__name"],
        "address_id": None,
        "zipcode": None,
        "lat": lat,
        "long": long,
        "media_url": v["media_url"] or None,
    }


KEYED_FIELDS = (*PUBLIC_FIELDS, "text", "address", "place_id", "open311_link__client_id")


def keyed_request(
    v: dict[str, Any], *, full: bool, note: str | None, extended: bool = False
) -> dict[str, Any]:
    """`request(sr, full=...)` from a `.values(*KEYED_FIELDS)` row and the request's last public
    note (read in one query for the page): a keyed client's list without model instances."""
    out = public_request(v, extended=extended)
    if not full:
        return out
    out.update(
        {
            "status_notes": note,
            "description": v["text"],
            "address": v["address"],
            "address_id": str(v["place_id"]) if v["place_id"] else None,
            "lat": float(v["lat"]) if v["lat"] is not None else None,
            "long": float(v["long"]) if v["long"] is not None else None,
        }
    )
    return out
