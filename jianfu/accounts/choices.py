from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GRID_WORKER = "grid_worker", _("网格员")
    COMMUNITY_WORKER = "community_worker", _("社区工作者")
    COMMUNITY_HEAD = "community_head", _("社区书记/主任")
    STREET_OFFICE = "street_office", _("街道减负办")
    DISTRICT_OFFICE = "district_office", _("区减负办")
    DEPARTMENT = "department", _("职能部门")
    DISTRICT_ADMIN = "district_admin", _("区管理员")
    RESIDENT = "resident", _("居民")
    INSPECTOR = "inspector", _("检查人员")


COMMUNITY_STAFF = frozenset({Role.GRID_WORKER, Role.COMMUNITY_WORKER, Role.COMMUNITY_HEAD})
BURDEN_OFFICES = frozenset({Role.STREET_OFFICE, Role.DISTRICT_OFFICE})
