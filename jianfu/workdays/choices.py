from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日（放假）")
    WORKDAY = "workday", _("调休上班")


class CalendarStatus(models.TextChoices):
    KNOWN = "known", _("已录入")
    FALLBACK = "fallback", _("未录入（按周一至周五）")
