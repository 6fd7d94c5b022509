from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput
from jianfu.gate.choices import TaskKind
from jianfu.gate.models import DESCRIPTION_MAX, TITLE_MAX
from jianfu.orgs.models import Community


class TaskSubmitForm(forms.Form):
    title = forms.CharField(
        label=_("任务名称"),
        max_length=TITLE_MAX,
        error_messages={"max_length": _("任务名称最多%(limit_value)d个字符。")},
    )
    description = forms.CharField(
        label=_("任务内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("写清要社区做什么、交什么材料、涉及哪些居民。最多20,000个字符。"),
        max_length=DESCRIPTION_MAX,
        error_messages={
            "max_length": _("任务内容过长：最多%(limit_value)d个字符（现在%(show_value)d个），请精简。")
        },
    )
    kind = forms.ChoiceField(label=_("任务类型"), choices=TaskKind.choices, initial=TaskKind.GENERAL)
    legal_basis = forms.CharField(label=_("法律法规或政策依据"), required=False, max_length=1000)
    deadline = forms.DateField(label=_("完成时限"), required=False, widget=DateInput)
    communities: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("任务对象社区"),
        queryset=Community.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("请至少选择一个任务对象社区。"),
            "invalid_choice": _("社区%(value)s不在本部门的管辖范围内，请只选择列出的社区。"),
            "invalid_pk_value": _("社区编号%(pk)s无效。"),
        },
    )
    expected_hours = forms.DecimalField(
        label=_("预计工作量（小时/社区）"), required=False, min_value=0, max_value=10000, decimal_places=2
    )
    resource_staff = forms.IntegerField(
        label=_("配套人员（人）"), required=False, min_value=0, max_value=10000
    )
    resource_money = forms.DecimalField(
        label=_("配套经费（元）"), required=False, min_value=0, decimal_places=2, max_digits=12
    )
    resource_training = forms.BooleanField(label=_("提供业务培训"), required=False)
    resources_note = forms.CharField(label=_("资源说明"), required=False, max_length=500)
    assessed = forms.BooleanField(label=_("纳入考核"), required=False)
    emergency = forms.BooleanField(
        label=_("应急事项"),
        required=False,
        help_text=_("仅限涉及生命财产安全、公共安全、公共卫生或灾害的紧急事项。"),
    )
    requested_fields = forms.MultipleChoiceField(
        label=_("索取的数据项（数据需求时填写）"),
        required=False,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    population = forms.CharField(
        label=_("要哪些居民（人群条件）"),
        required=False,
        max_length=500,
        help_text=_(
            "例如 tag=残疾 或 age>=80 and tag=独居老人。不填则由系统从任务内容推断；推断不出的交减负办核定，绝不提供全体居民。"
        ),
    )
    full_fields = forms.MultipleChoiceField(
        label=_("需要完整值的数据项（须有法律依据）"),
        required=False,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 3}),
        help_text=_("身份证号、电话等默认脱敏提供；需要完整值的，须由减负办在协议中记录法律依据。"),
    )

    def __init__(self, *args, communities=None, attributes=(), **kwargs):
        from jianfu.sharing.choices import MASKABLE_FIELDS

        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = communities  # type: ignore[attr-defined]
        self.fields["requested_fields"].choices = list(attributes)  # type: ignore[attr-defined]
        self.fields["full_fields"].choices = [  # type: ignore[attr-defined]
            (code, name) for code, name in attributes if code in MASKABLE_FIELDS
        ]


class DecideForm(forms.Form):
    legality = forms.CharField(label=_("合法性"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    reasonableness = forms.CharField(
        label=_("合理性"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    feasibility = forms.CharField(
        label=_("可行性"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    opinions = forms.CharField(
        label=_("社区意见摘要"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text=_("留空则自动汇总社区提交的意见。"),
    )
    reason = forms.CharField(label=_("审批理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("社区意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("评分"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)], initial=5
    )
    comment = forms.CharField(
        label=_("评价"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("补充说明（可不填）"), required=False, max_length=5000)
