from django.db import models
from django.utils.translation import gettext_lazy as _


class AttributeType(models.TextChoices):
    TEXT = "text", _("文本")
    NUMBER = "number", _("数字")
    DATE = "date", _("日期")
    CHOICE = "choice", _("选项")
    TAG = "tag", _("标签")


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("一般")
    MASKED = "masked", _("默认遮蔽（身份证号、电话）")
    SPECIAL = "special", _("敏感（特殊人群）")


class SourceKind(models.TextChoices):
    DEPARTMENT = "department", _("部门数据")
    LEDGER = "ledger", _("台账文件")
    COMMUNITY = "community", _("社区核实")
    FILL = "fill", _("填表补录")
    SYSTEM = "system", _("系统")


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    GRANDCHILD = "grandchild", _("孙子女")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")
