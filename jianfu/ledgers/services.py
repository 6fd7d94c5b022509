"""Ledger import: upload → mapping confirmation → import (one transaction) → review decisions.

Import runs in two phases. The *plan* only reads: it reads the file, cleans every row, links
rows to people (exact on a valid ID number, then Splink for the rest) and counts progress on
the LedgerImport. The *write* is one transaction: new people, new facts (never a fact equal to
the source's latest value for that person and attribute), current values and tags of only the
affected people (same rules as `registry.services.person_refresh`), review items and the
per-row outcome. A failure anywhere leaves the registry as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.core.text import to_simplified
from jianfu.ledgers import linkage
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX, ImportStatus, ReviewStatus, RowStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.registry.choices import AttributeType, SourceKind
from jianfu.registry.dictionary import FORM_META_HEADERS, match_header, normalize_header
from jianfu.registry.models import Attribute, Person, PersonTag, Source, new_pid
from jianfu.registry.precedence import FactView, current_values
from jianfu.registry.services import PERSON_COLUMNS, derive_person_columns
from jianfu.registry.services import name_initials as _name_initials
from jianfu.registry.services import name_key as _name_key
from jianfu.registry.values import clean_text, clean_value
from jianfu.sheets.reader import LedgerTable, SheetError, column_letter, read_ledger

BATCH = 2000


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """registry.services.name_key, cached: pinyin is the slowest step of a large import."""
    return _name_key(name)


@lru_cache(maxsize=200_000)
def name_initials(name: str) -> str:
    return _name_initials(name)


PROGRESS_EVERY = 2000


class LedgerError(ValueError):
    """Bad input to an import; the message says what is wrong and how to fix it. Nothing was written."""


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- mapping


def header_key(header: str, group: str = "") -> str:
    """The key a confirmed mapping is remembered under: 紧急联系人/姓名 is not 姓名."""
    return f"{normalize_header(group)}/{normalize_header(header)}" if group else normalize_header(header)


def propose_mapping(table: LedgerTable, source: Source, vocabulary: dict[str, str]) -> list[dict[str, Any]]:
    """For each column: the remembered or matched target, shown to the worker before anything is written."""
    remembered = source.header_mapping or {}
    proposals = []
    for col in table.columns:
        key = header_key(col.text, col.group)
        entry = {
            "index": col.index,
            "letter": column_letter(col.index),
            "header": col.text,
            "group": col.group,
            "key": key,
            "proposed": "",
            "how": "none",
            "score": 0.0,
            "remembered": False,
        }
        if key in remembered:
            entry.update(proposed=remembered[key], how="remembered", score=100.0, remembered=True)
        elif FORM_META_HEADERS.get(key) == "seq":
            entry.update(proposed=IGNORE, how="meta")
        else:
            match = match_header(col.text, vocabulary)
            if col.group:  # 紧急联系人 / 电话 is the contact's phone, not the resident's
                grouped = match_header(col.group + col.text, vocabulary, threshold=75.0)
                group_only = match_header(col.group, vocabulary)
                if grouped.code:
                    match = grouped
                elif match.code == "name" and group_only.how == "exact":  # 监护人 / 姓名 → 监护人
                    match = group_only
            if match.code:
                entry.update(proposed=match.code, how=match.how, score=match.score)
            else:
                entry.update(proposed=NEW_PREFIX + col.text, how="new", score=match.score)
        proposals.append(entry)
    return proposals


def _attribute_code_for(name: str) -> str:
    base = "x-" + re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(to_simplified(name))).lower()).strip("-")
    base = base[:56] or "x-col"
    code, n = base, 1
    while Attribute.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def attribute_for_new_column(*, actor: Any, name: str) -> Attribute:
    """A column never seen before becomes a dictionary attribute (text), so its data is kept."""
    name = clean_text(name)[:100]
    existing = Attribute.objects.filter(name=name).first()
    if existing:
        return existing
    attribute = Attribute.objects.create(code=_attribute_code_for(name), name=name, synonyms=[], sort=5000)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=attribute,
        summary=_("台账中的新列“%(name)s”加入数据字典") % {"name": name},
    )
    return attribute


def resolve_mapping(columns: list[dict[str, Any]], mapping: dict[str, str]) -> dict[str, str]:
    """Check a confirmed mapping (key → target) against the columns; LedgerError with a clear message."""
    codes = set(Attribute.objects.values_list("code", flat=True))
    used: dict[str, str] = {}
    resolved: dict[str, str] = {}
    for col in columns:
        target = (mapping.get(col["key"]) or col.get("proposed") or "").strip()
        if not target:
            raise LedgerError(
                _("请为第 %(letter)s 列“%(header)s”选择对应的字段，或选择“不导入”。")
                % {"letter": col["letter"], "header": col["header"]}
            )
        if target != IGNORE and not target.startswith(NEW_PREFIX) and target not in codes:
            raise LedgerError(
                _("第 %(letter)s 列“%(header)s”对应的字段“%(code)s”不在数据字典中。")
                % {"letter": col["letter"], "header": col["header"], "code": target}
            )
        if target.startswith(NEW_PREFIX) and not target[len(NEW_PREFIX) :].strip():
            target = NEW_PREFIX + col["header"]
        if target != IGNORE:
            if target in used:
                raise LedgerError(
                    _("“%(a)s”和“%(b)s”两列对应了同一个字段，请只保留一列，另一列选择“不导入”或新字段。")
                    % {"a": used[target], "b": col["header"]}
                )
            used[target] = col["header"]
        resolved[col["key"]] = target
    if "name" not in used:
        raise LedgerError(_("没有哪一列对应“姓名”。姓名是识别居民的必填项，请把姓名所在的列对应为“姓名”。"))
    return resolved


# ---------------------------------------------------------------- status


def _transition(ledger_import: LedgerImport, status: ImportStatus, **fields: Any) -> None:
    ledger_import.status = status
    for name, value in fields.items():
        setattr(ledger_import, name, value)
    LedgerImport.objects.filter(pk=ledger_import.pk).update(status=status, **fields)


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
        created_by=_actor_user(actor),
        actor_label=(actor_label or str(actor or "system"))[:150],
    )
    if stored_file is not None:
        imp.file = stored_file
    imp.save()
    imp.table = table  # not stored: lets a caller that runs the import at once skip reading the file again
    audit_record(
        actor=actor or imp.actor_label,
        action=AuditAction.IMPORT,
        obj=imp,
        community=community,
        summary=_("上传台账“%(name)s”（%(rows)d 行，来源：%(source)s）")
        % {"name": imp.file_name, "rows": imp.rows_total, "source": source.name},
    )
    return imp


@transaction.atomic
def ledger_import_confirm(
    *,
    actor: Any,
    ledger_import: LedgerImport,
    mapping: dict[str, str] | None = None,
    tag: Attribute | None = None,
    enqueue: bool = True,
) -> LedgerImport:
    """Confirm the mapping: new columns become attributes, the mapping is remembered for the source."""
    imp = LedgerImport.objects.select_for_update().get(pk=ledger_import.pk)
    if imp.status != ImportStatus.MAPPING:
        raise LedgerError(
            _("这次导入已确认过表头（当前状态：%(status)s）。") % {"status": imp.get_status_display()}
        )
    if tag is not None and tag.type != AttributeType.TAG:
        raise LedgerError(_("“%(name)s”不是标签。") % {"name": tag.name})
    resolved = resolve_mapping(imp.columns, mapping or {})
    final: dict[str, str] = {}
    for key, target in resolved.items():
        if target.startswith(NEW_PREFIX):
            target = attribute_for_new_column(
                actor=actor or imp.actor_label, name=target[len(NEW_PREFIX) :]
            ).code
        final[key] = target
    source = Source.objects.select_for_update().get(pk=imp.source_id)
    source.header_mapping = {**(source.header_mapping or {}), **resolved}
    source.save(update_fields=["header_mapping"])
    _transition(imp, ImportStatus.QUEUED, mapping=final, tag=tag)
    ignored = [c["header"] for c in imp.columns if final.get(c["key"]) == IGNORE]
    audit_record(
        actor=actor or imp.actor_label,
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


# ---------------------------------------------------------------- plan


@dataclass
class RowPlan:
    row: int
    values: dict[str, str]
    headers: dict[str, str]
    errors: list[str] = field(default_factory=list)
    status: str = ""
    person_id: int | None = None  # existing person
    new_key: int | None = None  # index of a person to create (shared by rows with the same new ID)
    candidates: list[tuple[int, float]] = field(default_factory=list)
    note: str = ""


_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])")


def clean_name(value: str) -> str:
    return _CJK_SPACES.sub("", value)


def _row_message(row: int, header: str, text: str) -> str:
    return _("第 %(row)d 行“%(header)s”列：%(text)s") % {"row": row, "header": header, "text": text}


def clean_rows(
    table: LedgerTable, mapping: dict[str, str], attributes: dict[str, Attribute], tag: Attribute | None
) -> list[RowPlan]:
    cols = []
    for i, col in enumerate(table.columns):
        code = mapping.get(header_key(col.text, col.group), IGNORE)
        if code == IGNORE or code not in attributes:
            continue
        cols.append((i, code, col.text, attributes[code]))
    plans = []
    caches: dict[str, dict[Any, Any]] = {code: {} for _i, code, _h, _a in cols}
    for row_number, cells in table.rows:
        values: dict[str, str] = {}
        headers: dict[str, str] = {}
        errors: list[str] = []
        for i, code, header, attribute in cols:
            raw = cells[i]
            if raw is None or attribute.is_derived:
                continue
            cache = caches[code]
            key = (type(raw), raw)
            result = cache.get(key)
            if result is None:
                result = clean_value(attribute.type, code, raw, attribute.choices)
                if len(cache) < 50_000:
                    cache[key] = result
            if result.error:
                errors.append(_row_message(row_number, header, result.error))
            elif result.value is not None:
                values[code] = clean_name(result.value) if code == "name" else result.value
                headers[code] = header
        if tag is not None:
            values[tag.code] = "是"
        if not values.get("name"):
            errors.insert(
                0,
                _("第 %(row)d 行没有姓名：姓名是必填项，请在原表补上后重新导入这一行。")
                % {"row": row_number},
            )
        plans.append(RowPlan(row=row_number, values=values, headers=headers, errors=errors))
    return plans


def _record(uid: int, values: dict[str, Any], id_number: str | None = None) -> linkage.Record:
    name = values.get("name") or ""
    return linkage.Record(
        uid=uid,
        name_s=to_simplified(name),
        name_key=name_key(name) if name else "",
        birth_date=values.get("birth_date") or None,
        phone=values.get("phone") or None,
        address=(values["address"].replace(" ", "") if values.get("address") else None),  # NFKC-clean already
        id_number=id_number,
    )


def link_rows(plans: list[RowPlan], community: Any, progress: Callable[[int], None] | None = None) -> None:
    """Decide created / linked / review for every clean row (reads only)."""
    clean = [p for p in plans if not p.errors]
    # 1. exact: checksum-valid ID numbers, index lookups in batches
    with_id = [p for p in clean if p.values.get("id_number")]
    found: dict[str, tuple[int, int]] = {}
    ids = sorted({p.values["id_number"] for p in with_id})
    for start in range(0, len(ids), BATCH):
        for number, pk, community_id in Person.objects.filter(
            id_number__in=ids[start : start + BATCH]
        ).values_list("id_number", "pk", "community_id"):
            assert number is not None  # filtered on id_number__in
            found[number] = (pk, community_id)
    first_row_for_id: dict[str, RowPlan] = {}
    rest: list[RowPlan] = []
    for p in clean:
        number = p.values.get("id_number")
        if number and number in found:
            pk, community_id = found[number]
            if community_id != community.pk:
                p.status = RowStatus.REJECTED
                p.errors.append(
                    _(
                        "第 %(row)d 行：身份证号 %(id)s 已登记在其他社区。请联系该社区核实（如已迁入，请先办理迁移）后再导入。"
                    )
                    % {"row": p.row, "id": idcard.normalize(number)[:4] + "**********" + number[-4:]}
                )
            else:
                p.status, p.person_id = RowStatus.LINKED, pk
        elif number and number in first_row_for_id:
            p.status = "same-as"  # resolved after the first row with this ID is decided
            p.note = number
        else:
            if number:
                first_row_for_id[number] = p
            rest.append(p)
    if progress:
        progress(len(plans) - len(rest))
    # 2. candidates in the community sharing a blocking key. A row with a valid ID number can only
    #    be someone registered without one (a different valid ID is a different person).
    if rest:
        candidates: dict[int, dict[str, Any]] = {}
        fields = ("pk", "name", "name_key", "birth_date", "phone", "id_number")
        for pool, base in (
            ([p for p in rest if not p.values.get("id_number")], Person.objects.filter(community=community)),
            (
                [p for p in rest if p.values.get("id_number")],
                Person.objects.filter(community=community, id_number__isnull=True),
            ),
        ):
            if not pool:
                continue
            keys = {name_key(p.values["name"]) for p in pool}
            births = {p.values["birth_date"] for p in pool if p.values.get("birth_date")}
            phones = {p.values["phone"] for p in pool if p.values.get("phone")}
            for items, lookup in (
                (sorted(keys), "name_key__in"),
                (sorted(births), "birth_date__in"),
                (sorted(phones), "phone__in"),
            ):
                for start in range(0, len(items), BATCH):
                    query = base.filter(Q(**{lookup: items[start : start + BATCH]}))
                    for row in query.values(*fields, address=KT("values__address")):
                        candidates[row["pk"]] = row
        # 2a. a row that only repeats what one candidate already holds is that person
        names = {to_simplified(p.values["name"]) for p in rest}
        same_name = [pk for pk, c in candidates.items() if to_simplified(c["name"]) in names]
        held_values: dict[int, dict[str, str]] = {}
        for start in range(0, len(same_name), BATCH):
            held_values.update(
                Person.objects.filter(pk__in=same_name[start : start + BATCH]).values_list("pk", "values")
            )
        by_name: dict[str, list[int]] = {}
        for pk in same_name:
            by_name.setdefault(to_simplified(candidates[pk]["name"]), []).append(pk)
        unresolved = []
        for p in rest:
            same = [
                pk
                for pk in by_name.get(to_simplified(p.values["name"]), [])
                if all((held_values.get(pk) or {}).get(k) == v for k, v in p.values.items())
            ]
            if len(same) == 1:
                p.status, p.person_id = RowStatus.LINKED, same[0]
            else:
                unresolved.append(p)
        # 2b. Splink on the rest
        incoming = [_record(i, p.values, p.values.get("id_number")) for i, p in enumerate(unresolved)]
        cand_records = [
            _record(
                c["pk"],
                {
                    "name": c["name"],
                    "birth_date": c["birth_date"].isoformat() if c["birth_date"] else None,
                    "phone": c["phone"],
                    "address": c["address"],
                },
                c["id_number"],
            )
            for c in candidates.values()
        ]
        scores = linkage.score(incoming, cand_records)
        for i, p in enumerate(unresolved):
            outcome, plausible = linkage.decide(scores.get(i, []))
            if outcome == "linked":
                p.status, p.person_id = RowStatus.LINKED, plausible[0][0]
            elif outcome == "review":
                p.status, p.candidates = RowStatus.REVIEW, plausible
            else:
                p.status = RowStatus.CREATED
    new_keys: dict[str, int] = {}
    counter = 0
    for p in plans:
        if p.errors:
            p.status = RowStatus.REJECTED
        elif p.status == RowStatus.CREATED:
            p.new_key = counter
            counter += 1
            if p.values.get("id_number"):
                new_keys[p.values["id_number"]] = p.new_key
    for p in plans:
        if p.status == "same-as":
            first = first_row_for_id[p.note]
            p.note = ""
            if first.status == RowStatus.CREATED:
                p.status, p.new_key = RowStatus.LINKED, first.new_key
            elif first.status == RowStatus.LINKED:
                p.status, p.person_id = RowStatus.LINKED, first.person_id
            else:
                p.status, p.candidates = first.status, first.candidates
                p.errors = p.errors or list(first.errors)
    if progress:
        progress(len(plans))


# ---------------------------------------------------------------- write


NEW_FACT_ID = 2**62


def _executemany(sql: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10000):
            cursor.executemany(sql, rows[start : start + 10000])


def _recorded_key(value: Any) -> Any:
    """recorded_at as stored: a datetime (PostgreSQL) or ISO text (SQLite), ordered the same way."""
    if isinstance(value, str):
        return value[:10] + " " + value[11:26] if len(value) > 10 else value
    return value


def read_fact_views(
    person_ids: list[int], sources: dict[int, tuple[int, bool]], codes: dict[int, str]
) -> dict[int, list[FactView]]:
    """Every fact of these people as FactViews, read with raw SQL (no per-row datetime conversion:
    recorded_at is only compared, and ISO text orders the same as the datetimes it stores)."""
    facts: dict[int, list[FactView]] = {pk: [] for pk in person_ids}
    recorded = "CAST(recorded_at AS TEXT)" if connection.vendor == "sqlite" else "recorded_at"
    for start in range(0, len(person_ids), 1000):
        chunk = person_ids[start : start + 1000]
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, attribute_id, value, source_id, {recorded}, id FROM registry_fact "
                f"WHERE person_id IN ({marks})",
                chunk,
            )
            for person_id, attribute_id, value, source_id, recorded_at, pk in cursor.fetchall():
                priority, verified = sources[source_id]
                # what registry.services.fact_views builds from a Fact
                facts[person_id].append(
                    FactView(
                        codes[attribute_id],
                        value,
                        source_id,
                        priority,
                        _recorded_key(recorded_at),
                        pk,
                        verified,
                    )
                )
    return facts


def source_precedence() -> dict[int, tuple[int, bool]]:
    return {s.pk: (s.priority, s.kind == SourceKind.COMMUNITY) for s in Source.objects.all()}


def refresh_people(
    person_ids: list[int],
    attributes_by_id: dict[int, Attribute],
    now: dt.datetime,
    facts_by_person: dict[int, list[FactView]] | None = None,
) -> int:
    """`registry.services.person_refresh` for many people at once (same precedence, columns and tags).

    Reads facts with raw SQL (no per-row datetime conversion; recorded_at is only compared), keeps
    the stored pinyin keys when the name did not change, and updates only the people whose current
    values, columns or tags changed. Returns how many people were updated. `facts_by_person`, when
    given, must hold every fact of these people (the import passes what it read plus what it wrote).
    """
    sources = source_precedence()
    codes = {pk: a.code for pk, a in attributes_by_id.items()}
    tag_by_code = {a.code: a.pk for a in attributes_by_id.values() if a.type == AttributeType.TAG}
    values_field = Person._meta.get_field("values")
    ops = connection.ops
    q_values = ops.quote_name("values")
    full_sql = (
        "UPDATE registry_person SET name=%s, id_number=%s, gender=%s, birth_date=%s, phone=%s, name_key=%s, "
        f"name_initials=%s, {q_values}=%s, has_conflict=%s, updated_at=%s WHERE id=%s"
    )
    light_sql = f"UPDATE registry_person SET {q_values}=%s, has_conflict=%s, updated_at=%s WHERE id=%s"
    now_db = ops.adapt_datetimefield_value(now)
    changed = 0
    for start in range(0, len(person_ids), 1000):
        chunk = person_ids[start : start + 1000]
        facts = facts_by_person if facts_by_person is not None else read_fact_views(chunk, sources, codes)
        old = {
            row[0]: row[1:]
            for row in Person.objects.filter(pk__in=chunk).values_list(
                "pk",
                "name",
                "id_number",
                "gender",
                "birth_date",
                "phone",
                "name_key",
                "name_initials",
                "values",
                "has_conflict",
            )
        }
        held: dict[int, set[int]] = {pk: set() for pk in chunk}
        for person_id, attribute_id in PersonTag.objects.filter(person_id__in=chunk).values_list(
            "person_id", "attribute_id"
        ):
            held[person_id].add(attribute_id)
        full, light, tag_add, tag_drop = [], [], [], []
        for pk in chunk:
            values, conflicts = current_values(facts[pk])
            columns = derive_person_columns(values)
            name, id_number, gender, birth_date, phone, key, initials, old_values, old_conflict = old[pk]
            wanted = {tag_by_code[c] for c, v in values.items() if v == "是" and c in tag_by_code}
            tag_add += [PersonTag(person_id=pk, attribute_id=t) for t in wanted - held[pk]]
            tag_drop += [(pk, t) for t in held[pk] - wanted]
            same_columns = (name, id_number, gender, birth_date, phone) == (
                columns["name"],
                columns["id_number"],
                columns["gender"],
                columns["birth_date"],
                columns["phone"],
            )
            if same_columns and values == old_values and bool(conflicts) == old_conflict:
                continue
            changed += 1
            json_values = values_field.get_db_prep_save(values, connection)
            if same_columns and key:
                light.append((json_values, bool(conflicts), now_db, pk))
                continue
            if columns["name"] != name or not key:
                key, initials = name_key(columns["name"]), name_initials(columns["name"])
            full.append(
                (
                    columns["name"],
                    columns["id_number"],
                    columns["gender"],
                    ops.adapt_datefield_value(columns["birth_date"]),
                    columns["phone"],
                    key,
                    initials,
                    json_values,
                    bool(conflicts),
                    now_db,
                    pk,
                )
            )
        _executemany(full_sql, full)
        _executemany(light_sql, light)
        _executemany("DELETE FROM registry_persontag WHERE person_id=%s AND attribute_id=%s", tag_drop)
        PersonTag.objects.bulk_create(tag_add, batch_size=BATCH)
    assert PERSON_COLUMNS == ("name", "id_number", "gender", "birth_date", "phone")
    return changed


def _row_hash(source: Source, values: dict[str, str]) -> str:
    return hashlib.sha256(
        json.dumps([source.pk, sorted(values.items())], ensure_ascii=False).encode()
    ).hexdigest()


def write_plan(
    *,
    imp: LedgerImport,
    plans: list[RowPlan],
    actor: Any,
    attributes: dict[str, Attribute],
    timings: dict[str, float] | None = None,
) -> dict:
    """The write phase (call inside a transaction)."""
    started = time.perf_counter()
    now = timezone.now()
    community = imp.community
    source = imp.source
    grids = {}
    for grid in community.grids.all():
        grids[grid.code] = grid.pk
        grids[grid.name] = grid.pk
    # 1. new people
    new_people: dict[int, Person] = {}
    for p in plans:
        if p.status == RowStatus.CREATED and p.new_key is not None:
            name = p.values["name"]
            new_people[p.new_key] = Person(
                community=community,
                name=name,
                name_key=name_key(name),
                name_initials=name_initials(name),
                pid=new_pid(),
                grid_id=grids.get(p.values.get("grid", "")),
            )
    Person.objects.bulk_create(list(new_people.values()), batch_size=BATCH)

    def person_of(p: RowPlan) -> int | None:
        if p.new_key is not None:
            return new_people[p.new_key].pk
        return p.person_id

    # 2. facts: per person the merged values of its rows (later rows win)
    wanted: dict[int, dict[str, str]] = {}
    for p in plans:
        if p.status in (RowStatus.CREATED, RowStatus.LINKED):
            person_pk = person_of(p)
            assert person_pk is not None  # created and linked rows always have a person
            wanted.setdefault(person_pk, {}).update(p.values)
    created_pks = {x.pk for x in new_people.values()}
    # Every fact of the people concerned, read once, a chunk at a time: it gives this source's
    # latest values (not repeated) and, with the new facts added, the current values (no second
    # read). Only the facts of people who get new facts are kept.
    attributes_by_id = {a.pk: a for a in Attribute.objects.all()}
    codes = {pk: a.code for pk, a in attributes_by_id.items()}
    sources = source_precedence()
    ops = connection.ops
    now_db = ops.adapt_datetimefield_value(now)
    user = _actor_user(actor)
    new_key = _recorded_key(now_db)
    priority, verified = sources[source.pk]
    fact_rows = []
    facts_by_person: dict[int, list[FactView]] = {}
    people = list(wanted)
    for start in range(0, len(people), 1000):
        chunk = people[start : start + 1000]
        stored = read_fact_views([pk for pk in chunk if pk not in created_pks], sources, codes)
        for person_id in chunk:
            facts = stored.get(person_id, [])
            latest: dict[str, FactView] = {}
            for fact in facts:
                held = latest.get(fact.attribute)
                if fact.source_id == source.pk and (
                    held is None or (fact.recorded_at, fact.fact_id) > (held.recorded_at, held.fact_id)
                ):
                    latest[fact.attribute] = fact
            for code, value in wanted[person_id].items():
                held = latest.get(code)
                if held is not None and held.value == value:
                    continue
                fact_rows.append(
                    (
                        person_id,
                        attributes[code].pk,
                        value,
                        source.pk,
                        now_db,
                        user.pk if user else None,
                        imp.pk,
                        "",
                    )
                )
                # newer than every stored fact: its id only breaks ties among equal times, which cannot occur
                facts.append(FactView(code, value, source.pk, priority, new_key, NEW_FACT_ID, verified))
                facts_by_person[person_id] = facts
    changed = set(facts_by_person)
    fact_rows.sort(key=lambda r: (r[0], r[1]))
    _executemany(
        "INSERT INTO registry_fact (person_id, attribute_id, value, source_id, recorded_at, recorded_by_id, "
        "ledger_import_id, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        fact_rows,
    )
    # 3. current values and tags of only the affected people
    refresh_people(sorted(changed), attributes_by_id, now, facts_by_person)
    # 4. review items (a pending item for the same row of the same source is not repeated)
    review_plans = [p for p in plans if p.status == RowStatus.REVIEW]
    hashes = {_row_hash(source, p.values): p for p in review_plans}
    pending = set(
        ReviewItem.objects.filter(
            community=community, status=ReviewStatus.PENDING, row_hash__in=list(hashes)
        ).values_list("row_hash", flat=True)
    )
    cand_ids = {c for p in review_plans for c, _p in p.candidates}
    pids = dict(Person.objects.filter(pk__in=cand_ids).values_list("pk", "pid"))
    items = [
        ReviewItem(
            community=community,
            ledger_import=imp,
            row_number=p.row,
            row_hash=h,
            row={"values": p.values, "headers": p.headers},
            candidates=[{"pid": pids[c], "probability": round(prob, 4)} for c, prob in p.candidates],
        )
        for h, p in hashes.items()
        if h not in pending
    ]
    ReviewItem.objects.bulk_create(items, batch_size=BATCH)
    # 5. outcome
    new_pks = {x.pk for x in new_people.values()}
    ids = [pk for pk in wanted if pk not in new_pks]
    pid_of: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        pid_of.update(dict(Person.objects.filter(pk__in=ids[start : start + 5000]).values_list("pk", "pid")))
    for person in new_people.values():
        pid_of[person.pk] = person.pid
    results = []
    counts = {s.value: 0 for s in RowStatus}
    for p in plans:
        counts[p.status] += 1
        row_pk = person_of(p) if p.status in (RowStatus.CREATED, RowStatus.LINKED) else None
        entry: dict[str, Any] = {
            "row": p.row,
            "status": str(p.status),
            "person": pid_of.get(row_pk) if row_pk else None,
            "name": p.values.get("name", ""),
            "errors": p.errors,
        }
        if p.status == RowStatus.REVIEW:
            entry["candidates"] = [pids[c] for c, _p in p.candidates]
        results.append(entry)
    ignored = [c["header"] for c in imp.columns if imp.mapping.get(c["key"]) == IGNORE]
    summary = {
        "rows": len(plans),
        **counts,
        "facts": len(fact_rows),
        "people_changed": len(changed),
        "ignored_columns": ignored,
        "seconds": {**(timings or {}), "write": round(time.perf_counter() - started, 2)},
    }
    _transition(
        imp,
        ImportStatus.DONE,
        summary=summary,
        results=results,
        rows_done=len(plans),
        finished_at=timezone.now(),
        error="",
    )
    audit_record(
        actor=actor or imp.actor_label,
        action=AuditAction.IMPORT,
        obj=imp,
        community=community,
        summary=_(
            "导入台账“%(name)s”：新建 %(created)d，关联 %(linked)d，待核对 %(review)d，拒收 %(rejected)d，写入 %(facts)d 项信息"
        )
        % {"name": imp.file_name, "facts": len(fact_rows), **counts},
        detail={
            "source": source.name,
            **{k: v for k, v in summary.items() if k != "ignored_columns"},
            "ignored_columns": ignored,
        },
    )
    return summary


def ledger_import_run(
    *,
    ledger_import: LedgerImport,
    actor: Any = None,
    path: Path | None = None,
    table: LedgerTable | None = None,
    fail_after_rows: int | None = None,
) -> dict:
    """Run a confirmed import. All registry writes are one transaction; on failure the import is FAILED."""
    imp = LedgerImport.objects.select_related("community", "source", "tag").get(pk=ledger_import.pk)
    if imp.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        raise LedgerError(
            _("这次导入还不能运行（当前状态：%(status)s）。") % {"status": imp.get_status_display()}
        )
    actor = actor if actor is not None else (imp.created_by or imp.actor_label)
    _transition(imp, ImportStatus.RUNNING, started_at=timezone.now(), rows_done=0)
    try:
        clock = time.perf_counter()
        timings: dict[str, float] = {}
        file_path = Path(path) if path else Path(imp.file.path)
        if table is None:
            table = read_ledger(file_path, file_name=imp.file_name, sheet=imp.sheet or None)
        timings["read"] = time.perf_counter() - clock
        attributes = {a.code: a for a in Attribute.objects.all()}
        plans = clean_rows(table, imp.mapping, attributes, imp.tag)
        timings["clean"] = time.perf_counter() - clock - timings["read"]
        _transition(imp, ImportStatus.RUNNING, rows_total=len(plans))

        def progress(n: int) -> None:
            LedgerImport.objects.filter(pk=imp.pk).update(rows_done=min(n, len(plans)))

        link_rows(plans, imp.community, progress)
        timings["link"] = time.perf_counter() - clock - timings["read"] - timings["clean"]
        with transaction.atomic():
            if fail_after_rows is not None:  # tests: crash after some rows were written
                write_plan(imp=imp, plans=plans[:fail_after_rows], actor=actor, attributes=attributes)
                raise RuntimeError("forced failure mid-import")
            return write_plan(imp=imp, plans=plans, actor=actor, attributes=attributes, timings=timings)
    except Exception as exc:
        message = (
            str(exc)
            if isinstance(exc, SheetError | LedgerError)
            else _("导入中途出错，居民库未做任何改动：%(error)s") % {"error": str(exc)[:300]}
        )
        _transition(imp, ImportStatus.FAILED, error=message, finished_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=imp,
            community=imp.community,
            summary=_("台账“%(name)s”导入失败，未写入任何数据") % {"name": imp.file_name},
            detail={"error": message},
        )
        raise


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
        _actor_user(actor),
        timezone.now(),
        reason[:200],
    )
    item.save(update_fields=["status", "person", "decided_by", "decided_at", "reason"])


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
    try:
        person_record_facts(
            actor=actor, person=person, values=values, source=item.ledger_import.source, note=_("台账核对")
        )
    except RegistryError as exc:
        raise LedgerError(str(exc)) from exc
    _finish(item, ReviewStatus.LINKED, actor, person)
    _set_row_result(item, RowStatus.LINKED, person.pid)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=item,
        community=item.community,
        summary=_("台账第 %(row)d 行确认为 %(pid)s") % {"row": item.row_number, "pid": person.pid},
    )
    return person


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
    _finish(item, ReviewStatus.CREATED, actor, person)
    _set_row_result(item, RowStatus.CREATED, person.pid)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=item,
        community=item.community,
        summary=_("台账第 %(row)d 行新建为 %(pid)s") % {"row": item.row_number, "pid": person.pid},
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
        summary=_("台账第 %(row)d 行不导入：%(reason)s") % {"row": item.row_number, "reason": reason},
    )
    return item
