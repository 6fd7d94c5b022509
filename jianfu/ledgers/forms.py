from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import FileInput
from jianfu.registry.choices import AttributeType
from jianfu.registry.models import Attribute, Source


class UploadForm(forms.Form):
    file = forms.FileField(
        widget=FileInput, label=_("台账文件"), help_text=_("支持 .xlsx、.xls、.ods、.csv（UTF-8或 GBK）。")
    )
    community = forms.ModelChoiceField(label=_("导入到社区"), queryset=None, empty_label=None)
    source = forms.CharField(
        label=_("数据来源"),
        max_length=150,
        help_text=_("例如“区民政局低保名册”。同一来源的表头映射会被记住，下次自动套用。"),
    )
    sheet = forms.CharField(
        label=_("工作表名"), max_length=100, required=False, help_text=_("留空则读取第一个有数据的工作表。")
    )

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        self.sources = list(Source.objects.values_list("name", flat=True)[:200])


class ConfirmForm(forms.Form):
    tag = forms.ModelChoiceField(
        label=_("本台账每一行都具有的标签（可选）"),
        required=False,
        queryset=Attribute.objects.filter(type=AttributeType.TAG).order_by("sort"),
        help_text=_("例如导入低保名册时选“低保”，每个人都会记上低保标签。"),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("link", _("同一人")), ("new", _("新建为另一人")), ("reject", _("不导入"))]
    )
    pid = forms.CharField(required=False, max_length=12)
    reason = forms.CharField(required=False, max_length=200)
