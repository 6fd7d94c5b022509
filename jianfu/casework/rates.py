"""The three rates (响应率, 解决率, 满意率) plus 按期办结率 and 返工率, grouped by department,
street, community, category or month. Handling units are measured — never grid workers.

- 响应率 = responded within the response deadline / requests
- 解决率 = verified solved / requests
- 满意率 = 满意 + 基本满意 / rated requests
- 按期办结率 = closed by the deadline / closed
- 返工率 = reopened or sent back after verification / requests
Merged duplicates are not counted twice.
"""

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.accounts.choices import Role
from jianfu.casework.models import RateMonth, Whistle
from jianfu.core import compiled

GROUPS: dict[str, tuple[str, Any]] = {
    "department": ("department__name", gettext_lazy("承办部门")),
    "street": ("community__street__name", gettext_lazy("街道")),
    "community": ("community__name", gettext_lazy("社区")),
    "category": ("category__name", gettext_lazy("类别")),
    "month": ("month", gettext_lazy("月份")),
}
COUNT_FIELDS = ("total", "responded", "solved", "closed", "on_time", "rated", "satisfied", "rework")
METRICS = ("response_rate", "solve_rate", "satisfaction_rate", "on_time_rate", "rework_rate")


@dataclass
class RateRow:
    key: str
    total: int
    responded: int
    solved: int
    closed: int
    on_time: int
    rated: int
    satisfied: int
    rework: int
    whistle_score: float | None = None

    @staticmethod
    def _pct(a: int, b: int) -> float | None:
        return round(100 * a / b, 1) if b else None

    @property
    def response_rate(self) -> float | None:
        return self._pct(self.responded, self.total)

    @property
    def solve_rate(self) -> float | None:
        return self._pct(self.solved, self.total)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._pct(self.satisfied, self.rated)

    @property
    def on_time_rate(self) -> float | None:
        return self._pct(self.on_time, self.closed)

    @property
    def rework_rate(self) -> float | None:
        return self._pct(self.rework, self.total)


def _months(months: int, until: dt.date | None = None) -> tuple[dt.date, dt.date]:
    until = until or timezone.localdate()
    first = until.replace(day=1)
    for _i in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, until.replace(day=1)


def scope_q(user: Any) -> Q:
    """The rate rows a user may read: the same reach as the requests themselves."""
    from jianfu.accounts.scope import communities_for

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role == Role.DEPARTMENT:
        return Q(department_id=user.department_id) if user.department_id else Q(pk__in=[])
    if user.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN):
        return Q(district_id=user.district_id)
    return Q(community__in=communities_for(user, "view").values("pk"))


def _rate_months(user: Any, by: str, first: dt.date, last: dt.date) -> QuerySet:
    qs = RateMonth.objects.filter(scope_q(user), month__gte=first, month__lte=last)
    if by == "department":
        qs = qs.filter(department__isnull=False)
    return qs


def rates(
    user: Any, *, by: str = "department", months: int = 6, until: dt.date | None = None
) -> list[RateRow]:
    """Read from the exact monthly roll-up (jianfu.casework.rollup). Both grouped reads are compiled once
    per user, grouping and months (jianfu.core.compiled): building them was most of the page's CPU."""
    field, _label = GROUPS[by]
    first, last = _months(months, until)

    def grouped(actor: Any) -> QuerySet:
        qs = _rate_months(actor, by, first, last)
        return qs.values(field).annotate(**{k: Sum(k) for k in COUNT_FIELDS}).order_by(field)

    rows = compiled.rows(user, ("casework.rates", by), grouped, dates=(first, last))
    out = []
    for r in rows:
        key = r[field]
        if by == "month" and key is not None:
            key = f"{key:%Y-%m}"
        out.append(
            RateRow(
                key=str(key) if key is not None else _("（未定）"), **{k: r[k] or 0 for k in COUNT_FIELDS}
            )
        )
    if by == "department":
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))

        def whistle_scores(actor: Any) -> QuerySet:
            districts = _rate_months(actor, by, first, last).values("district_id")
            return (
                Whistle.objects.filter(
                    whistled_at__gte=start, score__isnull=False, department__district__in=districts
                )
                .values("department__name")
                .annotate(avg=Avg("score"))
            )

        scores = {
            s["department__name"]: s["avg"]
            for s in compiled.rows(
                user, ("casework.whistle_scores",), whistle_scores, dates=(first, last, start)
            )
        }
        for row in out:
            avg = scores.get(row.key)
            row.whistle_score = round(float(avg), 2) if avg is not None else None
    return out


def export_xlsx(rows: list[RateRow], *, by: str) -> bytes:
    import xlsxwriter

    from jianfu.sheets.safe import XlsxTextWriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(_("三率"))
    w = XlsxTextWriter(wb)
    header = [
        str(GROUPS[by][1]),
        _("诉求数"),
        _("响应率%"),
        _("解决率%"),
        _("满意率%"),
        _("按期办结率%"),
        _("返工率%"),
        _("社区对部门评分"),
    ]
    for c, h in enumerate(header):
        w.write(ws, 0, c, h)
    for i, r in enumerate(rows, 1):
        values = [
            r.key,
            r.total,
            r.response_rate,
            r.solve_rate,
            r.satisfaction_rate,
            r.on_time_rate,
            r.rework_rate,
            r.whistle_score,
        ]
        for c, v in enumerate(values):
            w.write(ws, i, c, v, as_text=c == 0)
    wb.close()
    return buf.getvalue()
