"""The scorecard page (phone-friendly) and its xlsx/PDF exports (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.scope import may
from jianfu.core.choices import AuditAction
from jianfu.core.downloads import attach
from jianfu.core.services import audit_record
from jianfu.scorecard import exports, selectors


def _card(request: HttpRequest) -> selectors.Scorecard:
    user: Any = request.user
    if not may(user, "view"):
        raise Http404
    code = request.GET.get("unit", "")
    found = selectors.find_unit(code) if code else selectors.default_unit(user)
    if found is None:
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return selectors.scorecard(actor=user, unit=found[0], level=found[1], year=year)


@login_required
def page(request: HttpRequest) -> HttpResponse:
    card = _card(request)
    streets = []
    if card.level == "district":
        from jianfu.accounts.scope import communities_for
        from jianfu.orgs.models import Street

        streets = list(
            Street.objects.filter(pk__in=communities_for(request.user, "view").values("street_id")).order_by(
                "code"
            )
        )
    return render(request, "scorecard/page.html", {"card": card, "streets": streets})


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    card = _card(request)
    if fmt == "xlsx":
        body = exports.scorecard_xlsx(card)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        body = exports.scorecard_pdf(card)
        content_type = "application/pdf"
    else:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="scorecard",
        object_id=f"{card.unit.code}:{card.year}",
        summary=_("导出评分表：%(unit)s %(year)s（%(fmt)s）")
        % {"unit": card.unit.name, "year": card.year, "fmt": fmt},
    )
    response = HttpResponse(body, content_type=content_type)
    return attach(
        response,
        f"评分表-{card.unit.name}-{card.year}.{fmt}",
        f"scorecard-{card.unit.code}-{card.year}.{fmt}",
    )
