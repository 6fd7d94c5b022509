"""PDFs of certificates and referral notices, rendered by Typst with a reused compiler.

User text never becomes Typst markup: every field travels as JSON in `sys.inputs` and is placed
as a string value, so `#`, `*`, `$`, `<`, `@` and the like print literally. The QR code (segno)
and the optional seal (a PNG wrapped in an SVG) travel the same way, as SVG text.
"""

import base64
import io
import json
import struct
import threading
from pathlib import Path
from typing import Any

import segno
import typst

FONT_DIRS = [
    p for p in ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto") if Path(p).is_dir()
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_PREAMBLE = """
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2.4cm, top: 2.2cm, bottom: 2.4cm))
#set text(font: ("Noto Serif CJK SC", "Noto Sans CJK SC"), size: 14pt, lang: "zh", region: "cn")
#set par(leading: 1.1em, spacing: 1.4em, first-line-indent: (amount: 2em, all: true), justify: true)
"""

CERTIFICATE_TYP = (
    _PREAMBLE
    + """
#align(right)[#text(size: 11pt)[#d.serial]]
#v(0.8cm)
#align(center)[#text(size: 24pt, weight: "bold", tracking: 0.3em)[#d.title]]
#v(0.8cm)
#for p in d.paragraphs [#par[#p]]
#v(1.6cm)
#align(right)[
  #box[
    #align(center)[#d.community #linebreak() #d.date]
    #if d.seal != none {
      place(center + horizon, dy: -0.2cm, image(bytes(d.seal), format: "svg", width: 4cm))
    }
  ]
]
#if d.revoked != none {
  v(0.6cm)
  align(center, text(fill: red, weight: "bold", size: 16pt)[#d.revoked])
}
#place(bottom + left)[
  #grid(columns: (3cm, auto), gutter: 0.4cm,
    image(bytes(d.qr), format: "svg", width: 3cm),
    align(horizon, text(size: 9pt)[#d.verify_label #linebreak() #d.url]))
]
"""
)

REFERRAL_TYP = (
    _PREAMBLE
    + """
#align(center)[#text(size: 22pt, weight: "bold")[#d.title]]
#v(0.6cm)
#for p in d.paragraphs [#par[#p]]
#v(0.4cm)
#table(columns: (4.2cm, 1fr), inset: 8pt, stroke: 0.5pt,
  ..d.rows.map(r => (text(weight: "bold")[#r.at(0)], [#r.at(1)])).flatten())
#v(1.2cm)
#align(right)[#d.community #linebreak() #d.date]
"""
)

_lock = threading.Lock()
_compiler: typst.Compiler | None = None


def compiler() -> typst.Compiler:
    """One compiler per process: fonts are loaded once (the first PDF takes ~0.1 s, the next a few ms)."""
    global _compiler
    if _compiler is None:
        _compiler = typst.Compiler(font_paths=FONT_DIRS, ignore_system_fonts=True)
    return _compiler


def _compile(source: str, data: dict[str, Any]) -> bytes:
    with _lock:
        result = compiler().compile(
            input=source.encode(), format="pdf", sys_inputs={"data": json.dumps(data, ensure_ascii=False)}
        )
    assert isinstance(result, bytes)
    return result


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return buffer.getvalue().decode()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, or ValueError when the bytes are no PNG."""
    if len(png) < 24 or not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    if not (0 < width <= 4000 and 0 < height <= 4000):
        raise ValueError("PNG size out of range")
    return width, height


def seal_svg(png: bytes) -> str:
    width, height = png_size(png)
    data = base64.b64encode(png).decode()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<image width="{width}" height="{height}" xlink:href="data:image/png;base64,{data}"/></svg>'
    )


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n") if p.strip()]


def certificate_pdf(
    *,
    serial: str,
    title: str,
    body: str,
    community: str,
    date: str,
    url: str,
    verify_label: str,
    seal_png: bytes | None = None,
    revoked: str | None = None,
) -> bytes:
    data = {
        "serial": serial,
        "title": title,
        "paragraphs": paragraphs(body),
        "community": community,
        "date": date,
        "url": url,
        "verify_label": verify_label,
        "qr": qr_svg(url),
        "seal": seal_svg(seal_png) if seal_png else None,
        "revoked": revoked,
    }
    return _compile(CERTIFICATE_TYP, data)


def referral_pdf(
    *, title: str, paragraphs_: list[str], rows: list[tuple[str, str]], community: str, date: str
) -> bytes:
    data = {
        "title": title,
        "paragraphs": paragraphs_,
        "rows": [list(r) for r in rows],
        "community": community,
        "date": date,
    }
    return _compile(REFERRAL_TYP, data)
