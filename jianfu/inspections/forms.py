"""Forms of the inspection pages (parse only; the services decide)."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput, FileInput
from jianfu.inspections.choices import FindingSeverity, InspectionKind, Reception, VisitDuration
from jianfu.inspections.services import VisitInput

_SPLIT = re.compile(r"[\s,，、;；]+")


class VisitForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=InspectionKind.choices)
    comprehensive = forms.BooleanField(label=_("综合性检查"), required=False)
    communities = forms.ModelMultipleChoiceField(
        label=_("被检查社区"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    window_start = forms.DateField(label=_("开始日期"), widget=DateInput)
    window_end = forms.DateField(label=_("结束日期"), widget=DateInput)
    items = forms.CharField(
        label=_("涉及的清单事项编号"), required=False, help_text=_("如 A01 A02，用空格或逗号分隔")
    )
    materials = forms.CharField(
        label=_("所需材料"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项。系统能生成的自动对应；照片、截图、签到表、迎检台账等留痕要求默认不予提供。"),
    )
    expected_hours = forms.DecimalField(
        label=_("预计占用社区工作时间（小时/社区）"), min_value=0, max_value=1000, initial=0
    )
    reception = forms.ChoiceField(label=_("接待安排"), choices=Reception.choices, initial=Reception.ZERO)
    reception_reason = forms.CharField(label=_("接待理由"), required=False, max_length=500)
    unannounced = forms.BooleanField(label=_("不打招呼检查（仅限法律要求）"), required=False)
    legal_basis = forms.CharField(label=_("法律依据"), required=False, max_length=500)
    emergency = forms.BooleanField(label=_("应急事项（安全、灾害、公共卫生）"), required=False)
    emergency_reason = forms.CharField(label=_("应急事由"), required=False, max_length=500)

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = communities

    def visit(self) -> VisitInput:
        d = self.cleaned_data
        return VisitInput(
            title=d["title"],
            kind=d["kind"],
            communities=list(d["communities"]),
            window_start=d["window_start"],
            window_end=d["window_end"],
            items=[i for i in _SPLIT.split(d.get("items") or "") if i],
            materials=[m.strip() for m in (d.get("materials") or "").splitlines() if m.strip()],
            expected_hours=d.get("expected_hours") or 0,
            comprehensive=d.get("comprehensive", False),
            emergency=d.get("emergency", False),
            emergency_reason=d.get("emergency_reason", ""),
            unannounced=d.get("unannounced", False),
            legal_basis=d.get("legal_basis", ""),
            reception=d.get("reception") or Reception.ZERO,
            reception_reason=d.get("reception_reason", ""),
        )


class PlanUploadForm(forms.Form):
    file = forms.FileField(widget=FileInput, label=_("年度检查计划（YAML）"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class MergeForm(forms.Form):
    title = forms.CharField(label=_("联合检查名称"), max_length=200)
    window_start = forms.DateField(label=_("开始日期"), widget=DateInput)
    window_end = forms.DateField(label=_("结束日期"), widget=DateInput)
    reason = forms.CharField(label=_("合并理由"), max_length=2000)


class FindingForm(forms.Form):
    community = forms.ModelChoiceField(label=_("社区"), queryset=None)
    text = forms.CharField(label=_("检查发现"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    severity = forms.ChoiceField(label=_("性质"), choices=FindingSeverity.choices)
    rectification = forms.CharField(
        label=_("整改要求"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("整改将作为任务经准入把关；新建台账、定期报送等须减负办审批。"),
    )

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


class RatingForm(forms.Form):
    duration = forms.ChoiceField(label=_("这次检查占用社区多少时间"), choices=VisitDuration.choices)
    usefulness = forms.TypedChoiceField(
        label=_("对社区工作的帮助（1–5分）"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int
    )
    comment = forms.CharField(
        label=_("评价"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class JustifyForm(forms.Form):
    justification = forms.CharField(
        label=_("为什么需要这份材料"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class MaterialDecideForm(forms.Form):
    note = forms.CharField(label=_("意见"), required=False, max_length=500)


class GrantForm(forms.Form):
    username = forms.CharField(label=_("检查人员账号"), max_length=150)
    name = forms.CharField(label=_("检查人员姓名"), max_length=50, required=False)


class PeriodForm(forms.Form):
    period_from = forms.DateField(label=_("起始日期"), widget=DateInput)
    period_to = forms.DateField(label=_("截止日期"), widget=DateInput)


class RulesForm(forms.Form):
    per_community_per_year = forms.IntegerField(
        label=_("每个社区每年最多接受检查（次）"), min_value=1, max_value=50
    )
    per_department_per_year = forms.IntegerField(
        label=_("每个部门每年最多到社区检查（次）"), min_value=1, max_value=50
    )
    comprehensive_per_department = forms.IntegerField(
        label=_("每个部门每年综合性检查（次）"), min_value=0, max_value=10
    )
    notice_working_days = forms.IntegerField(label=_("提前通知（工作日）"), min_value=0, max_value=60)
    rebound_ratio = forms.DecimalField(
        label=_("反弹提醒：较上年同期增幅"),
        min_value=0.01,
        max_value=10,
        decimal_places=2,
        help_text=_("0.25表示25%"),
    )
