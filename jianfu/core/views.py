import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import may
from jianfu.core.models import AuditEvent
from jianfu.core.rows import RowReader
from jianfu.core.todos import todos_for


@functools.cache
def _unit_rows(model: type) -> RowReader:
    return RowReader(model)


def _unit(user: Any) -> Any:
    """The user's own unit, the narrowest first (one row read, not one per level).

    Read with a prepared SELECT (jianfu.core.rows) rather than through the related descriptor, whose
    query building cost more than the home page's other reads of one row; kept on the user as the
    descriptor would keep it."""
    for level in ("community", "street", "department", "district"):
        pk = getattr(user, f"{level}_id", None)
        if not pk:
            continue
        field = user._meta.get_field(level)
        if field.is_cached(user):
            return getattr(user, level)
        unit = _unit_rows(field.related_model).get(pk)
        field.set_cached_value(user, unit)
        return unit
    return None


def home(request: HttpRequest) -> HttpResponse:
    """Staff see what waits for them; residents and visitors the public services."""
    user = request.user
    staff = user.is_authenticated and getattr(user, "role", "") != Role.RESIDENT
    context = {
        "staff": staff,
        "todos": todos_for(user) if staff else [],
        "unit": _unit(user) if staff else None,
    }
    return render(request, "core/home.html", context)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "audit"):
        raise Http404
    events = AuditEvent.objects.restrict(request.user, "audit").select_related("community")
    if action := request.GET.get("action"):
        events = events.filter(action=action)
    if q := request.GET.get("q", "").strip():
        events = events.filter(summary__icontains=q)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "q": q})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
