"""Ledger import: upload → mapping confirmation → import (one transaction) → review decisions.

Import runs in two phases. The *plan* only reads: it reads the file, cleans every row, links
rows to people (exact on a valid ID number, then Splink for the rest) and counts progress on
the LedgerImport. The *write* is one transaction: new people, new facts (never a fact equal to
the source's latest value for that person and attribute), current values and tags of only the
affected people (same rules as `registry.services.person_refresh`), review items and the
per-row outcome. A failure anywhere leaves the registry as it was.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.batchgc import rare_collections
from jianfu.core.choices import AuditAction
from jianfu.core.heartbeat import beating, last_beat, stale_filter, stale_seconds
from jianfu.core.permissions import actor_label as actor_label_of
from jianfu.core.permissions import require_actor, system_actor
from jianfu.core.services import audit_record
from jianfu.ledgers.base import LedgerError, actor_user, transition
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX, ImportStatus, ReviewStatus, RowStatus
from jianfu.ledgers.linking import link_rows
from jianfu.ledgers.mapping import attribute_for_new_column, propose_mapping, resolve_mapping
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.ledgers.rows import clean_rows
from jianfu.ledgers.tagging import SOURCE_DEFAULT, imply_tags, tag_report
from jianfu.ledgers.write import (
    ChunkPublisher,
    Staged,
    publish_chunks,
    publish_plan,
    publishes_beside,
    stage_plan,
    staging_prefix,
)
from jianfu.registry.choices import AttributeType
from jianfu.registry.current import Stage, checkpoints_beside, discard_batches, unmapped_reads
from jianfu.registry.models import Attribute, Person, Source
from jianfu.registry.precedence import IDENTITY_ATTRIBUTES
from jianfu.sheets.reader import LedgerTable, SheetError, read_ledger

__all__ = [
    "LedgerError",
    "ledger_import_confirm",
    "ledger_import_retry",
    "ledger_import_run",
    "ledger_import_upload",
    "ledger_imports_fail_stale",
    "review_create",
    "review_link",
    "review_reject",
    "sha256_file",
]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- upload and confirm


@transaction.atomic
def ledger_import_upload(
    *,
    actor: Any,
    community: Any,
    source: Source,
    path: Path,
    file_name: str,
    sheet: str | None = None,
    stored_file: Any = None,
    actor_label: str = "",
) -> LedgerImport:
    """Check and read the file, propose the mapping. Nothing is created when the file is refused."""
    try:
        from jianfu.registry.selectors import header_vocabulary

        vocabulary = header_vocabulary()
        table = read_ledger(path, file_name=file_name, sheet=sheet or None, vocabulary=vocabulary)
    except SheetError as exc:
        raise LedgerError(str(exc)) from exc
    if not table.rows:
        raise LedgerError(_("表头下面没有数据行。请确认数据在表头下方，且不在“填表人”等落款行之后。"))
    imp = LedgerImport(
        community=community,
        source=source,
        file_name=file_name[:255],
        file_sha256=sha256_file(path),
        sheet=table.sheet,
        status=ImportStatus.MAPPING,
        columns=propose_mapping(table, source, vocabulary),
        rows_total=len(table.rows),
        created_by=actor_user(actor),
        actor_label=(actor_label or actor_label_of(actor))[:150],
    )
    if stored_file is not None:
        imp.file = stored_file
    imp.save()
    imp.table = table  # not stored: lets a caller that runs the import at once skip reading the file again
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        obj=imp,
        community=community,
        summary=_("上传台账“%(name)s”（%(rows)d行，来源：%(source)s）")
        % {"name": imp.file_name, "rows": imp.rows_total, "source": source.name},
    )
    return imp


@transaction.atomic
def ledger_import_confirm(
    *,
    actor: Any,
    ledger_import: LedgerImport,
    mapping: dict[str, str] | None = None,
    tag: Attribute | None = SOURCE_DEFAULT,
    enqueue: bool = True,
) -> LedgerImport:
    """Confirm the mapping: new columns become attributes, the mapping is remembered for the source.

    `tag` is the tag every row has; left out, the source's remembered default tag applies (None:
    no tag). The first tag named for a source is remembered as its default.
    """
    imp = LedgerImport.objects.select_for_update().get(pk=ledger_import.pk)
    if imp.status != ImportStatus.MAPPING:
        raise LedgerError(
            _("这次导入已确认过表头（当前状态：%(status)s）。") % {"status": imp.get_status_display()}
        )
    if tag is SOURCE_DEFAULT:
        tag = imp.source.default_tag
    if tag is not None and tag.type != AttributeType.TAG:
        raise LedgerError(_("“%(name)s”不是标签。") % {"name": tag.name})
    if tag is not None:
        from jianfu.registry.tags import source_remember_tag

        source_remember_tag(actor=actor or imp.actor_label, source=imp.source, tag=tag)
    resolved = resolve_mapping(imp.columns, mapping or {})
    final: dict[str, str] = {}
    for key, target in resolved.items():
        if target.startswith(NEW_PREFIX):
            target = attribute_for_new_column(actor=actor, name=target[len(NEW_PREFIX) :]).code
        final[key] = target
    source = Source.objects.select_for_update().get(pk=imp.source_id)
    source.header_mapping = {**(source.header_mapping or {}), **resolved}
    source.save(update_fields=["header_mapping"])
    transition(imp, ImportStatus.QUEUED, mapping=final, tag=tag)
    ignored = [c["header"] for c in imp.columns if final.get(c["key"]) == IGNORE]
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        obj=imp,
        community=imp.community,
        summary=_("确认台账“%(name)s”的表头映射") % {"name": imp.file_name},
        detail={"mapping": final, "tag": tag.code if tag else None, "ignored": ignored},
    )
    if enqueue:
        from jianfu.ledgers.tasks import run_ledger_import

        run_ledger_import.enqueue(imp.pk)
    return imp


def ledger_import_run(
    *,
    ledger_import: LedgerImport,
    actor: Any,
    path: Path | None = None,
    table: LedgerTable | None = None,
    fail_after_rows: int | None = None,
) -> dict:
    """Run a confirmed import. All registry writes are one transaction; on failure the import is FAILED.

    On success `ledger_import.results` holds the per-row outcome the run stored (what a caller
    showing them would otherwise read back and decode: 100,000 rows' worth for a large ledger)."""
    imp = LedgerImport.objects.select_related("community", "source", "tag").get(pk=ledger_import.pk)
    if imp.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        raise LedgerError(
            _("这次导入还不能运行（当前状态：%(status)s）。") % {"status": imp.get_status_display()}
        )
    require_actor(actor)
    transition(imp, ImportStatus.RUNNING, started_at=timezone.now(), rows_done=0, heartbeat_at=timezone.now())
    try:
        with beating(LedgerImport, imp.pk), rare_collections(), unmapped_reads(), checkpoints_beside():
            summary = _run(imp, actor, path, table, fail_after_rows)
        ledger_import.results = imp.results
        return summary
    except Exception as exc:
        message = (
            str(exc)
            if isinstance(exc, SheetError | LedgerError)
            else _("导入中途出错，居民库未做任何改动：%(error)s") % {"error": str(exc)[:300]}
        )
        transition(imp, ImportStatus.FAILED, error=message, finished_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=imp,
            community=imp.community,
            summary=_("台账“%(name)s”导入失败，未写入任何数据") % {"name": imp.file_name},
            detail={"error": message},
        )
        raise


def _run(
    imp: LedgerImport, actor: Any, path: Path | None, table: LedgerTable | None, fail_after_rows: int | None
) -> dict:
    clock = time.perf_counter()
    timings: dict[str, float] = {}
    file_path = Path(path) if path else Path(imp.file.path)
    if table is None:
        table = read_ledger(file_path, file_name=imp.file_name, sheet=imp.sheet or None)
    timings["read"] = time.perf_counter() - clock
    attributes = {a.code: a for a in Attribute.objects.all()}
    plans = clean_rows(table, imp.mapping, attributes, imp.tag)
    implied = imply_tags(plans, attributes)
    timings["clean"] = time.perf_counter() - clock - timings["read"]
    transition(imp, ImportStatus.RUNNING, rows_total=len(plans))

    def progress(n: int) -> None:
        LedgerImport.objects.filter(pk=imp.pk).update(rows_done=min(n, len(plans)))

    link_rows(plans, imp.community, progress)
    timings["link"] = time.perf_counter() - clock - timings["read"] - timings["clean"]
    for attempt in (1, 2):
        try:
            return _write(imp, plans, actor, attributes, timings, fail_after_rows, implied)
        except IntegrityError as exc:
            # PostgreSQL: an import running at the same time registered one of our new residents and
            # had not committed when we looked; now it has, and the second attempt links to them
            if attempt == 2:
                raise LedgerError(
                    _(
                        "另一项导入同时登记了相同的居民，重试后仍然冲突（%(error)s）。"
                        "已写入居民库的批次在重新导入时会自动关联、不会重复，请稍后重新导入。"
                    )
                    % {"error": str(exc)[:200]}
                ) from exc
    raise AssertionError("unreachable")


def _write(
    imp: LedgerImport,
    plans: list,
    actor: Any,
    attributes: dict[str, Attribute],
    timings: dict[str, float],
    fail_after_rows: int | None,
    implied: Any,
) -> dict:
    """Stage the import's writes in short transactions, publish them a chunk of people per short
    transaction, then mark the import done in one more (other requests wait at most for one short
    transaction). On PostgreSQL outside a transaction each chunk is published by one of two threads with its
    own connection while the next ones are staged (`ChunkPublisher`). The staging rows are emptied
    either way."""

    def still_running() -> None:
        if (
            not LedgerImport.objects.select_for_update()
            .filter(pk=imp.pk, status=ImportStatus.RUNNING)
            .exists()
        ):
            raise LedgerError(_("这次导入已被判定为中断并标记为失败，本次运行的结果没有写入。请重新导入。"))

    publisher = None
    if publishes_beside(connection) and not connection.in_atomic_block and fail_after_rows is None:
        publisher = ChunkPublisher(imp=imp, plans=plans, actor=actor, check=still_running)
    staged: Staged | None = None
    try:
        staged = stage_plan(
            imp=imp,
            plans=plans if fail_after_rows is None else plans[:fail_after_rows],
            actor=actor,
            attributes=attributes,
            on_flush=publisher.submit if publisher else None,
        )
        if fail_after_rows is not None:  # tests: crash after some rows were written
            raise RuntimeError("forced failure mid-import")
        if publisher is not None:
            publisher.finish()
            staged.publish_seconds = publisher.busy  # mostly while staging went on
            staged.publishers = publisher.tail_threads
        else:
            clock = time.perf_counter()
            publish_chunks(imp=imp, plans=plans, staged=staged, actor=actor, check=still_running)
            staged.publish_seconds = time.perf_counter() - clock
        with transaction.atomic():
            still_running()
            summary = publish_plan(imp=imp, plans=plans, staged=staged, actor=actor, timings=timings)
            summary["tags"] = tag_report(
                plans=plans, given=implied, roster_tag=imp.tag, attributes=attributes
            )
            LedgerImport.objects.filter(pk=imp.pk).update(summary=summary)
            imp.summary = summary
            from jianfu.feedback.services import import_feedback_record

            import_feedback_record(ledger_import=imp, actor=actor)
            return summary
    except IntegrityError:
        raise  # a concurrent import registered one of our residents: _run stages again and links to them
    except Exception as exc:
        if publisher is not None:
            publisher.stop()  # before counting what it published
        stage = _stage_of(staged, publisher)
        if stage is None or not stage.published:
            raise
        raise LedgerError(partial_message(stage.published, len(stage.chunks), str(exc))) from exc
    finally:
        if publisher is not None:
            publisher.stop()
        stage = _stage_of(staged, publisher)
        if stage is not None:
            stage.discard()


def _stage_of(staged: Staged | None, publisher: ChunkPublisher | None) -> Stage | None:
    if staged is None and publisher is not None:
        staged = publisher.staged  # staging failed after the publisher started
    return staged.stage if staged is not None else None


def partial_message(done: int, total: int, error: str = "") -> str:
    return _(
        "导入在写入居民库途中中断（%(error)s）：%(total)d批居民中已写入%(done)d批，其余未写入。"
        "请点“重新导入”：已写入的居民会被认出并关联，不会重复登记，其余的会补齐。"
    ) % {"error": error[:200] or _("进程中断"), "done": done, "total": total}


def ledger_imports_fail_stale(*, now: Any = None) -> list[LedgerImport]:
    """Mark failed every running import whose worker stopped beating (killed, rebooted, hung).

    The registry is as it was (the import writes in one transaction), so each can be retried.
    """
    stale: list[LedgerImport] = list(
        LedgerImport.objects.filter(status=ImportStatus.RUNNING)
        .alias(last_beat=last_beat("started_at"))
        .filter(stale_filter(now))
        .select_related("community")
    )
    for imp in stale:
        with transaction.atomic():
            if not LedgerImport.objects.filter(pk=imp.pk, status=ImportStatus.RUNNING).update(
                status=ImportStatus.FAILED, error=stale_message(), finished_at=timezone.now()
            ):
                continue  # finished or failed in the meantime
            published = (imp.summary or {}).get("published") or {}
            message = partial_message(published["chunks"], published["of"]) if published else stale_message()
            if published:
                LedgerImport.objects.filter(pk=imp.pk).update(error=message)
            imp.status, imp.error = ImportStatus.FAILED, message
            discard_batches(staging_prefix(imp))  # what the dead worker staged is never published
            audit_record(
                actor=system_actor("jianfu jobs-check"),
                action=AuditAction.IMPORT,
                obj=imp,
                community=imp.community,
                summary=_("台账“%(name)s”的导入进程已中断，标记为失败，未写入任何数据")
                % {"name": imp.file_name},
                detail={"error": imp.error, "heartbeat_at": str(imp.heartbeat_at)},
            )
    return stale


def stale_message() -> str:
    return _(
        "导入进程中断了（超过%(seconds)d秒没有动静，可能是后台服务重启或进程被终止），居民库未做任何改动。请点“重新导入”。"
    ) % {"seconds": stale_seconds()}


@transaction.atomic
def ledger_import_retry(*, actor: Any, ledger_import: LedgerImport, enqueue: bool = True) -> LedgerImport:
    """Queue a failed import again, with the file and mapping it was confirmed with."""
    imp = LedgerImport.objects.select_for_update().select_related("community").get(pk=ledger_import.pk)
    if imp.status != ImportStatus.FAILED:
        raise LedgerError(
            _("只有失败的导入可以重新导入（当前状态：%(status)s）。") % {"status": imp.get_status_display()}
        )
    if not imp.mapping or not imp.file:
        raise LedgerError(_("这次导入没有保存原文件或尚未确认表头，无法重新导入。请重新上传文件。"))
    previous = imp.error
    transition(
        imp, ImportStatus.QUEUED, error="", started_at=None, finished_at=None, heartbeat_at=None, rows_done=0
    )
    audit_record(
        actor=actor or imp.actor_label,
        action=AuditAction.IMPORT,
        obj=imp,
        community=imp.community,
        summary=_("重新导入台账“%(name)s”") % {"name": imp.file_name},
        detail={"previous_error": previous},
    )
    if enqueue:
        from jianfu.ledgers.tasks import run_ledger_import

        pk = imp.pk
        transaction.on_commit(lambda: run_ledger_import.enqueue(pk))
    return imp


# ---------------------------------------------------------------- review decisions


def _pending(item: ReviewItem) -> ReviewItem:
    item = (
        ReviewItem.objects.select_for_update()
        .select_related("ledger_import__source", "community")
        .get(pk=item.pk)
    )
    if item.status != ReviewStatus.PENDING:
        raise LedgerError(_("这一行已经处理过了（%(status)s）。") % {"status": item.get_status_display()})
    return item


def _set_row_result(item: ReviewItem, status: str, pid: str | None, errors: list[str] | None = None) -> None:
    imp = LedgerImport.objects.select_for_update().get(pk=item.ledger_import_id)
    for entry in imp.results:
        if entry["row"] == item.row_number:
            entry.update(status=status, person=pid, decided=True)
            if errors:
                entry["errors"] = errors
    LedgerImport.objects.filter(pk=imp.pk).update(results=imp.results)


def _finish(
    item: ReviewItem, status: ReviewStatus, actor: Any, person: Person | None, reason: str = ""
) -> None:
    item.status, item.person, item.decided_by, item.decided_at, item.reason = (
        status,
        person,
        actor_user(actor),
        timezone.now(),
        reason[:200],
    )
    item.save(update_fields=["status", "person", "decided_by", "decided_at", "reason"])


def _keep_unvalidated(item: ReviewItem, actor: Any, person: Person) -> None:
    """The row's values that failed validation are kept on the person it was decided to be."""
    from jianfu.registry.services import person_record_unvalidated

    kept = {code: (raw, why) for code, (raw, why) in (item.row.get("unvalidated") or {}).items()}
    person_record_unvalidated(actor=actor, person=person, values=kept, source=item.ledger_import.source)


@transaction.atomic
def review_link(*, actor: Any, item: ReviewItem, pid: str) -> Person:
    """Same person: the row's values are recorded as facts of the chosen candidate."""
    from jianfu.registry.services import RegistryError, person_record_facts

    item = _pending(item)
    if pid not in [c["pid"] for c in item.candidates]:
        raise LedgerError(_("只能关联到列出的候选人。"))
    person = Person.objects.get(pid=pid, community=item.community)
    values = dict(item.row["values"])
    number = values.get("id_number")
    if number and person.id_number and person.id_number != number:
        raise LedgerError(_("两人的身份证号不同，不能认定为同一人。请选择“新建为另一人”。"))
    held = {code: person.values.get(code, "") for code in IDENTITY_ATTRIBUTES}
    try:
        person_record_facts(
            actor=actor, person=person, values=values, source=item.ledger_import.source, note=_("台账核对")
        )
    except RegistryError as exc:
        raise LedgerError(str(exc)) from exc
    _keep_unvalidated(item, actor, person)
    person.refresh_from_db()
    notes = identity_notes(held, values, person)
    _finish(item, ReviewStatus.LINKED, actor, person, "；".join(notes))
    _set_row_result(item, RowStatus.LINKED, person.pid)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=item,
        community=item.community,
        summary=_("台账第%(row)d行确认为%(pid)s") % {"row": item.row_number, "pid": person.pid},
        detail={"identity": notes} if notes else None,
    )
    return person


def identity_notes(held: dict[str, str], reported: dict[str, str], person: Person) -> list[str]:
    """What became of the row's identity values that differ from what the person held: kept (a visible
    conflict on the person page) or, when no base register holds that value, changed by priority."""
    names = dict(Attribute.objects.filter(code__in=list(IDENTITY_ATTRIBUTES)).values_list("code", "name"))
    notes = []
    for code in sorted(IDENTITY_ATTRIBUTES):
        old, new = held.get(code, ""), reported.get(code, "")
        if not old or not new or old == new:
            continue
        now = person.values.get(code, "")
        context = {"attribute": names.get(code, code), "new": new, "old": old}
        if now == old:
            notes.append(
                _(
                    "台账中的%(attribute)s“%(new)s”与居民库的“%(old)s”不同：已保留“%(old)s”，两个值都记录在人员页面上，标为冲突待核实"
                )
                % context
            )
        else:
            notes.append(
                _(
                    "台账中的%(attribute)s“%(new)s”与居民库原有的“%(old)s”不同：原值并非来自人口基础库，按来源优先级已改为“%(new)s”，人员页面标为冲突待核实"
                )
                % context
            )
    return notes


@transaction.atomic
def review_create(*, actor: Any, item: ReviewItem) -> Person:
    """A different person: create them from the row."""
    from jianfu.registry.services import RegistryError, person_create

    item = _pending(item)
    try:
        person = person_create(
            actor=actor,
            community=item.community,
            values=dict(item.row["values"]),
            source=item.ledger_import.source,
        )
    except RegistryError as exc:
        raise LedgerError(str(exc)) from exc
    _keep_unvalidated(item, actor, person)
    _finish(item, ReviewStatus.CREATED, actor, person)
    _set_row_result(item, RowStatus.CREATED, person.pid)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=item,
        community=item.community,
        summary=_("台账第%(row)d行新建为%(pid)s") % {"row": item.row_number, "pid": person.pid},
    )
    return person


@transaction.atomic
def review_reject(*, actor: Any, item: ReviewItem, reason: str = "") -> ReviewItem:
    item = _pending(item)
    reason = reason.strip() or _("经核对不导入")
    _finish(item, ReviewStatus.REJECTED, actor, None, reason)
    _set_row_result(item, RowStatus.REJECTED, None, [reason])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=item,
        community=item.community,
        summary=_("台账第%(row)d行不导入：%(reason)s") % {"row": item.row_number, "reason": reason},
    )
    return item
