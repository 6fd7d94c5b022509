"""Reading a year's holiday arrangement (the State Council's notice) from YAML or a form.

YAML (one year, or a list of years):

    year: 2027
    source: 国办发明电〔2026〕X号
    holidays:
      - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
      - {name: 春节, from: 2027-02-06, to: 2027-02-13}
    workdays: [2027-02-14, 2027-02-20]

Every problem is reported with where it is and how to fix it; nothing is written unless all of
the file is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils.translation import gettext as _

MAX_HOLIDAY_DAYS = 15


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so an impossible date gets our clear message."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class NoticeError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class YearSpec:
    year: int
    holidays: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    workdays: list[tuple[dt.date, str]] = field(default_factory=list)
    source_note: str = ""

    def days(self) -> list[tuple[dt.date, str, str]]:
        """(date, kind, name), sorted by date."""
        out: list[tuple[dt.date, str, str]] = []
        for name, start, end in self.holidays:
            day = start
            while day <= end:
                out.append((day, "holiday", name))
                day += dt.timedelta(days=1)
        out.extend((d, "workday", name) for d, name in self.workdays)
        return sorted(out)


def _date(value: Any, where: str, errors: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    errors.append(
        _("%(where)s：“%(value)s”不是有效日期，请写成2027-01-01。") % {"where": where, "value": text}
    )
    return None


def validate(spec: YearSpec, errors: list[str], where: str = "") -> None:
    prefix = f"{where}" if where else ""
    year = spec.year
    lo, hi = dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)
    seen: dict[dt.date, str] = {}
    for i, (name, start, end) in enumerate(spec.holidays, 1):
        at = _("%(prefix)s第%(n)s个节假日（%(name)s）") % {"prefix": prefix, "n": i, "name": name or "?"}
        if not name:
            errors.append(_("%(at)s：缺少名称（name），例如 春节。") % {"at": at})
        if end < start:
            errors.append(
                _("%(at)s：结束日期%(to)s早于开始日期%(from)s。") % {"at": at, "to": end, "from": start}
            )
            continue
        if (end - start).days + 1 > MAX_HOLIDAY_DAYS:
            errors.append(
                _("%(at)s：放假%(days)s天，超过%(max)s天，请检查日期。")
                % {"at": at, "days": (end - start).days + 1, "max": MAX_HOLIDAY_DAYS}
            )
            continue
        if start < lo or end > hi:
            errors.append(
                _("%(at)s：日期%(from)s至%(to)s不在%(year)s年的通知范围内。")
                % {"at": at, "from": start, "to": end, "year": year}
            )
    for i, (day, _name) in enumerate(spec.workdays, 1):
        at = _("%(prefix)s第%(n)s个调休上班日%(date)s") % {"prefix": prefix, "n": i, "date": day}
        if day.weekday() < 5:
            errors.append(
                _("%(at)s：这一天本来就是工作日（周一至周五），调休上班日应是周六或周日。") % {"at": at}
            )
        if not (lo <= day <= hi):
            errors.append(_("%(at)s：不在%(year)s年的通知范围内。") % {"at": at, "year": year})
    for day, kind, _name in spec.days():
        if day in seen and seen[day] != kind:
            errors.append(
                _("%(prefix)s%(date)s既是放假日又是调休上班日，请只保留一种。")
                % {"prefix": prefix, "date": day}
            )
        elif day in seen:
            errors.append(_("%(prefix)s%(date)s重复出现在两个节假日中。") % {"prefix": prefix, "date": day})
        seen[day] = kind


def spec_from_mapping(data: Any, errors: list[str], where: str = "") -> YearSpec | None:
    if not isinstance(data, dict):
        errors.append(
            _("%(where)s应是一个包含 year、holidays、workdays 的映射。") % {"where": where or _("文件")}
        )
        return None
    unknown = set(data) - {"year", "source", "holidays", "workdays"}
    if unknown:
        errors.append(
            _("%(where)s未知字段：%(fields)s（可用字段：year、source、holidays、workdays）。")
            % {"where": where, "fields": "、".join(sorted(map(str, unknown)))}
        )
    try:
        year = int(str(data.get("year")))
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors.append(_("%(where)syear 应是2000至2100之间的年份，例如 year: 2027。") % {"where": where})
        return None
    spec = YearSpec(year=year, source_note=str(data.get("source") or "")[:300])
    holidays = data.get("holidays") or []
    if not isinstance(holidays, list):
        errors.append(_("%(where)sholidays 应是列表，每项为 {name, from, to}。") % {"where": where})
        holidays = []
    for i, row in enumerate(holidays, 1):
        at = _("%(where)sholidays 第%(n)s项") % {"where": where, "n": i}
        if not isinstance(row, dict) or "from" not in row:
            errors.append(_("%(at)s：应写成 {name: 春节, from: 2027-02-06, to: 2027-02-13}。") % {"at": at})
            continue
        start = _date(row.get("from"), at, errors)
        end = _date(row.get("to", row.get("from")), at, errors)
        if start and end:
            spec.holidays.append((str(row.get("name") or "").strip()[:50], start, end))
    workdays = data.get("workdays") or []
    if not isinstance(workdays, list):
        errors.append(_("%(where)sworkdays 应是日期列表，例如 [2027-02-14]。") % {"where": where})
        workdays = []
    for i, value in enumerate(workdays, 1):
        name = ""
        if isinstance(value, dict):
            name, value = str(value.get("name") or "")[:50], value.get("date")
        day = _date(value, _("%(where)sworkdays 第%(n)s项") % {"where": where, "n": i}, errors)
        if day:
            spec.workdays.append((day, name))
    validate(spec, errors, where)
    return spec


def parse_yaml(text: str) -> list[YearSpec]:
    """All years in a YAML text; raises NoticeError listing every problem."""
    errors: list[str] = []
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise NoticeError([_("YAML 格式错误：%(error)s") % {"error": exc}]) from exc
    rows = data if isinstance(data, list) else [data]
    specs = []
    for i, row in enumerate(rows, 1):
        where = _("第%(n)s个年份：") % {"n": i} if len(rows) > 1 else ""
        spec = spec_from_mapping(row, errors, where)
        if spec:
            specs.append(spec)
    years = [s.year for s in specs]
    for y in sorted({y for y in years if years.count(y) > 1}):
        errors.append(_("%(year)s年在文件中出现了多次。") % {"year": y})
    if errors:
        raise NoticeError(errors)
    return specs


_LINE = re.compile(
    r"^\s*(?P<name>[^\d\s:：]+)?\s*[:：]?\s*(?P<from>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
    r"\s*(?:(?:至|到|~|～|-|—|–)\s*(?P<to>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?))?\s*$"
)


def parse_form(*, year: int, holidays_text: str, workdays_text: str, source_note: str = "") -> YearSpec:
    """The admin form: one holiday a line (`春节 2027-02-06 至 2027-02-13`), working days as dates."""
    errors: list[str] = []
    spec = YearSpec(year=year, source_note=source_note[:300])
    for n, line in enumerate(holidays_text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line.replace("\u3000", " "))
        at = _("放假安排第%(n)s行") % {"n": n}
        if not m:
            errors.append(
                _(
                    "%(at)s“%(line)s”：请写成“名称 开始日期 至 结束日期”，例如“春节 2027-02-06 至 2027-02-13”。"
                )
                % {"at": at, "line": line.strip()}
            )
            continue
        start = _date(m["from"], at, errors)
        end = _date(m["to"] or m["from"], at, errors)
        if start and end:
            spec.holidays.append(((m["name"] or "").strip(), start, end))
    for n, token in enumerate(re.split(r"[\s,，、;；]+", workdays_text.strip()), 1):
        if token:
            day = _date(token, _("调休上班日第%(n)s个") % {"n": n}, errors)
            if day:
                spec.workdays.append((day, ""))
    validate(spec, errors)
    if errors:
        raise NoticeError(errors)
    return spec
