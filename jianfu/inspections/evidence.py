"""The evidence package: one zip generated from the work itself, never assembled by hand.

Layout (fixed order, fixed timestamps, so the same data and period give a byte-identical zip)::

    manifest.json            community, period, inspection; per file: path, source, selection, rows, sha256
    00-cover.pdf             summary (Typst, Noto CJK; no creation date)
    01-ledger-imports.xlsx   ledger imports of the period
    02-fills.xlsx            one-form fills of the period
    03-certificates.xlsx     the certificate register (holders masked)
    04-tasks.xlsx            tasks aimed at the community, with the gate's decisions and ratings
    05-burden.xlsx           the burden ledger entries
    06-activities.xlsx       community activities, sign-ups and attendance counts
    07-requests.xlsx         resident requests and whistles of the period (no reporter, no text)
    08-materials.xlsx        (a visit) each requested material and what answers it
    09-registry.xlsx         (on request) the resident roster, masked

Every xlsx is written by xlsxwriter in constant-memory mode to a temporary file and streamed into
the zip in chunks, so memory does not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jianfu.core.masking import mask_name
from jianfu.sheets.safe import XlsxTextWriter

FORMAT = "jianfu-evidence/1"
CHUNK = 1 << 16
MAX_SPAN_DAYS = 3 * 366
MANIFEST = "manifest.json"


class EvidenceError(ValueError):
    pass


@dataclass(frozen=True)
class EvidenceSpec:
    community: Any
    period_from: dt.date
    period_to: dt.date
    inspection: Any = None
    include_registry: bool = False


@dataclass
class BuiltFile:
    path: str
    source: str
    selection: str
    rows: int
    sha256: str = ""
    size: int = 0


@dataclass
class BuildResult:
    files: int
    bytes: int
    sha256: str
    manifest: dict[str, Any] = field(repr=False, default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"files": self.files, "bytes": self.bytes, "sha256": self.sha256}


def check_period(period_from: dt.date, period_to: dt.date) -> None:
    if period_to < period_from:
        raise EvidenceError(_("截止日期%(t)s早于起始日期%(f)s。") % {"t": period_to, "f": period_from})
    if (period_to - period_from).days > MAX_SPAN_DAYS:
        raise EvidenceError(_("时段最长三年，请缩短。"))


def _bounds(spec: EvidenceSpec) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(spec.period_from, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(spec.period_to + dt.timedelta(days=1), dt.time.min))
    return start, end


def _local(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


# ---------------------------------------------------------------------------------------------
# xlsx extracts


def _write_xlsx(
    path: Path,
    sheet: str,
    header: list[str],
    rows: Iterable[list[Any]],
    text_cols: frozenset[int] = frozenset(),
) -> int:
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    workbook.set_properties({"created": dt.datetime(2000, 1, 1), "author": "jianfu", "title": sheet})
    writer = XlsxTextWriter(workbook)
    ws = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for c, title in enumerate(header):
        ws.write_string(0, c, title, bold)
    n = 0
    for n, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            writer.write(
                ws, n, c, str(value) if isinstance(value, Promise) else value, as_text=c in text_cols
            )
    workbook.close()
    return n


def _created_in_period(spec: EvidenceSpec, model: Any, fields: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """The community's rows of `model` created in the period, oldest first, streamed as value tuples."""
    start, end = _bounds(spec)
    qs = model.objects.filter(community=spec.community, created_at__gte=start, created_at__lt=end)
    return qs.order_by("created_at", "id").values_list(*fields).iterator(chunk_size=500)


def _ledger_imports(spec: EvidenceSpec) -> tuple[str, Callable[[], Iterator[list[Any]]], list[str]]:
    from jianfu.ledgers.models import LedgerImport

    fields = ("pk", "file_name", "source__name", "status", "rows_total", "summary", "created_at")

    def rows() -> Iterator[list[Any]]:
        for r in _created_in_period(spec, LedgerImport, fields):
            summary = r[5] or {}
            yield [
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                json.dumps(summary, ensure_ascii=False, sort_keys=True)[:2000],
                _local(r[6]),
            ]

    header = [_("编号"), _("文件名"), _("来源"), _("状态"), _("总行数"), _("结果统计"), _("导入时间")]
    return "ledger_imports", rows, header


def _fills(spec: EvidenceSpec):
    from jianfu.fills.models import FillRecord

    fields = ("pk", "template_name", "department__name", "where", "rows_written", "status", "created_at")

    def rows() -> Iterator[list[Any]]:
        for r in _created_in_period(spec, FillRecord, fields):
            yield [r[0], r[1], r[2] or "", r[3], r[4], r[5], _local(r[6])]

    header = [_("编号"), _("模板名称"), _("部门"), _("筛选条件"), _("写入行数"), _("状态"), _("时间")]
    return "fills", rows, header


def _items(spec: EvidenceSpec) -> list[str]:
    return list(spec.inspection.items) if spec.inspection is not None and spec.inspection.items else []


def _certificates(spec: EvidenceSpec):
    from jianfu.certificates.models import Certificate

    start, end = _bounds(spec)
    qs = Certificate.objects.filter(community=spec.community, issued_at__gte=start, issued_at__lt=end)
    if _items(spec):
        qs = qs.filter(item_code__in=_items(spec))
    qs = qs.order_by("issued_at", "id")

    def rows() -> Iterator[list[Any]]:
        for r in qs.values_list(
            "serial",
            "item_code",
            "item_name",
            "title",
            "holder_name",
            "holder_id_masked",
            "purpose",
            "status",
            "issued_at",
            "revoke_reason",
        ).iterator(chunk_size=1000):
            yield [r[0], r[1], r[2], r[3], mask_name(r[4]), r[5], r[6], r[7], _local(r[8]), r[9]]

    header = [
        _("证明编号"),
        _("事项编号"),
        _("证明事项"),
        _("标题"),
        _("持证人"),
        _("身份证号"),
        _("用途"),
        _("状态"),
        _("出具时间"),
        _("撤销原因"),
    ]
    return "certificates", rows, header


def _tasks(spec: EvidenceSpec):
    from jianfu.gate.models import TaskRating, TaskTarget

    start, end = _bounds(spec)
    qs = TaskTarget.objects.filter(
        community=spec.community, task__created_at__gte=start, task__created_at__lt=end
    )
    if _items(spec):
        qs = qs.filter(task__item_code__in=_items(spec))
    qs = qs.order_by("task__created_at", "task_id")
    ratings = dict(
        TaskRating.objects.filter(community=spec.community, task__in=qs.values("task_id")).values_list(
            "task_id", "score"
        )
    )

    def rows() -> Iterator[list[Any]]:
        fields = (
            "task_id",
            "task__title",
            "task__department__name",
            "task__kind",
            "task__decision",
            "task__status",
            "task__item_code",
            "task__item_name",
            "status",
            "refusal_reason",
            "task__created_at",
        )
        for r in qs.values_list(*fields).iterator(chunk_size=500):
            yield [
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                ratings.get(r[0], ""),
                _local(r[10]),
            ]

    header = [
        _("任务编号"),
        _("任务名称"),
        _("部门"),
        _("类型"),
        _("准入结论"),
        _("任务状态"),
        _("事项编号"),
        _("匹配事项"),
        _("社区执行状态"),
        _("拒绝理由"),
        _("社区评分"),
        _("提交时间"),
    ]
    return "tasks", rows, header


def _burden(spec: EvidenceSpec):
    from jianfu.burden.models import BurdenEntry

    qs = BurdenEntry.objects.filter(
        community=spec.community, occurred_on__gte=spec.period_from, occurred_on__lte=spec.period_to
    ).order_by("occurred_on", "id")

    def rows() -> Iterator[list[Any]]:
        fields = (
            "occurred_on",
            "kind",
            "title",
            "department__name",
            "units",
            "frequency",
            "people",
            "hours",
            "corrected_hours",
            "saved_hours",
            "outside_lists",
        )
        for r in qs.values_list(*fields).iterator(chunk_size=1000):
            hours = r[8] if r[8] is not None else r[7]
            yield [
                r[0].isoformat(),
                r[1],
                r[2],
                r[3] or "",
                float(r[4]),
                float(r[5]),
                float(r[6]),
                float(hours),
                float(r[9]),
                _("是") if r[10] else _("否"),
            ]

    header = [
        _("日期"),
        _("类型"),
        _("事项"),
        _("部门"),
        _("数量"),
        _("频次"),
        _("人数"),
        _("估算耗时（小时）"),
        _("节省耗时（小时）"),
        _("清单外"),
    ]
    return "burden", rows, header


def _activities(spec: EvidenceSpec):
    from jianfu.activities.models import Activity

    qs = (
        Activity.objects.filter(
            community=spec.community, starts_on__gte=spec.period_from, starts_on__lte=spec.period_to
        )
        .annotate(
            signed=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            came=Count("signups", filter=Q(signups__attended=True)),
        )
        .order_by("starts_on", "id")
    )

    def rows() -> Iterator[list[Any]]:
        for a in qs.values_list(
            "pk",
            "starts_on",
            "title",
            "place",
            "organiser",
            "budget",
            "audience",
            "capacity",
            "status",
            "signed",
            "came",
        ).iterator(chunk_size=500):
            yield [a[0], a[1].isoformat(), a[2], a[3], a[4], float(a[5]), a[6], a[7], a[8], a[9], a[10]]

    header = [
        _("编号"),
        _("日期"),
        _("活动名称"),
        _("地点"),
        _("主办"),
        _("预算（元）"),
        _("参与对象"),
        _("名额"),
        _("状态"),
        _("报名人数"),
        _("出席人数"),
    ]
    return "activities", rows, header


def _requests(spec: EvidenceSpec):
    """Resident requests handled for the community: what kind, whose duty, on time, solved, rated.

    Neither the reporter nor the request's text is included (they can name residents); the number
    lets the community look a request up."""
    from jianfu.casework.choices import Duty, Kind, Satisfaction, Status, Urgency
    from jianfu.casework.models import Category, ServiceRequest

    start, end = _bounds(spec)
    qs = ServiceRequest.objects.filter(community=spec.community, created_at__gte=start, created_at__lt=end)
    if items := set(_items(spec)):
        wanted = [
            pk
            for pk, codes in Category.objects.values_list("pk", "catalog_codes")
            if items & set(codes or [])
        ]
        qs = qs.filter(category_id__in=wanted)
    qs = qs.order_by("created_at", "id")

    def label(choices: Any, value: str) -> str:
        return str(choices(value).label) if value else ""

    def yes_no(value: bool | None) -> str:
        return "" if value is None else (_("是") if value else _("否"))

    def rows() -> Iterator[list[Any]]:
        fields = (
            "pk",
            "created_at",
            "kind",
            "category__name",
            "urgency",
            "duty",
            "lead_department__name",
            "status",
            "due_at",
            "closed_at",
            "closed_on_time",
            "solved",
            "satisfaction",
            "reopen_count",
        )
        for r in qs.values_list(*fields).iterator(chunk_size=1000):
            yield [
                f"JF{timezone.localtime(r[1]):%Y%m%d}{r[0]:06d}",
                _local(r[1]),
                label(Kind, r[2]),
                r[3],
                label(Urgency, r[4]),
                label(Duty, r[5]),
                r[6] or "",
                label(Status, r[7]),
                _local(r[8]),
                _local(r[9]),
                yes_no(r[10]),
                yes_no(r[11]),
                label(Satisfaction, r[12]),
                r[13],
            ]

    header = [
        _("编号"),
        _("受理时间"),
        _("类型"),
        _("类别"),
        _("时限"),
        _("职责"),
        _("承办部门"),
        _("状态"),
        _("办结时限"),
        _("办结时间"),
        _("按期办结"),
        _("已解决"),
        _("满意度"),
        _("重办次数"),
    ]
    return "requests", rows, header


def _materials(spec: EvidenceSpec):
    from jianfu.inspections.choices import MaterialSource, MaterialStatus

    qs = spec.inspection.materials.order_by("position", "id")

    def rows() -> Iterator[list[Any]]:
        for m in qs:
            answer = (
                FILE_OF_SOURCE.get(m.source, "")
                if m.status in (MaterialStatus.MAPPED, MaterialStatus.ACCEPTED)
                else ""
            )
            yield [
                m.text,
                MaterialSource(m.source).label,
                MaterialStatus(m.status).label,
                answer,
                "、".join(m.trace_words),
                m.justification,
                m.decision_note,
            ]

    header = [
        _("所需材料"),
        _("系统来源"),
        _("状态"),
        _("见文件"),
        _("留痕用语"),
        _("理由/依据"),
        _("减负办意见"),
    ]
    return "materials", rows, header


def _registry(spec: EvidenceSpec):
    from jianfu.registry.models import Person

    qs = Person.objects.filter(community=spec.community).order_by("pid")

    def rows() -> Iterator[list[Any]]:
        for pid, name, gender, birth, grid in qs.values_list(
            "pid", "name", "gender", "birth_date", "grid__code"
        ).iterator(chunk_size=2000):
            yield [pid, mask_name(name), gender or "", birth.year if birth else "", grid or ""]

    header = [_("居民编号"), _("姓名"), _("性别"), _("出生年份"), _("网格")]
    return "registry", rows, header


EXTRACTS: list[tuple[str, str, Callable[[EvidenceSpec], Any], frozenset[int]]] = [
    ("01-ledger-imports.xlsx", "ledger_imports", _ledger_imports, frozenset()),
    ("02-fills.xlsx", "fills", _fills, frozenset()),
    ("03-certificates.xlsx", "certificates", _certificates, frozenset({0, 5})),
    ("04-tasks.xlsx", "tasks", _tasks, frozenset()),
    ("05-burden.xlsx", "burden", _burden, frozenset()),
    ("06-activities.xlsx", "activities", _activities, frozenset()),
    ("07-requests.xlsx", "requests", _requests, frozenset({0})),
    ("08-materials.xlsx", "materials", _materials, frozenset()),
    ("09-registry.xlsx", "registry", _registry, frozenset({0, 4})),
]
FILE_OF_SOURCE = {source: path for path, source, _f, _t in EXTRACTS}


def _selection(spec: EvidenceSpec, source: str) -> str:
    base = f"community={spec.community.code}; period={spec.period_from.isoformat()}..{spec.period_to.isoformat()}"
    if source in ("certificates", "tasks", "requests") and _items(spec):
        base += f"; items={','.join(_items(spec))}"
    if source == "registry":
        return f"community={spec.community.code}; all residents; names masked, no ID numbers or phones"
    if source == "materials":
        return f"inspection={spec.inspection.pk}"
    return base


def sources_for(spec: EvidenceSpec) -> list[str]:
    """Which extracts go in: a visit gets what its materials map to; the community's own package all but the roster."""
    from jianfu.inspections.choices import MaterialStatus

    everyday = ["ledger_imports", "fills", "certificates", "tasks", "burden", "activities", "requests"]
    if spec.inspection is None:
        return [*everyday, *(["registry"] if spec.include_registry else [])]
    wanted = set(
        spec.inspection.materials.filter(
            status__in=[MaterialStatus.MAPPED, MaterialStatus.ACCEPTED]
        ).values_list("source", flat=True)
    )
    if spec.include_registry:
        wanted.add("registry")
    return [s for s in [*everyday, "registry"] if s in wanted] + ["materials"]


def _sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _cover(spec: EvidenceSpec, files: list[BuiltFile]) -> bytes:
    from jianfu.inspections.pdf import cover_pdf

    inspection = spec.inspection
    rows = [(f.path, SOURCE_LABELS().get(f.source, f.source), str(f.rows)) for f in files]
    lines = [
        _("社区：%(name)s（%(code)s）") % {"name": spec.community.name, "code": spec.community.code},
        _("时段：%(f)s至%(t)s") % {"f": spec.period_from.isoformat(), "t": spec.period_to.isoformat()},
    ]
    if inspection is not None:
        lines.append(
            _("检查：%(t)s（%(d)s，%(s)s至%(e)s）")
            % {
                "t": inspection.title,
                "d": inspection.department.name,
                "s": inspection.window_start,
                "e": inspection.window_end,
            }
        )
    statement = _(
        "本材料包由 jianfu 根据社区日常工作记录（台账导入、一表通填表、证明台账、任务准入、负担台账、社区活动、居民诉求）自动生成，"
        "社区无需另行整理纸质材料或留痕资料。居民信息已遮蔽。每个文件的 SHA-256校验值见 manifest.json，"
        "可用 jianfu evidence verify 核验。"
    )
    return cover_pdf(
        title=_("检查材料包"),
        lines=lines,
        statement=statement,
        rows=rows,
        header=[_("文件"), _("内容"), _("行数")],
    )


def SOURCE_LABELS() -> dict[str, str]:
    return {
        "ledger_imports": _("台账导入记录"),
        "fills": _("一表通填表记录"),
        "certificates": _("证明台账"),
        "tasks": _("任务及准入决定"),
        "burden": _("负担台账"),
        "activities": _("社区活动"),
        "requests": _("居民诉求及吹哨办理记录"),
        "materials": _("所需材料对照"),
        "registry": _("居民名册（遮蔽）"),
    }


def _zipinfo(path: str, when: dt.date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def build(spec: EvidenceSpec, out: IO[bytes]) -> BuildResult:
    """Write the package to `out` (a binary file opened for writing) and return its figures."""
    check_period(spec.period_from, spec.period_to)
    with tempfile.TemporaryDirectory(prefix="jianfu-evidence-") as tmp:
        folder = Path(tmp)
        built: list[BuiltFile] = []
        by_path = {p: (s, f, t) for p, s, f, t in EXTRACTS}
        for path, source, make, text_cols in EXTRACTS:
            if source not in sources_for(spec):
                continue
            _source, rows, header = make(spec)
            n = _write_xlsx(folder / path, SOURCE_LABELS()[source], header, rows(), text_cols)
            item = BuiltFile(path=path, source=source, selection=_selection(spec, source), rows=n)
            item.sha256, item.size = _sha256_file(folder / path)
            built.append(item)
        del by_path
        cover = _cover(spec, built)
        (folder / "00-cover.pdf").write_bytes(cover)
        cover_file = BuiltFile(
            path="00-cover.pdf", source="cover", selection=_selection(spec, "cover"), rows=0
        )
        cover_file.sha256, cover_file.size = _sha256_file(folder / "00-cover.pdf")
        files = [cover_file, *built]
        manifest = manifest_for(spec, files)
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"
        digest = _HashingWriter(out)
        with zipfile.ZipFile(digest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:  # type: ignore[call-overload]
            zf.writestr(_zipinfo(MANIFEST, spec.period_to), data)
            for f in files:
                with (
                    (folder / f.path).open("rb") as src,
                    zf.open(_zipinfo(f.path, spec.period_to), "w") as dst,
                ):
                    while chunk := src.read(CHUNK):
                        dst.write(chunk)
        return BuildResult(
            files=len(files) + 1, bytes=digest.size, sha256=digest.hexdigest(), manifest=manifest
        )


def manifest_for(spec: EvidenceSpec, files: list[BuiltFile]) -> dict[str, Any]:
    inspection = spec.inspection
    return {
        "format": FORMAT,
        "community": {"code": spec.community.code, "name": spec.community.name},
        "period": {"from": spec.period_from.isoformat(), "to": spec.period_to.isoformat()},
        "inspection": None
        if inspection is None
        else {
            "id": inspection.pk,
            "title": inspection.title,
            "department": inspection.department.name,
            "window": [inspection.window_start.isoformat(), inspection.window_end.isoformat()],
            "items": list(inspection.items),
            "joint": inspection.joint,
        },
        "masked": True,
        "files": [
            {
                "path": f.path,
                "source": f.source,
                "selection": f.selection,
                "rows": f.rows,
                "bytes": f.size,
                "sha256": f.sha256,
            }
            for f in files
        ],
    }


class _HashingWriter:
    """A write-only file that hashes and counts what passes through (zipfile needs tell/flush)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self.raw.flush()

    def seekable(self) -> bool:
        return False

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Verification


def verify(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Recompute every file's hash against the manifest; report missing, extra and changed files."""
    mismatches: list[dict[str, str]] = []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return {"ok": False, "files": 0, "mismatches": [{"path": str(path), "problem": f"not a zip: {exc}"}]}
    with zf:
        names = zf.namelist()
        if MANIFEST not in names:
            return {
                "ok": False,
                "files": len(names),
                "mismatches": [{"path": MANIFEST, "problem": "missing"}],
            }
        try:
            manifest = json.loads(zf.read(MANIFEST))
            listed = {f["path"]: f for f in manifest["files"]}
        except (ValueError, KeyError, TypeError) as exc:
            return {
                "ok": False,
                "files": len(names),
                "mismatches": [{"path": MANIFEST, "problem": f"unreadable: {exc}"}],
            }
        if len(set(names)) != len(names):
            mismatches.append({"path": "*", "problem": "duplicate entries"})
        for name in names:
            if name != MANIFEST and name not in listed:
                mismatches.append({"path": name, "problem": "not in manifest"})
        for name, entry in listed.items():
            if name not in names:
                mismatches.append({"path": name, "problem": "missing"})
                continue
            digest = hashlib.sha256()
            try:
                with zf.open(name) as fh:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                mismatches.append({"path": name, "problem": f"unreadable: {exc}"})
                continue
            if digest.hexdigest() != entry.get("sha256"):
                mismatches.append({"path": name, "problem": "sha256 differs"})
    return {
        "ok": not mismatches,
        "files": len(names),
        "mismatches": mismatches,
        "format": manifest.get("format"),
    }


def sha256_of(path: str | os.PathLike[str]) -> str:
    return _sha256_file(Path(path))[0]
