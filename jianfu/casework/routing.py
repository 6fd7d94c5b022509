"""Whose duty is a request: the community (to the grid), a department (吹哨), or unclear (district).

Pure reads: the category's duty and department codes, checked against the district's catalog —
a category linked to a negative-list item (执法, 拆违 …) never lands on the community.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.casework.choices import Duty
from jianfu.catalog.choices import ListKind
from jianfu.orgs.models import Department


@dataclass
class Route:
    duty: str
    departments: list[Department] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    catalog: list[tuple[str, str, str]] = field(default_factory=list)  # (list kind, code, name)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def catalog_items(category: Any, district_code: str) -> list[tuple[str, str, str]]:
    if not category.catalog_codes:
        return []
    from jianfu.catalog.selectors import active_items

    wanted = set(category.catalog_codes)
    items = active_items(district_code=district_code, on=timezone.localdate())
    return [(i.list_kind, i.code, i.name) for i in items if i.code in wanted]


def departments_for(codes: list[str], district: Any, community: Any) -> list[Department]:
    """District departments by code; a street-level one (code `XX-CODE`) of the community's street wins."""
    found: list[Department] = []
    qs = Department.objects.filter(district=district)
    for code in codes:
        dept = None
        if community is not None:
            dept = qs.filter(street_id=community.street_id, code__endswith=f"-{code}").first()
        dept = dept or qs.filter(street__isnull=True, code=code).first()
        if dept is not None and dept not in found:
            found.append(dept)
    return found


def route(category: Any, *, district: Any, community: Any) -> Route:
    items = catalog_items(category, district.code)
    negative = [i for i in items if i[0] == ListKind.NEGATIVE]
    names = "、".join(f"{code} {name}" for _k, code, name in items)
    r = Route(duty=Duty.UNCLEAR, catalog=items)
    if names:
        r.reasons.append(_("清单事项：%(items)s") % {"items": names})
    if community is None:
        r.reasons.append(_("未能确定所属社区，由区级兜底派单"))
        return r
    if category.duty == Duty.COMMUNITY and not negative:
        r.duty = Duty.COMMUNITY
        r.reasons.append(_("属社区职责，派至社区网格办理"))
        return r
    if negative and category.duty == Duty.COMMUNITY:
        r.reasons.append(_("关联负面清单事项，社区不得作为责任主体"))
    codes = [c for c in [category.department_code, *category.co_department_codes] if c]
    depts = departments_for(codes, district, community)
    if category.duty == Duty.UNCLEAR or not depts:
        r.reasons.append(_("职责不清或未找到责任部门，由区级兜底派单"))
        return r
    r.duty = Duty.DEPARTMENT
    r.departments = depts
    lead = depts[0].name
    if len(depts) > 1:
        r.reasons.append(
            _("多部门共管，首接负责：%(lead)s牵头，%(others)s协办")
            % {"lead": lead, "others": "、".join(d.name for d in depts[1:])}
        )
    else:
        r.reasons.append(_("属部门职责，吹哨%(lead)s报到") % {"lead": lead})
    return r
