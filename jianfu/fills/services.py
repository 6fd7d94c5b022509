"""Writes of one-form filling: prepare a template, choose the population, fill, store missing values.

A fill goes DRAFT (template analysed, mapping shown) → QUEUED/RUNNING → DONE (or FAILED). Small
fills run in the request; large ones (more than `SYNC_MAX_ROWS` residents) run as a `django.tasks`
task that stores its progress on the record, so the page can poll it and the user can leave.
"""

import datetime as dt
import io
import re
import uuid
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.burden.services import MAX_UNITS, burden_entry_record, fill_saved_hours
from jianfu.core.choices import AuditAction
from jianfu.core.heartbeat import beating, last_beat, stale_filter
from jianfu.core.permissions import OutOfScope, require_actor, signed_in_user, system_actor
from jianfu.core.services import audit_record
from jianfu.fills.choices import FillStatus
from jianfu.fills.models import FillRecord
from jianfu.fills.permissions import may_complete, require_fill_community
from jianfu.fills.template import Analysis, TemplateError, analyse, open_workbook
from jianfu.fills.where import Vocabulary, WhereError, filter_people
from jianfu.fills.writer import FillResult, PersonRow, fill_sheet, splice_rows
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.models import Attribute, Person, PersonTag, Source
from jianfu.registry.selectors import header_vocabulary
from jianfu.registry.services import RegistryError, clean_values, person_record_facts

SYNC_MAX_ROWS = 2000
FILL_SOURCE_PREFIX = "填表补录·"
NOT_FILLABLE = {"age", "dwelling", "name"}  # derived, or the person's identity: never asked in the page


class FillError(ValueError):
    """A fill that cannot go ahead; the message says what and how to fix it."""


def _display_name(user: Any) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "")) if user else ""


def check_community(*, actor: Any, community: Any) -> None:
    """Only communities whose forms the actor fills (jianfu.fills.permissions); FillError otherwise."""
    try:
        require_fill_community(actor, community)
    except OutOfScope as exc:
        raise FillError(str(exc)) from exc


def record_actor(record: FillRecord) -> Any:
    """Who a fill acts for when it runs later (background task): its requester, or the command line."""
    return record.requested_by or system_actor(f"jianfu fill #{record.pk}")


def check_department(*, community: Any, department: Any) -> None:
    """The department a fill is delivered to must reach the community (same district, and street)."""
    if department is None:
        return
    if department.district_id != community.street.district_id or (
        department.street_id and department.street_id != community.street_id
    ):
        raise FillError(
            _("%(dept)s不能接收%(community)s的表格：不在其辖区内。")
            % {"dept": department.name, "community": community.name}
        )


def analyse_bytes(data: bytes, filename: str) -> Analysis:
    if not filename.lower().endswith((".xlsx", ".xlsm")) and filename.lower().endswith(".xls"):
        raise TemplateError(_("这是旧版 .xls 文件。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传。"))
    return analyse(open_workbook(data, filename), header_vocabulary())


@transaction.atomic
def fill_prepare(
    *, actor: Any, community: Any, data: bytes, filename: str, department: Any = None
) -> FillRecord:
    """Analyse an uploaded template and keep it as a draft fill whose mapping the user confirms.

    `department` is the department the filled form is delivered to: it alone (besides the
    community) may see and download the fill."""
    check_community(actor=actor, community=community)
    check_department(community=community, department=department)
    analysis = analyse_bytes(data, filename)
    name = PurePath(filename).stem[:200] or _("未命名模板")
    record = FillRecord(
        community=community,
        requested_by=signed_in_user(actor),
        department=department,
        template_name=name,
        analysis=analysis.to_dict(),
        header_row=analysis.header_row,
        unmapped=analysis.unmapped,
    )
    record.template_file.save(f"{uuid.uuid4().hex}.xlsx", ContentFile(data), save=False)
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        community=community,
        summary=_("上传填表模板“%(name)s”") % {"name": name},
        detail={"department": department.name if department else ""},
    )
    return record


def people_for_fill(
    *,
    actor: Any,
    community: Any,
    where: str,
    today: dt.date | None = None,
    vocabulary: Vocabulary | None = None,
) -> QuerySet[Person]:
    """The population: scoped to what the actor may export, narrowed by the filter (WhereError).

    There is no unscoped path: the command line passes a `system_actor`, `None` raises MissingActor."""
    require_actor(actor)
    base = Person.objects.restrict(actor, "export")
    qs = filter_people(
        base.filter(community=community),
        where,
        vocabulary or Vocabulary.from_db(),
        today or timezone.localdate(),
    )
    return qs.order_by(F("grid__code").asc(nulls_last=True), "name_key", "name", "id")


def sensitive_left_out(
    *,
    community: Any,
    where: str,
    included: int,
    today: dt.date | None = None,
    vocabulary: Vocabulary | None = None,
) -> int:
    """How many residents match the filter but were left out of the actor's fill: those with a
    sensitive (综治) tag the actor has no legal basis for (jianfu.registry.permissions). A count
    only: who they are is exactly what the actor may not see."""
    everyone = filter_people(
        Person.objects.filter(community=community),
        where,
        vocabulary or Vocabulary.from_db(),
        today or timezone.localdate(),
    )
    return max(0, everyone.count() - included)


def left_out_note(count: int) -> str:
    return _(
        "按规定未列入%(n)d名符合条件的居民：他们属于综治敏感人群，填表人没有登记的查看依据。"
        "如确需填报，请由有依据的人员（或区管理员授权后）补充。"
    ) % {"n": count}


def person_rows(queryset: QuerySet[Person], *, with_tags: bool) -> list[PersonRow]:
    """One query for the people (values included), one for their tags if a column needs them."""
    rows = list(
        queryset.values_list(
            "pk", "name", "id_number", "gender", "birth_date", "phone", "values", "grid__name", "grid__code"
        )
    )
    tags: dict[int, set[str]] = {}
    if with_tags and rows:
        for person_id, code in PersonTag.objects.filter(person__in=queryset.values("pk")).values_list(
            "person_id", "attribute__code"
        ):
            tags.setdefault(person_id, set()).add(code)
    return [
        PersonRow(
            name=n,
            id_number=i,
            gender=g,
            birth_date=b,
            phone=p,
            values=v or {},
            grid=gn or gc or "",
            tags=frozenset(tags.get(pk, ())),
        )
        for pk, n, i, g, b, p, v, gn, gc in rows
    ]


def render(
    *,
    template: bytes,
    analysis: Analysis,
    people: list[PersonRow],
    filled_by: str,
    today: dt.date,
    progress: Any = None,
    note: str = "",
) -> tuple[bytes, FillResult]:
    """The filled workbook as bytes (pure: no database writes). A `note` (who was left out and why)
    goes on a last sheet 说明, so the form's own sheet keeps the department's layout."""
    wb = open_workbook(template)
    codes = {c.attribute for c in analysis.columns if c.attribute}
    types = dict(Attribute.objects.filter(code__in=codes).values_list("code", "type"))
    result, rows = fill_sheet(
        wb[analysis.sheet],
        analysis,
        people,
        attribute_types=types,
        filled_by=filled_by,
        today=today,
        progress=progress,
    )
    if note:
        wb.create_sheet(str(_("说明")))["A1"] = note
    out = io.BytesIO()
    wb.save(out)
    return splice_rows(out.getvalue(), rows), result


def _mapped_fields(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "header": c.header,
            "group": c.group,
            "label": c.label,
            "column": c.letter,
            "attribute": c.attribute,
            "meta": c.meta,
            "how": c.how,
        }
        for c in analysis.columns
    ]


@transaction.atomic
def fill_configure(
    *, actor: Any, record: FillRecord, mapping: dict[int, str | None], where: str
) -> FillRecord:
    """Confirm the column mapping (column index → attribute code or None) and the population filter."""
    if record.is_running:
        raise FillError(_("该填表正在进行，请稍候。"))
    where = (where or "").strip()
    people_for_fill(actor=actor, community=record.community, where=where)  # raises WhereError
    analysis = Analysis.from_dict(record.analysis)
    known = set(
        Attribute.objects.filter(code__in=[c for c in mapping.values() if c]).values_list("code", flat=True)
    )
    for column in analysis.columns:
        if column.index not in mapping or column.meta:
            continue
        code = mapping[column.index] or None
        if code and code not in known:
            raise FillError(
                _("第%(col)s列：数据字典中没有属性“%(code)s”。") % {"col": column.letter, "code": code}
            )
        if code != column.attribute:
            column.attribute, column.how = code, "manual"
    record.analysis = analysis.to_dict()
    record.mapped_fields = _mapped_fields(analysis)
    record.unmapped = analysis.unmapped
    record.where = where[:1000]
    record.save(update_fields=["analysis", "mapped_fields", "unmapped", "where"])
    return record


def fill_start(*, actor: Any, record: FillRecord, background: bool | None = None) -> FillRecord:
    """Run the fill now (small) or as a background task (large)."""
    total = people_for_fill(actor=actor, community=record.community, where=record.where).count()
    _set_status(record, FillStatus.QUEUED, total=total)
    if background is None:
        background = total > SYNC_MAX_ROWS
    if background:
        from jianfu.fills.tasks import fill_task

        transaction.on_commit(lambda: fill_task.enqueue(record.pk))
        return record
    return fill_generate(actor=actor, record=record)


@transaction.atomic
def _set_status(record: FillRecord, status: str, **fields: Any) -> None:
    record.status = status
    for name, value in fields.items():
        setattr(record, name, value)
    record.save(update_fields=["status", *fields])


def fill_generate(*, actor: Any, record: FillRecord, filled_by: str | None = None) -> FillRecord:
    """Fill the template. Progress is saved as it goes (outside a transaction, so pages can poll it)."""
    require_actor(actor)
    _set_status(record, FillStatus.RUNNING, progress=0, error="", heartbeat_at=timezone.now())
    with beating(FillRecord, record.pk):
        return _generate(record, actor, filled_by)


def _generate(record: FillRecord, actor: Any, filled_by: str | None) -> FillRecord:
    try:
        analysis = Analysis.from_dict(record.analysis)
        today = timezone.localdate()
        vocabulary = Vocabulary.from_db()
        qs = people_for_fill(
            actor=actor, community=record.community, where=record.where, today=today, vocabulary=vocabulary
        )
        codes = {c.attribute for c in analysis.columns if c.attribute}
        with_tags = Attribute.objects.filter(code__in=codes, type=AttributeType.TAG).exists()
        people = person_rows(qs, with_tags=with_tags)
        left_out = sensitive_left_out(
            community=record.community,
            where=record.where,
            included=len(people),
            today=today,
            vocabulary=vocabulary,
        )
        FillRecord.objects.filter(pk=record.pk).update(total=len(people))
        record.template_file.open("rb")
        try:
            template = record.template_file.read()
        finally:
            record.template_file.close()

        def progress(n: int) -> None:
            FillRecord.objects.filter(pk=record.pk).update(progress=n)

        data, result = render(
            template=template,
            analysis=analysis,
            people=people,
            filled_by=filled_by if filled_by is not None else _display_name(signed_in_user(actor)),
            today=today,
            progress=progress,
            note=left_out_note(left_out) if left_out else "",
        )
    except (TemplateError, WhereError, OSError) as exc:
        _set_status(record, FillStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        return record
    except Exception as exc:  # never leave a record "running" forever; the task backend keeps the traceback
        _set_status(
            record,
            FillStatus.FAILED,
            error=_("填表失败（%(error)s），请联系管理员。") % {"error": exc.__class__.__name__},
            finished_at=timezone.now(),
        )
        raise
    return fill_finish(
        actor=actor,
        record=record,
        analysis=analysis,
        data=data,
        result=result,
        total=len(people),
        left_out=left_out,
    )


def fills_fail_stale(*, now: Any = None) -> list[FillRecord]:
    """Mark failed every running fill whose worker stopped beating (killed, rebooted, hung); the
    page then offers to fill it again."""
    stale: list[FillRecord] = list(
        FillRecord.objects.filter(status=FillStatus.RUNNING)
        .alias(last_beat=last_beat("created_at"))
        .filter(stale_filter(now))
        .select_related("community")
    )
    message = _("填表进程中断了（可能是后台服务重启或进程被终止），没有生成文件。请点“重新填表”。")
    for record in stale:
        with transaction.atomic():
            if not FillRecord.objects.filter(pk=record.pk, status=FillStatus.RUNNING).update(
                status=FillStatus.FAILED, error=message, finished_at=timezone.now()
            ):
                continue
            record.status, record.error = FillStatus.FAILED, message
            audit_record(
                actor=system_actor("jianfu jobs-check"),
                action=AuditAction.FILL,
                obj=record,
                community=record.community,
                summary=_("填表“%(name)s”的进程已中断，标记为失败") % {"name": record.template_name},
                detail={"heartbeat_at": str(record.heartbeat_at)},
            )
    return stale


def fill_retry(*, actor: Any, record: FillRecord) -> FillRecord:
    """Fill a failed record again (same template and filter): now if small, else in the background."""
    with transaction.atomic():
        record = FillRecord.objects.select_for_update().select_related("community").get(pk=record.pk)
        if record.status != FillStatus.FAILED:
            raise TemplateError(
                _("只有失败的填表可以重新填写（当前状态：%(status)s）。")
                % {"status": record.get_status_display()}
            )
        audit_record(
            actor=actor,
            action=AuditAction.FILL,
            obj=record,
            community=record.community,
            summary=_("重新填表“%(name)s”") % {"name": record.template_name},
            detail={"previous_error": record.error},
        )
        _set_status(record, FillStatus.QUEUED, error="", finished_at=None, heartbeat_at=None, progress=0)
    return fill_start(actor=record_actor(record), record=record)  # the requester's population, as before


@transaction.atomic
def fill_finish(
    *,
    actor: Any,
    record: FillRecord,
    analysis: Analysis,
    data: bytes,
    result: FillResult,
    total: int,
    left_out: int = 0,
) -> FillRecord:
    """Store the output, record the fill for the audit log and the burden ledger (both naming the actor)."""
    old = record.output_file.name if record.output_file else ""
    record.output_file.save(f"{uuid.uuid4().hex}.xlsx", ContentFile(data), save=False)
    if old:
        record.output_file.storage.delete(old)
    record.status = FillStatus.DONE
    record.rows_written = result.rows_written
    record.progress = record.total = total
    record.left_out = left_out
    record.blanks = result.blanks
    record.unmapped = analysis.unmapped
    record.mapped_fields = _mapped_fields(analysis)
    record.header_row = analysis.header_row
    record.finished_at = timezone.now()
    record.save(
        update_fields=[
            "output_file",
            "status",
            "rows_written",
            "progress",
            "total",
            "left_out",
            "blanks",
            "unmapped",
            "mapped_fields",
            "header_row",
            "finished_at",
        ]
    )
    fields = [c for c in analysis.columns if c.attribute or c.meta in ("seq", "filled_by", "fill_date")]
    audit_record(
        actor=actor,
        action=AuditAction.FILL,
        obj=record,
        community=record.community,
        summary=_("一表通填表“%(name)s”：%(rows)d行")
        % {"name": record.template_name, "rows": result.rows_written},
        detail={
            "where": record.where,
            "rows": result.rows_written,
            "left_out": left_out,
            "fields": [c.attribute for c in analysis.columns if c.attribute],
            "unmapped": analysis.unmapped,
        },
    )
    ref = f"fill:{record.pk}"
    if not BurdenEntry.objects.filter(source_ref=ref).exists():
        burden_entry_record(
            community=record.community,
            kind=EntryKind.FILL,
            title=record.template_name,
            occurred_on=timezone.localdate(),
            department=record.department,
            units=min(Decimal(result.rows_written * len(fields)), MAX_UNITS),  # cells prefilled
            imposed=False,
            saved_hours=fill_saved_hours(rows=result.rows_written, fields=len(fields)),
            source_ref=ref,
            actor=actor,
        )
    return record


@transaction.atomic
def fill_download_record(*, actor: Any, record: FillRecord) -> None:
    """Every download of a filled file is an export of personal data: audited."""
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=record,
        community=record.community,
        summary=_("下载填好的表“%(name)s”（%(rows)d行）")
        % {"name": record.template_name, "rows": record.rows_written},
    )


def attribute_code_for(name: str) -> str:
    base = "x_" + re.sub(r"[^a-z0-9]+", "_", "".join(lazy_pinyin(name)).lower()).strip("_")[:50]
    code, n = base, 2
    while Attribute.objects.filter(code=code).exists():
        code, n = f"{base}_{n}", n + 1
    return code


def attribute_for_column(*, actor: Any, header: str) -> Attribute:
    """The dictionary attribute for a column jianfu did not know: created once, found next time."""
    from jianfu.registry.dictionary import normalize_header

    name = normalize_header(header)[:100] or header[:100]
    existing = Attribute.objects.filter(name=name).first()
    if existing:
        return existing
    attribute = Attribute.objects.create(
        code=attribute_code_for(name),
        name=name,
        synonyms=[header[:100]] if header != name else [],
        type=AttributeType.TEXT,
        sort=5000,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=attribute,
        summary=_("填表时新增数据字典属性“%(name)s”") % {"name": name},
    )
    return attribute


def fill_source(record: FillRecord) -> Source:
    source, _created = Source.objects.get_or_create(
        name=(FILL_SOURCE_PREFIX + record.template_name)[:150],
        defaults={"kind": SourceKind.FILL, "priority": 50, "department": record.department},
    )
    return source


@transaction.atomic
def fill_missing_save(*, actor: Any, record: FillRecord, entries: dict[str, dict[str, str]]) -> int:
    """Store values a worker typed for blank cells as facts (all or nothing). Returns facts written.

    `entries`: person pid → {column key → text}; a column key is an attribute code, or `col<index>`
    for a column jianfu could not map (it becomes a new dictionary attribute).
    """
    if not may_complete(actor, record):
        raise FillError(_("您无权修改该社区的居民信息。"))
    analysis = Analysis.from_dict(record.analysis)
    by_key = {f"col{c.index}": c for c in analysis.columns if c.attribute is None and c.meta is None}
    entries = {pid: {k: v.strip() for k, v in row.items() if v and v.strip()} for pid, row in entries.items()}
    entries = {pid: row for pid, row in entries.items() if row}
    if not entries:
        return 0
    unknown = {k for row in entries.values() for k in row if k.startswith("col") and k not in by_key}
    if unknown:
        raise FillError(_("表格已变化，请刷新页面后重新填写。"))
    new_codes: dict[str, str] = {}
    for key in sorted({k for row in entries.values() for k in row if k in by_key}):
        column = by_key[key]
        attribute = attribute_for_column(actor=actor, header=column.header)
        new_codes[key] = attribute.code
        column.attribute, column.how = attribute.code, "manual"
    people = {
        p.pid: p
        for p in Person.objects.restrict(actor, "change")
        .filter(community=record.community, pid__in=list(entries))
        .select_related("community")
    }
    if len(people) != len(entries):
        raise FillError(_("部分居民不在您的范围内，未保存任何内容。"))
    codes = {new_codes.get(k, k) for row in entries.values() for k in row}
    attributes = {a.code: a for a in Attribute.objects.filter(code__in=codes)}
    errors: list[str] = []
    prepared: dict[str, dict[str, str]] = {}
    for pid, row in entries.items():
        values = {new_codes.get(k, k): v for k, v in row.items()}
        for code in values:
            if code in NOT_FILLABLE or code not in attributes:
                errors.append(
                    _("%(person)s：不能在这里填写“%(code)s”。") % {"person": people[pid].name, "code": code}
                )
        _cleaned, problems = clean_values({c: v for c, v in values.items() if c in attributes}, attributes)
        errors += [
            _("%(person)s · %(column)s：%(error)s")
            % {"person": people[pid].name, "column": attributes[c].name, "error": e}
            for c, e in problems.items()
        ]
        prepared[pid] = values
    if errors:
        raise FillError(_("没有保存，请先修正：") + "；".join(errors[:20]))
    source = fill_source(record)
    written = 0
    for pid, values in prepared.items():
        try:
            written += len(
                person_record_facts(
                    actor=actor,
                    person=people[pid],
                    values=values,
                    source=source,
                    note=_("填表补录：%(name)s") % {"name": record.template_name},
                )
            )
        except RegistryError as exc:
            raise FillError(f"{people[pid].name}：{exc}") from exc
    record.analysis = analysis.to_dict()
    record.unmapped = analysis.unmapped
    record.mapped_fields = _mapped_fields(analysis)
    record.save(update_fields=["analysis", "unmapped", "mapped_fields"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=record,
        community=record.community,
        summary=_("填表补录%(n)d项信息（%(name)s）") % {"n": written, "name": record.template_name},
    )
    return written
