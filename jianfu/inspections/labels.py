"""Navigation labels of the inspections and activities pages (kept here so their catalogue holds them)."""

from django.utils.translation import gettext_lazy as _

INSPECTIONS = _("检查考核")
ACTIVITIES = _("社区活动")
