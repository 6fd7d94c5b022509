import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput


def _default_expiry() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=365)


class ApproveForm(forms.Form):
    population = forms.CharField(
        label=_("人群条件"),
        max_length=500,
        help_text=_("例如 tag=残疾；可收窄部门的需求，不能为空。"),
    )
    approved_fields = forms.MultipleChoiceField(
        label=_("核准的数据项"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    full_fields = forms.MultipleChoiceField(
        label=_("提供完整值的数据项"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不勾选则脱敏提供；勾选的须填写法律依据。"),
    )
    legal_basis = forms.CharField(label=_("法律依据"), required=False, max_length=1000)
    purpose = forms.CharField(label=_("用途"), max_length=300)
    expires_on = forms.DateField(
        label=_("协议有效期至"),
        initial=_default_expiry,
        widget=DateInput,
    )
    reason = forms.CharField(
        label=_("核准意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, field_choices=(), full_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_fields"].choices = list(field_choices)  # type: ignore[attr-defined]
        self.fields["full_fields"].choices = list(full_choices)  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
