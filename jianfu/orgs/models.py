"""The organisation: district → street → community → grid, and the departments above them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.orgs.choices import DepartmentLevel


class District(models.Model):
    code = models.CharField(_("代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("区")
        verbose_name_plural = _("区")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def city_code(self) -> str:
        return self.code[:4]


class Street(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="streets")
    code = models.CharField(_("代码"), max_length=16, unique=True)
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("街道")
        verbose_name_plural = _("街道")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    street = models.ForeignKey(Street, on_delete=models.PROTECT, related_name="communities")
    code = models.CharField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Grid(models.Model):
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="grids")
    code = models.CharField(_("网格编号"), max_length=20)
    name = models.CharField(_("名称"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["community__code", "code"]
        constraints = [models.UniqueConstraint(fields=["community", "code"], name="grid_unique_code")]

    def __str__(self) -> str:
        return self.name or f"{self.community.name} {self.code}"


class Department(models.Model):
    """A functional department (职能部门); a street-level one reaches only its street's communities."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="departments")
    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, related_name="departments", null=True, blank=True
    )
    code = models.CharField(_("代码"), max_length=32)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=DepartmentLevel.choices)

    class Meta:
        verbose_name = _("职能部门")
        verbose_name_plural = _("职能部门")
        ordering = ["district__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "street", "code"], name="department_unique_code"),
            models.UniqueConstraint(
                fields=["district", "code"],
                condition=models.Q(street__isnull=True),
                name="department_unique_district_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name
