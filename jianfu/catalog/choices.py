from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    DUTY = "duty", _("依法履行职责事项")
    ASSIST = "assist", _("依法协助政府工作事项")
    NEGATIVE = "negative", _("负面清单")
    CERTIFICATE_MAY = "certificate_may_issue", _("可以出具的证明")
    CERTIFICATE_MUST_NOT = "certificate_must_not_issue", _("不应出具的证明")


class JurisdictionLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    DISTRICT = "district", _("区")


class ItemAction(models.TextChoices):
    SET = "set", _("新增或覆盖")
    REMOVE = "remove", _("删除")
