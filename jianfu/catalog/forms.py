from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.catalog.choices import ListKind
from jianfu.core.widgets import DateInput


class ListsFilterForm(forms.Form):
    district = forms.CharField(label=_("区划代码"), required=False, max_length=12)
    community = forms.CharField(label=_("社区代码"), required=False, max_length=20)
    on = forms.DateField(label=_("日期"), required=False, widget=DateInput)


class ItemForm(forms.Form):
    list_kind = forms.ChoiceField(label=_("清单"), choices=ListKind.choices)
    code = forms.CharField(
        label=_("编号"),
        max_length=16,
        help_text=_("本地新增事项建议用“区划代码-编号”，如420102-A01；覆盖上级事项时用原编号。"),
    )
    name = forms.CharField(label=_("事项名称"), max_length=300)
    aliases = forms.CharField(
        label=_("别名"),
        required=False,
        help_text=_("用顿号、逗号或换行分隔，用于自动匹配任务和证明申请。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    legal_basis = forms.CharField(label=_("设定依据"), max_length=500, required=False)
    source_document = forms.CharField(label=_("来源文件"), max_length=300, required=False)
    referral = forms.CharField(
        label=_("办理去向"), max_length=300, required=False, help_text=_("不应出具的证明：居民应到哪里办理。")
    )
    effective_from = forms.DateField(
        label=_("生效日期"),
        initial=timezone.localdate,
        widget=DateInput,
    )


class RemoveForm(forms.Form):
    effective_from = forms.DateField(
        label=_("自哪天起删除"),
        initial=timezone.localdate,
        widget=DateInput,
    )
