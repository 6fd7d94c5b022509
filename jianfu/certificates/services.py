"""Writes of the certificate desk. Every write is atomic and audited in the same transaction."""

import hashlib
import re
import secrets
import string
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entry_record
from jianfu.catalog.choices import ListKind
from jianfu.certificates.check import check_request, item_by_code
from jianfu.certificates.choices import CertificateStatus, Decision, VerificationResult
from jianfu.certificates.defaults import PLACEHOLDERS
from jianfu.certificates.models import (
    Certificate,
    CertificateDemand,
    CertificateTemplate,
    CommunitySeal,
    SerialCounter,
    VerificationLog,
)
from jianfu.certificates.pdf import png_size
from jianfu.core.choices import AuditAction
from jianfu.core.masking import mask_id_number
from jianfu.core.services import audit_record

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
MAX_BODY = 3000
MAX_SEAL_BYTES = 1024 * 1024


class CertificateError(ValueError):
    """Bad input to a certificate write; the message says what and how to fix it."""


def district_code_of(community: Any) -> str:
    return community.street.district.code


def serial_text(year: int, number: int) -> str:
    return f"〔{year}〕第{number:04d}号"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


# --- templates and seal -----------------------------------------------------------------------


def template_placeholders(body: str) -> list[str]:
    """The placeholders a template uses; CertificateError when one is unknown or a brace is unbalanced."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(body) if name is not None]
    except ValueError as exc:
        raise CertificateError(
            _("模板中的花括号不成对：占位符写作{name}，正文中要显示花括号请写 {{ 或 }}。")
        ) from exc
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        raise CertificateError(
            _("模板中有未知的占位符：%(unknown)s。可用的占位符：%(known)s。")
            % {
                "unknown": "、".join("{" + n + "}" for n in unknown),
                "known": "、".join("{" + n + "}" for n in PLACEHOLDERS),
            }
        )
    return names


def fill_template(body: str, values: dict[str, str]) -> str:
    template_placeholders(body)
    return body.format_map({k: values.get(k, "") for k in PLACEHOLDERS})


@transaction.atomic
def certificate_template_save(
    *, actor: Any, community: Any, item_code: str, title: str, body: str
) -> CertificateTemplate:
    title, body = (title or "").strip(), (body or "").strip()
    item = item_by_code(item_code, district_code=district_code_of(community))
    if item is None or item.list_kind != ListKind.CERTIFICATE_MAY:
        raise CertificateError(_("“%(code)s”不在本社区可以出具的证明清单上。") % {"code": item_code})
    if not title or len(title) > 100:
        raise CertificateError(_("请填写证明标题（最多100个字）。"))
    if not body or len(body) > MAX_BODY:
        raise CertificateError(_("请填写正文模板（最多%(max)s个字）。") % {"max": MAX_BODY})
    template_placeholders(body)
    row, created = CertificateTemplate.objects.update_or_create(
        community=community,
        item_code=item_code,
        defaults={"title": title, "body": body, "updated_by": actor},
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=row,
        community=community,
        summary=_("修改证明模板：%(code)s %(title)s") % {"code": item_code, "title": title},
    )
    return row


@transaction.atomic
def community_seal_save(*, actor: Any, community: Any, png: bytes) -> CommunitySeal:
    if len(png) > MAX_SEAL_BYTES:
        raise CertificateError(_("印章图片太大（最大1 MB）。"))
    try:
        png_size(png)
    except ValueError as exc:
        raise CertificateError(_("印章图片必须是 PNG 格式（建议透明背景、边长300–600像素）。")) from exc
    seal, _created = CommunitySeal.objects.update_or_create(
        community=community, defaults={"png": png, "uploaded_by": actor}
    )
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=seal, community=community, summary=_("上传社区印章")
    )
    return seal


@transaction.atomic
def community_seal_delete(*, actor: Any, community: Any) -> None:
    deleted, _rows = CommunitySeal.objects.filter(community=community).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="certificates.communityseal",
            object_id=str(community.pk),
            community=community,
            summary=_("删除社区印章"),
        )


# --- issuing and revoking ---------------------------------------------------------------------


def next_serial_number(*, community: Any, year: int, count: int = 1) -> int:
    """The next number of the community's year (the first of `count` consecutive ones), under a row
    lock held until the transaction ends.

    Two workers issuing at the same moment wait for each other on the counter row, so numbers
    have no gaps and no duplicates; a failed issue rolls the counter back with it.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_serial_number must run inside the issuing transaction")
    counter = SerialCounter.objects.select_for_update().filter(community=community, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                SerialCounter.objects.create(community=community, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs
        counter = SerialCounter.objects.select_for_update().get(community=community, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def _may_issue_item(community: Any, item_code: str) -> Any:
    item = item_by_code(item_code, district_code=district_code_of(community))
    if item is None or item.list_kind != ListKind.CERTIFICATE_MAY:
        raise CertificateError(
            _("“%(code)s”不在本社区可以出具的证明清单上，不能出具。请先在证明窗口查询。")
            % {"code": item_code}
        )
    return item


def _unsaved_certificate(
    *,
    actor: Any,
    community: Any,
    item: Any,
    body: str,
    purpose: str,
    person: Any,
    holder_name: str,
    title: str,
    now: Any,
) -> Certificate:
    """A checked, not yet numbered certificate; CertificateError says what is wrong."""
    if person is not None and person.community_id != community.pk:
        raise CertificateError(_("该居民不在本社区居民库中，不能以本社区名义出具。"))
    holder_name = (person.name if person is not None else (holder_name or "")).strip()
    if not holder_name or len(holder_name) > 50:
        raise CertificateError(_("请选择居民库中的申请人（或填写持证人姓名，最多50个字）。"))
    body = (body or "").strip()
    purpose = (purpose or "").strip()
    if not body or len(body) > MAX_BODY:
        raise CertificateError(_("请填写证明正文（最多%(max)s个字）。") % {"max": MAX_BODY})
    if not purpose or len(purpose) > 200:
        raise CertificateError(_("请填写证明用途（向哪个单位提交、办什么事；最多200个字）。"))
    if re.search(r"\{[a-z_]+\}", body):
        raise CertificateError(_("正文中还有未填写的占位符（如{name}），请先填充或修改。"))
    return Certificate(
        community=community,
        item_code=item.code,
        item_name=item.name[:300],
        title=(title or "").strip()[:100] or item.name[:100],
        year=timezone.localdate(now).year,
        person=person,
        holder_name=holder_name,
        holder_id_masked=mask_id_number(person.id_number) if person is not None else "",
        purpose=purpose,
        body=body,
        token=secrets.token_urlsafe(24),
        issued_at=now,
        issued_by=actor,
    )


@transaction.atomic
def certificate_issue(
    *,
    actor: Any,
    community: Any,
    item_code: str,
    body: str,
    purpose: str,
    person: Any = None,
    holder_name: str = "",
    title: str = "",
) -> Certificate:
    """Issue a certificate the community may issue, with the next serial number of its year."""
    item = _may_issue_item(community, item_code)
    certificate = _unsaved_certificate(
        actor=actor,
        community=community,
        item=item,
        body=body,
        purpose=purpose,
        person=person,
        holder_name=holder_name,
        title=title,
        now=timezone.now(),
    )
    certificate.number = next_serial_number(community=community, year=certificate.year)
    certificate.serial = serial_text(certificate.year, certificate.number)
    certificate.save(force_insert=True)
    audit_record(
        actor=actor,
        action=AuditAction.ISSUE,
        obj=certificate,
        community=community,
        purpose=certificate.purpose,
        summary=_("出具%(title)s %(serial)s") % {"title": certificate.title, "serial": certificate.serial},
        detail={"item_code": item.code, "person": getattr(person, "pid", None)},
    )
    return certificate


@dataclass(frozen=True)
class BatchEntry:
    body: str
    purpose: str
    person: Any = None
    holder_name: str = ""


@transaction.atomic
def certificate_issue_batch(
    *, actor: Any, community: Any, item_code: str, entries: list[BatchEntry], title: str = ""
) -> list[Certificate]:
    """Issue many certificates of one kind at once (e.g. practice certificates for a school class):
    all or nothing, consecutive serial numbers reserved under one lock, one audit row."""
    if not entries:
        raise CertificateError(_("没有要出具的证明。"))
    if len(entries) > 5000:
        raise CertificateError(_("一次最多出具5000份证明，请分批办理。"))
    item = _may_issue_item(community, item_code)
    now = timezone.now()
    certificates = []
    for row, entry in enumerate(entries, start=1):
        try:
            certificates.append(
                _unsaved_certificate(
                    actor=actor,
                    community=community,
                    item=item,
                    body=entry.body,
                    purpose=entry.purpose,
                    person=entry.person,
                    holder_name=entry.holder_name,
                    title=title,
                    now=now,
                )
            )
        except CertificateError as exc:
            raise CertificateError(_("第%(row)s份：%(error)s") % {"row": row, "error": exc}) from exc
    year = certificates[0].year
    first = next_serial_number(community=community, year=year, count=len(certificates))
    for offset, certificate in enumerate(certificates):
        certificate.number = first + offset
        certificate.serial = serial_text(year, certificate.number)
    Certificate.objects.bulk_create(certificates, batch_size=500)
    audit_record(
        actor=actor,
        action=AuditAction.ISSUE,
        object_type="certificates.certificate",
        object_id=f"{certificates[0].serial}–{certificates[-1].serial}",
        community=community,
        summary=_("批量出具%(title)s %(n)s份（%(first)s至%(last)s）")
        % {
            "title": certificates[0].title,
            "n": len(certificates),
            "first": certificates[0].serial,
            "last": certificates[-1].serial,
        },
        detail={"item_code": item.code, "count": len(certificates)},
    )
    return certificates


@transaction.atomic
def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason or len(reason) > 300:
        raise CertificateError(_("请填写撤销原因（最多300个字），核验页会显示撤销日期。"))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.status == CertificateStatus.REVOKED:
        raise CertificateError(
            _("该证明已于%(date)s撤销。") % {"date": timezone.localdate(locked.revoked_at)}
        )
    locked.status = CertificateStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.revoke_reason = reason
    locked.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        obj=locked,
        community=certificate.community,
        summary=_("撤销证明%(serial)s") % {"serial": locked.serial},
        purpose=reason,
    )
    return locked


# --- verification -----------------------------------------------------------------------------


def verify_rate_per_minute() -> int:
    return int(getattr(settings, "CERTIFICATE_VERIFY_PER_MINUTE", 30))


def verify_rate_limited(client_ip: str | None) -> bool:
    """True when this client has already looked up too many certificates this minute."""
    minute = int(timezone.now().timestamp() // 60)
    key = f"certificates:verify:{client_ip or '-'}:{minute}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=90)
        count = 1
    return count > verify_rate_per_minute()


@transaction.atomic
def verification_record(*, token: str, client_ip: str | None) -> tuple[str, Certificate | None]:
    """Look a presented token up and log the look-up (valid or not). Never raises on bad tokens."""
    token = (token or "")[:200]
    certificate = None
    if not TOKEN_RE.match(token):
        result = VerificationResult.INVALID
    else:
        certificate = Certificate.objects.select_related("community").filter(token=token).first()
        if certificate is None:
            result = VerificationResult.UNKNOWN
        elif certificate.status == CertificateStatus.REVOKED:
            result = VerificationResult.REVOKED
        else:
            result = VerificationResult.VALID
    VerificationLog.objects.create(
        certificate=certificate, token_hash=hash_token(token), client_ip=client_ip, result=result
    )
    return result, certificate


def verification_log_rate_limited(*, token: str, client_ip: str | None) -> None:
    VerificationLog.objects.create(
        token_hash=hash_token((token or "")[:200]),
        client_ip=client_ip,
        result=VerificationResult.RATE_LIMITED,
    )


# --- demands (feedback to the 减负办) ---------------------------------------------------------


@transaction.atomic
def certificate_demand_record(
    *, actor: Any, community: Any, text: str, institution: str = ""
) -> CertificateDemand:
    """Record a request the community must not (or need not) fulfil and who demanded it.

    The answer is recomputed here, never taken from the client. A must-not request becomes a
    burden-ledger entry; a request on neither list is recorded as outside the lists.
    """
    institution = (institution or "").strip()
    if len(institution) > 150:
        raise CertificateError(_("要求开具的单位名称太长（最多150个字）。"))
    result = check_request(text=text, district_code=district_code_of(community))
    if result.decision == Decision.MAY_ISSUE:
        raise CertificateError(_("该证明社区可以出具，无需登记为不当需求；请直接办理。"))
    now = timezone.now()
    demand = CertificateDemand.objects.create(
        community=community,
        text=result.text[:300],
        item_code=result.item.code if result.item else "",
        item_name=result.item.name[:300] if result.item else "",
        decision=result.decision,
        institution=institution,
        at=now,
        worker=actor,
    )
    what = result.item.name if result.item else result.text
    title = (
        _("要求社区开具“%(what)s”（要求方：%(who)s）") if institution else _("要求社区开具“%(what)s”")
    ) % {"what": what, "who": institution}
    burden_entry_record(
        community=community,
        kind=EntryKind.CERTIFICATE_DEMAND,
        title=title,
        occurred_on=timezone.localdate(now),
        department=_department_named(community, institution),
        imposed=True,
        outside_lists=result.decision == Decision.NEEDS_REVIEW,
        source_ref=f"certificates.demand:{demand.pk}",
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=demand,
        community=community,
        summary=_("登记证明需求：%(title)s") % {"title": title},
    )
    return demand


def _department_named(community: Any, name: str) -> Any:
    """The department of the community's district with exactly this name, if the resident named one."""
    if not name:
        return None
    from jianfu.orgs.models import Department

    return Department.objects.filter(district_id=community.street.district_id, name=name).first()


# --- exports ----------------------------------------------------------------------------------


@transaction.atomic
def certificate_register_export(*, actor: Any, certificates: Any, filters: dict[str, Any]) -> bytes:
    """The register as xlsx; the export is audited."""
    from jianfu.certificates.exports import register_xlsx

    rows = list(certificates)
    data = register_xlsx(rows)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="certificates.certificate",
        community=getattr(actor, "community", None),
        summary=_("导出证明台账（%(n)s条）") % {"n": len(rows)},
        detail={"filters": filters},
    )
    return data


@transaction.atomic
def demand_report_export(*, actor: Any, rows: list[Any], month: str) -> bytes:
    from jianfu.certificates.exports import demand_report_xlsx

    data = demand_report_xlsx(rows, month)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="certificates.certificatedemand",
        community=getattr(actor, "community", None),
        summary=_("导出仍要求开具证明的单位月报（%(month)s）") % {"month": month},
    )
    return data
