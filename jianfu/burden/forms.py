from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.burden.choices import MANUAL_KINDS, EntryKind
from jianfu.burden.selectors import departments_for, recordable_communities
from jianfu.core.widgets import DateInput


class ManualEntryForm(forms.Form):
    community = forms.ModelChoiceField(label=_("社区"), queryset=None)
    kind = forms.ChoiceField(label=_("类型"), choices=[(k.value, k.label) for k in MANUAL_KINDS])
    title = forms.CharField(label=_("事项"), max_length=300, help_text=_("例如：区民政局养老服务专项检查"))
    department = forms.ModelChoiceField(label=_("提出部门"), queryset=None, required=False)
    occurred_on = forms.DateField(label=_("日期"), widget=DateInput)
    units = forms.DecimalField(
        label=_("数量"),
        min_value=Decimal(0),
        max_value=Decimal(100000),
        decimal_places=2,
        initial=1,
        help_text=_("按该类型的单位计：次、份、块、人·天"),
    )
    frequency = forms.DecimalField(
        label=_("频次"),
        min_value=Decimal("0.01"),
        max_value=Decimal(1000),
        decimal_places=2,
        initial=1,
        help_text=_("同一事项重复的次数，例如每周一次的会议按月计4"),
    )
    people = forms.DecimalField(
        label=_("参与人数"), min_value=Decimal("0.01"), max_value=Decimal(1000), decimal_places=2, initial=1
    )
    outside_lists = forms.BooleanField(label=_("不在工作清单内"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communities = recordable_communities(user).order_by("code")
        self.fields["community"].queryset = communities
        if getattr(user, "community_id", None):
            self.fields["community"].initial = user.community_id
        self.fields["department"].queryset = departments_for(user).order_by("code")


class CorrectionForm(forms.Form):
    hours = forms.DecimalField(
        label=_("修正后的耗时（小时）"), min_value=Decimal(0), max_value=Decimal(100000), decimal_places=2
    )
    reason = forms.CharField(
        label=_("修正理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：检查要求补做三年台账，实际两人各用两天"),
    )


class UnitTimeForm(forms.Form):
    kind = forms.ChoiceField(choices=EntryKind.choices, widget=forms.HiddenInput)
    minutes_per_unit = forms.DecimalField(
        label=_("每单位分钟"), min_value=Decimal("0.01"), max_value=Decimal(6000), decimal_places=2
    )
    unit_label = forms.CharField(label=_("单位"), max_length=50)
    basis = forms.CharField(label=_("依据"), max_length=300, required=False)


class ReboundSettingsForm(forms.Form):
    window_months = forms.IntegerField(label=_("基线月数"), min_value=1, max_value=12)
    rise_percent = forms.DecimalField(
        label=_("允许增幅（%）"), min_value=Decimal(0), max_value=Decimal(1000), decimal_places=2
    )
    min_hours = forms.DecimalField(
        label=_("最低提醒工时"), min_value=Decimal(0), max_value=Decimal(100000), decimal_places=2
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
