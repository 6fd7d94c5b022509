"""The public lists page, and editing a district's lists for its 减负办 / district admin."""

from __future__ import annotations

import datetime as dt
import threading

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jianfu.catalog.choices import ListKind
from jianfu.catalog.forms import ItemForm, ListsFilterForm, RemoveForm
from jianfu.catalog.models import CATALOG_EDITOR_ROLES, Jurisdiction, user_district_code
from jianfu.catalog.permissions import may_edit_catalog
from jianfu.catalog.selectors import (
    LOCAL_PREFIX,
    active_items,
    catalog_version,
    grouped_lists,
    item_history,
    next_local_code,
)
from jianfu.catalog.services import catalog_item_remove, catalog_item_set, jurisdiction_for_district
from jianfu.orgs.models import Community, District

# The lists as HTML per (district, date, language, script prefix), with the catalog version they were
# rendered at: the same bytes for every visitor, so they are rendered once (≈ 90 rows: ≈ 80 % of the
# page's CPU) and written again only when `catalog_version()` moves. One process's copy; each
# granian worker keeps its own and checks the version on every request.
_lists_lock = threading.Lock()
_lists_cache: dict[tuple, tuple[tuple, SafeString, int]] = {}


def _lists_html(district: District | None, on: dt.date) -> tuple[SafeString, int]:
    """(the rendered lists of catalog/_lists.html, how many items)."""
    key = (district.code if district else None, on, get_language(), get_script_prefix())
    version = catalog_version()  # read before the items: what is kept is never older than its version
    with _lists_lock:
        held = _lists_cache.get(key)
    if held is not None and held[0] == version:
        return held[1], held[2]
    items = active_items(district_code=district.code if district else None, on=on)
    html = render_to_string("catalog/_lists.html", {"groups": grouped_lists(items), "district": district})
    with _lists_lock:
        if len(_lists_cache) > 64:
            _lists_cache.clear()
        _lists_cache[key] = (version, SafeString(html), len(items))
    return SafeString(html), len(items)


def clear_lists_cache() -> None:
    with _lists_lock:
        _lists_cache.clear()


def public_lists(request: HttpRequest) -> HttpResponse:
    """Anyone (no login) sees the lists in force for a district/community on a date."""
    form = ListsFilterForm(request.GET or None)
    on = timezone.localdate()
    district = community = None
    if form.is_valid():
        on = form.cleaned_data["on"] or on
        if code := form.cleaned_data["community"].strip():
            community = Community.objects.select_related("street__district").filter(code=code).first()
            district = community.street.district if community else None
        elif code := form.cleaned_data["district"].strip():
            district = District.objects.filter(code=code).first()
    if district is None and "district" not in request.GET and (code := user_district_code(request.user)):
        district = District.objects.filter(code=code).first()
    lists, total = _lists_html(district, on)
    can_edit = district is not None and may_edit_district(request.user, district)
    return render(
        request,
        "catalog/public_lists.html",
        {
            "form": form,
            "on": on,
            "district": district,
            "community": community,
            "districts": District.objects.order_by("code"),
            "lists": lists,
            "total": total,
            "can_edit": can_edit,
            "today": timezone.localdate(),
        },
    )


def item_history_view(request: HttpRequest, list_kind: str, code: str) -> HttpResponse:
    if list_kind not in ListKind.values:
        raise Http404
    district = District.objects.filter(code=request.GET.get("district", "")).first()
    rows = item_history(district_code=district.code if district else None, list_kind=list_kind, code=code)
    if not rows:
        raise Http404
    return render(
        request,
        "catalog/item_history.html",
        {"rows": rows, "district": district, "list_label": ListKind(list_kind).label, "code": code},
    )


def may_edit_district(user, district: District) -> bool:
    if not may_edit_catalog(user):
        return False
    return bool(
        user.is_superuser or (user.role in CATALOG_EDITOR_ROLES and user_district_code(user) == district.code)
    )


def _editable_district(request: HttpRequest, district_code: str) -> District:
    district = District.objects.filter(code=district_code).first()
    if district is None or not may_edit_district(request.user, district):
        raise Http404
    return district


@login_required
def manage_home(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("district") if request.user.is_superuser else user_district_code(request.user)
    if not code or not may_edit_catalog(request.user):
        raise Http404
    return redirect("catalog:manage", district_code=code)


@login_required
def manage(request: HttpRequest, district_code: str) -> HttpResponse:
    district = _editable_district(request, district_code)
    on = timezone.localdate()
    own = Jurisdiction.objects.filter(level="district", code=district.code).first()
    local_rows = (
        list(own.items.select_related("created_by").order_by("-created_at", "-id")[:200]) if own else []
    )
    return render(
        request,
        "catalog/manage.html",
        {
            "district": district,
            "groups": grouped_lists(active_items(district_code=district.code, on=on)),
            "local_rows": local_rows,
            "on": on,
        },
    )


def _save_item(request, district: District, form: ItemForm) -> bool:
    try:
        jurisdiction = jurisdiction_for_district(district, actor=request.user)
        catalog_item_set(actor=request.user, jurisdiction=jurisdiction, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
def item_new(request: HttpRequest, district_code: str) -> HttpResponse:
    district = _editable_district(request, district_code)
    asked = request.GET.get("list_kind") or ""
    kind: str = asked if asked in ListKind.values else ListKind.ASSIST.value
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid() and _save_item(request, district, form):
            messages.success(
                request, _("已保存，自%(date)s起生效。") % {"date": form.cleaned_data["effective_from"]}
            )
            return redirect("catalog:manage", district_code=district.code)
    else:
        own = Jurisdiction.objects.filter(level="district", code=district.code).first()
        code = next_local_code(own, kind) if own else f"{district.code}-{LOCAL_PREFIX[kind]}01"
        form = ItemForm(initial={"list_kind": kind, "code": code, "effective_from": timezone.localdate()})
    return render(request, "catalog/item_form.html", {"form": form, "district": district, "override": None})


@login_required
def item_override(request: HttpRequest, district_code: str, list_kind: str, code: str) -> HttpResponse:
    district = _editable_district(request, district_code)
    held = {
        (i.list_kind, i.code): i for i in active_items(district_code=district.code, kinds=[list_kind])
    }.get((list_kind, code))
    if held is None:
        raise Http404
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid() and _save_item(request, district, form):
            messages.success(
                request, _("已保存，自%(date)s起生效。") % {"date": form.cleaned_data["effective_from"]}
            )
            return redirect("catalog:manage", district_code=district.code)
    else:
        form = ItemForm(
            initial={
                "list_kind": held.list_kind,
                "code": held.code,
                "name": held.name,
                "aliases": "、".join(held.aliases),
                "legal_basis": held.legal_basis,
                "source_document": held.source_document,
                "referral": held.referral,
                "effective_from": timezone.localdate(),
            }
        )
    return render(request, "catalog/item_form.html", {"form": form, "district": district, "override": held})


@login_required
def item_remove(request: HttpRequest, district_code: str, list_kind: str, code: str) -> HttpResponse:
    district = _editable_district(request, district_code)
    held = {
        (i.list_kind, i.code): i for i in active_items(district_code=district.code, kinds=[list_kind])
    }.get((list_kind, code))
    if held is None:
        raise Http404
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            jurisdiction = jurisdiction_for_district(district, actor=request.user)
            catalog_item_remove(
                actor=request.user,
                jurisdiction=jurisdiction,
                list_kind=list_kind,
                code=code,
                effective_from=form.cleaned_data["effective_from"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("已删除%(code)s，自%(date)s起不再列入。")
                % {"code": code, "date": form.cleaned_data["effective_from"]},
            )
            return redirect("catalog:manage", district_code=district.code)
    return render(request, "catalog/item_remove.html", {"form": form, "district": district, "item": held})
