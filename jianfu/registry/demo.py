"""Realistic demo residents: households in buildings, an urban age pyramid, special populations.

`generate_people(n, communities, seed)` yields `PersonSpec`s (pure Python, no database writes);
`jianfu.registry.bulk.bulk_load` writes them. Every value is a fact from a named source, so the
person page shows where each value came from. Names come from Faker's zh_CN lists; ID numbers
carry a valid GB 11643 check digit and agree with the birth date and gender.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from faker.providers.person.zh_CN import Provider as ZhPerson

from jianfu.core import idcard

# name → (priority, kind, department code, recorded on)
DEMO_SOURCES: dict[str, tuple[int, str, str | None, dt.date]] = {
    "人口基础库（demo）": (60, "department", None, dt.date(2026, 1, 15)),
    "区民政局低保名册": (80, "department", "MZJ", dt.date(2026, 9, 1)),
    "区民政局老年人名册": (70, "department", "MZJ", dt.date(2026, 8, 1)),
    "区民政局儿童福利名册": (80, "department", "MZJ", dt.date(2026, 7, 1)),
    "区残联残疾人名册": (80, "department", "CL", dt.date(2026, 6, 30)),
    "区卫健委健康管理名册": (80, "department", "WJW", dt.date(2026, 6, 1)),
    "区退役军人事务局名册": (80, "department", "TYJR", dt.date(2026, 5, 20)),
    "区司法局社区矫正与安置帮教名册": (80, "department", "SFJ", dt.date(2026, 9, 10)),
    "区人社局就业困难人员名册": (80, "department", "RSJ", dt.date(2026, 8, 15)),
    "2025年网格走访台账（demo）": (50, "ledger", None, dt.date(2025, 11, 20)),
}
BASE = "人口基础库（demo）"
# What each demo roster is authoritative for (a tag includes its fields): see registry.precedence.
DEMO_SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "区民政局低保名册": ("dibao", "tekun"),
    "区民政局老年人名册": ("advanced_age", "living_alone_elder", "empty_nest_elder", "living"),
    "区残联残疾人名册": ("disabled",),
    "区卫健委健康管理名册": ("disabled_elder",),
    "区退役军人事务局名册": ("veteran", "entitled"),
    "区司法局社区矫正与安置帮教名册": ("community_correction", "released_prisoner"),
    "区人社局就业困难人员名册": ("unemployed",),
}
VISIT = "2025年网格走访台账（demo）"
TODAY = dt.date(2026, 11, 1)

_SURNAMES = list(ZhPerson.last_names.keys())
_SURNAME_CUM = list(accumulate(ZhPerson.last_names.values()))
_MALE = list(ZhPerson.first_names_male)
_FEMALE = list(ZhPerson.first_names_female)
_SINGLE = [c for c in _MALE + _FEMALE if len(c) == 1]
_REGIONS = (
    ["420102"] * 30
    + ["420103", "420104", "420105", "420106", "420111", "420112", "420115"] * 4
    + [
        "421002",
        "421003",
        "420902",
        "420682",
        "421102",
        "422801",
        "430102",
        "411502",
        "362502",
        "500101",
    ]
)
_ESTATE_A = [
    "民意",
    "永红",
    "三阳",
    "花桥",
    "台北",
    "香港路",
    "黎黄陂",
    "胜利",
    "汉口",
    "江滩",
    "百步亭",
    "后湖",
]
_ESTATE_B = ["小区", "花园", "新村", "家园", "公寓", "里"]
_ETHNIC = (
    (["汉族"] * 970)
    + ["回族"] * 8
    + ["土家族"] * 10
    + ["苗族"] * 4
    + ["满族"] * 4
    + ["蒙古族"] * 2
    + ["壮族"] * 2
)
_EMPLOYERS = [
    "武汉市江岸区某商贸公司",
    "中百仓储",
    "武汉地铁集团",
    "湖北省人民医院",
    "江岸区某小学",
    "个体经营",
    "武汉港务集团",
    "某物流公司",
    "某软件公司",
    "某餐饮店",
    "灵活就业",
    "某建筑公司",
    "武汉协和医院",
]
_DISABILITY_TYPES = ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]
_DISABILITY_TYPE_W = [12, 18, 2, 45, 8, 10, 5]
_LEVELS = ["一级", "二级", "三级", "四级"]
_ENTITLED = ["伤残军人", "在乡复员军人", "带病回乡退伍军人", "烈士遗属", "参战退役人员"]


@dataclass
class PersonSpec:
    community_id: int
    grid_id: int | None
    grid_label: str
    place: tuple[str, str, str, str]  # estate, building, unit, room
    household_number: str
    relation: str  # registry.choices.Relation value
    name: str
    id_number: str
    gender: str
    birth_date: dt.date
    phone: str
    # (attribute code, value, source name) — every value of the person, with where it came from
    facts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class _Member:
    age: int
    gender: str
    relation: str
    surname: str | None = None


def _name(rng: random.Random, gender: str, surname: str | None = None) -> str:
    surname = surname or rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
    pool = _MALE if gender == "男" else _FEMALE
    given = rng.choice(pool)
    if len(given) == 1 and rng.random() < 0.65:
        given += rng.choice(_SINGLE)
    return surname + given


def _age_years(rng: random.Random, lo: int, hi: int) -> int:
    return rng.randint(lo, hi)


def _household(rng: random.Random) -> list[_Member]:
    """One household's members (ages, genders, relation to head)."""
    r = rng.random()
    g = "男" if rng.random() < 0.5 else "女"
    other = "女" if g == "男" else "男"
    if r < 0.09:  # elder living alone
        return [_Member(_age_years(rng, 65, 96), "女" if rng.random() < 0.62 else "男", "head")]
    if r < 0.19:  # elder couple, children moved out
        a = _age_years(rng, 60, 90)
        return [_Member(a, "男", "head"), _Member(max(58, a + rng.randint(-4, 2)), "女", "spouse")]
    if r < 0.31:  # young single or couple without children
        a = _age_years(rng, 20, 40)
        members = [_Member(a, g, "head")]
        if rng.random() < 0.45:
            members.append(_Member(max(20, a + rng.randint(-4, 4)), other, "spouse"))
        return members
    # families: parents, 0–2 children, sometimes grandparents
    a = _age_years(rng, 26, 62)
    members = [_Member(a, "男" if rng.random() < 0.7 else "女", "head")]
    if rng.random() < 0.9:
        members.append(
            _Member(max(22, a + rng.randint(-5, 3)), "女" if members[0].gender == "男" else "男", "spouse")
        )
    children = rng.choices([0, 1, 2, 3], [15, 50, 32, 3])[0]
    for _ in range(children):
        ca = a - rng.randint(22, 36)
        if ca >= 0:
            members.append(_Member(ca, "男" if rng.random() < 0.52 else "女", "child", members[0].surname))
    if r > 0.8 and a < 55:
        ga = a + rng.randint(24, 32)
        members.append(_Member(min(ga, 98), "女" if rng.random() < 0.6 else "男", "parent"))
    if r > 0.93 and a >= 52:
        members.append(_Member(rng.randint(0, 10), "男" if rng.random() < 0.5 else "女", "grandchild"))
    return members


def _birth(rng: random.Random, age: int) -> dt.date:
    start = dt.date(TODAY.year - age - 1, TODAY.month, TODAY.day) + dt.timedelta(days=1)
    return start + dt.timedelta(days=rng.randint(0, 364))


_W = idcard.WEIGHTS


def _check(first17: str) -> str:
    return idcard.CHECK_CHARS[sum(map(int.__mul__, map(int, first17), _W)) % 11]


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, birth: dt.date, gender: str) -> str:
        for _ in range(50):
            region = self.rng.choice(_REGIONS)
            seq = self.rng.randint(0, 499) * 2 + (1 if gender == "男" else 0)
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = first17 + _check(first17)
            if number not in self.used:
                self.used.add(number)
                return number
        raise RuntimeError("could not find a free ID number")


def _education(rng: random.Random, age: int) -> str:
    if age < 7:
        return ""
    if age < 13:
        return "小学"
    if age < 16:
        return "初中"
    if age < 19:
        return "高中"
    if age >= 70:
        return rng.choices(
            ["文盲或半文盲", "小学", "初中", "高中", "中专", "大学专科", "大学本科"],
            [10, 30, 30, 18, 6, 3, 3],
        )[0]
    if age >= 50:
        return rng.choices(
            ["小学", "初中", "高中", "中专", "大学专科", "大学本科", "研究生"], [8, 32, 28, 12, 10, 9, 1]
        )[0]
    return rng.choices(["初中", "高中", "中专", "大学专科", "大学本科", "研究生"], [12, 15, 10, 22, 33, 8])[0]


def _political(rng: random.Random, age: int) -> str:
    if age < 14:
        return ""
    if age < 28:
        return rng.choices(["共青团员", "群众", "中共党员"], [45, 50, 5])[0]
    return rng.choices(["群众", "中共党员", "中共预备党员", "民主党派"], [84, 14, 0.5, 1.5])[0]


def _marital(rng: random.Random, m: _Member, size: int) -> str:
    if m.age < 20:
        return ""
    if m.relation == "spouse" or (m.relation == "head" and size >= 2 and m.age >= 24 and rng.random() < 0.9):
        return "已婚"
    if m.age >= 65:
        return rng.choices(["丧偶", "已婚", "离婚"], [70, 20, 10])[0]
    if m.age < 30:
        return rng.choices(["未婚", "已婚"], [75, 25])[0]
    return rng.choices(["未婚", "离婚", "已婚", "丧偶"], [40, 35, 20, 5])[0]


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        phone = rng.choice(["13", "15", "17", "18", "19"]) + f"{rng.randint(0, 999_999_999):09d}"
        if phone not in used:
            used.add(phone)
            return phone


def generate_people(
    n: int, communities: Sequence[Any], seed: int = 2026, *, detail: str = "full"
) -> Iterator[PersonSpec]:
    """Yield about `n` residents spread over `communities` (Community objects with grids).

    `detail="full"` gives every resident ~17 facts (all core attributes); `detail="lean"` only
    name, ID number, gender, birth date, phone, address and grid plus special-population tags and
    their fields (what a 1,000,000-person benchmark registry needs and can load in minutes).
    Deterministic for a given seed.
    """
    rng = random.Random(seed)
    ids = _Ids(rng)
    phones: set[str] = set()
    plans = []
    for community in communities:
        grids = list(community.grids.order_by("code")) if hasattr(community, "grids") else []
        estates = [
            rng.choice(_ESTATE_A) + rng.choice(_ESTATE_B) + ("" if i == 0 else str(i + 1) + "期")
            for i in range(rng.randint(3, 5))
        ]
        plans.append((community, grids, list(dict.fromkeys(estates))))
    per = [n // len(plans) + (1 if i < n % len(plans) else 0) for i in range(len(plans))]
    full = detail == "full"
    serial = {"dibao": 0}
    for (community, grids, estates), quota in zip(plans, per, strict=True):
        made = 0
        hh = 0
        # enough buildings (4 units × 28 floors × 4 flats each) that ~60% of the flats are taken
        buildings = max(12, int(quota / 2.6 / 448 / len(estates) / 0.6) + 1)
        rooms: set[tuple[str, str, str, str]] = set()
        while made < quota:
            members = _household(rng)[: quota - made]
            hh += 1
            estate = rng.choice(estates)
            for _try in range(30):  # a free flat; in a very full estate two households share one
                building = str(rng.randint(1, buildings))
                place = (
                    estate,
                    building,
                    str(rng.randint(1, 4)),
                    f"{rng.randint(1, 28)}{rng.randint(1, 4):02d}",
                )
                if place not in rooms:
                    break
            rooms.add(place)
            grid = grids[(estates.index(estate) * 31 + int(building)) % len(grids)] if grids else None
            grid_label = grid.name if grid else ""
            number = f"{community.code}-{hh:06d}"
            head_surname = None
            dibao = rng.random() < 0.02 if any(m.age >= 18 for m in members) else False
            if dibao:
                serial["dibao"] += 1
            alone = len(members) == 1
            elder_couple = len(members) == 2 and all(m.age >= 60 for m in members)
            for m in members:
                if m.relation == "head":
                    surname = None
                elif m.relation in ("child", "grandchild") and rng.random() < 0.85:
                    surname = head_surname
                else:
                    surname = None
                name = _name(rng, m.gender, surname)
                if m.relation == "head":
                    head_surname = name[0] if len(name) <= 3 else name[:2]
                birth = _birth(rng, m.age)
                id_number = ids.make(birth, m.gender)
                phone = _phone(rng, phones) if m.age >= 14 and rng.random() < 0.92 else ""
                address = f"武汉市江岸区{place[0]}{place[1]}栋{place[2]}单元{place[3]}室"
                facts: list[tuple[str, str, str]] = [
                    ("name", name, BASE),
                    ("id_number", id_number, BASE),
                    ("gender", m.gender, BASE),
                    ("birth_date", birth.isoformat(), BASE),
                    ("address", address, BASE),
                    ("grid", grid_label, BASE),
                ]
                if phone:
                    facts.append(("phone", phone, BASE))
                if full:
                    facts += [
                        ("ethnicity", rng.choice(_ETHNIC), BASE),
                        ("estate", place[0], BASE),
                        ("building", place[1], BASE),
                        ("unit", place[2], BASE),
                        ("room", place[3], BASE),
                        ("household_number", number, BASE),
                        (
                            "relation",
                            {
                                "head": "户主",
                                "spouse": "配偶",
                                "child": "子女",
                                "parent": "父母",
                                "grandchild": "孙子女",
                            }.get(m.relation, "其他"),
                            BASE,
                        ),
                    ]
                    hukou = (
                        address
                        if rng.random() < 0.8
                        else "湖北省" + rng.choice(["孝感市", "黄冈市", "荆州市", "咸宁市"]) + "某村"
                    )
                    facts.append(("hukou_address", hukou, BASE))
                    for code, value in (
                        ("education", _education(rng, m.age)),
                        ("political", _political(rng, m.age)),
                        ("marital", _marital(rng, m, len(members))),
                    ):
                        if value:
                            facts.append((code, value, BASE))
                    if 20 <= m.age < 60 and rng.random() < 0.7:
                        facts.append(("employer", rng.choice(_EMPLOYERS), BASE))
                    if m.age >= 60:
                        living = "独居" if alone else "空巢" if elder_couple else "与子女同住"
                        facts.append(("living", living, "区民政局老年人名册"))
                _special(
                    rng, m, facts, full, dibao, serial["dibao"], len(members), alone, elder_couple, id_number
                )
                if phone and rng.random() < 0.01:  # the grid visit wrote down another number: a conflict
                    facts.append(("phone", _phone(rng, phones), VISIT))
                yield PersonSpec(
                    community_id=community.pk,
                    grid_id=grid.pk if grid else None,
                    grid_label=grid_label,
                    place=place,
                    household_number=number,
                    relation=m.relation,
                    name=name,
                    id_number=id_number,
                    gender=m.gender,
                    birth_date=birth,
                    phone=phone,
                    facts=facts,
                )
                made += 1


def _special(
    rng: random.Random,
    m: _Member,
    facts: list,
    full: bool,
    dibao: bool,
    dibao_serial: int,
    size: int,
    alone: bool,
    elder_couple: bool,
    id_number: str,
) -> None:
    """Special-population tags in realistic proportions, each from the department that keeps the list."""
    age = m.age
    if dibao:
        facts += [
            ("dibao", "是", "区民政局低保名册"),
            ("dibao_number", f"DB420102{dibao_serial:06d}", "区民政局低保名册"),
            ("dibao_people", str(size), "区民政局低保名册"),
        ]
    if (age >= 60 and alone and rng.random() < 0.03) or (age >= 18 and rng.random() < 0.001):
        facts.append(("tekun", "是", "区民政局低保名册"))
    if rng.random() < (0.03 if age < 60 else 0.12 if age < 80 else 0.2):
        kind = rng.choices(range(7), _DISABILITY_TYPE_W)[0]
        level = rng.choices(range(4), [8, 22, 35, 35])[0]
        facts += [
            ("disabled", "是", "区残联残疾人名册"),
            ("disability_number", f"{id_number}{kind + 1}{level + 1}", "区残联残疾人名册"),
            ("disability_type", _DISABILITY_TYPES[kind], "区残联残疾人名册"),
            ("disability_level", _LEVELS[level], "区残联残疾人名册"),
        ]
    if age >= 80:
        facts.append(("advanced_age", "是", "区民政局老年人名册"))
    if age >= 60 and alone:
        facts.append(("living_alone_elder", "是", "区民政局老年人名册"))
    if age >= 60 and elder_couple:
        facts.append(("empty_nest_elder", "是", "区民政局老年人名册"))
    if age >= 65 and rng.random() < 0.05:
        facts.append(("disabled_elder", "是", "区卫健委健康管理名册"))
    if age >= 22 and rng.random() < (0.045 if m.gender == "男" else 0.004):
        enlist = TODAY.year - age + rng.randint(18, 20)
        facts += [
            ("veteran", "是", "区退役军人事务局名册"),
            ("enlist_date", f"{enlist}-{rng.choice(['03', '09', '12'])}-01", "区退役军人事务局名册"),
            (
                "discharge_date",
                f"{min(enlist + rng.randint(2, 5), TODAY.year)}-{rng.choice(['03', '09', '12'])}-01",
                "区退役军人事务局名册",
            ),
        ]
        if rng.random() < 0.2:
            facts += [
                ("entitled", "是", "区退役军人事务局名册"),
                ("entitled_category", rng.choice(_ENTITLED), "区退役军人事务局名册"),
            ]
    if 18 <= age < 70:
        r = rng.random()
        if r < 0.0003:
            facts.append(("community_correction", "是", "区司法局社区矫正与安置帮教名册"))
        elif r < 0.0013:
            facts.append(("released_prisoner", "是", "区司法局社区矫正与安置帮教名册"))
        elif r < 0.0018:
            facts.append(("drug_user", "是", "区司法局社区矫正与安置帮教名册"))
    if age >= 15 and rng.random() < 0.004:
        facts.append(("mental_disorder", "是", "区卫健委健康管理名册"))
    if 12 <= age <= 25 and rng.random() < 0.002:
        facts.append(("key_youth", "是", "区司法局社区矫正与安置帮教名册"))
    if age < 16 and rng.random() < 0.004:
        facts.append(("left_behind_child", "是", "区民政局儿童福利名册"))
    if age < 18 and rng.random() < 0.003:
        facts.append(("distressed_child", "是", "区民政局儿童福利名册"))
    if 18 <= age < 60 and rng.random() < 0.012:
        facts.append(("unemployed", "是", "区人社局就业困难人员名册"))
