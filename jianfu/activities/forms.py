from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.activities.services import ActivityInput
from jianfu.core.widgets import DateInput


class TimeInput(forms.TimeInput):
    input_type = "time"


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("活动名称"), max_length=120)
    starts_on = forms.DateField(label=_("活动日期"), widget=DateInput)
    start_time = forms.TimeField(label=_("开始时间"), required=False, widget=TimeInput)
    place = forms.CharField(label=_("地点"), max_length=200)
    organiser = forms.CharField(label=_("主办/承办"), max_length=200)
    budget = forms.DecimalField(
        label=_("预算（元）"), min_value=0, max_digits=10, decimal_places=2, initial=0
    )
    audience = forms.CharField(
        label=_("参与对象（居民库筛选条件）"),
        required=False,
        max_length=500,
        help_text=_("与一表通相同的写法，如 age>=60 and tag=独居老人；留空为全体居民"),
    )
    audience_label = forms.CharField(label=_("参与对象说明"), required=False, max_length=200)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=10000)
    description = forms.CharField(
        label=_("活动内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def data_input(self) -> ActivityInput:
        d: dict[str, Any] = self.cleaned_data
        return ActivityInput(
            title=d["title"],
            starts_on=d["starts_on"],
            start_time=d.get("start_time"),
            place=d["place"],
            organiser=d["organiser"],
            budget=d.get("budget") or 0,
            audience=d.get("audience", ""),
            audience_label=d.get("audience_label", ""),
            capacity=d["capacity"],
            description=d.get("description", ""),
        )


class SignupForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    note = forms.CharField(label=_("备注（选填）"), required=False, max_length=200)
