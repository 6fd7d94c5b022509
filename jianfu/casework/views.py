"""Pages: report (phone-first, sign-in optional), the board, a request's page with its actions,
the reporter's follow-up page (by link, no login), the rates dashboard and its export."""

import functools
import threading
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, QuerySet, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.choices import COMMUNITY_STAFF, Role
from jianfu.casework import duplicates, rates, selectors, services
from jianfu.casework.choices import Channel, Satisfaction, Status
from jianfu.casework.fields import display
from jianfu.casework.forms import RateForm, ReportForm
from jianfu.casework.models import Category, ServiceRequest, Whistle
from jianfu.casework.permissions import may, may_import_hotline
from jianfu.casework.routing import route
from jianfu.core import compiled
from jianfu.core.apps import blank_choice
from jianfu.core.choices import AuditAction
from jianfu.core.downloads import attach
from jianfu.core.rows import InstanceShape
from jianfu.core.services import audit_record
from jianfu.orgs.models import Community, Department, District, Grid
from jianfu.registry.models import Place

PAGE = 50


def _user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


# the user's community with its street and district, as select_related("street__district") loads them
COMMUNITY_SHAPE = InstanceShape(Community, street=None, street__district=None)


def _community_rows(user: Any, pk: int) -> QuerySet:
    return Community.objects.filter(pk=pk).order_by().values(*COMMUNITY_SHAPE.names)


def _users_community(user: Any) -> Community:
    """The user's community with its street and district in one query, its SQL compiled once per
    user (jianfu.core.compiled.rows_for, the community a parameter)."""
    rows = compiled.rows_for(user, "casework.report.community", _community_rows, user.community_id)
    if not rows:
        raise Community.DoesNotExist
    return COMMUNITY_SHAPE.build(Community.objects.db, rows[0])


def _district_for(user: Any) -> District | None:
    if user is not None:
        if user.community_id:
            # kept on the user for the rest of the request (the form reads user.community again), as a
            # lazy read would have been
            user.community = _users_community(user)
            if not user.district_id or user.district_id == user.community.street.district_id:
                return user.community.street.district
        if user.district_id:
            return user.district
    districts = list(District.objects.all()[:2])
    return districts[0] if len(districts) == 1 else None


# A grid worker's (or a community's) houses as the drawn place select, per language, community, grid
# and the houses' version (how many, the highest and the sum of their ids: places are only ever added
# by the registry's writers or removed, never edited in place). ≈ 300 options read and drawn on every
# visit of the form were ≈ a third of the grid worker's report page. A posted form is drawn anew.
_places_lock = threading.Lock()
_places_cache: dict[tuple, SafeString] = {}


def _place_choices(places: QuerySet[Place]) -> list[tuple[Any, Any]]:
    rows = places.order_by("estate", "building", "unit", "room").values_list(
        "pk", "estate", "building", "unit", "room"
    )[:2000]  # tuples, not 2,000 model instances
    return [blank_choice()] + [(pk, Place.address_of(*parts)) for pk, *parts in rows]


def _community_grids(user: Any) -> QuerySet:
    return Grid.objects.filter(community_id=user.community_id).values("pk", "code", "name")


def _users_places(user: Any) -> QuerySet[Place]:
    """The houses of a community staff member's community (a grid worker's: of their grid)."""
    places = Place.objects.filter(community_id=user.community_id)
    if user.grid_id:
        places = places.filter(grid_id=user.grid_id)
    return places


def _report_form(request: HttpRequest, user: Any, district: District) -> tuple[ReportForm, SafeString | None]:
    """The form, and for a blank form of community staff the place select already drawn."""
    form = ReportForm(request.POST or None, request.FILES or None)

    @functools.cache
    def communities() -> list[tuple[str, Any]]:  # read once, when the select is drawn or a post validated
        rows = (
            Community.objects.filter(street__district=district).order_by("code").values_list("code", "name")
        )
        return [blank_choice(), *rows]

    form.fields["community"].choices = communities
    staff = user is not None and user.role in COMMUNITY_STAFF
    place_select = None
    if staff:
        form.fields["community"].initial = user.community.code
        grids = compiled.rows(user, "casework.report.grids", _community_grids)
        # a grid without a name reads as its community's name and code (Grid.__str__)
        names = [(g["code"], g["name"] or f"{user.community.name} {g['code']}") for g in grids]
        form.fields["grid"].choices = [blank_choice(), *names]
        form.fields["grid"].initial = next((g["code"] for g in grids if g["pk"] == user.grid_id), "")
        places = _users_places(user)
        if form.is_bound:
            form.fields["place"].choices = _place_choices(places)
        else:
            version = compiled.aggregate(
                user,
                "casework.report.places_version",
                lambda actor: (_users_places(actor), {"n": Count("id"), "m": Max("id"), "s": Sum("id")}),
            )
            key = (get_language(), user.community_id, user.grid_id, version["n"], version["m"], version["s"])
            with _places_lock:
                place_select = _places_cache.get(key)
            if place_select is None:
                form.fields["place"].choices = _place_choices(places)
                place_select = SafeString(str(form["place"]))
                with _places_lock:
                    if len(_places_cache) > 256:
                        _places_cache.clear()
                    _places_cache[key] = place_select
    return form, place_select


def report(request: HttpRequest) -> HttpResponse:
    """One page for everyone: a resident (signed in or not), a grid worker on rounds, the desk."""
    user = _user(request)
    district = _district_for(user)
    if district is None:
        raise Http404
    form, place_select = _report_form(request, user, district)
    staff = user is not None and user.role in COMMUNITY_STAFF
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        community = Community.objects.filter(code=d["community"], street__district=district).first()
        grid = place = None
        if staff:
            community = user.community
            grid = Grid.objects.filter(community=community, code=d["grid"]).first() if d["grid"] else None
            place = Place.objects.filter(community=community, pk=d["place"]).first() if d["place"] else None
        category: Category = d["category"]
        attributes = {
            f["code"]: (
                request.POST.getlist(f"attr_{f['code']}")
                if f["datatype"] == "multivaluelist"
                else request.POST.get(f"attr_{f['code']}", "")
            )
            for f in category.fields
        }
        channel = (
            Channel.GRID
            if user is not None and user.role == Role.GRID_WORKER
            else (Channel.DESK if staff else Channel.RESIDENT)
        )
        try:
            sr = services.request_submit(
                actor=request.user,
                channel=channel,
                category=category,
                district=district,
                text=d["text"],
                kind=d["kind"],
                community=community,
                grid=grid,
                place=place,
                address=d["address"],
                lat=d["lat"],
                long=d["long"],
                attributes={k: v for k, v in attributes.items() if v not in ("", [])},
                reporter_name=d["reporter_name"],
                reporter_phone=d["reporter_phone"],
                reporter_email=d["reporter_email"],
                photo=d["photo"],
            )
        except services.CaseError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("已受理，编号%(no)s。") % {"no": sr.number})
            if staff:
                return redirect("casework:detail", pk=sr.pk)
            return redirect("casework:follow", token=sr.token)
    categories = _active_categories(user)
    category_select, category_fields = _category_parts(request, form, categories)
    return render(
        request,
        "casework/report.html",
        {
            "form": form,
            "category_select": category_select,
            "category_fields": category_fields,
            "place_select": place_select,
            # what the template draws of the form's fields: drawn once when blank, the form itself when posted
            "fields": form if form.is_bound else _blank_fields(form),
            "staff": staff,
        },
    )


CATEGORY_SHAPE = InstanceShape(Category)


def _active_categories(user: Any) -> list[Category]:
    """The categories the form offers, their SQL compiled once per signed-in user (jianfu.core.compiled)."""
    rows = compiled.rows(
        user,
        "casework.report.categories",
        lambda actor: Category.objects.filter(active=True).values(*CATEGORY_SHAPE.names),
    )
    db = Category.objects.db
    return [CATEGORY_SHAPE.build(db, row) for row in rows]


# The blank form's labels, and the widgets that are the same for every visitor (the kind select, the
# text, address and coordinates, the reporter's fields: no choices or initial values of their own), per
# language: drawn once and kept in the process, as the category parts are. The community, grid and place
# selects are drawn per visitor; a posted form is drawn anew (it shows what was posted and its errors).
_BLANK_LABELS = frozenset(
    {
        "kind",
        "text",
        "grid",
        "place",
        "community",
        "address",
        "photo",
        "reporter_name",
        "reporter_phone",
        "reporter_email",
    }
)
_BLANK_WIDGETS = frozenset({"kind", "text", "address", "lat", "long", "reporter_name", "reporter_email"})
_blank_lock = threading.Lock()
_blank_cache: dict[str, dict[str, "DrawnField"]] = {}


class DrawnField:
    """A blank form's field as report.html reads it (`label_tag`, and the widget as the field's own
    text), drawn once per language."""

    def __init__(self, label_tag: SafeString, widget: SafeString) -> None:
        self.label_tag = label_tag
        self.widget = widget

    def __html__(self) -> SafeString:
        return self.widget

    def __str__(self) -> str:
        return self.widget


def _blank_fields(form: ReportForm) -> dict[str, DrawnField]:
    """The drawn labels and per-visitor-invariant widgets of an unbound report form."""
    assert not form.is_bound
    language = get_language()
    with _blank_lock:
        held = _blank_cache.get(language)
    if held is None:
        held = {
            name: DrawnField(
                SafeString(form[name].label_tag()) if name in _BLANK_LABELS else SafeString(""),
                SafeString(str(form[name])) if name in _BLANK_WIDGETS else SafeString(""),
            )
            for name in sorted(_BLANK_LABELS | _BLANK_WIDGETS)
        }
        with _blank_lock:
            _blank_cache[language] = held
    return held


# The category select and every category's own fields, as HTML, per language, selected category and
# what the categories are (code, group, name, own fields: all these parts are drawn from): the same for
# every visitor of the form, so drawn once (≈ 20 categories' fieldsets were ≈ a third of the page's
# CPU) and kept in the process. A posted form is drawn anew (it shows what was posted).
_parts_lock = threading.Lock()
_parts_cache: dict[tuple, tuple[SafeString, SafeString]] = {}


def _category_parts(
    request: HttpRequest, form: ReportForm, categories: list[Category]
) -> tuple[SafeString, SafeString]:
    """(casework/_report_select.html, casework/_report_fields.html) for these categories."""
    selected = form["category"].value()
    key = None
    if request.method != "POST":
        key = (
            get_language(),
            str(selected),
            tuple((c.code, c.group, c.name, repr(c.fields)) for c in categories),
        )
        with _parts_lock:
            held = _parts_cache.get(key)
        if held is not None:
            return held
    parts = (
        SafeString(
            render_to_string("casework/_report_select.html", {"categories": categories, "selected": selected})
        ),
        SafeString(
            render_to_string(
                "casework/_report_fields.html", {"definitions": _service_definitions(request, categories)}
            )
        ),
    )
    if key is not None:
        with _parts_lock:
            if len(_parts_cache) > 64:
                _parts_cache.clear()
            _parts_cache[key] = parts
    return parts


def _service_definitions(request: HttpRequest, categories: list[Category]) -> list[dict[str, Any]]:
    """Each category's own fields, from its Open311 service definition (the same attributes, datatypes,
    value lists, order and required flags `GET /open311/v2/services/{code}.json` publishes; the
    answers are validated by the same `clean_attributes` as an Open311 POST), with what was posted."""
    from jianfu.open311.payloads import definition

    out = []
    for c in categories:
        attributes = definition(c)["attributes"]
        if not attributes:
            continue
        for a in attributes:
            # an attribute without a value list has no "values" key, and the template's `a.values`
            # would then call the dict's own .values(): a text, number or date field drew as a select
            a.setdefault("values", [])
            a["posted"] = request.POST.getlist(f"attr_{a['code']}") if request.method == "POST" else []
        out.append({"category": c, "attributes": attributes})
    return out


@login_required
def board(request: HttpRequest) -> HttpResponse:
    g = request.GET
    f = selectors.Filters(
        q=g.get("q", ""),
        status=g.get("status", ""),
        category=g.get("category", ""),
        overdue=g.get("overdue") == "1",
        community=g.get("community", ""),
        department=g.get("department", ""),
        month=g.get("month", ""),
    )
    page = selectors.board_page_for(request.user, f, g.get("page"), PAGE)
    whistles = None
    if request.user.role == Role.DEPARTMENT:
        whistles = selectors.board_whistles(request.user)
    return render(
        request,
        "casework/board.html",
        {
            "page": page,
            "filters": f,
            "statuses": Status.choices,
            "categories": selectors.board_categories(request.user),
            "now": timezone.now(),
            "whistles": whistles,
            "may_import_hotline": may_import_hotline(request.user),
        },
    )


def _get(request: HttpRequest, pk: int) -> ServiceRequest:
    sr = selectors.request_detail(request.user, pk)
    if sr is None:
        raise Http404
    return sr


def _detail_context(request: HttpRequest, sr: ServiceRequest) -> dict[str, Any]:
    user = request.user
    ops = {
        op: may(user, sr, op)
        for op in (
            "dispatch",
            "handle",
            "verify",
            "visit",
            "rate_whistle",
            "supervise",
            "merge",
            "reopen",
            "reveal",
        )
    }
    whistles = list(sr.whistles.select_related("department"))
    mine = [w for w in whistles if user.role == Role.DEPARTMENT and w.department_id == user.department_id]
    suggested = route(sr.category, district=sr.district, community=sr.community)
    return {
        "sr": sr,
        "ops": ops,
        "whistles": whistles,
        "my_whistles": mine,
        "transitions": sr.transitions.select_related("by"),
        "reporter": selectors.reporter_masked(sr),
        "attributes": display(sr.category.fields, sr.attributes),
        "overdue": selectors.is_overdue(sr),
        "suggested": suggested,
        "departments": Department.objects.filter(district=sr.district),
        "grids": Grid.objects.filter(community_id=sr.community_id) if sr.community_id else [],
        "communities": Community.objects.filter(street__district=sr.district) if ops["dispatch"] else [],
        "duplicates": duplicates.suggestions(sr) if ops["merge"] and sr.is_open else [],
        "satisfactions": Satisfaction.choices,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    sr = _get(request, pk)
    return render(request, "casework/detail.html", _detail_context(request, sr))


def _departments(sr: ServiceRequest, codes: list[str]) -> list[Department]:
    by_code = {d.code: d for d in Department.objects.filter(district=sr.district, code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def _whistle(request: HttpRequest, sr: ServiceRequest) -> Whistle:
    w = sr.whistles.filter(pk=request.POST.get("whistle") or 0).first()
    if w is None:
        raise Http404
    return w


ACTIONS: dict[str, Any] = {
    "dispatch": lambda r, sr, u: services.request_dispatch(
        actor=u,
        request=sr,
        grid=Grid.objects.filter(community_id=sr.community_id, code=r.POST.get("grid")).first(),
        note=r.POST.get("note", ""),
    ),
    "locate": lambda r, sr, u: services.request_locate(
        actor=u,
        request=sr,
        community=Community.objects.filter(code=r.POST.get("community"), street__district=sr.district).first()
        or _missing(),
    ),
    "whistle": lambda r, sr, u: services.request_whistle(
        actor=u,
        request=sr,
        departments=_departments(sr, r.POST.getlist("departments")),
        hard=r.POST.get("hard") == "on",
        note=r.POST.get("note", ""),
    ),
    "sign": lambda r, sr, u: services.whistle_sign(actor=u, whistle=_whistle(r, sr)),
    "contact": lambda r, sr, u: services.whistle_contact(
        actor=u, whistle=_whistle(r, sr), note=r.POST.get("note", "")
    ),
    "on_site": lambda r, sr, u: services.whistle_on_site(
        actor=u, whistle=_whistle(r, sr), note=r.POST.get("note", "")
    ),
    "return": lambda r, sr, u: services.whistle_return(
        actor=u, whistle=_whistle(r, sr), reason=r.POST.get("reason", "")
    ),
    "rate_whistle": lambda r, sr, u: services.whistle_rate(
        actor=u,
        whistle=_whistle(r, sr),
        score=int(r.POST.get("score") or 0),
        comment=r.POST.get("comment", ""),
    ),
    "start": lambda r, sr, u: services.request_start(actor=u, request=sr, note=r.POST.get("note", "")),
    "reply": lambda r, sr, u: services.request_reply(actor=u, request=sr, reply=r.POST.get("reply", "")),
    "verify": lambda r, sr, u: services.request_verify(
        actor=u, request=sr, solved=r.POST.get("solved") == "yes", note=r.POST.get("note", "")
    ),
    "visit": lambda r, sr, u: services.request_visit(actor=u, request=sr, note=r.POST.get("note", "")),
    "rate": lambda r, sr, u: services.request_rate(
        actor=u, request=sr, satisfaction=r.POST.get("satisfaction", ""), comment=r.POST.get("comment", "")
    ),
    "reopen": lambda r, sr, u: services.request_reopen(actor=u, request=sr, reason=r.POST.get("reason", "")),
    "supervise": lambda r, sr, u: services.request_supervise(
        actor=u, request=sr, level=r.POST.get("level", ""), reason=r.POST.get("reason", "")
    ),
    "merge": lambda r, sr, u: services.request_merge(
        actor=u, request=sr, into=selectors.request_detail(u, int(r.POST.get("into") or 0)) or _missing()
    ),
    "comment": lambda r, sr, u: services.request_comment(
        actor=u, request=sr, text=r.POST.get("text", ""), public=r.POST.get("public") == "on"
    ),
}


def _missing() -> Any:
    raise Http404


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    sr = _get(request, pk)
    fn = ACTIONS.get(action)
    if fn is None:
        raise Http404
    try:
        fn(request, sr, request.user)
    except (services.CaseError, ValueError) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    else:
        messages.success(request, _("已保存。"))
    return redirect("casework:detail", pk=sr.pk)


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    sr = _get(request, pk)
    try:
        contact = services.reporter_reveal(
            actor=request.user, request=sr, purpose=request.POST.get("purpose", "")
        )
    except services.CaseError as exc:
        messages.error(request, str(exc))
        return redirect("casework:detail", pk=sr.pk)
    ctx = _detail_context(request, sr)
    ctx["revealed"] = contact
    return render(request, "casework/detail.html", ctx)


@login_required
def photo(request: HttpRequest, pk: int) -> FileResponse:
    sr = _get(request, pk)
    if not sr.photo:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=sr,
        community=sr.community,
        summary=_("查看诉求%(no)s照片") % {"no": sr.number},
    )
    return FileResponse(sr.photo.open("rb"))


def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's page, by the unguessable link they received: progress, confirm, rate, reopen."""
    sr = ServiceRequest.objects.select_related("category", "duplicate_of").filter(token=token).first()
    if sr is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        who = request.user
        try:
            if action == "confirm":
                services.request_verify(
                    actor=who,
                    request=sr,
                    solved=request.POST.get("solved") == "yes",
                    note=request.POST.get("note", ""),
                    token=token,
                )
            elif action == "rate":
                form = RateForm(request.POST)
                services.request_rate(
                    actor=who,
                    request=sr,
                    satisfaction=request.POST.get("satisfaction", ""),
                    comment=request.POST.get("comment", "") if form.is_valid() else "",
                    token=token,
                )
            elif action == "reopen":
                services.request_reopen(
                    actor=who, request=sr, reason=request.POST.get("reason", ""), token=token
                )
            elif action == "comment":
                services.request_comment(actor=who, request=sr, text=request.POST.get("text", ""))
            else:
                raise Http404
        except services.CaseError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("谢谢，已记录。"))
        return redirect("casework:follow", token=token)
    shown = sr.duplicate_of or sr
    return render(
        request,
        "casework/follow.html",
        {
            "sr": sr,
            "shown": shown,
            "transitions": shown.transitions.filter(public=True),
            "satisfactions": Satisfaction.choices,
        },
    )


@login_required
def rates_page(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "department")
    if by not in rates.GROUPS:
        by = "department"
    try:
        months = max(1, min(24, int(request.GET.get("months", "6"))))
    except ValueError:
        months = 6
    rows = rates.rates(request.user, by=by, months=months)
    if request.GET.get("format") == "xlsx":
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="casework.rates",
            summary=_("导出诉求三率（按%(by)s）") % {"by": rates.GROUPS[by][1]},
        )
        resp = HttpResponse(
            rates.export_xlsx(rows, by=by),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return attach(resp, f"诉求三率-按{rates.GROUPS[by][1]}.xlsx", f"rates-{by}.xlsx")
    chart = {"keys": [r.key for r in rows], **{m: [getattr(r, m) for r in rows] for m in rates.METRICS}}
    labels = {
        "response_rate": _("响应率"),
        "solve_rate": _("解决率"),
        "satisfaction_rate": _("满意率"),
        "on_time_rate": _("按期办结率"),
        "rework_rate": _("返工率"),
    }
    return render(
        request,
        "casework/rates.html",
        {
            "rows": rows,
            "by": by,
            "months": months,
            "groups": [(k, v[1]) for k, v in rates.GROUPS.items()],
            "chart": chart,
            "labels": labels,
        },
    )


HOTLINE_SUFFIXES = (".xlsx", ".xls", ".csv")


@login_required
def hotline_upload(request: HttpRequest) -> HttpResponse:
    """The district's hotline desk uploads the 12345 export: all or nothing, a result for every row
    (the same service as `jianfu requests import-hotline`)."""
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from jianfu.casework.hotline import HotlineError, import_hotline
    from jianfu.casework.permissions import require_import_hotline

    user: Any = request.user
    require_import_hotline(user)
    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        name = (upload.name or "") if upload is not None else ""
        if upload is None:
            error = _("请选择12345热线导出的表格文件（.xlsx、.xls 或 .csv）。")
        elif not name.lower().endswith(HOTLINE_SUFFIXES):
            error = _("「%(f)s」不是表格文件：请上传热线平台导出的 .xlsx、.xls 或 .csv。") % {"f": name}
        elif (upload.size or 0) > settings.JIANFU_MAX_UPLOAD_BYTES:
            error = _("文件超过%(mb)d MB，请检查是否选错了文件。") % {
                "mb": settings.JIANFU_MAX_UPLOAD_BYTES // (1024 * 1024)
            }
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp, "upload" + Path(name).suffix.lower())
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    result = import_hotline(path=path, district=user.district, actor=user, file_name=name)
                except HotlineError as exc:
                    error = str(exc)
    return render(request, "casework/hotline.html", {"result": result, "error": error})
