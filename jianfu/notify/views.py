"""The outbox: every message with each destination's delivery state; failed ones can be retried."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.choices import Role
from jianfu.notify import selectors, services
from jianfu.notify.models import Delivery

RETRY_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICE, Role.COMMUNITY_HEAD})


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.outbox(request.user), 50).get_page(request.GET.get("page"))
    rows = []
    for m in page:
        deliveries = list(m.deliveries.all())
        rows.append(
            {
                "message": m,
                "state": m.state_of([d.status for d in deliveries]),
                "deliveries": [(d, selectors.masked_destination(d)) for d in deliveries],
            }
        )
    return render(request, "notify/outbox.html", {"page": page, "rows": rows})


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if user.role not in RETRY_ROLES and not user.is_superuser:
        raise Http404
    d = Delivery.objects.filter(pk=pk, message__in=selectors.outbox(request.user).values("pk")).first()
    if d is None:
        raise Http404
    try:
        services.delivery_retry(actor=request.user, delivery=d)
    except services.NotifyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已重新排队发送。"))
    return redirect("notify:outbox")
