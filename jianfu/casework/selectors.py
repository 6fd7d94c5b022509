"""Reads, always through `restrict(user, action)`."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jianfu.accounts.scope import Action
from jianfu.casework.choices import OPEN_STATUSES, Escalation, Kind, Status, WhistleStatus
from jianfu.casework.models import Category, ServiceRequest, Whistle
from jianfu.core import compiled
from jianfu.core.masking import mask_name, mask_phone
from jianfu.core.paging import PeekPage

KIND_LABELS = dict(Kind.choices)
STATUS_LABELS = dict(Status.choices)
ESCALATION_LABELS = dict(Escalation.choices)
LIST_RELATED = ("category", "community", "lead_department", "grid")


@dataclass
class Filters:
    q: str = ""
    status: str = ""
    category: str = ""
    overdue: bool = False
    community: str = ""
    department: str = ""
    month: str = ""  # YYYY-MM


def requests_for(
    user: Any, filters: Filters | None = None, action: Action = "view"
) -> QuerySet[ServiceRequest]:
    f = filters or Filters()
    qs = ServiceRequest.objects.restrict(user, action).select_related(*LIST_RELATED)
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status in Status.values:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(category__code=f.category)
    if f.community:
        qs = qs.filter(community__code=f.community)
    if f.department:
        qs = qs.filter(lead_department__code=f.department)
    if f.overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    if f.month:
        try:
            start = dt.date.fromisoformat(f.month + "-01")
        except ValueError:
            start = None
        if start:
            end = (start + dt.timedelta(days=32)).replace(day=1)
            qs = qs.filter(created_at__date__gte=start, created_at__date__lt=end)
    q = f.q.strip()
    if q:
        number = q.upper().removeprefix("JF")
        cond = Q(text__icontains=q) | Q(address__icontains=q) | Q(external_id=q)
        if (number.isascii() and number.isdigit()) and len(number) > 8:
            cond |= Q(pk=int(number[8:]))
        elif number.isascii() and number.isdigit():
            cond |= Q(pk=int(number))
        qs = qs.filter(cond)
    return qs.order_by("-created_at", "-id")


BoardPage = PeekPage  # the board's page: see jianfu.core.paging


@dataclass(slots=True)
class BoardRow:
    """What a board row shows, as plain values (no model instances: 51 rows of four joined models
    cost ≈ 200 instances a request to build); written by casework_board's {% board_rows %}."""

    pk: int
    number: str
    category_name: str
    kind_label: str
    text: str
    community_name: str  # "" without a community
    lead_name: str | None  # None without a lead department
    duty: str
    is_open: bool
    due_at: dt.datetime
    status: str
    status_label: str
    escalation: str
    escalation_label: str


# the request's own columns and three related names (no JSON columns, no grid/place)
BOARD_FIELDS = (
    "id",
    "created_at",
    "kind",
    "text",
    "status",
    "escalation",
    "duty",
    "due_at",
    "category__name",
    "community__name",
    "lead_department_id",
    "lead_department__name",
)

MAX_PAGE = 2000  # 100,000 rows at 50 a page; beyond it the board asks for a filter instead


def _page_number(number: Any) -> int:
    try:
        n = int(number or 1)
    except (TypeError, ValueError):
        n = 1
    return min(max(n, 1), MAX_PAGE)


def _board_rows(fetched: Any) -> list[BoardRow]:
    """BoardRows from rows of BOARD_FIELDS' values, in that order."""
    # the labels once per choice, not Model._get_FIELD_display's per-call dict rebuild
    kinds, statuses, escalations = {}, {}, {}
    rows = []
    for (
        pk,
        created,
        kind,
        text,
        status,
        escalation,
        duty,
        due,
        category,
        community,
        lead_id,
        lead,
    ) in fetched:
        if kind not in kinds:
            kinds[kind] = str(KIND_LABELS.get(kind, kind))
        if status not in statuses:
            statuses[status] = str(STATUS_LABELS.get(status, status))
        if escalation not in escalations:
            escalations[escalation] = str(ESCALATION_LABELS.get(escalation, escalation))
        rows.append(
            BoardRow(
                pk=pk,
                number=ServiceRequest.number_of(created, pk),
                category_name=category,
                kind_label=kinds[kind],
                text=text,
                community_name=community or "",
                lead_name=lead if lead_id is not None else None,
                duty=duty,
                is_open=status in OPEN_STATUSES,
                due_at=due,
                status=status,
                status_label=statuses[status],
                escalation=escalation,
                escalation_label=escalations[escalation],
            )
        )
    return rows


def board_page(qs: QuerySet[ServiceRequest], number: Any, size: int = 50) -> BoardPage:
    """Page `number` of `requests_for(...)` (same filters, scope and order) as `BoardRow`s, read one
    past the page to know whether there is a next one."""
    n = _page_number(number)
    start = (n - 1) * size
    rows = _board_rows(qs.values_list(*BOARD_FIELDS)[start : start + size + 1])
    return PeekPage.of(rows, number=n, size=size)


def board_page_for(user: Any, filters: Filters, number: Any, size: int = 50) -> BoardPage:
    """`board_page(requests_for(user, filters), number, size)`. Without a search text or a month (the
    everyday board: all, open, a status, a category, overdue) the page's query is compiled once per
    user, filters and page (jianfu.core.compiled), as building it was a large part of the board's CPU;
    a search or a month is built every time (a search text is no key to keep)."""
    if filters.q.strip() or filters.month:
        return board_page(requests_for(user, filters), number, size)
    n = _page_number(number)
    start = (n - 1) * size

    def build(actor: Any) -> QuerySet:
        return requests_for(actor, filters).values(*BOARD_FIELDS)[start : start + size + 1]

    key = (
        "casework.board",
        filters.status,
        filters.category,
        filters.overdue,
        filters.community,
        filters.department,
        start,
        size,
    )
    fetched = compiled.rows(user, key, build)
    rows = _board_rows([tuple(r[name] for name in BOARD_FIELDS) for r in fetched])
    return PeekPage.of(rows, number=n, size=size)


def board_categories(user: Any) -> list[tuple[str, str]]:
    """(code, name) of every category for the board's filter, its SQL compiled once per user
    (jianfu.core.compiled)."""
    rows = compiled.rows(
        user, "casework.board.categories", lambda actor: Category.objects.values("code", "name")
    )
    return [(row["code"], row["name"]) for row in rows]


def request_detail(user: Any, pk: int) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.restrict(user, "view")
        .select_related(*LIST_RELATED, "place", "district", "duplicate_of", "reporter")
        .filter(pk=pk)
        .first()
    )


def reporter_masked(sr: ServiceRequest) -> dict[str, str]:
    return {
        "name": mask_name(sr.reporter_name),
        "phone": mask_phone(sr.reporter_phone),
        "email": (sr.reporter_email[:1] + "***@" + sr.reporter_email.split("@")[-1])
        if sr.reporter_email
        else "",
    }


def whistles_for(user: Any) -> QuerySet[Whistle]:
    return (
        Whistle.objects.restrict(user, "view")
        .select_related("request", "request__category", "request__community", "department")
        .order_by("-whistled_at")
    )


@dataclass(slots=True)
class BoardWhistle:
    """A department's whistle on its board, as plain values ({% board_whistles %} writes it)."""

    request_id: int
    number: str
    category_name: str
    community_name: str  # "" without a community
    status_label: str
    sign_due: dt.datetime
    signed_at: dt.datetime | None


WHISTLE_LABELS = dict(WhistleStatus.choices)
WHISTLE_FIELDS = (
    "request_id",
    "request__created_at",
    "request__category__name",
    "request__community__name",
    "status",
    "sign_due",
    "signed_at",
)


def board_whistles(user: Any, limit: int = 50) -> list[BoardWhistle]:
    """A department's whistles still to answer, with only the columns the board shows (the full rows
    of four joined models cost ≈ 0.1 ms each to build), through a query compiled once per user."""
    labels: dict[str, str] = {}
    out = []

    def build(actor: Any) -> QuerySet:
        return whistles_for(actor).exclude(status__in=["done", "returned"]).values(*WHISTLE_FIELDS)[:limit]

    fetched = compiled.rows(user, ("casework.board_whistles", limit), build)
    for request_id, created, category, community, status, sign_due, signed_at in (
        tuple(r[name] for name in WHISTLE_FIELDS) for r in fetched
    ):
        if status not in labels:
            labels[status] = str(WHISTLE_LABELS.get(status, status))
        out.append(
            BoardWhistle(
                request_id=request_id,
                number=ServiceRequest.number_of(created, request_id),
                category_name=category,
                community_name=community or "",
                status_label=labels[status],
                sign_due=sign_due,
                signed_at=signed_at,
            )
        )
    return out


def is_overdue(sr: ServiceRequest, now: dt.datetime | None = None) -> bool:
    return sr.status in OPEN_STATUSES and sr.due_at < (now or timezone.now())
