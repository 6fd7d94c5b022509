"""Writes of data sharing: open a request (from the gate), approve/reject it, revoke an agreement,
release and download a file, purge expired files. Every write is atomic and audited."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entry_record, fill_saved_hours
from jianfu.core.choices import AuditAction
from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.core.services import audit_record
from jianfu.fills.where import Vocabulary, WhereError
from jianfu.sharing import permissions, population
from jianfu.sharing.choices import MASKABLE_FIELDS, AgreementStatus, PopulationSource, RequestStatus
from jianfu.sharing.models import DataAgreement, DataRequest

DEFAULT_AGREEMENT_DAYS = 365
MAX_AGREEMENT_DAYS = 3 * 365
TEXT_MAX = 1000


def release_days() -> int:
    """How long a released file can be downloaded (JIANFU_DATA_RELEASE_DAYS, default 7)."""
    return int(getattr(settings, "JIANFU_DATA_RELEASE_DAYS", 7))


def _text(value: Any, *, field: str, label: str, required: bool, limit: int = TEXT_MAX) -> str:
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s不能为空，请填写。") % {"label": label}})
    if len(text) > limit:
        raise ValidationError(
            {field: _("%(label)s过长：最多%(limit)s个字符。") % {"label": label, "limit": limit}}
        )
    return text


def clean_population(text: str, vocabulary: Vocabulary | None = None) -> str:
    """The canonical filter, or a ValidationError saying where the filter is wrong."""
    try:
        return population.canonical(text, vocabulary)
    except WhereError as exc:
        raise ValidationError({"population": _("人群条件有误：%(error)s") % {"error": exc}}) from exc


def _clean_fields(codes: Sequence[str], *, allowed: Sequence[str] | None = None) -> list[str]:
    from jianfu.gate.registry_request import vocabulary

    vocab = vocabulary()
    codes = list(dict.fromkeys(str(c).strip() for c in codes if str(c).strip()))
    unknown = [c for c in codes if c not in vocab.by_code]
    if unknown:
        raise ValidationError(
            {"fields": _("居民库没有这些数据项：%(codes)s。") % {"codes": "、".join(unknown)}}
        )
    if allowed is not None:
        extra = [c for c in codes if c not in allowed]
        if extra:
            raise ValidationError(
                {"fields": _("只能在部门索取的数据项内核准，多出：%(codes)s。") % {"codes": "、".join(extra)}}
            )
    return codes


# ---------------------------------------------------------------------------------------------
# Opening a request (the gate calls this when it decides "served from the registry")


def covering_agreement(
    *,
    department: Any,
    population_text: str,
    fields: Sequence[str],
    full_fields: Sequence[str],
    communities: Sequence[Any],
    on: dt.date,
) -> DataAgreement | None:
    """An agreement in force that already allows this request: same department, the request's filter
    narrows the agreement's, its fields and full-value fields and communities are inside it."""
    if not population_text:
        return None
    vocabulary = Vocabulary.from_db()
    wanted = {c.pk for c in communities}
    candidates = (
        DataAgreement.objects.filter(department=department, status=AgreementStatus.ACTIVE, expires_on__gte=on)
        .prefetch_related("communities")
        .order_by("-approved_at", "-id")
    )
    for agreement in candidates:
        if not set(fields) <= set(agreement.fields):
            continue
        if not set(full_fields) <= set(agreement.full_fields):
            continue
        if not wanted <= {c.pk for c in agreement.communities.all()}:
            continue
        if population.narrows(population_text, agreement.population, vocabulary):
            return agreement
    return None


@transaction.atomic
def data_request_open(
    *,
    actor: Any,
    task: Any,
    fields: Sequence[str],
    full_fields: Sequence[str] = (),
    population_text: str = "",
    population_source: str = PopulationSource.STATED,
    communities: Sequence[Any],
    on: dt.date | None = None,
) -> DataRequest:
    """Record a department's data request; release it at once inside an agreement, else it waits."""
    on = on or timezone.localdate()
    fields = _clean_fields(fields)
    full_fields = [c for c in dict.fromkeys(full_fields) if c in fields]
    population_text = clean_population(population_text) if population_text else ""
    if not population_text:
        population_source = PopulationSource.UNDETERMINED
    request = DataRequest.objects.create(
        task=task,
        department=task.department,
        population=population_text,
        population_source=population_source,
        fields=fields,
        full_fields=full_fields,
    )
    request.communities.set(communities)
    agreement = covering_agreement(
        department=task.department,
        population_text=population_text,
        fields=fields,
        full_fields=full_fields,
        communities=communities,
        on=on,
    )
    if agreement is None:
        if not population_text:
            reason = _("无法确定要哪些居民（没有人群条件）：不会提供全体居民，须由减负办核定人群条件。")
        else:
            reason = _("该部门尚无涵盖此需求的数据共享协议：首次需求须由减负办核准。")
        request.pending_reason = reason
        request.save(update_fields=["pending_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=request,
            summary=_("%(dept)s提出数据需求「%(title)s」，待减负办核准")
            % {"dept": task.department.name, "title": task.title},
            detail={"population": population_text, "fields": fields, "full_fields": full_fields},
        )
        return request
    request.agreement = agreement
    request.decision_reason = _("在数据共享协议 #%(id)s范围内，自动提供。") % {"id": agreement.pk}
    request.save(update_fields=["agreement", "decision_reason"])
    _release(request, agreement, actor=actor, on=on)
    return request


# ---------------------------------------------------------------------------------------------
# The 减负办


@transaction.atomic
def data_request_approve(
    *,
    actor: Any,
    request: DataRequest,
    population_text: str,
    fields: Sequence[str],
    full_fields: Sequence[str] = (),
    legal_basis: str = "",
    purpose: str = "",
    expires_on: dt.date | None = None,
    reason: str = "",
) -> DataAgreement:
    """Approve a pending request: a standing agreement (the office may narrow the population and the
    fields), then the release. Full values need a recorded legal basis."""
    permissions.require_decide(actor, request)
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            _("该数据需求状态为「%(s)s」，不能再核准。") % {"s": RequestStatus(request.status).label}
        )
    today = timezone.localdate()
    population_text = clean_population(population_text)
    if not population_text:
        raise ValidationError({"population": _("请填写人群条件（例如 tag=残疾）：协议不能覆盖全体居民。")})
    fields = _clean_fields(fields, allowed=request.fields)
    if not fields:
        raise ValidationError({"fields": _("请至少核准一个数据项。")})
    full_fields = [c for c in dict.fromkeys(full_fields) if c]
    outside = [c for c in full_fields if c not in fields]
    if outside:
        raise ValidationError(
            {"full_fields": _("提供完整值的数据项须在核准的数据项内：%(c)s。") % {"c": "、".join(outside)}}
        )
    legal_basis = _text(legal_basis, field="legal_basis", label=_("法律依据"), required=bool(full_fields))
    purpose = _text(purpose or request.task.title, field="purpose", label=_("用途"), required=True, limit=300)
    reason = _text(reason, field="reason", label=_("核准意见"), required=False)
    expires_on = expires_on or today + dt.timedelta(days=DEFAULT_AGREEMENT_DAYS)
    if not today < expires_on <= today + dt.timedelta(days=MAX_AGREEMENT_DAYS):
        raise ValidationError(
            {
                "expires_on": _("有效期须在今天之后、三年以内（%(d)s之前）。")
                % {"d": (today + dt.timedelta(days=MAX_AGREEMENT_DAYS)).isoformat()}
            }
        )
    communities = list(request.communities.all())
    agreement = DataAgreement.objects.create(
        department=request.department,
        purpose=purpose,
        population=population_text,
        fields=fields,
        full_fields=full_fields,
        legal_basis=legal_basis,
        expires_on=expires_on,
        approved_by=actor,
    )
    agreement.communities.set(communities)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=agreement,
        summary=_("减负办核准%(dept)s的数据共享协议：%(purpose)s")
        % {"dept": request.department.name, "purpose": purpose},
        detail={
            "population": population_text,
            "fields": fields,
            "full_fields": full_fields,
            "legal_basis": legal_basis[:300],
            "expires_on": expires_on.isoformat(),
            "communities": [c.code for c in communities],
        },
    )
    if population_text != request.population:
        request.population_source = PopulationSource.OFFICE
    request.agreement = agreement
    request.population = population_text
    request.fields = fields
    request.full_fields = [c for c in request.full_fields if c in full_fields]
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_reason = reason
    request.save(
        update_fields=[
            "agreement",
            "population",
            "population_source",
            "fields",
            "full_fields",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]
    )
    _release(request, agreement, actor=actor, on=today)
    return agreement


def _close_with_reason(
    row: Any,
    *,
    actor: Any,
    reason: str,
    reason_label: str,
    status: str,
    fields: tuple[str, str, str],
    action: AuditAction,
    summary: str,
) -> Any:
    """Lock `row`, record who closed it, when and why (`fields`: by, at, reason), and audit it."""
    reason = _text(reason, field="reason", label=reason_label, required=True)
    by, at, why = fields
    row.status = status
    setattr(row, by, actor)
    setattr(row, at, timezone.now())
    setattr(row, why, reason)
    row.save(update_fields=["status", by, at, why])
    audit_record(actor=actor, action=action, obj=row, summary=summary, detail={"reason": reason[:500]})
    return row


@transaction.atomic
def data_request_reject(*, actor: Any, request: DataRequest, reason: str) -> DataRequest:
    permissions.require_decide(actor, request)
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("只能对待核准的数据需求作出决定。"))
    return _close_with_reason(
        request,
        actor=actor,
        reason=reason,
        reason_label=_("理由"),
        status=RequestStatus.REJECTED,
        fields=("decided_by", "decided_at", "decision_reason"),
        action=AuditAction.DECIDE,
        summary=_("减负办不予提供数据：%(title)s") % {"title": request.task.title},
    )


@transaction.atomic
def agreement_revoke(*, actor: Any, agreement: DataAgreement, reason: str) -> DataAgreement:
    """Revoke an agreement: no more automatic releases, and its files can no longer be downloaded."""
    permissions.require_revoke(actor, agreement)
    agreement = DataAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("该协议已撤销。"))
    return _close_with_reason(
        agreement,
        actor=actor,
        reason=reason,
        reason_label=_("撤销理由"),
        status=AgreementStatus.REVOKED,
        fields=("revoked_by", "revoked_at", "revoke_reason"),
        action=AuditAction.REVOKE,
        summary=_("撤销数据共享协议 #%(id)s（%(dept)s）")
        % {"id": agreement.pk, "dept": agreement.department},
    )


# ---------------------------------------------------------------------------------------------
# Release and download


def _age(birth: dt.date | None, on: dt.date) -> Any:
    if birth is None:
        return ""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


MASKS = {"id_number": mask_id_number, "phone": mask_phone, "disability_number": mask_id_number}


def release_rows(
    request: DataRequest, agreement: DataAgreement, *, on: dt.date
) -> tuple[list[str], list[list[Any]], dict[int, int]]:
    """Header, rows and rows per community of a release: only the fields asked for, only the people
    the filter selects, masked unless the agreement gives the full value with a legal basis."""
    from jianfu.gate.registry_request import vocabulary

    vocab = vocabulary()
    fields = list(request.fields)
    full = set(agreement.full_fields) if agreement.legal_basis else set()
    communities = list(request.communities.all())
    qs = population.people(request.population, communities, on=on)
    header = [_("序号"), _("社区"), *(vocab.by_code[c][0] if c in vocab.by_code else c for c in fields)]
    rows: list[list[Any]] = []
    per_community: dict[int, int] = {}
    columns = (
        "community_id",
        "community__name",
        "grid__name",
        "name",
        "id_number",
        "gender",
        "birth_date",
        "phone",
        "values",
    )
    for community_id, community_name, grid, name, id_number, gender, birth, phone, values in qs.values_list(
        *columns
    ).iterator(chunk_size=2000):
        per_community[community_id] = per_community.get(community_id, 0) + 1
        core = {
            "name": name,
            "id_number": id_number,
            "gender": gender,
            "phone": phone,
            "birth_date": birth.isoformat() if birth else "",
            "age": _age(birth, on),
            "grid": grid or "",
        }
        row: list[Any] = [len(rows) + 1, community_name]
        for code in fields:
            value = core[code] if code in core else (values or {}).get(code, "")
            if code in MASKABLE_FIELDS and code not in full:
                value = MASKS[code](str(value)) if value else ""
            row.append("" if value is None else value)
        rows.append(row)
    return header, rows, per_community


def _write_xlsx(header: list[str], rows: list[list[Any]], fields: list[str]) -> bytes:
    import xlsxwriter

    from jianfu.sheets.safe import TEXT_ATTRIBUTES, XlsxTextWriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(_("数据"))
    writer = XlsxTextWriter(book)
    for col, label in enumerate(header):
        writer.write(sheet, 0, col, label)
    text_cols = {i + 2 for i, code in enumerate(fields) if code in TEXT_ATTRIBUTES}
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            writer.write(sheet, r, col, value, as_text=col in text_cols)
    book.close()
    return buffer.getvalue()


def _release(request: DataRequest, agreement: DataAgreement, *, actor: Any, on: dt.date) -> None:
    """Build the file, credit the saved hours per community (now, at release), audit."""
    header, rows, per_community = release_rows(request, agreement, on=on)
    content = _write_xlsx(header, rows, list(request.fields))
    now = timezone.now()
    request.status = RequestStatus.RELEASED
    request.rows = len(rows)
    request.released_at = now
    request.file_expires_at = now + dt.timedelta(days=release_days())
    request.file.save(f"data-request-{request.pk}.xlsx", ContentFile(content), save=False)
    request.save(update_fields=["status", "rows", "released_at", "file_expires_at", "file"])
    masked = [
        c
        for c in request.fields
        if c in MASKABLE_FIELDS and not (agreement.legal_basis and c in agreement.full_fields)
    ]
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=request,
        summary=_("居民库数据提供给%(dept)s：%(title)s（%(n)s行，协议 #%(a)s）")
        % {"dept": request.department.name, "title": request.task.title, "n": len(rows), "a": agreement.pk},
        purpose=agreement.purpose[:300],
        detail={
            "agreement": agreement.pk,
            "population": request.population,
            "fields": list(request.fields),
            "masked": masked,
            "rows": len(rows),
            "communities": per_community,
        },
    )
    for community in request.communities.select_related("street"):
        n = per_community.get(community.pk, 0)
        burden_entry_record(
            community=community,
            kind=EntryKind.DATA_REQUEST,
            title=request.task.title,
            occurred_on=on,
            department=request.department,
            units=max(n * len(request.fields), 1),
            imposed=False,
            saved_hours=fill_saved_hours(rows=n, fields=len(request.fields)),
            source_ref=f"gate.task:{request.task_id}",
            actor=actor,
        )


class FileGone(Exception):
    """The released file expired, was purged, or its agreement was revoked."""


@transaction.atomic
def data_request_download(*, actor: Any, request: DataRequest) -> tuple[Any, str]:
    """Open the released file for its department (audited; counts the download)."""
    permissions.require_download(actor, request)
    request = (
        DataRequest.objects.select_for_update(of=("self",))
        .select_related("agreement", "task")
        .get(pk=request.pk)
    )
    if not request.file_available():
        raise FileGone
    request.downloads += 1
    request.save(update_fields=["downloads"])
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=request,
        summary=_("下载居民库提供的数据：%(title)s（%(n)s行）")
        % {"title": request.task.title, "n": request.rows},
        purpose=request.agreement.purpose[:300] if request.agreement else request.task.title[:300],
        detail={"download": request.downloads},
    )
    return request.file.open("rb"), f"data-request-{request.pk}.xlsx"


@transaction.atomic
def released_files_purge(*, actor: Any = None, now: dt.datetime | None = None) -> int:
    """Delete the files whose download period is over (or whose agreement was revoked)."""
    now = now or timezone.now()
    rows = DataRequest.objects.filter(file_purged_at=None, status=RequestStatus.RELEASED).exclude(file="")
    expired = rows.filter(file_expires_at__lte=now) | rows.filter(agreement__status=AgreementStatus.REVOKED)
    n = 0
    for request in expired.select_for_update(of=("self",)):
        request.file.delete(save=False)
        request.file_purged_at = now
        request.save(update_fields=["file", "file_purged_at"])
        n += 1
    if n:
        audit_record(
            actor=actor or "system",
            action=AuditAction.DELETE,
            object_type="sharing.datarequest",
            summary=_("删除%(n)s个已过期的数据文件") % {"n": n},
            detail={"files": n},
        )
    return n
