"""Generate the example department ledgers in this folder: messy, like the ones communities get.

    .venv/bin/python examples/ledgers/make_ledgers.py

Residents come from the demo generator (jianfu.registry.demo.generate_people, seed 2026, the
same call `jianfu seed-demo` makes), so rows match demo residents of 民意社区: some exactly
(ID number), some as traditional-character or homophone variants without an ID number (these
go to the review queue or link by the thresholds), some new people, and a few bad rows.

Files:
- 民意社区2026年低保对象花名册.xlsx: merged title row, two-level header, trailing 填表人/审核人
  rows, dates as date cells, Excel serials, 1950.3.2, 1950年3月2日 and 19500302, full-width
  digits, stray spaces, an Excel-mangled ID number (4.20102195003021E+17), a row without a name,
  an impossible date, a bad phone number.
- 民意社区残疾人名册（GBK）.csv: GBK-encoded CSV from an old department system.
- 民意社区高龄老人走访台账.xlsx: a blank row, an example row, columns never seen before
  (走访日期, 走访情况 → new attributes), 监护人 two-level header.
- 民意社区退役军人名册.csv: UTF-8 with BOM.
- No .xls: neither xlwt nor LibreOffice is available here to write the old binary format
  (the reader does read .xls through python-calamine).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class _Grids:
    def __init__(self, community_name: str, n: int, base_pk: int) -> None:
        self.items = [
            SimpleNamespace(pk=base_pk + i, code=f"{i + 1:02d}", name=f"{community_name}第{i + 1:02d}网格")
            for i in range(n)
        ]

    def order_by(self, *_args: str) -> list[SimpleNamespace]:
        return self.items


def demo_residents(limit: int = 1500) -> list:
    """The first residents of 民意社区 exactly as `jianfu seed-demo` generates them."""
    from jianfu.registry.demo import generate_people

    names = ["民意社区", "永红社区", "三阳社区", "花桥社区", "台北社区", "香港路社区"]
    codes = ["420102001001", "420102001002", "420102001003", "420102002001", "420102002002", "420102002003"]
    communities = [
        SimpleNamespace(pk=i + 1, code=c, name=n, grids=_Grids(n, 5, 10 * i))
        for i, (c, n) in enumerate(zip(codes, names, strict=True))
    ]
    out = []
    for spec in generate_people(30000, communities, 2026, detail="full"):
        if spec.community_id != 1:
            break
        out.append(spec)
        if len(out) >= limit:
            break
    return out


def homophone(name: str, rng: random.Random) -> str | None:
    """The same pinyin, another character (张建国 → 张建果)."""
    from faker.providers.person.zh_CN import Provider
    from pypinyin import lazy_pinyin

    pool = sorted({c for w in list(Provider.first_names_male) + list(Provider.first_names_female) for c in w})
    pool += list("国果华化伟维玮明铭敏民芳方红宏洪军君俊丽莉利英颖莹平萍萍静靖晶")
    by_sound: dict[str, list[str]] = {}
    for ch in pool:
        by_sound.setdefault(lazy_pinyin(ch)[0], []).append(ch)
    for i in range(len(name) - 1, 0, -1):
        options = [c for c in by_sound.get(lazy_pinyin(name[i])[0], []) if c != name[i]]
        if options:
            return name[:i] + rng.choice(options) + name[i + 1 :]
    return None


def traditional(name: str) -> str | None:
    from opencc import OpenCC

    converted = OpenCC("s2t").convert(name)
    return converted if converted != name else None


def date_styles(day: dt.date, i: int) -> object:
    style = i % 6
    if style == 0:
        return day  # a real date cell
    if style == 1:
        return (day - dt.date(1899, 12, 30)).days  # an Excel serial without a date format
    if style == 2:
        return f"{day.year}.{day.month}.{day.day}"
    if style == 3:
        return f"{day.year}年{day.month}月{day.day}日"
    if style == 4:
        return f"{day:%Y%m%d}"
    return f"{day:%Y-%m-%d}".translate(FULLWIDTH)


def fact(person, code: str, default: str = "") -> str:
    return next((v for c, v, _s in person.facts if c == code), default)


def spaced(text: str, i: int) -> str:
    return f" {text}　" if i % 7 == 3 else text


def dibao_ledger(people: list, rng: random.Random) -> Path:
    import xlsxwriter

    path = HERE / "民意社区2026年低保对象花名册.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("低保花名册")
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head = wb.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"}
    )
    cell = wb.add_format({"border": 1})
    date_fmt = wb.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    text = wb.add_format({"border": 1, "num_format": "@"})
    ws.merge_range(0, 0, 0, 9, "江岸区大智街道民意社区2026年城乡低保对象花名册", title)
    ws.set_row(0, 30)
    for c, label in [(0, "序号"), (1, "姓名"), (9, "备注")]:
        ws.merge_range(1, c, 2, c, label, head)
    ws.merge_range(1, 2, 1, 5, "基本信息", head)
    ws.write_row(2, 2, ["身份证号", "性别", "出生日期", "联系电话"], head)
    ws.merge_range(1, 6, 1, 8, "保障信息", head)
    ws.write_row(2, 6, ["低保证号", "保障人数", "现住址"], head)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 21)
    ws.set_column(4, 5, 14)
    ws.set_column(8, 8, 30)
    rows: list[list[object]] = []
    adults = [p for p in people if 1940 < p.birth_date.year < 1990 and p.phone]
    chosen = rng.sample(adults, 22)
    for i, p in enumerate(chosen[:14]):  # exact: with their ID number
        id_text = p.id_number.translate(FULLWIDTH) if i == 4 else p.id_number
        rows.append(
            [
                spaced(p.name, i),
                id_text,
                p.gender,
                date_styles(p.birth_date, i),
                p.phone.translate(FULLWIDTH) if i == 5 else p.phone,
                f"WH-DB-2026-{1000 + i}",
                rng.randint(1, 4),
                fact(p, "address"),
                "",
            ]
        )
    variants = 0
    for p in chosen[14:]:  # variants without an ID number: review or link by the thresholds
        alt = traditional(p.name) if variants % 2 == 0 else homophone(p.name, rng)
        if not alt:
            continue
        variants += 1
        rows.append(
            [
                alt,
                "",
                p.gender,
                date_styles(p.birth_date, variants),
                "",
                f"WH-DB-2026-{1100 + variants}",
                1,
                "",
                "姓名按户口本" if variants == 1 else "",
            ]
        )
    from jianfu.core import idcard

    for j in range(3):  # new people
        birth = dt.date(1958 + 7 * j, 1 + j, 10 + j)
        rows.append(
            [
                ["曹秀英", "韩志强", "冯丽娟"][j],
                idcard.make("420102", birth, 700 + j),
                "女" if j != 1 else "男",
                date_styles(birth, j + 2),
                f"1350271{4400 + j:04d}",
                f"WH-DB-2026-{1200 + j}",
                2,
                "",
                "",
            ]
        )
    rows += [  # bad rows
        [
            "蒋桂兰",
            4.20102195003021e17,
            "女",
            "1950.3.2",
            "13720145566",
            "WH-DB-2026-1301",
            1,
            "",
            "身份证号列被改成了数字",
        ],
        [
            "",
            idcard.make("420102", dt.date(1962, 4, 4), 801),
            "男",
            "1962-04-04",
            "",
            "WH-DB-2026-1302",
            1,
            "",
            "漏填姓名",
        ],
        ["沈建平", "", "男", "1950.13.45", "12345", "WH-DB-2026-1303", 1, "", "日期和电话写错"],
    ]
    r = 3
    for i, row in enumerate(rows):
        ws.write_number(r, 0, i + 1, cell)
        for c, value in enumerate(row, start=1):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value, cell)
            elif c in (2, 5, 6):
                ws.write_string(r, c, str(value), text)
            else:
                ws.write_string(r, c, str(value), cell)
        r += 1
        if i == 9:
            r += 1  # a blank row in the middle
    r += 1
    ws.write_string(r, 0, "填表人：刘芳")
    ws.write_string(r, 3, "审核人：王建华")
    ws.write_string(r, 6, "填表日期：2026年11月5日")
    wb.close()
    return path


def disability_csv(people: list, rng: random.Random) -> Path:
    path = HERE / "民意社区残疾人名册（GBK）.csv"
    sample = rng.sample([p for p in people if p.birth_date.year < 2005], 12)
    rows = [["序号", "姓名", "公民身份号码", "残疾类别", "残疾等级", "残疾证号", "手机号码", "居住地址"]]
    kinds, levels = ["肢体", "视力", "听力", "智力", "精神", "言语"], ["一级", "二级", "三级", "四级"]
    for i, p in enumerate(sample):
        address = fact(p, "address")
        rows.append(
            [
                str(i + 1),
                p.name if i != 3 else traditional(p.name) or p.name,
                p.id_number,
                kinds[i % 6],
                levels[i % 4],
                f"{p.id_number}{(i % 7) + 1}{i % 4 + 1}",
                p.phone,
                address,
            ]
        )
    rows.append(
        [str(len(rows)), "胡晓燕", "42010219880230123X", "肢体", "三级", "", "13800001111", ""]
    )  # bad date in ID
    with open(path, "w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def elders_ledger(people: list, rng: random.Random) -> Path:
    import xlsxwriter

    path = HERE / "民意社区高龄老人走访台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("走访台账")
    head = wb.add_format({"bold": True, "border": 1, "align": "center"})
    ws.merge_range(0, 0, 0, 8, "民意社区80周岁以上老人走访台账（2026年第四季度）", head)
    ws.merge_range(1, 0, 2, 0, "序号", head)
    ws.merge_range(1, 1, 2, 1, "老人姓名", head)
    ws.merge_range(1, 2, 2, 2, "身份证号码", head)
    ws.merge_range(1, 3, 2, 3, "居住情况", head)
    ws.merge_range(1, 4, 1, 5, "紧急联系人", head)
    ws.write_row(2, 4, ["姓名", "电话"], head)
    ws.merge_range(1, 6, 2, 6, "走访日期", head)
    ws.merge_range(1, 7, 2, 7, "走访情况", head)
    ws.merge_range(1, 8, 2, 8, "所属网格", head)
    ws.write_row(
        3,
        0,
        [
            "示例",
            "张三",
            "420102194001011234",
            "独居",
            "张小三",
            "13800000000",
            "2026.10.8",
            "身体良好",
            "01",
        ],
    )
    elders = [p for p in people if p.birth_date.year <= 1946] or people[:10]
    r = 4
    for i, p in enumerate(rng.sample(elders, min(10, len(elders)))):
        living = fact(p, "living", "与子女同住")
        ws.write_row(
            r,
            0,
            [
                i + 1,
                p.name,
                p.id_number,
                living,
                "张" + "明伟芳"[i % 3],
                f"1390271{5500 + i:04d}",
                f"2026.10.{i + 8}",
                ["身体良好", "行动不便，需送餐", "已联系家属", "血压偏高"][i % 4],
                p.grid_label[-5:-3] if p.grid_label else "01",
            ],
        )
        r += 2 if i == 4 else 1  # one blank row
    wb.close()
    return path


def veterans_csv(people: list, rng: random.Random) -> Path:
    path = HERE / "民意社区退役军人名册.csv"
    men = [p for p in people if p.gender == "男" and 1950 < p.birth_date.year < 1995]
    rows = [["姓名", "身份证号", "入伍时间", "退伍时间", "联系电话", "优抚类别"]]
    for i, p in enumerate(rng.sample(men, min(8, len(men)))):
        enlist = dt.date(p.birth_date.year + 18, 12, 1)
        rows.append(
            [
                p.name,
                p.id_number,
                f"{enlist.year}年{enlist.month}月",
                f"{enlist.year + 3}.12",
                p.phone,
                ["", "伤残军人", "", "带病回乡退伍军人"][i % 4],
            ]
        )
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def main() -> None:
    import django

    django.setup()
    rng = random.Random(20261121)
    people = demo_residents()
    for make in (dibao_ledger, disability_csv, elders_ledger, veterans_csv):
        print(make(people, rng).name)


if __name__ == "__main__":
    main()
