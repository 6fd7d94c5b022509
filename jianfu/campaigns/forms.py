from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.campaigns.choices import CampaignKind
from jianfu.core.widgets import DateInput


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=CampaignKind.choices)
    description = forms.CharField(label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    communities = forms.ModelMultipleChoiceField(
        label=_("对象社区"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = communities


class SignboardForm(CampaignForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"], self.fields["description"]
        self.fields["title"].label = _("牌子名称")


class InventoryForm(forms.Form):
    name = forms.CharField(label=_("牌子名称"), max_length=200)
    hung_on = forms.DateField(label=_("挂牌日期"), required=False, widget=DateInput)


class SecondmentForm(forms.Form):
    department = forms.ModelChoiceField(label=_("借调单位"), queryset=None)
    staff_name = forms.CharField(label=_("被借调人员"), max_length=50)
    post = forms.CharField(label=_("原岗位"), max_length=100, required=False)
    work = forms.CharField(label=_("借调从事的工作"), max_length=300, required=False)
    started_on = forms.DateField(label=_("借调开始"), widget=DateInput)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("结论"), choices=[("1", _("批准")), ("0", _("不予批准"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("理由"), max_length=2000)
