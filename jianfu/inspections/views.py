"""Pages of inspections: the plan and register (departments), the queue, merges and material
decisions (减负办), the calendar, rating and evidence package (communities), read-only visits (inspectors)."""

from __future__ import annotations

import datetime as dt
import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import communities_for
from jianfu.core.downloads import attach
from jianfu.core.permissions import OutOfScope
from jianfu.inspections import evidence, selectors, services
from jianfu.inspections import permissions as perm
from jianfu.inspections.choices import InspectionStatus, MaterialStatus
from jianfu.inspections.forms import (
    FindingForm,
    GrantForm,
    JustifyForm,
    MaterialDecideForm,
    MergeForm,
    PeriodForm,
    PlanUploadForm,
    RatingForm,
    ReasonForm,
    VisitForm,
)
from jianfu.inspections.models import Inspection, Material, VisitRating
from jianfu.inspections.planfile import PlanFileError, plan_load
from jianfu.orgs.models import Community

PLAN_MAX_BYTES = 1_000_000


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _visit_or_404(user: Any, pk: int) -> Inspection:
    visit = selectors.inspection_detail(user, pk)
    if visit is None:
        raise Http404
    return visit


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _department_communities(user: Any):
    return services._department_reach(user.department).order_by("code")


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    year = _year(request)
    visits = selectors.visit_rows(user, year=year)
    is_office = perm.is_office(user)
    context: dict[str, Any] = {
        "year": year,
        "visits": visits,
        "is_office": is_office,
        "is_department": user.is_department,
        "pending": [v for v in visits if v.status == InspectionStatus.PENDING_OFFICE],
        "emergencies": [v for v in visits if v.emergency and not v.emergency_reviewed_at],
        "proposals": selectors.merge_proposals(user, year=year, listed=visits) if is_office else [],
        "over_cap": selectors.over_cap(user, year=year) if is_office else [],
        "alerts": selectors.open_alert_rows(user, year=year) if is_office else [],
        "grants": selectors.live_grants(user),
    }
    outsider = not (visits or user.is_department or is_office or context["grants"])
    if outsider and not communities_for(user, "view").exists():
        raise Http404
    return render(request, "inspections/visit_list.html", context)


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    perm.require_department_account(user)
    form = VisitForm(request.POST or None, communities=_department_communities(user))
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.inspection_register(actor=user, department=user.department, visit=form.visit())
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("已登记：%(s)s") % {"s": visit.get_status_display()})
            return redirect("inspections:detail", pk=visit.pk)
    return render(request, "inspections/visit_form.html", {"form": form})


@login_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    perm.require_department_account(user)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    result = errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > PLAN_MAX_BYTES:
            errors = [_("文件超过1 MB，请检查是否选错了文件。")]
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                errors = [_("文件不是 UTF-8编码的文本（YAML）。")]
            else:
                try:
                    result = plan_load(actor=user, text=text, name=upload.name, department=user.department)
                except PlanFileError as exc:
                    errors = exc.errors
    return render(request, "inspections/plan_upload.html", {"form": form, "result": result, "errors": errors})


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    visit = _visit_or_404(user, pk)
    targets = list(visit.targets.all())
    communities = [t.community for t in targets]
    is_lead = perm.is_lead_department(user, visit)
    may_decide = perm.may_decide(user, visit)
    inspector = perm.is_inspector(user, visit)
    rated = (
        VisitRating.objects.filter(inspection=visit, community_id=user.community_id).exists()
        if user.community_id
        else True
    )
    live = visit.status in (InspectionStatus.ADMITTED, InspectionStatus.COMPLETED)
    may_rate = (
        live
        and perm.may_rate(user, user.community)
        and user.community_id in {c.pk for c in communities}
        and not rated
        and visit.window_start <= timezone.localdate()
    )
    manual, package = services.preparation_hours(visit)
    packages = [c for c in communities if perm.may_build_for_inspection(user, visit, c)] if live else []
    context = {
        "visit": visit,
        "targets": targets,
        "materials": list(visit.materials.all()),
        "members": list(visit.members.select_related("department")),
        "transitions": list(visit.transitions.select_related("by")),
        "findings": list(
            visit.findings.filter(community__in=communities_for(user, "view")).select_related(
                "community", "task"
            )
        )
        if not (is_lead or inspector or may_decide)
        else list(visit.findings.select_related("community", "task")),
        "ratings": list(visit.ratings.select_related("community")) if (is_lead or may_decide) else [],
        "is_lead": is_lead,
        "may_decide": may_decide,
        "is_inspector": inspector,
        "may_rate": may_rate,
        "may_find": live and (is_lead or inspector),
        "packages": packages,
        "prep_manual": manual,
        "prep_package": package,
        "reason_form": ReasonForm(),
        "finding_form": FindingForm(communities=Community.objects.filter(pk__in=[c.pk for c in communities])),
        "rating_form": RatingForm(),
        "justify_form": JustifyForm(),
        "material_form": MaterialDecideForm(),
        "grant_form": GrantForm(),
        "grants": list(visit.grants.select_related("user")) if (is_lead or may_decide) else [],
        "needs_reason": [
            m
            for m in visit.materials.all()
            if m.status in (MaterialStatus.NEEDS_JUSTIFICATION, MaterialStatus.TRACE_REFUSED)
        ],
        "today": timezone.localdate(),
    }
    return render(request, "inspections/visit_detail.html", context)


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    visit = _visit_or_404(request.user, pk)
    try:
        action(visit)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("inspections:detail", pk=visit.pk)


@login_required
@require_POST
def visit_decide(request: HttpRequest, pk: int) -> HttpResponse:
    admit = "admit" in request.POST
    reason = request.POST.get("reason", "")
    return _act(
        request,
        pk,
        lambda v: services.inspection_decide(actor=request.user, inspection=v, admit=admit, reason=reason),
    )


@login_required
@require_POST
def visit_review(request: HttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("reason", "")
    return _act(
        request,
        pk,
        lambda v: services.inspection_review_emergency(actor=request.user, inspection=v, note=note),
    )


@login_required
@require_POST
def visit_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request, pk, lambda v: services.inspection_cancel(actor=request.user, inspection=v, reason=reason)
    )


@login_required
@require_POST
def rebound_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(selectors.rebound_alerts(request.user), pk=pk)
    try:
        services.visit_rebound_acknowledge(actor=request.user, alert=alert, note=request.POST.get("note", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("已知悉%(c)s的检查回升提醒。") % {"c": alert.community.name})
    return redirect(reverse("inspections:list") + f"?year={alert.year}#rebound")


@login_required
@require_POST
def visit_announce(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda v: services.inspection_announce(actor=request.user, inspection=v))


@login_required
@require_POST
def visit_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda v: services.inspection_complete(actor=request.user, inspection=v))


@login_required
@require_POST
def visit_finding(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit_or_404(request.user, pk)
    form = FindingForm(
        request.POST, communities=Community.objects.filter(pk__in=visit.targets.values("community_id"))
    )
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return redirect("inspections:detail", pk=visit.pk)
    d = form.cleaned_data
    return _act(
        request,
        pk,
        lambda v: services.finding_record(
            actor=request.user,
            inspection=v,
            community=d["community"],
            text=d["text"],
            severity=d["severity"],
            rectification=d["rectification"],
        ),
    )


@login_required
@require_POST
def visit_rate(request: HttpRequest, pk: int) -> HttpResponse:
    form = RatingForm(request.POST)
    if not form.is_valid():
        _visit_or_404(request.user, pk)
        messages.error(request, _("请选择占用时间并打分。"))
        return redirect("inspections:detail", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        pk,
        lambda v: services.visit_rate(
            actor=request.user,
            inspection=v,
            duration=d["duration"],
            usefulness=d["usefulness"],
            comment=d["comment"],
        ),
    )


@login_required
@require_POST
def visit_grant(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an inspector read-only access: an existing inspector account, or a new one (password shown once)."""
    username = request.POST.get("username", "")
    name = request.POST.get("name", "")

    def grant(v: Inspection) -> None:
        access = services.inspector_access_give(
            actor=request.user, inspection=v, username=username, name=name
        )
        if access.created:
            messages.success(
                request,
                _("已开通检查人员账号%(u)s，初始密码：%(p)s（只显示这一次，请当面交给检查人员）。")
                % {"u": access.grant.user.get_username(), "p": access.password},
            )
        else:
            messages.success(request, _("已授权%(u)s。") % {"u": access.grant.user.get_username()})

    return _act(request, pk, grant)


@login_required
@require_POST
def material_justify(request: HttpRequest, pk: int, material: int) -> HttpResponse:
    text = request.POST.get("justification", "")
    return _act(
        request,
        pk,
        lambda v: services.material_justify(
            actor=request.user,
            material=get_object_or_404(Material, pk=material, inspection=v),
            justification=text,
        ),
    )


@login_required
@require_POST
def material_decide(request: HttpRequest, pk: int, material: int) -> HttpResponse:
    accept = "accept" in request.POST
    note = request.POST.get("note", "")
    return _act(
        request,
        pk,
        lambda v: services.material_decide(
            actor=request.user,
            material=get_object_or_404(Material, pk=material, inspection=v),
            accept=accept,
            note=note,
        ),
    )


@login_required
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not perm.is_office(user):
        raise OutOfScope
    ids = [int(i) for i in request.POST.getlist("visit") if i.isdigit()]
    visits = list(Inspection.objects.restrict(user, "view").filter(pk__in=ids).order_by("window_start", "id"))
    if len(visits) != len(set(ids)):
        raise Http404
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写联合检查的名称、时段和合并理由。"))
        return redirect("inspections:list")
    d = form.cleaned_data
    try:
        joint = services.inspections_merge(
            actor=user,
            inspections=visits,
            title=d["title"],
            window_start=d["window_start"],
            window_end=d["window_end"],
            reason=d["reason"],
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("inspections:list")
    messages.success(request, _("已合并为联合检查。"))
    return redirect("inspections:detail", pk=joint.pk)


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    year = _year(request)
    communities = selectors.calendar_communities(user)
    community = selectors.calendar_community(user, communities, request.GET.get("community") or "")
    if community is None:
        raise Http404
    visits = selectors.calendar_visits(community, year)
    return render(
        request,
        "inspections/calendar.html",
        {"community": community, "communities": communities, "year": year, "visits": visits},
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    perm.require_dashboard(user)
    year = _year(request)
    rows = selectors.dashboard(user, year=year)
    return render(request, "inspections/dashboard.html", {"rows": rows, "year": year})


def _period(request: HttpRequest, default: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date] | None:
    form = PeriodForm(request.POST or request.GET or None)
    if not form.is_bound:
        return default
    if not form.is_valid():
        return None
    return form.cleaned_data["period_from"], form.cleaned_data["period_to"]


def _serve(request: HttpRequest, spec: evidence.EvidenceSpec, actor: Any) -> HttpResponseBase:
    try:
        evidence.check_period(spec.period_from, spec.period_to)
    except evidence.EvidenceError as exc:
        messages.error(request, str(exc))
        return redirect(request.META.get("HTTP_REFERER") or reverse("inspections:list"))
    out = tempfile.TemporaryFile()  # noqa: SIM115 - streamed back, deleted when the response closes it
    result = evidence.build(spec, out)
    services.evidence_package_record(
        actor=actor,
        community=spec.community,
        inspection=spec.inspection,
        period=(spec.period_from, spec.period_to),
        files=result.files,
        size=result.bytes,
        sha256=result.sha256,
    )
    out.seek(0)
    span = f"{spec.period_from:%Y-%m-%d}-{spec.period_to:%Y-%m-%d}"
    response = attach(
        FileResponse(out, as_attachment=True, content_type="application/zip"),
        f"检查材料包-{spec.community.name}-{span}.zip",
        f"evidence-{spec.community.code}-{span}.zip",
    )
    response["X-Evidence-SHA256"] = result.sha256
    return response


def _visit_period(visit: Inspection) -> tuple[dt.date, dt.date]:
    end = min(timezone.localdate(), visit.window_end)
    start = dt.date(visit.year, 1, 1)
    return start, max(start, end)


@login_required
def visit_evidence(request: HttpRequest, pk: int, code: str) -> HttpResponseBase:
    user: Any = request.user
    visit = _visit_or_404(user, pk)
    target = visit.targets.filter(community__code=code).select_related("community").first()
    if target is None or not perm.may_build_for_inspection(user, visit, target.community):
        raise Http404
    if visit.status not in (InspectionStatus.ADMITTED, InspectionStatus.COMPLETED):
        raise Http404
    if perm.only_inspector(user, visit, target.community):
        period: tuple[dt.date, dt.date] | None = _visit_period(visit)  # no other period for an inspector
    else:
        period = _period(request, _visit_period(visit))
    if period is None:
        messages.error(request, _("日期无效。"))
        return redirect("inspections:detail", pk=pk)
    spec = evidence.EvidenceSpec(
        community=target.community, period_from=period[0], period_to=period[1], inspection=visit
    )
    return _serve(request, spec, user)


@login_required
@require_POST
def visit_evidence_link(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    user: Any = request.user
    visit = _visit_or_404(user, pk)
    target = visit.targets.filter(community__code=code).select_related("community").first()
    if (
        target is None
        or not perm.may_build_for_inspection(user, visit, target.community)
        or perm.is_inspector(user, visit)
    ):
        raise Http404
    start, end = _visit_period(visit)
    spec = evidence.EvidenceSpec(
        community=target.community, period_from=start, period_to=end, inspection=visit
    )
    with tempfile.TemporaryFile() as out:
        result = evidence.build(spec, out)
    package = services.evidence_package_record(
        actor=user,
        community=target.community,
        inspection=visit,
        period=(start, end),
        files=result.files,
        size=result.bytes,
        sha256=result.sha256,
    )
    link, token = services.evidence_link_create(actor=user, package=package)
    url = request.build_absolute_uri(reverse("inspections:evidence_link", args=[token]))
    return render(
        request,
        "inspections/link_created.html",
        {"visit": visit, "community": target.community, "url": url, "link": link, "package": package},
    )


def evidence_by_link(request: HttpRequest, token: str) -> HttpResponseBase:
    """The inspector's expiring link: no login, unguessable, every use audited; expired → 404."""
    link = services.evidence_link_find(token)
    if link is None:
        raise Http404
    package = link.package
    spec = evidence.EvidenceSpec(
        community=package.community,
        period_from=package.period_from,
        period_to=package.period_to,
        inspection=package.inspection,
    )
    services.evidence_link_used(link=link, client=request.META.get("REMOTE_ADDR", ""))
    return _serve(request, spec, request.user)  # the link holder: anonymous, or whoever is signed in


@login_required
def community_evidence(request: HttpRequest) -> HttpResponseBase:
    """A community's own package for any period (community staff and administrators)."""
    user: Any = request.user
    reach = [
        c for c in communities_for(user, "export").order_by("code") if perm.may_export_community(user, c)
    ]
    if not reach:
        raise Http404
    today = timezone.localdate()
    form = PeriodForm(
        request.POST or None, initial={"period_from": dt.date(today.year, 1, 1), "period_to": today}
    )
    if request.method == "POST":
        code = request.POST.get("community") or reach[0].code
        community = next((c for c in reach if c.code == code), None)
        if community is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            spec = evidence.EvidenceSpec(
                community=community,
                period_from=d["period_from"],
                period_to=d["period_to"],
                include_registry="registry" in request.POST,
            )
            return _serve(request, spec, user)
    return render(request, "inspections/community_evidence.html", {"form": form, "communities": reach})


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """The district's caps and notice period: district 减负办 and administrators edit, defaults documented."""
    from dataclasses import asdict

    from jianfu.inspections.forms import RulesForm
    from jianfu.inspections.rules import caps_for

    user: Any = request.user
    if not user.district_id or not perm.may_set_rules(user, user.district):
        raise OutOfScope
    district = user.district
    form = RulesForm(request.POST or None, initial=asdict(caps_for(district)))
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_set(actor=user, district=district, values=form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("inspections:rules")
    return render(request, "inspections/rules.html", {"form": form, "district": district})
