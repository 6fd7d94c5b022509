"""The documents an activity produces, generated from its record (Typst PDF, Noto CJK; no dates
of generation inside, so the same record gives the same bytes)."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from jianfu.activities.models import Activity
from jianfu.certificates.pdf import qr_svg
from jianfu.core.formats import chinese_date
from jianfu.core.masking import mask_phone
from jianfu.inspections.pdf import document_pdf

DOC_TYP = """
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title, date: none)
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.2cm))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 12pt, lang: "zh", region: "cn")
#align(center)[#text(size: 20pt, weight: "bold")[#d.title]]
#v(0.5cm)
#for p in d.paragraphs [#par(first-line-indent: (amount: 2em, all: true), justify: true)[#p]]
#if d.rows.len() > 0 {
  v(0.3cm)
  table(columns: d.widths.map(w => eval(w)), inset: 6pt, stroke: 0.5pt,
    ..d.header.map(h => text(weight: "bold")[#h]),
    ..d.rows.flatten().map(c => [#c]))
}
#if d.qr != none {
  v(0.6cm)
  grid(columns: (4cm, auto), gutter: 0.5cm,
    image(bytes(d.qr), format: "svg", width: 4cm),
    align(horizon)[#d.qr_label #linebreak() #text(size: 9pt)[#d.url]])
}
#v(1cm)
#align(right)[#d.footer]
"""


def _when(a: Activity) -> str:
    when = chinese_date(a.starts_on)
    return f"{when} {a.start_time:%H:%M}" if a.start_time else when


def _pdf(
    title: str,
    paragraphs: list[str],
    footer: str,
    header: Sequence[str] = (),
    rows: Sequence[Sequence[str]] = (),
    widths: Sequence[str] = (),
    qr: str | None = None,
    url: str = "",
    qr_label: str = "",
) -> bytes:
    data: dict[str, Any] = {
        "title": title,
        "paragraphs": paragraphs,
        "header": list(header),
        "rows": [list(map(str, r)) for r in rows],
        "widths": list(widths),
        "qr": qr,
        "url": url,
        "qr_label": qr_label,
        "footer": footer,
    }
    return document_pdf(DOC_TYP, data)


def application_pdf(a: Activity, *, eligible: int) -> bytes:
    rows = [
        [_("活动名称"), a.title],
        [_("活动时间"), _when(a)],
        [_("活动地点"), a.place],
        [_("主办/承办"), a.organiser],
        [_("参与对象"), a.audience_label or a.audience or _("本社区居民")],
        [_("符合条件的居民"), _("%(n)d人（居民库统计）") % {"n": eligible}],
        [_("名额"), str(a.capacity)],
        [_("预算（元）"), f"{a.budget:,.2f}"],
        [_("活动内容"), a.description or "—"],
    ]
    return _pdf(
        _("社区活动申请表"),
        [],
        _("%(c)s　申请日期：%(d)s") % {"c": a.community.name, "d": a.created_at.date().isoformat()},
        header=[_("项目"), _("内容")],
        rows=rows,
        widths=["4cm", "1fr"],
    )


def notice_pdf(a: Activity, *, url: str) -> bytes:
    paragraphs = [
        _("各位居民："),
        _("%(c)s将于%(w)s在%(p)s举办「%(t)s」，欢迎%(who)s参加。名额%(n)d人，报满为止。")
        % {
            "c": a.community.name,
            "w": _when(a),
            "p": a.place,
            "t": a.title,
            "who": a.audience_label or _("社区居民"),
            "n": a.capacity,
        },
    ]
    if a.description:
        paragraphs.append(a.description)
    paragraphs.append(_("请用手机扫描下方二维码报名，也可到社区服务站现场报名。"))
    return _pdf(
        _("活动通知"),
        paragraphs,
        _("%(o)s　%(c)s") % {"o": a.organiser, "c": a.community.name},
        qr=qr_svg(url),
        url=url,
        qr_label=_("扫码报名"),
    )


def signups_pdf(a: Activity) -> bytes:
    """The printable list: masked phones and an empty tick column for the organiser."""
    rows = [
        [str(i), s.name, mask_phone(s.phone), "✓" if s.attended else ""]
        for i, s in enumerate(
            a.signups.filter(cancelled_at__isnull=True).order_by("created_at", "id"), start=1
        )
    ]
    return _pdf(
        _("「%(t)s」报名名单") % {"t": a.title},
        [
            _("时间：%(w)s　地点：%(p)s　名额：%(n)d　已报名：%(k)d")
            % {"w": _when(a), "p": a.place, "n": a.capacity, "k": len(rows)}
        ],
        a.community.name,
        header=[_("序号"), _("姓名"), _("联系电话"), _("出席")],
        rows=rows,
        widths=["1.5cm", "1fr", "4cm", "2cm"],
    )


def summary_text(a: Activity) -> list[str]:
    signed = a.signups.filter(cancelled_at__isnull=True).count()
    came = a.signups.filter(attended=True).count()
    paragraphs = [
        _("%(w)s，%(c)s在%(p)s举办「%(t)s」，由%(o)s组织。")
        % {"w": _when(a), "c": a.community.name, "p": a.place, "t": a.title, "o": a.organiser},
        _("活动面向%(who)s，计划名额%(n)d人，报名%(s)d人，实际参加%(k)d人。预算%(b)s元。")
        % {
            "who": a.audience_label or _("社区居民"),
            "n": a.capacity,
            "s": signed,
            "k": came,
            "b": f"{a.budget:,.2f}",
        },
    ]
    if a.description:
        paragraphs.append(a.description)
    if a.outcome:
        paragraphs.append(a.outcome)
    return paragraphs


def summary_pdf(a: Activity) -> bytes:
    return _pdf(
        _("「%(t)s」活动总结（新闻稿草稿）") % {"t": a.title},
        [*summary_text(a), _("（本稿由活动记录自动生成，发布前请核对。）")],
        a.community.name,
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def summary_docx(a: Activity) -> bytes:
    """The summary / press-release draft as an editable Word document (python-docx): the same text as
    the PDF, generated from the activity record, for the worker to polish instead of typing it."""
    import datetime as dt
    import io

    from docx import Document
    from docx.shared import Pt

    doc = Document()
    props = doc.core_properties
    props.author = a.community.name
    props.title = _("「%(t)s」活动总结（新闻稿草稿）") % {"t": a.title}
    props.created = props.modified = dt.datetime.combine(a.starts_on, dt.time(12, 0))
    props.last_modified_by = "jianfu"
    props.revision = 1
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    doc.add_heading(str(props.title), level=1)
    for paragraph in summary_text(a):
        doc.add_paragraph(str(paragraph))
    doc.add_paragraph(str(_("（本稿由活动记录自动生成，发布前请核对。）")))
    doc.add_paragraph(a.community.name)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
