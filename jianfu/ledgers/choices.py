from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("已上传")
    MAPPING = "mapping", _("待确认表头")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class RowStatus(models.TextChoices):
    CREATED = "created", _("新建")
    LINKED = "linked", _("已关联")
    REVIEW = "review", _("待人工核对")
    REJECTED = "rejected", _("已拒收")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("待核对")
    LINKED = "linked", _("确认为同一人")
    CREATED = "created", _("新建为另一人")
    REJECTED = "rejected", _("不导入")


IGNORE = "__ignore__"
NEW_PREFIX = "__new__:"
