"""Generate the real-world roster set in this folder: a street's base list and department rosters.

    .venv/bin/python examples/ledgers/real-world/generate.py [--seed 2026] [--out DIR]

Seeded and self-contained (no database): the same seed writes the same files. What it writes:

- `00-大智街道民意社区人口基础库.xlsx`: the base population list (import it first);
- twelve or more department rosters in the shapes departments send (title rows, two-level headers,
  merged cells, notes, 填表人 footers; .xlsx, .xls that is really an HTML table, CSV in GBK and
  UTF-8 with and without BOM);
- `truth.csv`: for every data row of every file, which person it really is (`person`, empty when
  the row identifies nobody) and which kinds of mess it carries (`kinds`, `;`-separated);
- `manifest.json`: each file's source name, department and default tag, in import order.

Rows carry the mess the issue names and what real rosters show: phones with separators, +86/0086/86,
full-width digits, landlines with area code and extension, two numbers in a cell, 无 / / / —— for "no
phone"; ID numbers with Excel's apostrophe, spaces, full-width digits, lower-case x, 15-digit
first-generation numbers, one wrong digit, two digits swapped, Excel's scientific notation;
names with inner spaces, traditional characters, full-width spaces, the minority-name middle dot
written ·•.・, bracket notes (张三（户主）); dates as 1956.03, 195603, 56年3月, 1956年3月12日, Excel
serials, date cells; genders as 男性/M/1; 民族 with or without 族; address variants; namesakes
(same name, other person), duplicates within a roster, rows that identify nobody.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
FULL = str.maketrans("0123456789-()", "０１２３４５６７８９－（）")
TODAY = dt.date(2026, 11, 30)

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文辉力明永健世广志义兴良海山仁波宁贵福生龙元全"
)
GIVEN += list("淑珍凤兰桂芝秀云玉梅翠莲春花金凤德胜福来根宝长林雪松志刚建华振东晓燕丽萍海燕红梅")
# same pinyin, other character: what a clerk types by ear
HOMOPHONES = {
    "国": "果",
    "华": "化",
    "伟": "玮",
    "明": "铭",
    "敏": "民",
    "芳": "方",
    "红": "宏",
    "军": "君",
    "丽": "莉",
    "英": "颖",
    "平": "萍",
    "静": "靖",
    "建": "健",
    "文": "雯",
    "兰": "岚",
    "玉": "钰",
}
# traditional forms a Taiwan/HK-style input method or an old system produces
TRADITIONAL = {
    "国": "國",
    "华": "華",
    "伟": "偉",
    "刘": "劉",
    "陈": "陳",
    "杨": "楊",
    "黄": "黃",
    "赵": "趙",
    "吴": "吳",
    "张": "張",
    "丽": "麗",
    "红": "紅",
    "军": "軍",
    "兰": "蘭",
    "东": "東",
    "龙": "龍",
    "凤": "鳳",
    "云": "雲",
    "梅": "梅",
    "莲": "蓮",
    "义": "義",
    "兴": "興",
    "贵": "貴",
    "宝": "寶",
    "长": "長",
    "胜": "勝",
    "刚": "剛",
    "马": "馬",
    "孙": "孫",
    "许": "許",
    "韩": "韓",
    "冯": "馮",
    "邓": "鄧",
    "苏": "蘇",
    "吕": "呂",
    "卢": "盧",
    "叶": "葉",
    "罗": "羅",
    "郑": "鄭",
    "谢": "謝",
    "宋": "宋",
    "萧": "蕭",
}
MINORITY_NAMES = [
    ("阿依古丽·买买提", "维吾尔族", "女"),
    ("艾力·阿不都拉", "维吾尔族", "男"),
    ("古丽娜尔·吐尔逊", "维吾尔族", "女"),
    ("买买提·艾则孜", "维吾尔族", "男"),
    ("热依拉·阿布力孜", "维吾尔族", "女"),
    ("努尔兰·哈力木", "哈萨克族", "男"),
    ("迪丽努尔·库尔班", "维吾尔族", "女"),
    ("吐尔洪·斯依提", "维吾尔族", "男"),
]
DOTS = ["•", ".", "・", "‧", "．"]
ETHNIC = ["汉族"] * 40 + ["回族", "土家族", "满族", "蒙古族", "苗族", "壮族"]
REGIONS = ["420102"] * 14 + [
    "420103",
    "420104",
    "420106",
    "420111",
    "421023",
    "429004",
    "420683",
    "411503",
    "430621",
    "360430",
]
ESTATES = [("民意小区", 12), ("三阳花园", 8), ("大智路社区宿舍", 4), ("黄兴路", 0), ("永清街", 0)]
EDUCATION = ["小学", "初中", "高中", "中专", "大学专科", "大学本科"]
FILLER = ["填表人：王丽", "审核人：李建军", "填报单位（盖章）：", "填表日期：2026年11月"]


def check_digit(first17: str) -> str:
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def is_valid(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and check_digit(number[:17]) == number[17]


@dataclass
class Person:
    key: str
    name: str
    gender: str
    birth: dt.date
    id18: str
    ethnicity: str
    phone: str  # mobile or "" (then landline may be set)
    landline: str
    estate: str
    building: int
    unit: int
    room: int
    relation: str
    household: str
    in_base: bool = True
    minority: bool = False
    id15_ok: bool = False  # born before 2000 and has an old 15-digit card in some systems

    @property
    def address(self) -> str:
        if self.building:
            return f"{self.estate}{self.building}栋{self.unit}单元{self.room}室"
        return f"{self.estate}{self.room}号"


@dataclass
class Row:
    cells: dict[str, Any]
    person: str  # truth key, "" = identifies nobody
    kinds: list[str] = field(default_factory=list)


def make_id(rng: random.Random, region: str, birth: dt.date, gender: str, used: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 1000)
        if (seq % 2 == 1) != (gender == "男"):
            seq = (seq + 1) % 1000
        first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
        number = first17 + check_digit(first17)
        if number not in used:
            used.add(number)
            return number


def population(rng: random.Random, n: int = 900) -> list[Person]:
    used_ids: set[str] = set()
    people: list[Person] = []
    names_seen: list[str] = []
    household = 0
    for i in range(n):
        minority = i % 97 == 5 and (i // 97) < len(MINORITY_NAMES)
        if minority:
            name, ethnicity, gender = MINORITY_NAMES[i // 97]
        else:
            gender = rng.choice("男女")
            if names_seen and rng.random() < 0.04:
                name = rng.choice(names_seen)  # a namesake: same name, another person
            else:
                name = rng.choice(SURNAMES) + "".join(
                    rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2, 2]))
                )
            ethnicity = rng.choice(ETHNIC)
        names_seen.append(name)
        age = rng.choice([rng.randint(1, 17), rng.randint(18, 59), rng.randint(60, 79), rng.randint(80, 99)])
        birth = TODAY - dt.timedelta(days=365 * age + rng.randint(0, 364))
        estate, buildings = rng.choice(ESTATES)
        if i % 3 == 0:
            household += 1
        people.append(
            Person(
                key=f"P{i + 1:04d}",
                name=name,
                gender=gender,
                birth=birth,
                id18=make_id(rng, rng.choice(REGIONS), birth, gender, used_ids),
                ethnicity=ethnicity,
                phone=("1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9)))
                if rng.random() < 0.85 and age >= 12
                else "",
                landline=f"027-8{rng.randint(1000000, 9999999)}" if rng.random() < 0.25 else "",
                estate=estate,
                building=rng.randint(1, buildings) if buildings else 0,
                unit=rng.randint(1, 4),
                room=rng.randint(1, 18) * 100 + rng.randint(1, 4) if buildings else rng.randint(1, 300),
                relation="户主" if i % 3 == 0 else rng.choice(["配偶", "子", "女", "母亲", "父亲"]),
                household=f"420102001001{household:05d}",
                in_base=rng.random() > 0.09,  # newcomers: in department rosters, not yet in the base list
                minority=minority,
                id15_ok=birth.year < 1985,
            )
        )
    # twins: same birth date and address, different names and IDs
    for a in range(40, 48, 2):
        twin, other = people[a], people[a + 1]
        other.birth, other.estate, other.building, other.unit, other.room = (
            twin.birth,
            twin.estate,
            twin.building,
            twin.unit,
            twin.room,
        )
        other.id18 = make_id(rng, twin.id18[:6], twin.birth, other.gender, used_ids)
        other.name = twin.name[0] + "".join(rng.choice(GIVEN) for _ in range(2))
    return people


# --------------------------------------------------------------------------- how values are written


def w_phone(p: Person, rng: random.Random, style: str, kinds: list[str], mess: float) -> str:
    number = p.phone or p.landline
    if not number:
        if rng.random() < 0.6:
            kinds.append("phone_placeholder")
            return rng.choice(["无", "/", "——", "暂无", "-", "无电话"])
        return ""
    if p.phone and p.landline and rng.random() < mess:
        kinds.append("phone_two_numbers")
        return rng.choice(
            [
                f"{p.phone}/{p.landline}",
                f"{p.phone}，{p.landline}",
                f"{p.phone} {p.landline}",
                f"{p.phone}、{p.landline}",
            ]
        )
    if not p.phone:
        if rng.random() < mess:
            kinds.append("phone_landline_forms")
            area, local = p.landline.split("-")
            return rng.choice(
                [
                    f"({area}){local}",
                    f"（{area}）{local}",
                    f"{area} {local[:4]} {local[4:]}",
                    f"{area}-{local}转{rng.randint(10, 899)}",
                    f"{area}-{local}-{rng.randint(10, 899)}",
                    local,
                ]
            )
        return p.landline
    if rng.random() >= mess:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}" if style == "dashed" else number
    choice = rng.randrange(5)
    if choice == 0:
        kinds.append("phone_separators")
        return rng.choice(
            [
                f"{number[:3]}-{number[3:7]}-{number[7:]}",
                f"{number[:3]} {number[3:7]} {number[7:]}",
                f"{number[:3]}.{number[3:7]}.{number[7:]}",
                f"({number[:3]}){number[3:]}",
            ]
        )
    if choice == 1:
        kinds.append("phone_country_code")
        return rng.choice(
            [
                f"+86{number}",
                f"+86 {number}",
                f"0086{number}",
                f"86-{number}",
                f"(+86){number}",
                f"86{number}",
            ]
        )
    if choice == 2:
        kinds.append("phone_fullwidth")
        return number.translate(FULL)
    if choice == 3:
        kinds.append("cell_whitespace")
        return rng.choice([f" {number} ", f"{number}\u00a0", f"\u200b{number}", f"{number}\t"])
    kinds.append("phone_label")
    return rng.choice([f"手机：{number}", f"手机{number}", f"{number}（本人）", f"{number}(子女)"])


def typo_id(number: str, rng: random.Random, kind: str) -> str:
    for _ in range(100):
        digits = list(number)
        if kind == "id_one_digit":
            i = rng.randrange(0, 17)
            digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
        else:
            i = rng.randrange(0, 16)
            if digits[i] == digits[i + 1]:
                continue
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
        out = "".join(digits)
        if not is_valid(out):
            return out
    return number[:17] + ("0" if number[17] != "0" else "1")


def w_id(
    p: Person, rng: random.Random, kinds: list[str], mess: float, allow: set[str], blank: float = 0.0
) -> Any:
    if rng.random() < blank:
        kinds.append("id_missing")
        return ""
    number = p.id18
    if rng.random() >= mess or not allow:
        return number
    kind = rng.choice(sorted(allow))
    if kind == "id_15_digit" and not p.id15_ok:
        kind = "id_spaces"
    if kind == "id_lower_x" and not number.endswith("X"):
        kind = "id_spaces"
    if kind == "id_excel_number" and number.endswith("X"):  # with an X Excel keeps it as text
        kind = "id_apostrophe"
    kinds.append(kind)
    if kind == "id_apostrophe":
        return "'" + number
    if kind == "id_spaces":
        return rng.choice(
            [
                f"{number[:6]} {number[6:14]} {number[14:]}",
                f"{number[:6]} {number[6:]}",
                " ".join([number[:3], number[3:10], number[10:]]),
            ]
        )
    if kind == "id_fullwidth":
        return number.translate(FULL).replace("X", "Ｘ")
    if kind == "id_lower_x":
        return number[:17] + "x"
    if kind == "id_15_digit":
        return number[:6] + number[8:17]
    if kind in ("id_one_digit", "id_swapped"):
        return typo_id(number, rng, kind)
    if kind == "id_excel_number":
        return float(number[:15] + "000")  # what Excel keeps of a number typed without the apostrophe
    return number


def w_name(p: Person, rng: random.Random, kinds: list[str], mess: float, allow: set[str]) -> str:
    name = p.name
    if p.minority and rng.random() < 0.8:
        kinds.append("name_minority_dot")
        return name.replace("·", rng.choice(DOTS))
    if rng.random() >= mess or not allow:
        return name
    kind = rng.choice(sorted(allow))
    if kind == "name_traditional" and not any(c in TRADITIONAL for c in name):
        kind = "name_inner_space"
    if kind == "name_homophone" and not any(c in HOMOPHONES for c in name[1:]):
        kind = "name_inner_space"
    kinds.append(kind)
    if kind == "name_inner_space":
        if len(name) == 2:
            return rng.choice([f"{name[0]}  {name[1]}", f"{name[0]}\u3000{name[1]}", f"{name[0]} {name[1]}"])
        return rng.choice([f"{name[0]} {name[1:]}", " ".join(name), f" {name} "])
    if kind == "name_traditional":
        return "".join(TRADITIONAL.get(c, c) for c in name)
    if kind == "name_bracket_note":
        note = "户主" if p.relation == "户主" else rng.choice(["本人", "独居", "低保户", "已核实"])
        return rng.choice([f"{name}（{note}）", f"{name}({note})", f"{name}【{note}】"])
    if kind == "name_homophone":
        i = next(i for i, c in enumerate(name) if i and c in HOMOPHONES)
        return name[:i] + HOMOPHONES[name[i]] + name[i + 1 :]
    return name


def w_date(d: dt.date, rng: random.Random, style: str, kinds: list[str], mess: float) -> Any:
    if rng.random() < mess:
        style = rng.choice(
            ["dot", "month_dot", "month_compact", "yy_month", "cn", "serial", "slash", "compact", "cn_month"]
        )
        kinds.append("date_forms")
    return {
        "iso": d.isoformat(),
        "date": d,
        "dot": f"{d.year}.{d.month}.{d.day}",
        "month_dot": f"{d.year}.{d.month:02d}",
        "month_compact": f"{d.year}{d.month:02d}",
        "yy_month": f"{d.year % 100:02d}年{d.month}月",
        "cn": f"{d.year}年{d.month}月{d.day}日",
        "cn_month": f"{d.year}年{d.month:02d}月",
        "serial": (d - dt.date(1899, 12, 30)).days,
        "slash": f"{d.year}/{d.month}/{d.day}",
        "compact": f"{d:%Y%m%d}",
    }[style]


def w_gender(p: Person, rng: random.Random, kinds: list[str], mess: float) -> str:
    if rng.random() >= mess:
        return p.gender
    kinds.append("gender_forms")
    male = p.gender == "男"
    return rng.choice(
        [
            ("男性" if male else "女性"),
            ("M" if male else "F"),
            ("1" if male else "2"),
            ("男 " if male else " 女"),
            ("m" if male else "f"),
        ]
    )


def w_ethnicity(p: Person, rng: random.Random, kinds: list[str], mess: float) -> str:
    if rng.random() >= mess:
        return p.ethnicity
    kinds.append("ethnicity_short")
    return p.ethnicity[:-1] if p.ethnicity.endswith("族") and len(p.ethnicity) > 2 else p.ethnicity


def w_address(p: Person, rng: random.Random, kinds: list[str], mess: float) -> str:
    if rng.random() >= mess or not p.building:
        return p.address
    kinds.append("address_forms")
    return rng.choice(
        [
            f"{p.estate}{p.building}-{p.unit}-{p.room}",
            f"江岸区大智街道{p.estate}{p.building}栋{p.unit}单元{p.room}",
            f"{p.estate}{p.building}号楼{p.unit}单元{p.room}号",
            f"湖北省武汉市江岸区{p.estate}{p.building}栋{p.unit}单元{p.room}室",
            f"{p.estate} {p.building}栋 {p.unit}单元 {p.room}",
        ]
    )


# --------------------------------------------------------------------------- rosters


@dataclass
class Roster:
    file: str
    source: str
    department: str
    tag: str
    title: list[str]
    groups: list[tuple[str, int]]  # two-level header: (group label, span); empty = one level
    columns: list[str]
    render: Any  # (person, rng, kinds) -> dict column → value
    pick: Any  # (people, rng) -> list[Person]
    fmt: str  # xlsx | csv-gbk | csv-utf8 | csv-utf8-bom | html-xls | spreadsheetml
    notes: list[str] = field(default_factory=list)  # lines between the title and the header
    footer: bool = True
    nobody_rows: int = 1
    duplicate_rows: int = 1


def elderly(people: list[Person], min_age: int) -> list[Person]:
    return [p for p in people if (TODAY - p.birth).days // 365 >= min_age]


def sample(pool: list[Person], rng: random.Random, n: int) -> list[Person]:
    return rng.sample(pool, min(n, len(pool)))


def rosters(people: list[Person], rng: random.Random) -> list[Roster]:
    adults = [p for p in people if (TODAY - p.birth).days // 365 >= 18]
    base_mess = 0.04

    def base_render(p, r, k):
        return {
            "序号": None,
            "姓名": p.name,
            "性别": p.gender,
            "民族": p.ethnicity,
            "公民身份号码": p.id18,
            "出生日期": p.birth.isoformat(),
            "与户主关系": p.relation,
            "户号": p.household,
            "现居住地址": p.address,
            "联系电话": w_phone(p, r, "plain", k, base_mess),
        }

    names_all = {"name_inner_space", "name_traditional", "name_bracket_note", "name_homophone"}

    def dibao(p, r, k):
        return {
            "序号": None,
            "户主姓名": w_name(p, r, k, 0.3, names_all),
            "身份证号": w_id(
                p, r, k, 0.35, {"id_apostrophe", "id_spaces", "id_one_digit", "id_swapped", "id_lower_x"}
            ),
            "性别": w_gender(p, r, k, 0.2),
            "出生年月": w_date(p.birth, r, "cn_month", k, 0.2),
            "联系电话": w_phone(p, r, "dashed", k, 0.4),
            "低保证号": f"鄂低保{r.randint(100000, 999999)}",
            "保障人数": r.randint(1, 4),
            "月保障金（元）": r.choice([780, 850, 920, 1560]),
            "家庭住址": w_address(p, r, k, 0.3),
        }

    def tekun(p, r, k):
        return {
            "姓名": w_name(p, r, k, 0.3, names_all),
            "身份证号": w_id(p, r, k, 0.3, {"id_15_digit", "id_one_digit", "id_fullwidth"}),
            "性别": w_gender(p, r, k, 0.3),
            "出生年月": w_date(p.birth, r, "month_dot", k, 0.3),
            "供养方式": r.choice(["集中供养", "分散供养"]),
            "联系电话": w_phone(p, r, "plain", k, 0.4),
            "备注": r.choice(["", "", "失能", "半失能"]),
        }

    def canlian(p, r, k):
        number = w_id(p, r, k, 0.35, {"id_fullwidth", "id_lower_x", "id_15_digit", "id_spaces", "id_swapped"})
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.25, names_all),
            "性别": w_gender(p, r, k, 0.2),
            "身份证号": number,
            "残疾证号": p.id18 + r.choice(["11", "12", "21", "23", "32", "41", "43", "51", "63", "74"]),
            "残疾类别": r.choice(["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]),
            "残疾等级": r.choice(["一级", "二级", "三级", "四级"]),
            "联系电话": w_phone(p, r, "plain", k, 0.35),
            "现住址": w_address(p, r, k, 0.3),
        }

    def tuiyi(p, r, k):
        return {
            "姓名": w_name(p, r, k, 0.2, names_all),
            "性别": w_gender(p, r, k, 0.3),
            "民族": w_ethnicity(p, r, k, 0.6),
            "出生年月": w_date(p.birth, r, r.choice(["month_compact", "yy_month"]), k, 0.2),
            "身份证号码": w_id(p, r, k, 0.35, {"id_one_digit", "id_swapped", "id_apostrophe", "id_spaces"}),
            "入伍时间": f"{p.birth.year + 18}.{r.randint(1, 12):02d}",
            "退役时间": f"{p.birth.year + r.randint(20, 24)}.{r.randint(1, 12):02d}",
            "联系电话": w_phone(p, r, "plain", k, 0.45),
        }

    def gaoling(p, r, k):
        return {
            "序号": None,
            "老人姓名": w_name(p, r, k, 0.3, names_all),
            "性别": w_gender(p, r, k, 0.2),
            "年龄": (TODAY - p.birth).days // 365,
            "身份证号码": w_id(p, r, k, 0.3, {"id_15_digit", "id_apostrophe", "id_one_digit"}),
            "联系电话": w_phone(p, r, "plain", k, 0.5),
            "紧急联系人/姓名": r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN),
            "紧急联系人/电话": "1" + r.choice("3589") + "".join(r.choice("0123456789") for _ in range(9)),
            "备注": r.choice(["", "", "", "百岁老人", "卧床"]),
        }

    def dujv(p, r, k):
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.45, {"name_bracket_note", "name_inner_space", "name_traditional"}),
            "性别": w_gender(p, r, k, 0.2),
            "出生日期": w_date(p.birth, r, "dot", k, 0.4),
            "居住情况": r.choice(["独居", "空巢"]),
            "联系电话": w_phone(p, r, "plain", k, 0.6),
            "居住地址": w_address(p, r, k, 0.5),
            "包保网格员": r.choice(["王丽", "张敏", "刘建华"]),
        }

    def zhiyuan(p, r, k):
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.2, {"name_inner_space", "name_traditional"}),
            "性别": w_gender(p, r, k, 0.4),
            "出生日期": w_date(p.birth, r, "slash", k, 0.3),
            "身份证号": w_id(p, r, k, 0.2, {"id_spaces", "id_lower_x"}, blank=0.35),
            "手机号码": w_phone(p, r, "plain", k, 0.4),
            "政治面貌": r.choice(["群众", "中共党员", "共青团员"]),
            "服务时长（小时）": r.randint(2, 200),
        }

    def youfu(p, r, k):
        return {
            "序号": None,
            "优抚对象姓名": w_name(p, r, k, 0.3, names_all),
            "性别": w_gender(p, r, k, 0.3),
            "公民身份号码": w_id(
                p, r, k, 0.35, {"id_fullwidth", "id_one_digit", "id_apostrophe", "id_lower_x"}
            ),
            "出生日期": w_date(p.birth, r, r.choice(["date", "date", "iso", "slash"]), k, 0.3),
            "优抚类别": r.choice(["带病回乡退伍军人", "参战退役人员", "烈士遗属", "伤残军人"]),
            "联系电话": w_phone(p, r, "plain", k, 0.45),
            "现住址": w_address(p, r, k, 0.3),
        }

    def shiye(p, r, k):
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.2, names_all),
            "公民身份号码": w_id(p, r, k, 0.3, {"id_excel_number", "id_apostrophe", "id_one_digit"}),
            "性别": w_gender(p, r, k, 0.2),
            "文化程度": r.choice(EDUCATION),
            "失业登记日期": w_date(TODAY - dt.timedelta(days=r.randint(10, 700)), r, "iso", [], 0.0),
            "联系方式": w_phone(p, r, "plain", k, 0.4),
            "就业意向": r.choice(["保洁", "保安", "家政", "快递", "不限"]),
        }

    def manbing(p, r, k):
        return {
            "姓名": w_name(p, r, k, 0.25, names_all),
            "性别": w_gender(p, r, k, 0.3),
            "出生日期": w_date(p.birth, r, r.choice(["date", "serial"]), k, 0.2),
            "身份证号": w_id(p, r, k, 0.2, {"id_one_digit", "id_fullwidth", "id_15_digit"}, blank=0.1),
            "疾病名称": r.choice(["高血压", "2型糖尿病", "高血压、糖尿病", "冠心病"]),
            "签约家庭医生": r.choice(["李医生", "周医生"]),
            "联系电话": w_phone(p, r, "plain", k, 0.3),
            "家庭住址": w_address(p, r, k, 0.4),
        }

    def jisheng(p, r, k):
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.2, names_all),
            "身份证号": w_id(p, r, k, 0.3, {"id_15_digit", "id_lower_x", "id_apostrophe"}),
            "出生年月": w_date(p.birth, r, "month_compact", k, 0.2),
            "民族": w_ethnicity(p, r, k, 0.5),
            "奖扶类别": r.choice(["独生子女父母奖励", "计生特殊家庭扶助"]),
            "联系电话": w_phone(p, r, "plain", k, 0.3),
        }

    def hulibutie(p, r, k):
        return {
            "姓名": w_name(p, r, k, 0.3, names_all),
            "身份证号码": w_id(p, r, k, 0.3, {"id_one_digit", "id_swapped", "id_spaces"}),
            "残疾类别": r.choice(["肢体", "智力", "精神"]),
            "残疾等级": r.choice(["一级", "二级"]),
            "补贴金额（元/月）": r.choice([100, 200]),
            "联系电话": w_phone(p, r, "plain", k, 0.5),
        }

    def yiliao(p, r, k):
        return {
            "序号": None,
            "姓名": w_name(p, r, k, 0.25, names_all),
            "性别": w_gender(p, r, k, 0.3),
            "证件号码": w_id(
                p, r, k, 0.35, {"id_apostrophe", "id_fullwidth", "id_one_digit", "id_swapped", "id_lower_x"}
            ),
            "出生日期": w_date(p.birth, r, "compact", k, 0.3),
            "救助类别": r.choice(["低保对象", "特困人员", "低收入人口"]),
            "联系电话": w_phone(p, r, "plain", k, 0.4),
        }

    def kunjing(p, r, k):
        return {
            "序号": None,
            "儿童姓名": w_name(p, r, k, 0.2, {"name_inner_space", "name_traditional"}),
            "性别": w_gender(p, r, k, 0.3),
            "出生日期": w_date(p.birth, r, "cn", k, 0.3),
            "身份证号": w_id(p, r, k, 0.25, {"id_apostrophe", "id_spaces", "id_one_digit"}),
            "监护人姓名": r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN),
            "监护人电话": "1" + r.choice("3589") + "".join(r.choice("0123456789") for _ in range(9)),
            "家庭住址": w_address(p, r, k, 0.3),
        }

    old60 = elderly(adults, 60)
    old80 = elderly(adults, 80)
    children = [p for p in people if (TODAY - p.birth).days // 365 < 18]
    base_cols = [
        "序号",
        "姓名",
        "性别",
        "民族",
        "公民身份号码",
        "出生日期",
        "与户主关系",
        "户号",
        "现居住地址",
        "联系电话",
    ]
    return [
        Roster(
            "00-大智街道民意社区人口基础库.xlsx",
            "大智街道人口基础库",
            "",
            "",
            ["大智街道民意社区实有人口基础信息表"],
            [],
            base_cols,
            base_render,
            lambda ps, r: [p for p in ps if p.in_base],
            "xlsx",
            notes=["数据来源：大智街道人口基础库　导出时间：2026-11-28"],
            footer=False,
            nobody_rows=0,
            duplicate_rows=0,
        ),
        Roster(
            "01-区民政局城市低保对象花名册（2026年11月）.xlsx",
            "区民政局低保名册",
            "区民政局",
            "低保",
            ["江岸区城市最低生活保障对象花名册", "填报单位：大智街道民意社区　　　　单位：人、元"],
            [("", 1), ("户主信息", 5), ("保障信息", 3), ("", 1)],
            [
                "序号",
                "户主姓名",
                "身份证号",
                "性别",
                "出生年月",
                "联系电话",
                "低保证号",
                "保障人数",
                "月保障金（元）",
                "家庭住址",
            ],
            dibao,
            lambda ps, r: sample(adults, r, 70),
            "xlsx",
        ),
        Roster(
            "02-特困供养人员名册.xls",
            "区民政局特困供养名册",
            "区民政局",
            "特困",
            ["民意社区特困供养人员名册"],
            [],
            ["姓名", "身份证号", "性别", "出生年月", "供养方式", "联系电话", "备注"],
            tekun,
            lambda ps, r: sample(old60, r, 35),
            "html-xls",
        ),
        Roster(
            "03-区残联持证残疾人名册.csv",
            "区残联残疾人名册",
            "区残联",
            "残疾",
            [],
            [],
            ["序号", "姓名", "性别", "身份证号", "残疾证号", "残疾类别", "残疾等级", "联系电话", "现住址"],
            canlian,
            lambda ps, r: sample(people, r, 90),
            "csv-gbk",
            footer=False,
        ),
        Roster(
            "04-退役军人信息采集表.xlsx",
            "区退役军人事务局名册",
            "区退役军人事务局",
            "退役军人",
            ["民意社区退役军人信息采集表", "说明：出生年月填写六位数字，如195603；身份证号请设置为文本格式"],
            [],
            ["姓名", "性别", "民族", "出生年月", "身份证号码", "入伍时间", "退役时间", "联系电话"],
            tuiyi,
            lambda ps, r: sample(
                [p for p in adults if p.gender == "男" and (TODAY - p.birth).days > 365 * 38], r, 45
            ),
            "xlsx",
        ),
        Roster(
            "05-高龄老人津贴发放名册.xlsx",
            "区民政局高龄津贴名册",
            "区民政局",
            "高龄",
            ["江岸区80周岁以上高龄老人津贴发放名册"],
            [("", 6), ("紧急联系人", 2), ("", 1)],
            ["序号", "老人姓名", "性别", "年龄", "身份证号码", "联系电话", "姓名", "电话", "备注"],
            gaoling,
            lambda ps, r: sample(old80, r, 60),
            "xlsx",
        ),
        Roster(
            "06-独居空巢老人关爱台账.xlsx",
            "街道独居空巢老人台账",
            "大智街道",
            "独居老人",
            ["民意社区独居、空巢老人关爱服务台账"],
            [],
            ["序号", "姓名", "性别", "出生日期", "居住情况", "联系电话", "居住地址", "包保网格员"],
            dujv,
            lambda ps, r: sample(elderly(adults, 65), r, 50),
            "xlsx",
        ),
        Roster(
            "07-社区志愿者名册.csv",
            "社区志愿者名册",
            "",
            "志愿者",
            [],
            [],
            ["序号", "姓名", "性别", "出生日期", "身份证号", "手机号码", "政治面貌", "服务时长（小时）"],
            zhiyuan,
            lambda ps, r: sample([p for p in adults if (TODAY - p.birth).days < 365 * 75], r, 60),
            "csv-utf8-bom",
            footer=False,
        ),
        Roster(
            "08-区人社局失业人员登记名册.xlsx",
            "区人社局失业登记",
            "区人社局",
            "失业",
            ["失业人员登记名册（民意社区）"],
            [],
            ["序号", "姓名", "公民身份号码", "性别", "文化程度", "失业登记日期", "联系方式", "就业意向"],
            shiye,
            lambda ps, r: sample([p for p in adults if (TODAY - p.birth).days < 365 * 60], r, 55),
            "xlsx",
        ),
        Roster(
            "09-区卫健局慢性病患者管理名册.xlsx",
            "区卫健局慢病名册",
            "区卫健局",
            "慢病",
            ["民意社区慢性病患者健康管理名册", "（高血压、2型糖尿病）"],
            [],
            ["姓名", "性别", "出生日期", "身份证号", "疾病名称", "签约家庭医生", "联系电话", "家庭住址"],
            manbing,
            lambda ps, r: sample(elderly(adults, 45), r, 80),
            "xlsx",
        ),
        Roster(
            "10-计生奖励扶助对象名册.csv",
            "区卫健局计生奖扶名册",
            "区卫健局",
            "计生",
            [],
            [],
            ["序号", "姓名", "身份证号", "出生年月", "民族", "奖扶类别", "联系电话"],
            jisheng,
            lambda ps, r: sample(elderly(adults, 50), r, 45),
            "csv-gbk",
            footer=False,
        ),
        Roster(
            "11-重度残疾人护理补贴名册.xls",
            "区民政局护理补贴名册",
            "区民政局",
            "残疾",
            ["重度残疾人护理补贴发放名册"],
            [],
            ["姓名", "身份证号码", "残疾类别", "残疾等级", "补贴金额（元/月）", "联系电话"],
            hulibutie,
            lambda ps, r: sample(people, r, 30),
            "html-xls",
        ),
        Roster(
            "12-医疗救助对象名册.csv",
            "区医保局医疗救助名册",
            "区医保局",
            "",
            [],
            [],
            ["序号", "姓名", "性别", "证件号码", "出生日期", "救助类别", "联系电话"],
            yiliao,
            lambda ps, r: sample(adults, r, 50),
            "csv-utf8",
            footer=False,
        ),
        Roster(
            "13-困境儿童信息台账.xlsx",
            "区民政局困境儿童台账",
            "区民政局",
            "困境儿童",
            ["民意社区困境儿童信息台账"],
            [],
            ["序号", "儿童姓名", "性别", "出生日期", "身份证号", "监护人姓名", "监护人电话", "家庭住址"],
            kunjing,
            lambda ps, r: sample(children, r, 30),
            "xlsx",
        ),
        Roster(
            "14-区退役军人事务局优抚对象名册.xls",
            "区退役军人事务局优抚名册",
            "区退役军人事务局",
            "退役军人",
            ["民意社区重点优抚对象花名册"],
            [],
            ["序号", "优抚对象姓名", "性别", "公民身份号码", "出生日期", "优抚类别", "联系电话", "现住址"],
            youfu,
            lambda ps, r: sample([p for p in adults if (TODAY - p.birth).days > 365 * 45], r, 40),
            "spreadsheetml",
        ),
    ]


def build_rows(roster: Roster, people: list[Person], rng: random.Random) -> list[Row]:
    chosen = roster.pick(people, rng)
    rows: list[Row] = []
    for p in chosen:
        kinds: list[str] = []
        cells = roster.render(p, rng, kinds)
        if not p.in_base:
            kinds.append("not_in_base")
        rows.append(Row(cells, p.key, kinds))
    for _ in range(roster.duplicate_rows):
        if rows:
            again = rng.choice(rows)
            rows.append(Row(dict(again.cells), again.person, [*again.kinds, "duplicate_row"]))
    for _ in range(roster.nobody_rows):
        cells = {c: "" for c in roster.columns}
        phone_col = next((c for c in roster.columns if "电话" in c or "手机" in c or "联系方式" in c), None)
        if phone_col:
            cells[phone_col] = "13" + "".join(rng.choice("0123456789") for _ in range(9))
        extra = next(
            (
                c
                for c in roster.columns
                if c in ("备注", "残疾类别", "疾病名称", "居住情况", "政治面貌", "就业意向")
            ),
            None,
        )
        if extra:
            cells[extra] = "信息待补"
        rows.insert(rng.randrange(len(rows) + 1), Row(cells, "", ["nobody"]))
    for i, row in enumerate(rows, start=1):
        if "序号" in row.cells:
            row.cells["序号"] = i
    return rows


# --------------------------------------------------------------------------- writers


def header_lines(roster: Roster) -> tuple[list[str], list[str] | None]:
    """(bottom header row, group row or None) with group labels over their span."""
    if not roster.groups:
        return roster.columns, None
    groups: list[str] = []
    for label, span in roster.groups:
        groups += [label] * span
    return roster.columns, groups


def write_xlsx(path: Path, roster: Roster, rows: list[Row]) -> int:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2026, 11, 28, 9, 0)})  # same seed, same bytes
    ws = wb.add_worksheet("Sheet1")
    title = wb.add_format({"bold": True, "align": "center", "font_size": 14})
    head = wb.add_format({"bold": True, "align": "center", "border": 1, "text_wrap": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    width = len(roster.columns)
    r = 0
    for line in roster.title:
        ws.merge_range(r, 0, r, width - 1, line, title)
        r += 1
    for line in roster.notes:
        ws.merge_range(r, 0, r, width - 1, line)
        r += 1
    bottom, groups = header_lines(roster)
    if groups:
        c = 0
        for label, span in roster.groups:
            if label:
                ws.merge_range(r, c, r, c + span - 1, label, head)
                for k in range(span):
                    ws.write_string(r + 1, c + k, bottom[c + k], head)
            else:
                for k in range(span):  # a column without a group: merged over both header rows
                    ws.merge_range(r, c + k, r + 1, c + k, bottom[c + k], head)
            c += span
        r += 2
    else:
        ws.write_row(r, 0, bottom, head)
        r += 1
    first_data = r + 1
    keys = _keys(roster)
    for row in rows:
        for c, key in enumerate(keys):
            value = cell(row, key)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
        r += 1
    if roster.footer:
        r += 1
        ws.write_row(r, 0, FILLER[:2] + [""] * max(0, width - 4) + FILLER[3:4])
    wb.close()
    return first_data


def _keys(roster: Roster) -> list[str]:
    """Cell keys aligned with the columns (a grouped column's key is 'group/column')."""
    if not roster.groups:
        return roster.columns
    keys: list[str] = []
    c = 0
    for label, span in roster.groups:
        for k in range(span):
            keys.append(f"{label}/{roster.columns[c + k]}" if label else roster.columns[c + k])
        c += span
    return keys


def cell(row: Row, key: str) -> Any:
    """A row's value for a column key ('group/column' falls back to 'column')."""
    if key in row.cells:
        return row.cells[key]
    return row.cells.get(key.rsplit("/", 1)[-1])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.14E}".replace("E+", "E+") if value > 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# A file that says GBK is GBK (what a Windows system with code page 936 writes), not GB18030: the
# invisible and non-breaking spaces a worker pastes in become the full-width space GBK has (A1A1),
# so the whitespace mess is still there, and so do the name dots. Anything else outside GBK fails loudly rather than being
# written as bytes no GBK reader can decode.
# Name dots GBK lacks (• ・ ‧) become the dots a GBK input method gives (．﹒.).
GBK_SPACES = str.maketrans(
    {"\u00a0": "\u3000", "\u200b": "\u3000", "\u2022": "\uff0e", "\u30fb": "\ufe52", "\u2027": "."}
)


def gbk_text(text: str) -> str:
    return text.translate(GBK_SPACES)


def write_csv(path: Path, roster: Roster, rows: list[Row], encoding: str) -> int:
    if encoding == "gbk":
        with open(path, "w", encoding="gbk", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(roster.columns)
            for row in rows:
                writer.writerow([gbk_text(_text(cell(row, k))) for k in _keys(roster)])
        return 2
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(roster.columns)
        for row in rows:
            writer.writerow([_text(cell(row, k)) for k in _keys(roster)])
    return 2


def write_html_xls(path: Path, roster: Roster, rows: list[Row]) -> int:
    """What many government systems export as .xls: an HTML table (GBK, with a meta charset)."""
    width = len(roster.columns)
    out = [
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>',
        '<meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><table border="1">',
    ]
    for line in roster.title:
        out.append(f'<tr><td colspan="{width}" align="center"><b>{html.escape(line)}</b></td></tr>')
    out.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in roster.columns) + "</tr>")
    first_data = len(roster.title) + 2
    for row in rows:
        cells = []
        for k in _keys(roster):
            value = gbk_text(_text(cell(row, k)))
            style = " style=\"mso-number-format:'\\@'\"" if value.isdigit() and len(value) > 11 else ""
            cells.append(f"<td{style}>{html.escape(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    if roster.footer:
        out.append(f'<tr><td colspan="{width}">{html.escape("　".join(FILLER[:2]))}</td></tr>')
    out.append("</table></body></html>")
    path.write_bytes("\n".join(out).encode("gbk"))  # the meta charset says GBK: true GBK
    return first_data


def write_spreadsheetml(path: Path, roster: Roster, rows: list[Row]) -> int:
    """Excel 2003 XML Spreadsheet saved as .xls (what older 优抚/民政 systems export): a title merged
    across the columns (ss:MergeAcross), a row skipped with ss:Index, empty cells skipped with
    ss:Index, typed Data (Number, DateTime, String), a 填表人 footer; UTF-8."""
    width = len(roster.columns)
    esc = html.escape
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <Styles><Style ss:ID="t"><Font ss:Bold="1" ss:Size="14"/><Alignment ss:Horizontal="Center"/></Style>'
        '<Style ss:ID="d"><NumberFormat ss:Format="yyyy\\-mm\\-dd"/></Style></Styles>',
        f' <Worksheet ss:Name="{esc(roster.source)}">',
        f'  <Table ss:ExpandedColumnCount="{width}" x:FullColumns="1" x:FullRows="1">',
    ]
    for line in roster.title:
        out.append(
            f'   <Row><Cell ss:MergeAcross="{width - 1}" ss:StyleID="t"><Data ss:Type="String">{esc(line)}</Data></Cell></Row>'
        )
    header_row = len(roster.title) + 2  # one empty row between the title and the header
    out.append(
        f'   <Row ss:Index="{header_row}">'
        + "".join(f'<Cell><Data ss:Type="String">{esc(c)}</Data></Cell>' for c in roster.columns)
        + "</Row>"
    )
    for row in rows:
        cells, skipped = [], False
        for c, key in enumerate(_keys(roster), start=1):
            value = cell(row, key)
            if value is None or value == "":
                skipped = True
                continue
            index = f' ss:Index="{c}"' if skipped else ""
            skipped = False
            if isinstance(value, dt.date):
                cells.append(
                    f'<Cell{index} ss:StyleID="d"><Data ss:Type="DateTime">{value.isoformat()}T00:00:00.000</Data></Cell>'
                )
            elif isinstance(value, int | float):
                cells.append(f'<Cell{index}><Data ss:Type="Number">{value}</Data></Cell>')
            else:
                cells.append(f'<Cell{index}><Data ss:Type="String">{esc(str(value))}</Data></Cell>')
        out.append("   <Row>" + "".join(cells) + "</Row>")
    if roster.footer:
        out.append(
            f'   <Row ss:Index="{header_row + len(rows) + 2}"><Cell ss:MergeAcross="{width - 1}">'
            f'<Data ss:Type="String">{esc("　".join(FILLER[:2]))}</Data></Cell></Row>'
        )
    out += ["  </Table>", " </Worksheet>", "</Workbook>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return header_row + 1


def write_roster(out: Path, roster: Roster, rows: list[Row]) -> int:
    path = out / roster.file
    if roster.fmt == "xlsx":
        return write_xlsx(path, roster, rows)
    if roster.fmt == "spreadsheetml":
        return write_spreadsheetml(path, roster, rows)
    if roster.fmt == "html-xls":
        return write_html_xls(path, roster, rows)
    encoding = {"csv-gbk": "gbk", "csv-utf8": "utf-8", "csv-utf8-bom": "utf-8-sig"}[roster.fmt]
    return write_csv(path, roster, rows, encoding)


def format_kinds(roster: Roster) -> list[str]:
    kinds = [
        {
            "xlsx": "format_xlsx",
            "html-xls": "format_html_xls",
            "spreadsheetml": "format_spreadsheetml",
            "csv-gbk": "format_csv_gbk",
            "csv-utf8": "format_csv_utf8",
            "csv-utf8-bom": "format_csv_utf8_bom",
        }[roster.fmt]
    ]
    if roster.title:
        kinds.append("title_rows")
    if roster.groups:
        kinds.append("two_level_header")
    if roster.footer:
        kinds.append("footer_rows")
    if roster.notes or len(roster.title) > 1:
        kinds.append("note_rows")
    return kinds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    people = population(rng)
    args.out.mkdir(parents=True, exist_ok=True)
    truth: list[list[str]] = []
    manifest = []
    for roster in rosters(people, rng):
        rows = build_rows(roster, people, random.Random(f"{args.seed}:{roster.file}"))
        first = write_roster(args.out, roster, rows)
        fmt = format_kinds(roster)
        for i, row in enumerate(rows):
            truth.append([roster.file, str(first + i), row.person, ";".join([*row.kinds, *fmt])])
        manifest.append(
            {
                "file": roster.file,
                "source": roster.source,
                "department": roster.department,
                "tag": roster.tag,
                "rows": len(rows),
            }
        )
    with open(args.out / "truth.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "row", "person", "kinds"])
        writer.writerows(truth)
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    kinds = sorted({k for t in truth for k in t[3].split(";") if k})
    print(f"{len(manifest)} files, {len(truth)} rows, {len(kinds)} kinds of mess: {', '.join(kinds)}")


if __name__ == "__main__":
    main()
