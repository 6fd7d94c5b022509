from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput
from jianfu.digital.choices import AnswerKind, AskKind, PlanAction, PlanProgress, Platform, ToolKind
from jianfu.digital.models import NAME_MAX, TEXT_MAX
from jianfu.orgs.models import Street


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("描述"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("应用、工作群或会议通知要求基层做什么，中文或英文。"),
    )


class NewToolForm(forms.Form):
    """The short form of a phone: kind, platform, name, owner, what it asks (pick lists)."""

    kind = forms.ChoiceField(label=_("类型"), choices=ToolKind.choices, initial=ToolKind.WORK_GROUP)
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices, initial=Platform.WECHAT)
    name = forms.CharField(label=_("名称"), max_length=NAME_MAX)
    owner_department = forms.TypedChoiceField(
        label=_("主管部门"), required=False, coerce=int, empty_value=None
    )
    owner_note = forms.CharField(
        label=_("或：建群/主办单位"),
        max_length=100,
        required=False,
        help_text=_("例如：街道综治办、社区自建"),
    )
    asks = forms.MultipleChoiceField(
        label=_("要求每天做的事"),
        choices=AskKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    asks_text = forms.CharField(
        label=_("其他要求（可不填）"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.department_by_pk = {d.pk: d for d in departments}
        self.fields["owner_department"].choices = [("", "—"), *[(d.pk, d.name) for d in departments]]

    def tool_fields(self) -> dict[str, Any]:
        """The cleaned form as the keyword arguments the services take for a new tool: the owner
        department as an object, each ticked ask once a day (None when none is ticked)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "platform": data["platform"],
            "name": data["name"],
            "owner_department": self.department_by_pk.get(data["owner_department"])
            if data["owner_department"]
            else None,
            "owner_note": data["owner_note"],
            "asks": [{"kind": a, "count": 1, "per": "day"} for a in data["asks"]] or None,
            "asks_text": data["asks_text"],
        }


class RegisterForm(NewToolForm):
    purpose = forms.CharField(
        label=_("用途"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.CharField(label=_("设立依据"), max_length=500, required=False)
    data_fields = forms.CharField(
        label=_("索取的数据项（数据字典代码，逗号分隔）"),
        max_length=1000,
        required=False,
        help_text=_("例如：name, id_number, phone"),
    )
    members = forms.IntegerField(
        label=_("成员人数"), min_value=0, max_value=100000, required=False, initial=0
    )
    communities = forms.TypedMultipleChoiceField(label=_("使用社区"), required=False, coerce=int)

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.community_by_pk = {c.pk: c for c in communities}
        self.fields["communities"].choices = [(c.pk, f"{c.street.name} · {c.name}") for c in communities]
        self.fields["asks"].label = _("要求工作人员做的事（每天）")

    def tool_fields(self) -> dict[str, Any]:
        """As NewToolForm's, with purpose, legal basis, members, the data-dictionary codes (comma
        separated, full-width commas too) and the communities picked."""
        data = self.cleaned_data
        return {
            **super().tool_fields(),
            "purpose": data["purpose"],
            "legal_basis": data["legal_basis"],
            "data_fields": [
                c for c in (data["data_fields"] or "").replace("，", ",").split(",") if c.strip()
            ],
            "members": data["members"] or 0,
            "communities": [
                self.community_by_pk[c] for c in data["communities"] if c in self.community_by_pk
            ],
        }


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("答复"), choices=AnswerKind.choices)
    text = forms.CharField(label=_("说明"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    merge_into = forms.TypedChoiceField(label=_("并入"), required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(label=_("完成时限"), required=False, widget=DateInput)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].choices = [("", "—"), *[(t.pk, t.name) for t in targets]]


class PlanForm(forms.Form):
    action = forms.ChoiceField(label=_("处置"), choices=PlanAction.choices)
    reason = forms.CharField(label=_("理由"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    merge_into = forms.TypedChoiceField(label=_("并入"), required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(label=_("完成时限"), required=False, widget=DateInput)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].choices = [("", "—"), *[(t.pk, t.name) for t in targets]]


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("进度"), choices=PlanProgress.choices)
    note = forms.CharField(label=_("说明"), max_length=TEXT_MAX, required=False)


class ReviseForm(forms.Form):
    purpose = forms.CharField(
        label=_("用途"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    asks_text = forms.CharField(
        label=_("要求工作人员做什么"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    """The report's query string: an optional street (an unknown one is not valid: the page
    answers 404) and the page of the consolidation plan (anything but a number ≥ 1 is page 1)."""

    street = forms.ModelChoiceField(queryset=Street.objects.all(), required=False)
    page = forms.CharField(required=False)

    def clean_page(self) -> int:
        value = self.cleaned_data["page"]
        return max(int(value), 1) if value.isdigit() else 1
