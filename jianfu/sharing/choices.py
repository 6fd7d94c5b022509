from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤销")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待减负办核准")
    RELEASED = "released", _("已提供")
    REJECTED = "rejected", _("不予提供")


class PopulationSource(models.TextChoices):
    STATED = "stated", _("部门填写")
    DERIVED = "derived", _("系统从任务内容推断")
    OFFICE = "office", _("减负办核定")
    UNDETERMINED = "undetermined", _("无法确定")


# Fields whose full value identifies or reaches a person: masked unless the agreement records a
# legal basis for the full value (jianfu.core.masking).
MASKABLE_FIELDS = ("id_number", "phone", "disability_number")
