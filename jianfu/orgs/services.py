"""Setting up a district from its organisation file. Running it again updates, never duplicates."""

from dataclasses import dataclass, field
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.orgs.choices import DepartmentLevel
from jianfu.orgs.models import Community, Department, District, Grid, Street


class OrgFileError(ValueError):
    pass


@dataclass
class OrgLoadResult:
    district: District
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1


def _need(mapping: Any, key: str, where: str) -> str:
    if not isinstance(mapping, dict) or not str(mapping.get(key) or "").strip():
        raise OrgFileError(_("%(where)s缺少“%(key)s”。") % {"where": where, "key": key})
    return str(mapping[key]).strip()


def _upsert(model, lookup: dict, values: dict, result: OrgLoadResult, kind: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        result.count(result.created, kind)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        result.count(result.updated, kind)
    return obj


def parse_org_file(text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OrgFileError(_("组织文件不是有效的 YAML：%(err)s") % {"err": exc}) from exc
    if not isinstance(data, dict):
        raise OrgFileError(_("组织文件应以 district:、streets:、departments: 开头。"))
    return data


@transaction.atomic
def org_load(*, data: dict, actor: Any) -> OrgLoadResult:
    d = data.get("district")
    district_code = _need(d, "code", "district")
    seen_codes: set[str] = set()
    result = OrgLoadResult(district=None)  # type: ignore[arg-type]
    district = _upsert(
        District, {"code": district_code}, {"name": _need(d, "name", "district")}, result, "district"
    )
    result.district = district
    for i, s in enumerate(data.get("streets") or [], start=1):
        where = f"streets[{i}]"
        street = _upsert(
            Street,
            {"code": _need(s, "code", where)},
            {"name": _need(s, "name", where), "district": district},
            result,
            "street",
        )
        for j, c in enumerate(s.get("communities") or [], start=1):
            cwhere = f"{where}.communities[{j}]"
            code = _need(c, "code", cwhere)
            if code in seen_codes:
                raise OrgFileError(_("社区代码%(code)s重复出现。") % {"code": code})
            seen_codes.add(code)
            community = _upsert(
                Community,
                {"code": code},
                {"name": _need(c, "name", cwhere), "street": street},
                result,
                "community",
            )
            for g in c.get("grids") or []:
                grid_code, grid_name = (
                    (str(g.get("code")), str(g.get("name", ""))) if isinstance(g, dict) else (str(g), "")
                )
                _upsert(
                    Grid,
                    {"community": community, "code": grid_code},
                    {"name": grid_name or f"{community.name}第{grid_code}网格"},
                    result,
                    "grid",
                )
    streets_by_code = {s.code: s for s in district.streets.all()}
    for k, dep in enumerate(data.get("departments") or [], start=1):
        where = f"departments[{k}]"
        level = dep.get("level", DepartmentLevel.DISTRICT)
        if level not in DepartmentLevel.values:
            raise OrgFileError(_("%(where)s的 level 应为 district 或 street。") % {"where": where})
        street = None
        if level == DepartmentLevel.STREET:
            street = streets_by_code.get(str(dep.get("street", "")))
            if street is None:
                raise OrgFileError(
                    _("%(where)s是街道级部门，需要 street: 写明所属街道代码。") % {"where": where}
                )
        _upsert(
            Department,
            {"district": district, "street": street, "code": _need(dep, "code", where)},
            {"name": _need(dep, "name", where), "level": level},
            result,
            "department",
        )
    audit_record(
        actor=actor,
        action=AuditAction.LOAD,
        obj=district,
        summary=_("加载组织文件：新增%(c)s，更新%(u)s") % {"c": result.created, "u": result.updated},
        detail={"created": result.created, "updated": result.updated},
    )
    return result
