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

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.casework.choices import Satisfaction, Status
from jianfu.casework.models import ServiceRequest, Whistle

GROUPS: dict[str, tuple[str, Any]] = {
    "department": ("lead_department__name", gettext_lazy("承办部门")),
    "street": ("community__street__name", gettext_lazy("街道")),
    "community": ("community__name", gettext_lazy("社区")),
    "category": ("category__name", gettext_lazy("类别")),
    "month": ("month", gettext_lazy("月份")),
}
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


def _range(months: int, until: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    until = until or timezone.localdate()
    first = until.replace(day=1)
    for _i in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    return start, end


def rates(
    user: Any, *, by: str = "department", months: int = 6, until: dt.date | None = None
) -> list[RateRow]:
    field, _label = GROUPS[by]
    start, end = _range(months, until)
    qs = ServiceRequest.objects.restrict(user, "view").filter(created_at__gte=start, created_at__lt=end)
    qs = qs.exclude(status=Status.MERGED)
    if by == "month":
        qs = qs.annotate(month=TruncMonth("created_at"))
    if by == "department":
        qs = qs.filter(lead_department__isnull=False)
    rows = (
        qs.values(field)
        .annotate(
            total=Count("pk"),
            responded=Count(
                "pk",
                filter=Q(responded_at__isnull=False)
                & (Q(response_due_at__isnull=True) | Q(responded_at__lte=F("response_due_at"))),
            ),
            solved=Count("pk", filter=Q(solved=True)),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            on_time=Count("pk", filter=Q(closed_on_time=True)),
            rated=Count("pk", filter=~Q(satisfaction="")),
            satisfied=Count("pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])),
            rework=Count("pk", filter=Q(reopen_count__gt=0) | Q(rework_count__gt=0)),
        )
        .order_by(field)
    )
    out = []
    for r in rows:
        key = r[field]
        if by == "month" and key is not None:
            key = f"{timezone.localtime(key) if isinstance(key, dt.datetime) else key:%Y-%m}"
        out.append(
            RateRow(
                key=str(key) if key is not None else _("（未定）"),
                **{
                    k: r[k]
                    for k in (
                        "total",
                        "responded",
                        "solved",
                        "closed",
                        "on_time",
                        "rated",
                        "satisfied",
                        "rework",
                    )
                },
            )
        )
    if by == "department":
        scores = dict(
            Whistle.objects.filter(request__in=qs.values("pk"), score__isnull=False)
            .values_list("department__name")
            .annotate(avg=Avg("score"))
            .values_list("department__name", "avg")
        )
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
