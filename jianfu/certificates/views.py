"""Pages of the certificate desk. Views parse, call a selector or service, and render."""

import datetime as dt
import re

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import Action, may
from jianfu.catalog.choices import ListKind
from jianfu.certificates import selectors as sel
from jianfu.certificates import services
from jianfu.certificates.check import NEITHER_LIST_RULE, CheckError, check_request, item_by_code
from jianfu.certificates.choices import CertificateStatus, Decision, VerificationResult
from jianfu.certificates.forms import (
    DemandForm,
    IssueForm,
    RegisterFilterForm,
    RevokeForm,
    SealForm,
    TemplateForm,
)
from jianfu.certificates.pdf import certificate_pdf, referral_pdf
from jianfu.core.downloads import attach
from jianfu.core.formats import chinese_date
from jianfu.core.masking import mask_id_number, mask_name
from jianfu.orgs.models import Community


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def verify_url(certificate, request: HttpRequest | None = None) -> str:
    path = reverse("certificates:verify", args=[certificate.token])
    base = getattr(settings, "JIANFU_PUBLIC_URL", "")
    if base:
        return base.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://localhost:8000" + path


def _staff_community(request: HttpRequest, action: Action = "change") -> Community:
    if not may(request.user, action):
        raise Http404
    code = request.GET.get("community") or request.POST.get("community")
    community = sel.acting_community(request.user, action, code)
    if community is None:
        raise Http404
    return community


def _check(text: str, community: Community | None):
    district = community.street.district.code if community else None
    try:
        return check_request(text=text, district_code=district), None
    except CheckError as exc:
        return None, str(exc)


# --- asking -----------------------------------------------------------------------------------


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The front desk: type the request in everyday words, get the answer and what to do next."""
    community = _staff_community(request)
    q = request.GET.get("q", "").strip()
    result, error = _check(q, community) if q else (None, None)
    return render(
        request,
        "certificates/desk.html",
        {
            "community": community,
            "q": q,
            "result": result,
            "error": error,
            "rule": NEITHER_LIST_RULE,
            "demand_form": DemandForm(initial={"text": q}),
            "staff": True,
            "may_manage": sel.acting_community(request.user, "manage", community.code) is not None,
            "examples": [
                "开个单身证明",
                "证明我妈还健在",
                "孩子上学要居住证明",
                "开个无犯罪证明",
                "开收入证明贷款用",
            ],
        },
    )


def ask(request: HttpRequest) -> HttpResponse:
    """The same answer for residents, without login and without registry look-ups."""
    code = request.GET.get("community", "")
    community = (
        Community.objects.select_related("street__district").filter(code=code).first() if code else None
    )
    q = request.GET.get("q", "").strip()
    result, error = _check(q, community) if q else (None, None)
    communities = Community.objects.select_related("street").order_by("street__code", "code")
    return render(
        request,
        "certificates/ask.html",
        {
            "community": community,
            "communities": communities,
            "q": q,
            "result": result,
            "error": error,
            "rule": NEITHER_LIST_RULE,
            "staff": False,
        },
    )


def _referral_context(request: HttpRequest):
    code = request.GET.get("community", "")
    community = (
        Community.objects.select_related("street__district").filter(code=code).first() if code else None
    )
    q = request.GET.get("q", "").strip()
    result, _error = _check(q, community) if q else (None, None)
    if result is None or result.decision != Decision.MUST_NOT_ISSUE:
        raise Http404
    return community, result


def referral(request: HttpRequest) -> HttpResponse:
    """A printable notice for the resident: who handles this instead, and which document says so."""
    community, result = _referral_context(request)
    return render(
        request,
        "certificates/referral.html",
        {
            "community": community,
            "result": result,
            "today": timezone.localdate(),
            "pdf_url": reverse("certificates:referral_pdf") + "?" + request.GET.urlencode(),
        },
    )


def referral_pdf_view(request: HttpRequest) -> HttpResponse:
    community, result = _referral_context(request)
    item = result.item
    data = referral_pdf(
        title=_("不予出具证明告知书"),
        paragraphs_=[
            _("您申请开具的“%(name)s”不属于社区（居委会）出具的证明事项，社区不能出具。")
            % {"name": item.name},
            _("请按下表所列的途径办理。如有单位仍要求您到社区开具此类证明，可向街道或区减负办反映。"),
        ],
        rows=[
            (_("您的请求"), result.text),
            (_("证明事项"), item.name),
            (_("办理途径"), item.referral),
            (_("依据文件"), item.source_document),
            (_("说明"), item.legal_basis),
        ],
        community=community.name if community else _("社区居民委员会"),
        date=chinese_date(timezone.localdate()),
    )
    response = HttpResponse(data, content_type="application/pdf")
    return attach(response, f"{item.name}-办理指引.pdf", f"referral-{item.code}.pdf", inline=True)


@login_required
@require_POST
def demand_record(request: HttpRequest) -> HttpResponse:
    community = _staff_community(request)
    form = DemandForm(request.POST)
    back = (
        reverse("certificates:desk")
        + "?"
        + urlencode({"q": request.POST.get("text", ""), "community": community.code})
    )
    if not form.is_valid():
        messages.error(
            request,
            _("登记失败：%(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
        return redirect(back)
    try:
        services.certificate_demand_record(
            actor=request.user,
            community=community,
            text=form.cleaned_data["text"],
            institution=form.cleaned_data["institution"],
        )
    except (services.CertificateError, CheckError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已登记，并记入负担台账。"))
    return redirect(back)


# --- issuing ----------------------------------------------------------------------------------


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    community = _staff_community(request)
    people = [
        {
            "pid": p.pid,
            "name": p.name,
            "masked_id": mask_id_number(p.id_number),
            "address": (p.values or {}).get("address", ""),
        }
        for p in sel.person_search(user=request.user, community=community, q=request.GET.get("who", ""))
    ]
    return render(
        request,
        "certificates/_people.html",
        {
            "people": people,
            "code": request.GET.get("code", ""),
            "who": request.GET.get("who", ""),
            "community_code": community.code,
        },
    )


@login_required
def issue(request: HttpRequest, code: str) -> HttpResponse:
    community = _staff_community(request)
    item = item_by_code(code, district_code=community.street.district.code)
    if item is None or item.list_kind != ListKind.CERTIFICATE_MAY:
        raise Http404
    template = sel.template_for(community, item)
    data = request.POST if request.method == "POST" else request.GET
    pid = data.get("pid", "").strip()
    person = sel.person_for_issue(user=request.user, community=community, pid=pid) if pid else None
    if request.method == "POST":
        form = IssueForm(request.POST)
        if form.is_valid():
            try:
                certificate = services.certificate_issue(
                    actor=request.user,
                    community=community,
                    item_code=item.code,
                    person=person,
                    holder_name=form.cleaned_data["holder_name"],
                    purpose=form.cleaned_data["purpose"],
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data["title"],
                )
            except services.CertificateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已出具%(serial)s。") % {"serial": certificate.serial})
                return redirect("certificates:detail", pk=certificate.pk)
    else:
        purpose, since = data.get("purpose", "").strip()[:200], data.get("since", "").strip()[:50]
        values = sel.person_values(person, community, purpose=purpose, since=since, on=timezone.localdate())
        form = IssueForm(
            initial={
                "pid": pid,
                "purpose": purpose,
                "since": since,
                "title": template.title,
                "holder_name": person.name if person else "",
                "body": services.fill_template(template.body, values),
            }
        )
    return render(
        request,
        "certificates/issue.html",
        {
            "community": community,
            "item": item,
            "template": template,
            "person": person,
            "form": form,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = sel.certificate_get(user=request.user, pk=pk)
    url = verify_url(certificate, request)
    can_revoke = (
        certificate.status == CertificateStatus.ISSUED
        and sel.Certificate.objects.restrict(request.user, "manage").filter(pk=certificate.pk).exists()
    )
    return render(
        request,
        "certificates/detail.html",
        {
            "c": certificate,
            "verify_url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=4),
            "can_revoke": can_revoke,
            "revoke_form": RevokeForm(),
            "verifications": certificate.verifications.count(),
        },
    )


@login_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = sel.certificate_get(user=request.user, pk=pk)
    revoked = None
    if certificate.status == CertificateStatus.REVOKED:
        revoked = _("本证明已于%(date)s撤销") % {"date": timezone.localdate(certificate.revoked_at)}
    data = certificate_pdf(
        serial=certificate.serial,
        title=certificate.title,
        body=certificate.body,
        community=_("%(name)s居民委员会") % {"name": certificate.community.name},
        date=chinese_date(timezone.localdate(certificate.issued_at)),
        url=verify_url(certificate, request),
        verify_label=_("扫码或打开链接核验本证明"),
        seal_png=sel.seal_png(certificate.community),
        revoked=revoked,
    )
    response = HttpResponse(data, content_type="application/pdf")
    serial = f"{certificate.year}-{certificate.number:04d}"
    return attach(response, f"证明-{serial}.pdf", f"certificate-{serial}.pdf", inline=True)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = sel.certificate_get(user=request.user, pk=pk, action="manage")
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写撤销原因。"))
        return redirect("certificates:detail", pk=pk)
    try:
        services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except services.CertificateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已撤销，核验页将显示撤销日期。"))
    return redirect("certificates:detail", pk=pk)


# --- verification (public) --------------------------------------------------------------------


VERIFY_TOKEN = re.compile(r"(?:/v/)?([A-Za-z0-9_-]{16,64})/?$")


def verify_lookup(request: HttpRequest) -> HttpResponse:
    """Where a verifier types or pastes the link printed under the certificate's QR code."""
    entered = request.GET.get("link", "").strip()
    error = ""
    if entered:
        found = VERIFY_TOKEN.search(entered.split("?", 1)[0].split("#", 1)[0])
        if found:
            return redirect("certificates:verify", token=found.group(1))
        error = _("没有认出核验链接。请输入证明二维码下方印的完整网址，例如 https://…/certificates/v/……")
    return render(request, "certificates/verify_lookup.html", {"entered": entered, "error": error})


def verify(request: HttpRequest, token: str) -> HttpResponse:
    ip = client_ip(request)
    if services.verify_rate_limited(ip):
        services.verification_log_rate_limited(token=token, client_ip=ip)
        return render(
            request,
            "certificates/verify.html",
            {"result": VerificationResult.RATE_LIMITED, "per_minute": services.verify_rate_per_minute()},
            status=429,
        )
    result, certificate = services.verification_record(token=token, client_ip=ip)
    status = 200 if result in (VerificationResult.VALID, VerificationResult.REVOKED) else 404
    return render(
        request,
        "certificates/verify.html",
        {
            "result": result,
            "c": certificate,
            "masked_name": mask_name(certificate.holder_name) if certificate else "",
        },
        status=status,
    )


# --- register and templates -------------------------------------------------------------------


def _register_filters(request: HttpRequest) -> tuple[RegisterFilterForm, dict]:
    form = RegisterFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return form, filters


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "view"):
        raise Http404
    form, filters = _register_filters(request)
    qs = sel.certificate_list(user=request.user, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certificates/register.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_export": may(request.user, "export"),
            "may_audit": may(request.user, "audit"),
        },
    )


@login_required
def register_xlsx(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "export"):
        raise Http404
    _form, filters = _register_filters(request)
    qs = sel.certificate_list(user=request.user, action="export", **filters)
    data = services.certificate_register_export(
        actor=request.user, certificates=qs, filters={k: str(v) for k, v in filters.items()}
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    day = timezone.localdate().isoformat()
    return attach(response, f"证明台账-{day}.xlsx", f"certificate-register-{day}.xlsx")


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    community = _staff_community(request, "manage")
    seal = sel.seal_png(community)
    seal_uri = None
    if seal:
        import base64

        seal_uri = "data:image/png;base64," + base64.b64encode(seal).decode()
    return render(
        request,
        "certificates/templates.html",
        {
            "community": community,
            "templates": sel.templates_of(user=request.user, community=community),
            "seal_uri": seal_uri,
            "seal_form": SealForm(),
        },
    )


@login_required
def template_edit(request: HttpRequest, code: str) -> HttpResponse:
    community = _staff_community(request, "manage")
    item = item_by_code(code, district_code=community.street.district.code)
    if item is None or item.list_kind != ListKind.CERTIFICATE_MAY:
        raise Http404
    current = sel.template_for(community, item)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.certificate_template_save(
                    actor=request.user,
                    community=community,
                    item_code=code,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except services.CertificateError as exc:
                form.add_error("body", str(exc))
            else:
                messages.success(request, _("模板已保存。"))
                return redirect("certificates:templates")
    else:
        form = TemplateForm(initial={"title": current.title, "body": current.body})
    from jianfu.certificates.defaults import PLACEHOLDERS

    return render(
        request,
        "certificates/template_edit.html",
        {
            "community": community,
            "item": item,
            "form": form,
            "placeholders": PLACEHOLDERS,
        },
    )


@login_required
@require_POST
def seal_upload(request: HttpRequest) -> HttpResponse:
    community = _staff_community(request, "manage")
    if request.POST.get("delete"):
        services.community_seal_delete(actor=request.user, community=community)
        messages.success(request, _("印章已删除。"))
        return redirect("certificates:templates")
    form = SealForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择印章图片（PNG）。"))
        return redirect("certificates:templates")
    try:
        services.community_seal_save(
            actor=request.user, community=community, png=form.cleaned_data["png"].read()
        )
    except services.CertificateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("印章已上传，新打印的证明将带有印章。"))
    return redirect("certificates:templates")


# --- the 减负办's monthly report --------------------------------------------------------------


def _month(request: HttpRequest) -> dt.date:
    raw = request.GET.get("month", "")
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


@login_required
def report(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "audit"):
        raise Http404
    month = _month(request)
    rows = sel.demand_report(user=request.user, month=month)
    return render(
        request,
        "certificates/report.html",
        {
            "rows": rows,
            "month": month,
            "total": sum(r.count for r in rows),
            "demands": sel.demand_list(user=request.user, month=month)[:200],
        },
    )


@login_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "audit"):
        raise Http404
    month = _month(request)
    rows = sel.demand_report(user=request.user, month=month)
    data = services.demand_report_export(actor=request.user, rows=rows, month=f"{month:%Y-%m}")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return attach(response, f"证明需求统计-{month:%Y-%m}.xlsx", f"certificate-demands-{month:%Y-%m}.xlsx")
