"""/api/v1/certificates/: check a request, issue, verify (public), revoke, read the register."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.accounts.scope import may
from jianfu.certificates import selectors as sel
from jianfu.certificates import services
from jianfu.certificates.check import CheckError, check_request
from jianfu.certificates.choices import VerificationResult
from jianfu.core.apikit import BigPage, ObjectId, Year
from jianfu.core.masking import mask_name

router = Router(tags=["certificates"])


class CheckIn(Schema):
    text: str
    community: str | None = None


class ItemOut(Schema):
    code: str
    name: str


class CheckOut(Schema):
    decision: str
    item: ItemOut | None
    referral: str | None
    score: float
    matched: list[str]
    source_document: str | None
    materials: list[str]
    rule: list[str]


class IssueIn(Schema):
    item_code: str
    purpose: str
    person: str | None = None  # registry pid
    holder_name: str = ""
    since: str = ""
    title: str = ""
    body: str = ""  # empty: the community's template filled from the registry
    community: str | None = None


class BatchRow(Schema):
    person: str | None = None  # registry pid
    holder_name: str = ""
    since: str = ""
    purpose: str = ""  # default: the batch's purpose


class BatchIn(Schema):
    item_code: str
    purpose: str
    rows: list[BatchRow]
    title: str = ""
    community: str | None = None


class CertificateOut(Schema):
    id: int
    serial: str
    community: str
    item_code: str
    title: str
    holder_name: str
    holder_id_masked: str
    purpose: str
    status: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    revoke_reason: str
    verify_path: str


class VerifyOut(Schema):
    result: str
    title: str | None = None
    serial: str | None = None
    issued_on: dt.date | None = None
    community: str | None = None
    holder: str | None = None
    revoked_on: dt.date | None = None


class RevokeIn(Schema):
    reason: str


def _out(c) -> CertificateOut:
    from django.urls import reverse

    return CertificateOut(
        id=c.pk,
        serial=c.serial,
        community=c.community.code,
        item_code=c.item_code,
        title=c.title,
        holder_name=c.holder_name,
        holder_id_masked=c.holder_id_masked,
        purpose=c.purpose,
        status=c.status,
        issued_at=c.issued_at,
        revoked_at=c.revoked_at,
        revoke_reason=c.revoke_reason,
        verify_path=reverse("certificates:verify", args=[c.token]),
    )


@router.post("/check", response=CheckOut)
def check(request, payload: CheckIn):
    """The desk's answer for a request in everyday words (may issue / must not issue / needs review)."""
    district = None
    if payload.community:
        from jianfu.orgs.models import Community

        community = (
            Community.objects.select_related("street__district").filter(code=payload.community).first()
        )
        if community is None:
            raise HttpError(404, "unknown community")
        district = community.street.district.code
    elif getattr(request.auth, "community_id", None):
        district = request.auth.community.street.district.code
    try:
        result = check_request(text=payload.text, district_code=district)
    except CheckError as exc:
        raise HttpError(422, str(exc)) from exc
    data = result.as_json()
    return CheckOut(
        **data,
        matched=list(result.matched),
        source_document=result.item.source_document if result.item and result.referral else None,
        materials=[str(m) for m in result.materials],
        rule=[str(r) for r in result.rule],
    )


@router.post("/issue", response={201: CertificateOut})
def issue(request, payload: IssueIn):
    user = request.auth
    community = sel.acting_community(user, "change", payload.community)
    if community is None:
        raise Http404
    person = (
        sel.person_for_issue(user=user, community=community, pid=payload.person) if payload.person else None
    )
    body = payload.body
    title = payload.title
    if not body:
        from jianfu.certificates.check import item_by_code

        item = item_by_code(payload.item_code, district_code=community.street.district.code)
        if item is None:
            raise HttpError(422, f"“{payload.item_code}” is not on the community's may-issue list")
        template = sel.template_for(community, item)
        values = sel.person_values(
            person, community, purpose=payload.purpose, since=payload.since, on=timezone.localdate()
        )
        if person is None:
            values["name"] = payload.holder_name
        body = services.fill_template(template.body, values)
        title = title or template.title
    try:
        certificate = services.certificate_issue(
            actor=user,
            community=community,
            item_code=payload.item_code,
            person=person,
            holder_name=payload.holder_name,
            purpose=payload.purpose,
            body=body,
            title=title,
        )
    except services.CertificateError as exc:
        raise HttpError(422, str(exc)) from exc
    certificate.community = community
    return Status(201, _out(certificate))


@router.post("/issue-batch", response={201: list[CertificateOut]})
def issue_batch(request, payload: BatchIn):
    """Issue many certificates of one kind at once, each filled from the community's template."""
    from jianfu.certificates.check import item_by_code

    user = request.auth
    community = sel.acting_community(user, "change", payload.community)
    if community is None:
        raise Http404
    item = item_by_code(payload.item_code, district_code=community.street.district.code)
    if item is None:
        raise HttpError(422, f"“{payload.item_code}” is not on the community's may-issue list")
    template = sel.template_for(community, item)
    entries = []
    for row in payload.rows:
        person = sel.person_for_issue(user=user, community=community, pid=row.person) if row.person else None
        purpose = row.purpose or payload.purpose
        values = sel.person_values(
            person, community, purpose=purpose, since=row.since, on=timezone.localdate()
        )
        if person is None:
            values["name"] = row.holder_name
        entries.append(
            services.BatchEntry(
                body=services.fill_template(template.body, values),
                purpose=purpose,
                person=person,
                holder_name=row.holder_name,
            )
        )
    try:
        certificates = services.certificate_issue_batch(
            actor=user,
            community=community,
            item_code=item.code,
            entries=entries,
            title=payload.title or template.title,
        )
    except services.CertificateError as exc:
        raise HttpError(422, str(exc)) from exc
    for certificate in certificates:
        certificate.community = community
    return Status(201, [_out(c) for c in certificates])


@router.get("/verify/{token}", response={200: VerifyOut, 404: VerifyOut, 429: VerifyOut}, auth=None)
def verify(request, token: str):
    """Public: the minimal record of a certificate by its verification token. Logged and rate-limited."""
    ip = request.META.get("REMOTE_ADDR") or None
    if services.verify_rate_limited(ip):
        services.verification_log_rate_limited(token=token, client_ip=ip)
        return Status(429, VerifyOut(result=VerificationResult.RATE_LIMITED))
    result, c = services.verification_record(token=token, client_ip=ip)
    if c is None:
        return Status(404, VerifyOut(result=result))
    return Status(
        200,
        VerifyOut(
            result=result,
            title=c.title,
            serial=c.serial,
            issued_on=timezone.localdate(c.issued_at),
            community=c.community.name,
            holder=mask_name(c.holder_name),
            revoked_on=timezone.localdate(c.revoked_at) if c.revoked_at else None,
        ),
    )


@router.post("/{int:pk}/revoke", response=CertificateOut)
def revoke(request, pk: ObjectId, payload: RevokeIn):
    certificate = sel.certificate_get(user=request.auth, pk=pk, action="manage")
    try:
        certificate = services.certificate_revoke(
            actor=request.auth, certificate=certificate, reason=payload.reason
        )
    except services.CertificateError as exc:
        raise HttpError(422, str(exc)) from exc
    return _out(certificate)


@router.get("/register", response=list[CertificateOut])
def register(
    request,
    page: Query[BigPage],
    year: Year | None = None,
    status: str = "",
    item_code: str = "",
    q: str = "",
):
    """The register (台账) the caller may see."""
    if not may(request.auth, "view"):
        return []
    qs = sel.certificate_list(user=request.auth, year=year, status=status, item_code=item_code, q=q)
    return [_out(c) for c in page.window(qs)]
