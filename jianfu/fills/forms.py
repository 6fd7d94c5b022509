"""Forms of one-form filling: upload a template, confirm its mapping, choose the population."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import FileInput
from jianfu.fills.where import OPERATORS, Condition, Vocabulary, WhereError, parse, unparse
from jianfu.orgs.models import Community, Department

FILTER_ROWS = 3
OPERATOR_CHOICES = [(op, op) for op in ("=", "!=", ">", ">=", "<", "<=")]


class UploadForm(forms.Form):
    template = forms.FileField(
        widget=FileInput,
        label=_("部门模板（.xlsx）"),
        help_text=_("部门下发的 Excel 模板，原样上传即可：标题、表头、示例行都能识别。"),
    )
    community: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("社区"), queryset=Community.objects.none(), empty_label=None
    )

    department: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("交付部门"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("— 不交付部门（仅本社区可见）—"),
        help_text=_("填好的表只有本社区和这里选的部门能看到、下载。"),
    )

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["community"]).queryset = communities
        districts = communities.values("street__district") if communities is not None else []
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(
            district__in=districts
        ).order_by("street_id", "code")
        self.fields["template"].widget.attrs["accept"] = ".xlsx,.xlsm,.xls"

    def clean_template(self):
        upload = self.cleaned_data["template"]
        limit = settings.JIANFU_MAX_UPLOAD_BYTES
        if upload.size > limit:  # refused before it is read
            raise forms.ValidationError(
                _("模板文件太大（%(size)d MB），上限%(limit)d MB。请删除多余的工作表或数据后再上传。")
                % {"size": upload.size // 1024 // 1024, "limit": limit // 1024 // 1024}
            )
        return upload


class FillForm(forms.Form):
    """The mapping (one select per column) and the population (filter rows, tags, grid, free text)."""

    where = forms.CharField(
        label=_("筛选条件（高级）"),
        required=False,
        max_length=1000,
        help_text=_(
            "例如：age>=80 and tag=独居老人。可用属性代码或中文名；比较符 = != > >= < <=；用 and 连接。"
        ),
    )
    grid = forms.ChoiceField(label=_("网格"), required=False)
    tags = forms.MultipleChoiceField(label=_("人群标签"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, columns=(), attributes=(), tags=(), grids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = [c for c in columns if not c.meta]
        choices = [("", _("— 不填写（留给人工）—")), *list(attributes)]
        for column in self.columns:
            self.fields[f"col{column.index}"] = forms.ChoiceField(
                label=column.label, choices=choices, required=False, initial=column.attribute or ""
            )
        attribute_choices = [("", "—"), *list(attributes)]
        for i in range(FILTER_ROWS):
            self.fields[f"f{i}_attr"] = forms.ChoiceField(
                label=_("属性"), choices=attribute_choices, required=False
            )
            self.fields[f"f{i}_op"] = forms.ChoiceField(
                label=_("比较"), choices=OPERATOR_CHOICES, required=False
            )
            self.fields[f"f{i}_value"] = forms.CharField(label=_("值"), required=False, max_length=100)
        cast(forms.ChoiceField, self.fields["tags"]).choices = list(tags)
        cast(forms.ChoiceField, self.fields["grid"]).choices = [("", _("全部网格"))] + [(g, g) for g in grids]

    def filter_rows(self):
        return [(self[f"f{i}_attr"], self[f"f{i}_op"], self[f"f{i}_value"]) for i in range(FILTER_ROWS)]

    def mapping_fields(self):
        return [(column, self[f"col{column.index}"]) for column in self.columns]

    def clean(self):
        data = super().clean() or {}
        conditions: list[Condition] = []
        for i in range(FILTER_ROWS):
            attr, op, value = (
                data.get(f"f{i}_attr"),
                data.get(f"f{i}_op") or "=",
                (data.get(f"f{i}_value") or "").strip(),
            )
            if attr and value and op in OPERATORS:
                conditions.append(Condition(attr, op, value))
            elif attr and not value:
                self.add_error(f"f{i}_value", _("请填写比较的值。"))
        conditions += [Condition("tag", "=", t) for t in data.get("tags") or []]
        if data.get("grid"):
            conditions.append(Condition("grid", "=", data["grid"]))
        parts = [p for p in (unparse(conditions), (data.get("where") or "").strip()) if p]
        expression = " and ".join(parts)
        try:
            parse(expression, Vocabulary.from_db())
        except WhereError as exc:
            raise forms.ValidationError(
                _("筛选条件有误：%(error)s（完整条件：%(expr)s）") % {"error": exc, "expr": expression}
            ) from exc
        data["expression"] = expression
        # a column absent from the submitted form keeps the mapping jianfu proposed
        data["mapping"] = {
            c.index: data.get(f"col{c.index}") or None for c in self.columns if f"col{c.index}" in self.data
        }
        return data
