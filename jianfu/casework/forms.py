from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.casework.choices import Kind, Satisfaction
from jianfu.casework.models import Category
from jianfu.core.widgets import FastSelect, FileInput


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(
        Category.objects.filter(active=True), label=_("类别"), to_field_name="code", widget=FastSelect
    )
    kind = forms.ChoiceField(
        choices=[("", _("按类别默认")), *Kind.choices], required=False, label=_("类型"), widget=FastSelect
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("诉求内容"), max_length=4000)
    community = forms.ChoiceField(required=False, widget=FastSelect, label=_("所在社区"))
    grid = forms.ChoiceField(required=False, widget=FastSelect, label=_("网格"))
    place = forms.ChoiceField(required=False, widget=FastSelect, label=_("房屋（居民库）"))
    address = forms.CharField(required=False, max_length=300, label=_("地点"))
    lat = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    long = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    reporter_name = forms.CharField(required=False, max_length=50, label=_("称呼"))
    reporter_phone = forms.CharField(required=False, max_length=20, label=_("联系电话"))
    reporter_email = forms.EmailField(required=False, label=_("电子邮箱"))
    photo = forms.FileField(widget=FileInput, required=False, label=_("照片"))


class WhistleForm(forms.Form):
    departments = forms.MultipleChoiceField(label=_("部门"), widget=forms.CheckboxSelectMultiple)
    hard = forms.BooleanField(required=False, label=_("疑难事项（到场时限5个工作日）"))
    note = forms.CharField(required=False, max_length=500, label=_("说明"))


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        choices=Satisfaction.choices, widget=forms.RadioSelect, label=_("满意度")
    )
    comment = forms.CharField(required=False, max_length=500, label=_("评价"))
