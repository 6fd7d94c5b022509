from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.core.apps import blank_choice
from jianfu.core.widgets import DateInput
from jianfu.meetings.choices import DocumentScope, MeetingMode, NoticeKind
from jianfu.meetings.models import TEXT_MAX, TITLE_MAX


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=NoticeKind.choices, initial=NoticeKind.MEETING)
    department = forms.ModelChoiceField(label=_("发文/会议单位"), queryset=None)
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("正文"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("可直接粘贴通知或文件全文：系统从正文识别参会要求、时长、附件表格等。"),
    )
    date = forms.DateField(label=_("会议日期/发文日期"), widget=DateInput)
    communities = forms.ModelMultipleChoiceField(
        label=_("对象社区"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    # meetings
    heads = forms.BooleanField(label=_("要求社区书记、主任参会"), required=False)
    heads_have_agenda = forms.BooleanField(
        label=_("社区负责人有本社区议题（汇报、发言或接受部署）"), required=False
    )
    attendees_per_community = forms.IntegerField(
        label=_("每个社区参会人数"), min_value=1, max_value=50, initial=1
    )
    minutes = forms.IntegerField(label=_("会议时长（分钟）"), min_value=0, required=False)
    mode = forms.ChoiceField(label=_("形式"), choices=[blank_choice(), *MeetingMode.choices], required=False)
    in_person_reason = forms.CharField(label=_("线下召开的理由"), max_length=300, required=False)
    approved_by = forms.CharField(label=_("批准机关"), max_length=100, required=False)
    approval_ref = forms.CharField(label=_("批准文号"), max_length=100, required=False)
    # documents
    scope = forms.ChoiceField(
        label=_("文件类别"), choices=DocumentScope.choices, initial=DocumentScope.SPECIAL
    )
    length = forms.IntegerField(label=_("字数（正文只粘贴了摘要时填写）"), min_value=0, required=False)
    attachments = forms.CharField(
        label=_("附件名称（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, departments: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["communities"].queryset = communities
        self.fields["date"].initial = timezone.localdate()
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["attachments"] = [
            line.strip() for line in (data.get("attachments") or "").splitlines() if line.strip()
        ]
        data["minutes"] = data.get("minutes") or 0
        data["length"] = data.get("length") or 0
        return data


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=NoticeKind.choices, initial=NoticeKind.MEETING)
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("正文"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RulesForm(forms.Form):
    meeting_max_minutes = forms.IntegerField(label=_("会议时长上限（分钟）"), min_value=15, max_value=2160)
    comprehensive_max_chars = forms.IntegerField(
        label=_("综合性文件字数上限"), min_value=500, max_value=100000
    )
    special_max_chars = forms.IntegerField(label=_("专项文件字数上限"), min_value=500, max_value=100000)


class FormEntryForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("报表名称"), max_length=200)
    aliases = forms.CharField(
        label=_("别名（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExplainForm(forms.Form):
    explanation = forms.CharField(
        label=_("增长原因"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明新增的文件是哪些、为什么不能合并、以会代文或不发。"),
    )


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("结论"),
        choices=[("1", _("采纳说明")), ("0", _("不采纳，请重新说明"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("审核意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
