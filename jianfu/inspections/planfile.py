"""A department's annual inspection plan as YAML (`jianfu inspection plan-load FILE.yaml`).

    department: MZJ            # department code
    year: 2026
    inspections:
      - ref: MZ-2026-01        # unique in the plan; loading the file again skips known refs
        title: 民政领域综合检查
        kind: check            # supervision | check | assessment | evaluation | research
        comprehensive: true
        items: [A01, A02]      # catalog item codes in scope
        communities: all       # or a list of community codes
        window: [2026-05-11, 2026-05-15]
        materials: [低保对象名册, 证明开具台账]
        expected_hours: 3      # community hours per community
        reception: zero        # or deviation, with reception_reason

All-or-nothing: every error is reported with its line, and nothing is written unless all pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.inspections.choices import InspectionKind
from jianfu.inspections.models import AnnualPlan, Inspection
from jianfu.inspections.services import VisitInput, inspection_register

FIELDS = {
    "ref", "title", "kind", "comprehensive", "items", "communities", "window", "materials",
    "expected_hours", "reception", "reception_reason", "unannounced", "legal_basis",
}  # fmt: skip
MAX_ENTRIES = 500


class _Loader(yaml.SafeLoader):
    """Dates stay text (parsed by us, so 2026-13-01 is an error with a line, not a crash)."""


_Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class PlanFileError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class PlanLoadResult:
    plan: AnnualPlan
    created: list[Inspection] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "department": self.plan.department.code,
            "year": self.plan.year,
            "created": [
                {"id": i.pk, "ref": i.plan_ref, "title": i.title, "status": i.status, "route": i.route}
                for i in self.created
            ],
            "unchanged": self.unchanged,
        }


def _lines(text: str) -> tuple[dict[str, int], list[dict[str, int]]]:
    """Line numbers (1-based) of the top-level keys and of each inspection's keys."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}, []
    top: dict[str, int] = {}
    entries: list[dict[str, int]] = []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            top[str(key.value)] = key.start_mark.line + 1
            if key.value == "inspections" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    lines = {"": item.start_mark.line + 1}
                    if isinstance(item, yaml.MappingNode):
                        lines.update({str(k.value): k.start_mark.line + 1 for k, _v in item.value})
                    entries.append(lines)
    return top, entries


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [(f, str(m)) for f, errs in exc.message_dict.items() for m in errs]
    return [("", m) for m in exc.messages]


def parse_plan(text: str, *, name: str = "plan") -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise PlanFileError(
            [_("%(w)s：不是有效的 YAML（%(e)s）。") % {"w": where, "e": getattr(exc, "problem", exc)}]
        ) from None
    if not isinstance(data, dict):
        raise PlanFileError([_("%(w)s：文件应包含 department、year 和 inspections。") % {"w": name}])
    return data


@transaction.atomic
def plan_load(
    *, actor: Any, text: str, name: str = "plan", department: Any = None, today: dt.date | None = None
) -> PlanLoadResult:
    """Load a plan file: file the plan and register each visit through the gate, or write nothing."""
    from jianfu.orgs.models import Community, Department

    data = parse_plan(text, name=name)
    top, entry_lines = _lines(text)
    errors: list[str] = []

    def err(line: int | None, message: str) -> None:
        errors.append(f"{name}:{line}: {message}" if line else f"{name}: {message}")

    code = str(data.get("department") or "").strip()
    if department is None:
        department = Department.objects.select_related("district", "street").filter(code=code).first()
        if department is None:
            raise PlanFileError(
                [
                    f"{name}:{top.get('department', 1)}: "
                    + _("未知的部门代码「%(c)s」（见 jianfu communities / 组织架构文件）。") % {"c": code}
                ]
            )
    elif code and code != department.code:
        raise PlanFileError(
            [
                f"{name}:{top.get('department', 1)}: "
                + _("文件中的部门「%(c)s」不是您的部门%(d)s。") % {"c": code, "d": department.code}
            ]
        )
    try:
        year = int(data.get("year"))  # type: ignore[arg-type]  # TypeError is the answer for None
    except (TypeError, ValueError):
        raise PlanFileError([f"{name}:{top.get('year', 1)}: " + _("year 应为四位年份，例如2026。")]) from None
    if not 2000 <= year <= 2100:
        raise PlanFileError([f"{name}:{top.get('year', 1)}: " + _("年份%(y)d超出范围。") % {"y": year}])
    entries = data.get("inspections")
    if not isinstance(entries, list) or not entries:
        raise PlanFileError(
            [f"{name}:{top.get('inspections', 1)}: " + _("inspections 应为至少一项检查的列表。")]
        )
    if len(entries) > MAX_ENTRIES:
        raise PlanFileError([f"{name}: " + _("一份计划最多%(n)d项检查。") % {"n": MAX_ENTRIES}])

    reach = {
        c.code: c
        for c in (
            Community.objects.filter(street_id=department.street_id)
            if department.street_id
            else Community.objects.filter(street__district_id=department.district_id)
        ).order_by("code")
    }
    plan, _created = AnnualPlan.objects.get_or_create(
        department=department,
        year=year,
        defaults={
            "source_name": name[:255],
            "filed_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    known = set(Inspection.objects.filter(plan=plan).values_list("plan_ref", flat=True))
    result = PlanLoadResult(plan=plan)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        lines = entry_lines[index] if index < len(entry_lines) else {"": None}
        line = lines.get("")
        if not isinstance(entry, dict):
            err(line, _("每项检查应为键值对（ref、title、kind、communities、window…）。"))
            continue
        unknown = sorted(set(map(str, entry)) - FIELDS)
        if unknown:
            err(
                lines.get(unknown[0], line),
                _("未知的字段：%(f)s。可用字段：%(all)s。")
                % {"f": "、".join(unknown), "all": "、".join(sorted(FIELDS))},
            )
            continue
        ref = str(entry.get("ref") or "").strip()
        if not ref:
            err(line, _("缺少 ref（计划内编号），例如 MZ-%(y)d-01。") % {"y": year})
            continue
        if ref in seen:
            err(lines.get("ref", line), _("编号%(r)s重复。") % {"r": ref})
            continue
        seen.add(ref)
        if ref in known:
            result.unchanged.append(ref)
            continue
        window = entry.get("window")
        dates = [_date(d) for d in window] if isinstance(window, list) and len(window) == 2 else [None, None]
        if None in dates:
            err(
                lines.get("window", line),
                _("window 应为 [开始日期, 结束日期]，例如 [%(y)d-05-11, %(y)d-05-15]。") % {"y": year},
            )
            continue
        start, end = dates
        assert start is not None and end is not None
        if start.year != year:
            err(
                lines.get("window", line),
                _("检查日期%(d)s不在计划年度%(y)d内。") % {"d": start, "y": year},
            )
            continue
        wanted = entry.get("communities")
        if wanted == "all":
            communities = list(reach.values())
        elif isinstance(wanted, list) and wanted:
            missing = [str(c) for c in wanted if str(c) not in reach]
            if missing:
                err(
                    lines.get("communities", line),
                    _("不在本部门辖区的社区代码：%(c)s。") % {"c": "、".join(missing)},
                )
                continue
            communities = [reach[str(c)] for c in wanted]
        else:
            err(lines.get("communities", line), _("communities 应为社区代码列表，或 all（辖区全部社区）。"))
            continue
        kind = str(entry.get("kind") or "")
        if kind not in InspectionKind.values:
            err(
                lines.get("kind", line),
                _("kind「%(k)s」无效，可选：%(c)s。") % {"k": kind, "c": "、".join(InspectionKind.values)},
            )
            continue
        list_fields = {"items": entry.get("items") or [], "materials": entry.get("materials") or []}
        bad_list = [k for k, v in list_fields.items() if not isinstance(v, list)]
        if bad_list:
            err(lines.get(bad_list[0], line), _("%(f)s应为列表。") % {"f": bad_list[0]})
            continue
        visit = VisitInput(
            title=str(entry.get("title") or ""),
            kind=kind,
            communities=communities,
            window_start=start,
            window_end=end,
            items=[str(i) for i in list_fields["items"]],
            materials=[str(m) for m in list_fields["materials"]],
            expected_hours=entry.get("expected_hours") or 0,
            comprehensive=bool(entry.get("comprehensive")),
            unannounced=bool(entry.get("unannounced")),
            legal_basis=str(entry.get("legal_basis") or ""),
            reception=str(entry.get("reception") or "zero"),
            reception_reason=str(entry.get("reception_reason") or ""),
            plan_ref=ref,
        )
        try:
            with transaction.atomic():
                result.created.append(
                    inspection_register(
                        actor=actor, department=department, visit=visit, plan=plan, today=today
                    )
                )
        except ValidationError as exc:
            for f, message in _messages(exc):
                err(lines.get({"window_start": "window", "window_end": "window"}.get(f, f), line), message)
    if errors:
        transaction.set_rollback(True)
        raise PlanFileError(errors)
    return result
