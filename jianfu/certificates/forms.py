from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.certificates.check import MAX_TEXT
from jianfu.certificates.choices import CertificateStatus
from jianfu.core.widgets import DateInput, FileInput


class IssueForm(forms.Form):
    pid = forms.CharField(
        label=_("申请人（居民库编号）"), max_length=12, required=False, widget=forms.HiddenInput
    )
    holder_name = forms.CharField(label=_("持证人姓名"), max_length=50, required=False)
    purpose = forms.CharField(
        label=_("用途"), max_length=200, help_text=_("向哪个单位提交、办什么事，例如“子女入学报名”。")
    )
    since = forms.CharField(
        label=_("居住起始时间"),
        max_length=50,
        required=False,
        help_text=_("例如“2015年3月”；模板中的{since}。"),
    )
    title = forms.CharField(label=_("证明标题"), max_length=100)
    body = forms.CharField(label=_("证明正文"), widget=forms.Textarea(attrs={"rows": 10}), max_length=3000)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("撤销原因"), max_length=300)


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("证明标题"), max_length=100)
    body = forms.CharField(label=_("正文模板"), widget=forms.Textarea(attrs={"rows": 12}), max_length=3000)


class SealForm(forms.Form):
    png = forms.FileField(widget=FileInput, label=_("印章图片（PNG）"))


class DemandForm(forms.Form):
    text = forms.CharField(label=_("居民的请求"), max_length=MAX_TEXT)
    institution = forms.CharField(
        label=_("要求开具的单位"),
        max_length=150,
        required=False,
        help_text=_("居民说明是哪个部门或机构要求开具的（如“某某银行”），不说明可留空。"),
    )


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名、编号或用途"), required=False, max_length=50)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    item_code = forms.CharField(label=_("证明事项编号"), required=False, max_length=16)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *list(CertificateStatus.choices)]
    )
    date_from = forms.DateField(label=_("出具日期自"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("至"), required=False, widget=DateInput)
