"""API of the legal bases for the sensitive (综治) populations (district administrator only).

GET /api/v1/registry/sensitive-access, POST (grant), POST /{id}/revoke. Everyone else: 404.
"""

import datetime as dt

from django.db.models import Q
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.apikit import ObjectId, Page
from jianfu.core.permissions import OutOfScope
from jianfu.orgs.models import Department
from jianfu.registry import permissions, services
from jianfu.registry.models import Attribute, SensitiveAccess

router = Router(tags=["registry"])


class GrantOut(Schema):
    id: int
    tag: str
    tag_code: str
    grantee: str
    role: str
    department: str
    legal_basis: str
    granted_at: dt.datetime
    revoked_at: dt.datetime | None


class GrantIn(Schema):
    tag: str
    legal_basis: str
    role: str = ""
    department: str = ""


class GrantRevokeIn(Schema):
    reason: str


def _out(g: SensitiveAccess) -> dict:
    return {
        "id": g.pk,
        "tag": g.attribute.name,
        "tag_code": g.attribute.code,
        "grantee": str(g.grantee),
        "role": g.role,
        "department": g.department.code if g.department is not None else "",
        "legal_basis": g.legal_basis,
        "granted_at": g.granted_at,
        "revoked_at": g.revoked_at,
    }


def _district(request):
    permissions.require_grant_sensitive(request.auth)
    if not getattr(request.auth, "district_id", None):
        raise OutOfScope
    return request.auth.district


@router.get("/sensitive-access", response=list[GrantOut], summary="Legal bases for the sensitive populations")
def grant_list(request, page: Query[Page]):
    district = _district(request)
    rows = SensitiveAccess.objects.filter(district=district).select_related("attribute", "department")
    return [_out(g) for g in page.window(rows)]


@router.post("/sensitive-access", response={201: GrantOut}, summary="Record a legal basis (audited)")
def grant_create(request, body: GrantIn):
    district = _district(request)
    tag = Attribute.objects.filter(Q(code=body.tag) | Q(name=body.tag)).first()
    if tag is None:
        raise HttpError(422, f"unknown tag {body.tag!r}")
    department = None
    if body.department:
        department = Department.objects.filter(district=district, code=body.department).first()
        if department is None:
            raise HttpError(422, f"unknown department {body.department!r}")
    try:
        grant = services.sensitive_access_grant(
            actor=request.auth,
            district=district,
            attribute=tag,
            legal_basis=body.legal_basis,
            role=body.role,
            department=department,
        )
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, _out(grant))


@router.post(
    "/sensitive-access/{grant_id}/revoke", response=GrantOut, summary="Revoke a legal basis (audited)"
)
def grant_revoke(request, grant_id: ObjectId, body: GrantRevokeIn):
    district = _district(request)
    grant = SensitiveAccess.objects.filter(district=district, pk=grant_id).select_related("attribute").first()
    if grant is None:
        raise OutOfScope
    try:
        grant = services.sensitive_access_revoke(actor=request.auth, grant=grant, reason=body.reason)
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return _out(grant)
