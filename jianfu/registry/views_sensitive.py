"""The district administrator's page of legal bases for the sensitive (综治) populations."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jianfu.accounts.choices import Role
from jianfu.core.permissions import OutOfScope
from jianfu.orgs.models import Department
from jianfu.registry import permissions, services
from jianfu.registry.choices import AttributeType, Sensitivity
from jianfu.registry.models import Attribute, PersonTag, SensitiveAccess


class GrantForm(forms.Form):
    attribute = forms.ModelChoiceField(label=gettext_lazy("敏感标签"), queryset=Attribute.objects.none())
    grantee = forms.ChoiceField(label=gettext_lazy("授权给（角色或部门）"))
    legal_basis = forms.CharField(
        label=gettext_lazy("法律依据"),
        max_length=500,
        help_text=gettext_lazy("法规名称和条款，例如：《社区矫正法》第二十五条。"),
    )

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attribute"].queryset = Attribute.objects.filter(  # type: ignore[attr-defined]
            type=AttributeType.TAG, sensitivity=Sensitivity.SPECIAL
        ).order_by("sort")
        roles = [(f"role:{r.value}", r.label) for r in Role if r != Role.RESIDENT]
        departments = [
            (f"dept:{d.pk}", d.name) for d in Department.objects.filter(district=district).order_by("code")
        ]
        self.fields["grantee"].choices = [  # type: ignore[attr-defined]
            (_("角色"), roles),
            (_("部门"), departments),
        ]


def _district(request: HttpRequest):
    permissions.require_grant_sensitive(request.user)
    if request.user.district is None:  # type: ignore[union-attr]
        raise OutOfScope
    return request.user.district  # type: ignore[union-attr]


@login_required
def sensitive_access(request: HttpRequest) -> HttpResponse:
    district = _district(request)
    form = GrantForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        kind, _sep, value = form.cleaned_data["grantee"].partition(":")
        department = (
            Department.objects.filter(pk=value, district=district).first() if kind == "dept" else None
        )
        try:
            services.sensitive_access_grant(
                actor=request.user,
                district=district,
                attribute=form.cleaned_data["attribute"],
                legal_basis=form.cleaned_data["legal_basis"],
                role=value if kind == "role" else "",
                department=department,
            )
        except services.RegistryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已记录查看依据（已写入审计日志）。"))
            return redirect("registry:sensitive_access")
    grants = SensitiveAccess.objects.filter(district=district).select_related("attribute", "department")
    counts = dict(  # counts only: who carries each tag is exactly what this page does not show
        PersonTag.objects.filter(
            attribute__sensitivity=Sensitivity.SPECIAL, person__community__street__district=district
        )
        .values_list("attribute__name")
        .annotate(n=Count("id"))
    )
    context = {"form": form, "grants": grants, "counts": counts}
    return render(request, "registry/sensitive_access.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def sensitive_access_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    district = _district(request)
    grant = get_object_or_404(SensitiveAccess.objects.filter(district=district), pk=pk)
    try:
        services.sensitive_access_revoke(
            actor=request.user, grant=grant, reason=request.POST.get("reason", "")
        )
    except services.RegistryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已撤销。"))
    return redirect("registry:sensitive_access")
