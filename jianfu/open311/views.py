"""GeoReport v2 at /open311/v2/ (JSON and XML), plus mySociety's servicerequestupdates.

Errors use the spec's format (`[{"code": 400, "description": "…"}]` / `<errors><error>…`) with
the same HTTP status. POST needs a district-issued `api_key`; GET is open but shows the public
minimum except to the client that submitted a request (see payloads.request).
"""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from jianfu.casework import services as case
from jianfu.casework.choices import Channel
from jianfu.casework.models import Category, ServiceRequest, Transition
from jianfu.core.permissions import system_actor
from jianfu.open311 import payloads, statuses
from jianfu.open311.models import ApiKey, ClientRequest
from jianfu.open311.render import errors, respond
from jianfu.open311.services import api_key_check
from jianfu.orgs.models import District
from jianfu.registry.models import Place

MAX_RESULTS = 1000
DEFAULT_DAYS = 90
# `GET requests` answers at most PAGE_SIZE rows unless the client asks for `page_size` (1–1000);
# the next page is the `Link: <…>; rel="next"` header (keyset cursor `page_after`), or, for a
# client that knows only the spec, `end_date` = the oldest `requested_datetime` it received.
PAGE_SIZE = 200


class Problem(Exception):
    def __init__(self, status: int, *descriptions: str):
        self.status = status
        self.descriptions = descriptions


def _district(request: HttpRequest, key: ApiKey | None) -> District:
    code = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if key is not None:
        if code and code != key.district.code:
            raise Problem(400, f"jurisdiction_id {code} does not match the api_key's jurisdiction")
        return key.district
    if code:
        d = District.objects.filter(code=code).first()
        if d is None:
            raise Problem(404, f"jurisdiction_id {code} not found")
        return d
    districts = list(District.objects.all()[:2])
    if len(districts) != 1:
        raise Problem(400, "jurisdiction_id is required")
    return districts[0]


def _key(request: HttpRequest, required: bool) -> ApiKey | None:
    raw = request.POST.get("api_key") or request.GET.get("api_key") or ""
    key = api_key_check(raw)
    if raw and key is None:
        raise Problem(403, "Invalid api_key")
    if required and key is None:
        raise Problem(403, "api_key is required")
    return key


def _handle(fmt: str, fn: Any, *args: Any) -> HttpResponse:
    try:
        return fn(*args)
    except Problem as p:
        return errors(fmt, p.status, *p.descriptions)


def _categories():
    return Category.objects.filter(active=True, open311=True)


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:root"))
    return respond(fmt, payloads.discovery(base), root="discovery", item=None)


def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return respond(fmt, [payloads.service(c) for c in _categories()], root="services", item="service")


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    c = _categories().filter(code=code).first()
    if c is None:
        return errors(fmt, 404, f"service_code {code} not found")
    return respond(fmt, payloads.definition(c), root="service_definition", item=None)


def _attributes(post: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in post:
        if name.startswith("attribute[") and name.endswith("]"):
            code = name[len("attribute[") : -1].rstrip("[]").rstrip("]")
            values = [v for v in post.getlist(name) if v != ""]
            out[code] = values if len(values) > 1 else (values[0] if values else "")
    return out


def _number(post: Any, name: str) -> float | None:
    raw = (post.get(name) or "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise Problem(400, f"{name} must be a number (WGS84 degrees)") from None


def _place(district: District, post: Any) -> tuple[Place | None, str]:
    address_id = (post.get("address_id") or "").strip()
    address = (post.get("address_string") or "").strip()
    if address_id:
        if not (address_id.isascii() and address_id.isdigit()):
            raise Problem(400, f"address_id {address_id} not found")
        place = Place.objects.filter(pk=int(address_id), community__street__district=district).first()
        if place is None:
            raise Problem(400, f"address_id {address_id} not found")
        return place, address or str(place)
    return None, address


def _community_from_address(district: District, address: str) -> Any:
    """The community whose estate (小区) name the address mentions, longest name first."""
    if not address:
        return None
    estates = (
        Place.objects.filter(community__street__district=district)
        .values_list("estate", "community_id")
        .distinct()
    )
    best = max(((e, c) for e, c in estates if e and e in address), key=lambda x: len(x[0]), default=None)
    if best is None:
        from jianfu.orgs.models import Community

        named = [c for c in Community.objects.filter(street__district=district) if c.name in address]
        return named[0] if len(named) == 1 else None
    from jianfu.orgs.models import Community

    return Community.objects.get(pk=best[1])


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    post = request.POST
    key = _key(request, required=True)
    assert key is not None
    district = _district(request, key)
    code = (post.get("service_code") or "").strip()
    if not code:
        raise Problem(400, "service_code is required")
    category = _categories().filter(code=code).first()
    if category is None:
        raise Problem(400, f"service_code {code} not found")
    lat, long = _number(post, "lat"), _number(post, "long")
    place, address = _place(district, post)
    if place is None and not address and (lat is None or long is None):
        raise Problem(400, "a location is required: lat and long, address_string or address_id")
    name = " ".join(
        x for x in ((post.get("last_name") or "").strip(), (post.get("first_name") or "").strip()) if x
    )
    community = place.community if place else _community_from_address(district, address)
    try:
        sr = case.request_submit(
            actor=system_actor(f"Open311:{key.name}"),
            channel=Channel.OPEN311,
            category=category,
            district=district,
            community=community,
            place=place,
            address=address,
            lat=lat,
            long=long,
            text=post.get("description") or "",
            attributes=_attributes(post),
            reporter_name=name,
            reporter_phone=(post.get("phone") or "").strip(),
            reporter_email=(post.get("email") or "").strip(),
            media_url=(post.get("media_url") or "").strip(),
        )
    except case.CaseError as exc:
        raise Problem(400, *exc.messages) from exc
    ClientRequest.objects.create(
        request=sr,
        client=key,
        device_id=(post.get("device_id") or "")[:100],
        account_id=(post.get("account_id") or "")[:100],
    )
    notice = _("已受理，预计%(due)s前办结。") % {"due": payloads.w3c(sr.due_at)}
    row = {
        "service_request_id": str(sr.pk),
        "token": sr.token,
        "service_notice": notice,
        "account_id": post.get("account_id") or None,
    }
    return respond(fmt, [row], root="service_requests", item="request", status=201)


def _dates(params: Any) -> tuple[dt.datetime | None, dt.datetime | None]:
    out: list[dt.datetime | None] = []
    for name in ("start_date", "end_date"):
        raw = (params.get(name) or "").strip()
        if not raw:
            out.append(None)
            continue
        value = parse_datetime(raw.replace(" ", "+"))
        if value is None:
            raise Problem(400, f"{name} must be a W3C datetime such as 2026-11-01T00:00:00+08:00")
        out.append(value if timezone.is_aware(value) else timezone.make_aware(value))
    return out[0], out[1]


def _visible(district: District, key: ApiKey | None) -> Any:
    """The district's Open311 requests; public notes are read only for a keyed client (the public
    view never shows them), and only those of its own requests."""
    qs = ServiceRequest.objects.filter(district=district, category__open311=True).select_related(
        "category", "place", "community", "lead_department", "open311_link"
    )
    if key is None:
        return qs
    notes = Transition.objects.filter(public=True, request__open311_link__client=key).order_by("at", "id")
    return qs.prefetch_related(Prefetch("transitions", queryset=notes, to_attr="public_notes"))


def _full(sr: ServiceRequest, key: ApiKey | None) -> bool:
    if key is None:
        return False
    link = getattr(sr, "open311_link", None)
    return link is not None and link.client_id == key.pk


def _page_size(params: Any) -> int:
    raw = (params.get("page_size") or "").strip()
    if not raw:
        return PAGE_SIZE
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_RESULTS:
        raise Problem(400, f"page_size must be a whole number from 1 to {MAX_RESULTS}")
    return int(raw)


def _cursor(params: Any) -> tuple[dt.datetime, int] | None:
    """`page_after=<microseconds since the epoch>.<id>` of the last row of the previous page."""
    raw = (params.get("page_after") or "").strip()
    if not raw:
        return None
    micros, _sep, pk = raw.partition(".")
    if not (micros.isascii() and micros.isdigit() and pk.isascii() and pk.isdigit()):
        raise Problem(400, "page_after must be the cursor from the previous page's Link header")
    at = dt.datetime.fromtimestamp(int(micros) / 1_000_000, tz=dt.UTC)
    return at, int(pk)


def _next_link(request: HttpRequest, last: dict[str, Any]) -> str:
    params = request.GET.copy()
    stamp = last["created_at"].astimezone(dt.UTC)
    micros = int((stamp - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) / dt.timedelta(microseconds=1))
    params["page_after"] = f"{micros}.{last['pk']}"
    return f'<{request.build_absolute_uri(request.path)}?{params.urlencode()}>; rel="next"'


def _notes(pks: list[int]) -> dict[int, str]:
    """The last public note of each of these requests, in one query."""
    last: dict[int, str] = {}
    for request_id, note in (
        Transition.objects.filter(request_id__in=pks, public=True)
        .order_by("request_id", "at", "id")
        .values_list("request_id", "note")
    ):
        last[request_id] = note
    return last


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    """Newest first, keyset-paged on (requested_datetime, id); only the serialised columns are read
    (`.values()`, no model instances), and a keyed client's notes come in one query."""
    params = request.GET
    key = _key(request, required=False)
    district = _district(request, key)
    qs = ServiceRequest.objects.filter(district=district, category__open311=True)
    extended = params.get("extensions", "").lower() in ("true", "1")
    size = _page_size(params)
    ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        if not all(i.isascii() and i.isdigit() for i in ids):
            raise Problem(400, "service_request_id must be a comma-separated list of ids")
        qs = qs.filter(pk__in=[int(i) for i in ids][:MAX_RESULTS])
        size = MAX_RESULTS  # the ids say which: all of them, in one answer
    else:
        codes = [c.strip() for c in (params.get("service_code") or "").split(",") if c.strip()]
        if codes:
            qs = qs.filter(category__code__in=codes)
        start, end = _dates(params)
        if start is None and end is None:
            start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        if end is not None:
            # W3C datetimes we answer carry whole seconds: an end_date names that whole second, so a
            # client paging by end_date = the oldest requested_datetime it saw loses nothing
            if end.microsecond == 0:
                qs = qs.filter(created_at__lt=end + dt.timedelta(seconds=1))
            else:
                qs = qs.filter(created_at__lte=end)
        wanted = [s.strip() for s in (params.get("status") or "").split(",") if s.strip()]
        if wanted:
            ours: list[str] = []
            for s in wanted:
                found = statuses.statuses_for(s)
                if not found:
                    raise Problem(400, f"status {s} is not one of open, closed")
                ours += found
            qs = qs.filter(status__in=ours)
        after = _cursor(params)
        if after is not None:
            qs = qs.filter(Q(created_at__lt=after[0]) | Q(created_at=after[0], pk__lt=after[1]))
    fields = payloads.PUBLIC_FIELDS if key is None else payloads.KEYED_FIELDS
    if ids:
        # by primary key, sorted here: with ORDER BY created_at SQLite walks the district's whole
        # date index instead of looking up the ≤ 1,000 ids (16 ms of CPU at 100,000 requests)
        values = sorted(qs.order_by().values(*fields), key=lambda v: (v["created_at"], v["pk"]), reverse=True)
    else:
        values = list(qs.order_by("-created_at", "-id").values(*fields)[: size + 1])
    more, values = len(values) > size, values[:size]
    if key is None:
        rows = [payloads.public_request(v, extended=extended) for v in values]
    else:
        own = [v["pk"] for v in values if v["open311_link__client_id"] == key.pk]
        notes = _notes(own) if own else {}
        rows = [
            payloads.keyed_request(
                v,
                full=v["open311_link__client_id"] == key.pk,
                note=notes.get(v["pk"]),
                extended=extended,
            )
            for v in values
        ]
    response = respond(fmt, rows, root="service_requests", item="request")
    if more and not ids:
        response["Link"] = _next_link(request, values[-1])
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    return _handle(fmt, _create if request.method == "POST" else _list, request, fmt)


def _one(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    key = _key(request, required=False)
    district = _district(request, key)
    sr = _visible(district, key).filter(pk=int(pk)).first() if pk.isascii() and pk.isdigit() else None
    if sr is None:
        raise Problem(404, f"service_request_id {pk} not found")
    extended = request.GET.get("extensions", "").lower() in ("true", "1")
    return respond(
        fmt,
        [payloads.request(sr, full=_full(sr, key), extended=extended)],
        root="service_requests",
        item="request",
    )


def request_detail(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    return _handle(fmt, _one, request, pk, fmt)


def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    sr = ServiceRequest.objects.filter(token=token, channel=Channel.OPEN311).only("pk", "token").first()
    if sr is None:
        return errors(fmt, 404, f"token {token} not found")
    return respond(
        fmt, [{"service_request_id": str(sr.pk), "token": sr.token}], root="service_requests", item="request"
    )


def _updates(request: HttpRequest, fmt: str) -> HttpResponse:
    key = _key(request, required=False)
    district = _district(request, key)
    start, end = _dates(request.GET)
    qs = Transition.objects.filter(public=True, request__district=district, request__category__open311=True)
    qs = qs.filter(at__gte=start or timezone.now() - dt.timedelta(days=1))
    if end is not None:
        qs = qs.filter(at__lte=end)
    rows = []
    for t in qs.select_related("request", "request__open311_link").order_by("at", "id")[:MAX_RESULTS]:
        rows.append(payloads.update(t, full=_full(t.request, key)))
    return respond(fmt, rows, root="service_request_updates", item="request_update")


def _post_update(request: HttpRequest, fmt: str) -> HttpResponse:
    """A reporter's update through the client that submitted the request: a comment, a
    confirmation that it is fixed (FIXED/CLOSED on a replied request), or a reopen (OPEN)."""
    post = request.POST
    key = _key(request, required=True)
    pk = (post.get("service_request_id") or "").strip()
    link = (
        ClientRequest.objects.select_related("request")
        .filter(request_id=int(pk) if pk.isascii() and pk.isdigit() else 0)
        .first()
    )
    if link is None or link.client_id != key.pk:
        raise Problem(404, f"service_request_id {pk} not found")
    sr = link.request
    status = (post.get("status") or "").strip().upper()
    text = (post.get("description") or "").strip()
    who = system_actor(f"Open311:{key.name}")
    try:
        if status in ("FIXED", "CLOSED") and sr.status == "replied":
            case.request_verify(actor=who, request=sr, solved=True, note=text, token=sr.token)
        elif status == "OPEN" and not sr.is_open:
            case.request_reopen(actor=who, request=sr, reason=text or _("诉求人反映仍未解决"), token=sr.token)
        elif status == "OPEN" and sr.status == "replied":
            case.request_verify(actor=who, request=sr, solved=False, note=text, token=sr.token)
        elif text:
            case.request_comment(actor=who, request=sr, text=text)
        else:
            raise Problem(400, "description or a status change is required")
    except case.CaseError as exc:
        raise Problem(400, *exc.messages) from exc
    t = sr.transitions.order_by("-at", "-id").first()
    assert t is not None
    return respond(
        fmt, [{"update_id": str(t.pk)}], root="service_request_updates", item="request_update", status=201
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def updates(request: HttpRequest, fmt: str) -> HttpResponse:
    return _handle(fmt, _post_update if request.method == "POST" else _updates, request, fmt)


def root(request: HttpRequest) -> HttpResponse:
    return discovery(request, "json")
