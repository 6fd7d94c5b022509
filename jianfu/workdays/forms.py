from django import forms
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    source_note = forms.CharField(
        label=_("来源"),
        max_length=300,
        required=False,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知"),
    )
    holidays = forms.CharField(
        label=_("放假安排"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一个节日：“名称 开始日期 至 结束日期”，例如“春节 2027-02-05 至 2027-02-12”"),
    )
    workdays = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("周六或周日上班的日期，用空格、逗号或换行分隔，例如：2027-02-13 2027-02-20"),
    )


class YamlForm(forms.Form):
    text = forms.CharField(
        label=_("粘贴 YAML"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "格式同 jianfu workdays-load：year、source、holidays: [{name, from, to}]、workdays: [日期]"
        ),
    )
