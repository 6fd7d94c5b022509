"""The scorecard as xlsx (xlsxwriter, formula-safe text cells) and as PDF (Typst, Noto CJK)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from jianfu.scorecard.selectors import Scorecard

TREND = {"up": "↑", "down": "↓", "flat": "→"}

SCORECARD_TYP = """
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title, date: none)
#set page(paper: "a4", margin: (x: 1.8cm, y: 1.8cm))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 10pt, lang: "zh", region: "cn")
#align(center)[#text(size: 18pt, weight: "bold")[#d.title]]
#align(center)[#d.subtitle]
#for p in d.parts [
  #v(0.3cm)
  #text(size: 12pt, weight: "bold")[#p.heading]
  #if p.note != "" [ #linebreak() #text(fill: gray)[#p.note] ]
  #if p.rows.len() > 0 [
  #table(columns: (1fr, 2.2cm, 2.2cm, 1.4cm), inset: 4pt, stroke: 0.4pt,
    ..d.header.map(h => text(weight: "bold")[#h]),
    ..p.rows.map(r => ([#r.at(0)], align(right)[#r.at(1)], align(right)[#r.at(2)], align(center)[#r.at(3)])).flatten())
  ]
  #if p.departments != "" [ #text(size: 9pt)[#p.departments] ]
]
"""


def _rows(part: Any) -> list[list[str]]:
    rows = [[f.label, str(f.value), str(f.previous), TREND[f.trend]] for f in part.figures]
    if part.available:
        rows.append(
            [
                _("估算耗时（小时）"),
                f"{part.hours:.1f}",
                f"{part.hours_previous:.1f}",
                TREND[_trend(part.hours, part.hours_previous)],
            ]
        )
    return rows


def _trend(a: Any, b: Any) -> str:
    return "flat" if a == b else ("up" if a > b else "down")


def _title(card: Scorecard) -> str:
    return _("%(unit)s基层减负评分表（%(year)s年）") % {"unit": card.unit.name, "year": card.year}


def scorecard_xlsx(card: Scorecard) -> bytes:
    import xlsxwriter

    from jianfu.sheets.safe import XlsxTextWriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(_("评分表"))
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 4, 14)
    sheet.write_string(0, 0, _title(card), bold)
    writer.write(sheet, 1, 0, _("单位代码"))
    writer.write(sheet, 1, 1, card.unit.code, as_text=True)
    writer.write(sheet, 2, 0, _("社区数"))
    writer.write(sheet, 2, 1, card.communities)
    row = 4
    header = [_("部分"), _("指标"), _("本年"), _("上年"), _("趋势")]
    for col, h in enumerate(header):
        sheet.write_string(row, col, h, bold)
    row += 1
    for part in card.parts:
        heading = f"{part.number}. {part.title}"
        if not part.available:
            writer.write(sheet, row, 0, heading)
            writer.write(sheet, row, 1, part.note)
            row += 1
            continue
        for label, now, before, trend in _rows(part):
            writer.write(sheet, row, 0, heading)
            writer.write(sheet, row, 1, label)
            writer.write(sheet, row, 2, float(now) if "." in now else int(now))
            writer.write(sheet, row, 3, float(before) if "." in before else int(before))
            writer.write(sheet, row, 4, trend)
            row += 1
    depts = workbook.add_worksheet(_("责任单位"))
    for col, h in enumerate([_("部分"), _("单位"), _("本年数量")]):
        depts.write_string(0, col, h, bold)
    r = 1
    for part in card.parts:
        for name, n in part.departments:
            writer.write(depts, r, 0, f"{part.number}. {part.title}")
            writer.write(depts, r, 1, name)
            writer.write(depts, r, 2, n)
            r += 1
    workbook.close()
    return buffer.getvalue()


def scorecard_pdf(card: Scorecard) -> bytes:
    from jianfu.certificates.pdf import _compile

    data = {
        "title": _title(card),
        "subtitle": _("%(n)s个社区 · 对照《整治形式主义为基层减负若干规定》七个部分")
        % {"n": card.communities},
        "header": [_("指标"), _("本年"), _("上年"), _("趋势")],
        "parts": [
            {
                "heading": f"{p.number}. {p.title}",
                "note": p.note,
                "rows": _rows(p) if p.available else [],
                "departments": (_("责任单位：") + "、".join(f"{d}（{n}）" for d, n in p.departments))
                if p.departments
                else "",
            }
            for p in card.parts
        ],
    }
    return _compile(SCORECARD_TYP, data)
