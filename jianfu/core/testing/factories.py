"""Factories: small functions that make valid objects with sensible defaults."""

import datetime as dt
import itertools
from typing import Any

from jianfu.accounts.models import User
from jianfu.core import idcard
from jianfu.core.permissions import system_actor
from jianfu.orgs.models import Community, Department, District, Grid, Street
from jianfu.registry.models import Person, Source
from jianfu.registry.services import person_create

PASSWORD = "jianfu-test-pass-2026"  # noqa: S105
_seq = itertools.count(1)


def org_tree() -> dict[str, Any]:
    district = District.objects.create(code="420102", name="江岸区")
    street = Street.objects.create(district=district, code="420102001", name="大智街道")
    other_street = Street.objects.create(district=district, code="420102002", name="台北街道")
    community = Community.objects.create(street=street, code="420102001001", name="民意社区")
    other_community = Community.objects.create(street=street, code="420102001002", name="永红社区")
    far_community = Community.objects.create(street=other_street, code="420102002001", name="花桥社区")
    grids = [
        Grid.objects.create(community=c, code=code, name=f"{c.name}{code}网格")
        for c in (community, other_community, far_community)
        for code in ("01", "02")
    ]
    department = Department.objects.create(district=district, code="MZJ", name="区民政局", level="district")
    street_department = Department.objects.create(
        district=district, street=street, code="DZ-PA", name="大智街道平安办", level="street"
    )
    return {
        "district": district,
        "street": street,
        "other_street": other_street,
        "community": community,
        "other_community": other_community,
        "far_community": far_community,
        "grid": grids[0],
        "department": department,
        "street_department": street_department,
    }


def user(username: str, role: str, **units: Any) -> User:
    community = units.get("community")
    street = units.get("street") or (community.street if community else None)
    department = units.get("department")
    district = (
        units.get("district")
        or (street.district if street else None)
        or (department.district if department else None)
    )
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        display_name=username,
        district=district,
        street=street,
        community=community,
        grid=units.get("grid"),
        department=department,
    )


def id_number(birth: dt.date | None = None, region: str = "420102") -> str:
    return idcard.make(region, birth or dt.date(1950, 3, 2), next(_seq) % 1000)


def source(name: str = "测试来源", priority: int = 50, **kw: Any) -> Source:
    obj, _ = Source.objects.get_or_create(name=name, defaults={"priority": priority, **kw})
    return obj


SYSTEM = system_actor("test fixture")  # the actor of test set-up code that stands for no user


def department(district: Any, code: str, name: str, street: Any = None) -> Department:
    """Another department (e.g. 区残联, or a street-level office of another street)."""
    obj, _ = Department.objects.get_or_create(
        district=district,
        street=street,
        code=code,
        defaults={"name": name, "level": "street" if street else "district"},
    )
    return obj


def department_of(street: Any) -> Department:
    return department(
        street.district, f"{street.code}-PA", f"{street.name}平安办", street=street
    )  # the actor of test set-up code that stands for no user


def person(community: Community, actor: Any = SYSTEM, grid: Grid | None = None, **values: Any) -> Person:
    values.setdefault("name", f"测试{next(_seq)}")
    if "id_number" not in values:
        values["id_number"] = id_number(values.pop("birth", None))
    return person_create(actor=actor, community=community, values=values, source=source(), grid=grid)
