"""Forms of the registry pages: they parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.apps import blank_choice
from jianfu.core.widgets import FastSelect
from jianfu.registry.choices import AttributeType, Sensitivity
from jianfu.registry.models import Attribute


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("姓名、拼音、首字母、身份证号或电话（后4位即可）"),
                "autocomplete": "off",
            }
        ),
    )
    # FastSelect: the same bytes as Django's Select without a template render per option
    grid = forms.TypedChoiceField(
        label=_("网格"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    tag = forms.ChoiceField(label=_("标签"), required=False, widget=FastSelect)
    age_min = forms.IntegerField(label=_("最小年龄"), required=False, min_value=0, max_value=130)
    age_max = forms.IntegerField(label=_("最大年龄"), required=False, min_value=0, max_value=130)
    conflicts = forms.BooleanField(label=_("只看有冲突"), required=False)
    k = forms.CharField(required=False, widget=forms.HiddenInput)
    i = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, grid_choices=(), tag_choices=(), **kwargs):
        """`grid_choices`: (pk, "community grid") of the grids the user sees; `tag_choices`: (code, name)."""
        super().__init__(*args, **kwargs)
        self.fields["grid"].choices = [("", _("全部网格")), *grid_choices]
        self.fields["tag"].choices = [("", _("全部标签")), *tag_choices]
        for name in ("grid", "tag"):  # the search bar shows no visible labels: name them for screen readers
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    def clean(self):
        data = super().clean()
        lo, hi = data.get("age_min"), data.get("age_max")
        if lo is not None and hi is not None and lo > hi:
            raise forms.ValidationError(_("最小年龄不能大于最大年龄。"))
        return data


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[("id_number", _("身份证号")), ("phone", _("联系电话"))])
    purpose = forms.CharField(
        label=_("用途"),
        max_length=300,
        min_length=2,
        widget=forms.TextInput(attrs={"placeholder": _("例如：低保年审电话回访")}),
        error_messages={"required": _("请写明查看用途。"), "min_length": _("用途至少写2个字。")},
    )


class ResolveForm(forms.Form):
    attribute = forms.CharField(max_length=64, widget=forms.HiddenInput)
    value = forms.CharField(label=_("核实后的值"), max_length=500)
    reason = forms.CharField(
        label=_("依据"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：入户核实、查看证件")}),
        error_messages={"required": _("请说明依据（例如：入户核实、查看证件）。")},
    )


class SettleForm(forms.Form):
    """Confirm an unvalidated value as written (empty value) or correct it."""

    value = forms.CharField(label=_("更正后的值"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("依据"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：电话回访、查看证件")}),
        error_messages={"required": _("请说明依据（例如：电话回访、查看证件）。")},
    )
    how = forms.ChoiceField(choices=[("confirm", _("按原样确认")), ("correct", _("更正"))])


def _attribute_field(attribute: Attribute, initial: str = "") -> forms.Field:
    label = attribute.name
    if attribute.type == AttributeType.TAG:
        return forms.ChoiceField(
            label=label,
            required=False,
            initial=initial,
            choices=[blank_choice(), ("是", _("是")), ("否", _("否"))],
        )
    if attribute.type == AttributeType.CHOICE and attribute.choices:
        return forms.ChoiceField(
            label=label,
            required=False,
            initial=initial,
            choices=[("", "—")] + [(c, c) for c in attribute.choices],
        )
    if attribute.type == AttributeType.DATE:
        return forms.CharField(
            label=label,
            required=False,
            initial=initial,
            widget=forms.TextInput(attrs={"placeholder": "1950-03-02"}),
        )
    return forms.CharField(label=label, required=False, initial=initial, max_length=500)


def _replace_field(attribute: Attribute, current: str) -> forms.Field:
    """An ID number or phone is never shown in full to edit it: the masked value, and a "replace" input."""
    from jianfu.core.masking import mask_id_number, mask_phone

    shown = (
        (mask_id_number(current) if attribute.code == "id_number" else mask_phone(current)) if current else ""
    )
    help_text = (
        _(
            "当前：%(masked)s。如需更换，输入新的值；留空则保持不变。查看明文请在居民页点“查看明文”并说明用途。"
        )
        % {"masked": shown}
        if current
        else _("尚未登记。")
    )
    return forms.CharField(
        label=_("更换%(name)s") % {"name": attribute.name} if current else attribute.name,
        required=False,
        initial="",
        max_length=500,
        help_text=help_text,
        widget=forms.TextInput(attrs={"placeholder": shown, "autocomplete": "off"}),
    )


class PersonValuesForm(forms.Form):
    """Every editable attribute of the dictionary; only the changed ones are recorded as facts."""

    note = forms.CharField(
        label=_("核实说明"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：入户核实")}),
    )

    def __init__(self, *args, attributes=(), values=None, **kwargs):
        super().__init__(*args, **kwargs)
        values = values or {}
        self.attribute_codes = []
        for attribute in attributes:
            if attribute.is_derived:
                continue
            current = values.get(attribute.code, "")
            if attribute.sensitivity == Sensitivity.MASKED:
                self.fields[f"a_{attribute.code}"] = _replace_field(attribute, current)
            else:
                self.fields[f"a_{attribute.code}"] = _attribute_field(attribute, current)
            self.attribute_codes.append(attribute.code)
        self.initial_values = values

    def changed_values(self) -> dict[str, str]:
        """Values that differ from the current ones. An emptied field records nothing (facts are never
        blank); a wrong value is corrected by entering the right one."""
        out = {}
        for code in self.attribute_codes:
            value = (self.cleaned_data.get(f"a_{code}") or "").strip()
            if value and value != (self.initial_values.get(code) or ""):
                out[code] = value
        return out


class PersonAddForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("公民身份号码"), max_length=30, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    gender = forms.ChoiceField(
        label=_("性别"), required=False, choices=[("", "—"), ("男", _("男")), ("女", _("女"))]
    )
    birth_date = forms.CharField(
        label=_("出生日期"), required=False, widget=forms.TextInput(attrs={"placeholder": "1950-03-02"})
    )
    address = forms.CharField(label=_("现住址"), max_length=200, required=False)
    community = forms.TypedChoiceField(label=_("社区"), coerce=int)
    grid = forms.TypedChoiceField(label=_("网格"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, communities=(), grids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(c.pk, c.name) for c in communities]
        self.fields["grid"].choices = [("", "—")] + [(g.pk, f"{g.community.name} {g.name}") for g in grids]
        if len(communities) == 1:
            self.fields["community"].initial = communities[0].pk


class AttributeForm(forms.Form):
    code = forms.CharField(
        label=_("代码"), max_length=64, help_text=_("小写英文字母、数字和下划线，例如 pension_number")
    )
    name = forms.CharField(label=_("名称"), max_length=100)
    type = forms.ChoiceField(label=_("类型"), choices=AttributeType.choices, initial=AttributeType.TEXT)
    sensitivity = forms.ChoiceField(
        label=_("敏感度"), choices=Sensitivity.choices, initial=Sensitivity.NORMAL
    )
    synonyms = forms.CharField(label=_("同义词"), required=False, help_text=_("用逗号或顿号分隔"))
    choices = forms.CharField(
        label=_("可选值"), required=False, help_text=_("选项类型必填，用逗号或顿号分隔")
    )
    tag = forms.ChoiceField(label=_("所属标签"), required=False)

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", "—")] + [(t.code, t.name) for t in tags]


class SynonymForm(forms.Form):
    synonyms = forms.CharField(label=_("新同义词"), max_length=500, help_text=_("用逗号或顿号分隔"))


class PriorityForm(forms.Form):
    priority = forms.IntegerField(label=_("优先级"), min_value=0, max_value=10000)


class SourceRulesForm(forms.Form):
    """What a source is authoritative for (see jianfu.registry.precedence)."""

    is_base_register = forms.BooleanField(label=_("人口基础库（身份信息以它为准）"), required=False)
    own_fields = forms.ModelMultipleChoiceField(
        label=_("本来源负责的字段"),
        queryset=Attribute.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("可多选；选择标签即包括该标签的全部字段。"),
    )

    def __init__(self, *args, **kwargs):
        from jianfu.registry.selectors import source_rule_fields

        super().__init__(*args, **kwargs)
        field = self.fields["own_fields"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = source_rule_fields()


class TagForm(forms.Form):
    """A new special-population tag and its fields, one per line: `服务时长:number`."""

    tag_name = forms.CharField(label=_("标签名称"), max_length=100)
    tag_synonyms = forms.CharField(
        label=_("同义词"), required=False, help_text=_("用逗号或顿号分隔，例如 志愿服务者、义工")
    )
    tag_sensitivity = forms.ChoiceField(
        label=_("敏感度"), choices=Sensitivity.choices, initial=Sensitivity.NORMAL
    )
    tag_fields = forms.CharField(
        label=_("标签字段"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "服务时长:number\n服务队:text"}),
        help_text=_(
            "每行一个，写成“名称:类型”。类型为 text（文本）、number（数字）、date（日期）或“choice:选项1/选项2”。"
        ),
    )

    def field_specs(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("tag_fields", "").splitlines() if line.strip()]


class SourceSettingsForm(forms.Form):
    default_tag = forms.ChoiceField(label=_("默认标签"), required=False)
    department = forms.TypedChoiceField(label=_("报送部门"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, tags=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_tag"].choices = [("", "—")] + [(t.code, t.name) for t in tags]
        self.fields["department"].choices = [("", "—")] + [(d.pk, d.name) for d in departments]
