"""PDFs of the inspections app (the evidence cover), through the certificates app's Typst compiler.

User text travels as JSON in `sys.inputs` and never becomes markup; `date: none` keeps the PDF
byte-identical for the same content.
"""

from typing import Any

from jianfu.certificates.pdf import _compile

COVER_TYP = """
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title, date: none)
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.2cm))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 11pt, lang: "zh", region: "cn")
#align(center)[#text(size: 22pt, weight: "bold")[#d.title]]
#v(0.6cm)
#for l in d.lines [#l #linebreak()]
#v(0.4cm)
#par(justify: true)[#d.statement]
#v(0.4cm)
#table(columns: (5.2cm, 1fr, 2cm), inset: 6pt, stroke: 0.5pt,
  ..d.header.map(h => text(weight: "bold")[#h]),
  ..d.rows.map(r => ([#r.at(0)], [#r.at(1)], align(right)[#r.at(2)])).flatten())
"""


def cover_pdf(
    *, title: str, lines: list[str], statement: str, rows: list[tuple[str, str, str]], header: list[str]
) -> bytes:
    data: dict[str, Any] = {
        "title": title,
        "lines": lines,
        "statement": statement,
        "rows": [list(r) for r in rows],
        "header": header,
    }
    return _compile(COVER_TYP, data)


def document_pdf(source: str, data: dict[str, Any]) -> bytes:
    return _compile(source, data)
