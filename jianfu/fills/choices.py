from django.db import models
from django.utils.translation import gettext_lazy as _


class FillStatus(models.TextChoices):
    DRAFT = "draft", _("待确认")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("填写中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
