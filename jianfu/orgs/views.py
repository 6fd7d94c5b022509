from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jianfu.accounts.scope import may
from jianfu.orgs import selectors


@login_required
def community_list(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "view"):
        raise Http404
    return render(
        request, "orgs/community_list.html", {"communities": selectors.community_list(user=request.user)}
    )


@login_required
def community_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not may(request.user, "view"):
        raise Http404
    community = selectors.community_get(user=request.user, code=code)
    grids = community.grids.annotate(people_count=Count("people")).order_by("code")
    return render(
        request,
        "orgs/community_detail.html",
        {
            "community": community,
            "grids": grids,
            "counts": selectors.community_counts(community),
        },
    )
