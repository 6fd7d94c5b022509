"""Importing 12345 hotline work orders from the city platform's spreadsheet export.

All or nothing: every row is checked and created inside one transaction; if any row has an error,
nothing is written and each row's result says what happened or what to fix. Idempotent: an order
whose 工单编号 was imported before is reported as `skipped`, so a re-run changes nothing.
"""

import datetime as dt
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from jianfu.casework import services
from jianfu.casework.choices import Channel, Kind, Urgency
from jianfu.casework.models import Category, ServiceRequest
from jianfu.core.permissions import require_actor
from jianfu.orgs.models import Community, Department
from jianfu.registry.dictionary import normalize_header
from jianfu.sheets.headers import cell_text
from jianfu.sheets.reader import SheetError, read_ledger

HEADERS: dict[str, list[str]] = {
    "external_id": ["工单编号", "工单号", "编号", "热线工单号"],
    "created_at": ["受理时间", "来电时间", "登记时间", "派单时间"],
    "kind": ["诉求类型", "类型", "来电类型"],
    "category": ["诉求类别", "问题分类", "分类", "类别"],
    "text": ["诉求内容", "问题描述", "来电内容", "内容"],
    "name": ["来电人", "诉求人", "姓名"],
    "phone": ["联系电话", "来电号码", "电话"],
    "address": ["事发地址", "地址", "诉求地址"],
    "community": ["所属社区", "社区"],
    "urgency": ["紧急程度", "时限类型"],
    "department": ["承办单位", "责任单位", "承办部门"],
}
REQUIRED = ("external_id", "text", "category")
URGENCY_WORDS = {
    "紧急": Urgency.EMERGENCY,
    "特急": Urgency.EMERGENCY,
    "水电气热": Urgency.UTILITY,
    "一般": Urgency.GENERAL,
    "复杂": Urgency.COMPLEX,
    "疑难": Urgency.COMPLEX,
}


class HotlineError(ValueError):
    pass


@dataclass
class RowResult:
    row: int
    status: str  # created | skipped | error
    external_id: str = ""
    id: int | None = None
    number: str = ""
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    file: str
    rows: int
    created: int
    skipped: int
    errors: int
    written: bool
    results: list[RowResult]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(value: Any) -> str:
    """A cell as text with full-width digits, letters and punctuation folded (NFKC): hotline exports
    typed on Chinese input methods carry １３９…, ２０２６－１１－０３ and ＧＤ… . Not for free text."""
    return unicodedata.normalize("NFKC", cell_text(value)).strip()


def _vocabulary() -> dict[str, str]:
    return {normalize_header(h): code for code, names in HEADERS.items() for h in names}


def _when(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time(9)))
    text = _plain(value).replace("/", "-")
    if not text:
        return None
    parsed = parse_datetime(text)
    if parsed is None:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(text[:10]), dt.time(9))
        except ValueError:
            raise HotlineError(_("受理时间“%(v)s”无法识别，请写成2026-11-03 08:30。") % {"v": text}) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _category(text: str, categories: list[Category]) -> Category:
    for c in categories:
        if text in (c.name, c.code):
            return c
    for c in categories:
        if text and (c.name in text or any(k and k in text for k in c.keywords.split(","))):
            return c
    raise HotlineError(
        _("诉求类别“%(v)s”不认识（可用：%(all)s）。")
        % {"v": text, "all": "、".join(c.name for c in categories)}
    )


def _kind(text: str) -> str:
    if not text:
        return ""
    for value, label in Kind.choices:
        if text in (value, str(label)):
            return value
    raise HotlineError(
        _("诉求类型“%(v)s”不认识（可用：%(all)s）。")
        % {"v": text, "all": "、".join(str(label) for label in Kind.labels)}
    )


def _lookups(
    values: dict[str, Any], *, district: Any, categories: list[Category]
) -> tuple[Any, Any, str, Any]:
    """(community, category, kind, received at), every problem of the row reported together."""
    problems: list[str] = []
    community = category = created_at = None
    kind = ""
    text = _plain(values.get("community"))
    if text:
        community = Community.objects.filter(street__district=district).filter(name=text).first() or (
            Community.objects.filter(street__district=district, code=text).first()
        )
        if community is None:
            problems.append(_("社区“%(v)s”不在本区。运行 `jianfu communities` 查看社区名称。") % {"v": text})
    for step in ("category", "kind", "created_at"):
        try:
            if step == "category":
                category = _category(_plain(values.get("category")), categories)
            elif step == "kind":
                kind = _kind(_plain(values.get("kind")))
            else:
                created_at = _when(values.get("created_at"))
        except HotlineError as exc:
            problems.append(str(exc))
    # checked here too, so a row with an unknown category still hears about its phone and text
    phone = unicodedata.normalize("NFKC", _plain(values.get("phone")))
    if phone and not services.PHONE.fullmatch(phone):
        problems.append(_("联系电话“%(phone)s”格式不对，请填写手机号或带区号的座机号。") % {"phone": phone})
    if not cell_text(values.get("text")).strip():
        problems.append(_("请描述诉求内容。"))
    if problems:
        raise services.CaseError(problems)
    return community, category, kind, created_at


def _row(values: dict[str, Any], *, district: Any, categories: list[Category], actor: Any) -> ServiceRequest:
    community, category, kind, created_at = _lookups(values, district=district, categories=categories)
    urgency = URGENCY_WORDS.get(_plain(values.get("urgency")), "")
    sr = services.request_submit(
        actor=actor,
        channel=Channel.HOTLINE,
        category=category,
        district=district,
        text=cell_text(values.get("text")),
        kind=kind,
        community=community,
        address=cell_text(values.get("address")),
        reporter_name=cell_text(values.get("name")),
        reporter_phone=_plain(values.get("phone")),
        external_id=_plain(values.get("external_id")),
        created_at=created_at,
        urgency=urgency,
        notify=False,
    )
    dept_name = _plain(values.get("department"))
    if dept_name:
        dept = Department.objects.filter(district=district, name=dept_name).first()
        if dept is None:
            raise HotlineError(_("承办单位“%(v)s”不是本区的部门。") % {"v": dept_name})
        if community is None:
            raise HotlineError(_("指定了承办单位但没有所属社区，无法吹哨。"))
        services.request_whistle(actor=actor, request=sr, departments=[dept], note=_("12345热线派单"))
    return sr


def import_hotline(*, path: Path, district: Any, actor: Any, file_name: str = "") -> ImportResult:
    try:
        table = read_ledger(path, file_name=file_name or path.name, vocabulary=_vocabulary())
    except SheetError as exc:
        raise HotlineError(str(exc)) from exc
    vocab = _vocabulary()
    codes = [vocab.get(normalize_header(c.text)) for c in table.columns]
    missing = [HEADERS[c][0] for c in REQUIRED if c not in codes]
    if missing:
        raise HotlineError(
            _("缺少必需的列：%(cols)s。热线导出表应包含 工单编号、诉求类别、诉求内容。")
            % {"cols": "、".join(missing)}
        )
    categories = list(Category.objects.filter(active=True))
    require_actor(actor)
    results: list[RowResult] = []
    with transaction.atomic():
        for number, cells in table.rows:
            values = {code: cells[i] for i, code in enumerate(codes) if code and i < len(cells)}
            ext = _plain(values.get("external_id"))
            if (
                ext
                and ServiceRequest.objects.filter(
                    district=district, channel=Channel.HOTLINE, external_id=ext
                ).exists()
            ):
                results.append(
                    RowResult(row=number, status="skipped", external_id=ext, messages=[_("已导入过")])
                )
                continue
            if not ext:
                results.append(RowResult(row=number, status="error", messages=[_("缺少工单编号")]))
                continue
            try:
                with transaction.atomic():
                    sr = _row(values, district=district, categories=categories, actor=actor)
            except services.CaseError as exc:
                results.append(RowResult(row=number, status="error", external_id=ext, messages=exc.messages))
            except HotlineError as exc:
                results.append(RowResult(row=number, status="error", external_id=ext, messages=[str(exc)]))
            else:
                results.append(
                    RowResult(row=number, status="created", external_id=ext, id=sr.pk, number=sr.number)
                )
        errors = sum(r.status == "error" for r in results)
        if errors:
            transaction.set_rollback(True)
            for r in results:
                if r.status == "created":
                    r.status, r.id, r.number = "ok", None, ""
    return ImportResult(
        file=file_name or path.name,
        rows=len(results),
        created=0 if errors else sum(r.status == "created" for r in results),
        skipped=sum(r.status == "skipped" for r in results),
        errors=errors,
        written=not errors,
        results=results,
    )
