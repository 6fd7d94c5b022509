"""The resident registry: people, households, places, and every value as a fact with provenance.

`Person` holds the *current* value of each attribute (core ones as columns, the rest in
`values`), derived from `Fact` rows by source precedence. Facts are never edited or deleted:
a new value is a new fact, so every value can say where it came from.
"""

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Right, Substr
from django.utils.translation import gettext_lazy as _

from jianfu.core.scoping import CommunityScoped
from jianfu.registry.choices import AttributeType, Relation, Sensitivity, SourceKind

_PID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_pid() -> str:
    """A stable, unguessable person id such as `R7K2M9XQ4TB1`."""
    return "R" + "".join(secrets.choice(_PID_ALPHABET) for _ in range(11))


class Attribute(models.Model):
    """An entry of the data dictionary."""

    code = models.SlugField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100, unique=True)
    synonyms = models.JSONField(_("同义词"), default=list, blank=True)
    type = models.CharField(
        _("类型"), max_length=16, choices=AttributeType.choices, default=AttributeType.TEXT
    )
    choices = models.JSONField(_("可选值"), default=list, blank=True)
    sensitivity = models.CharField(
        _("敏感度"), max_length=16, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    tag = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tag_fields",
        verbose_name=_("所属标签"),
        help_text=_("该字段属于哪个特殊人群标签，例如低保证号属于低保。"),
    )
    person_field = models.CharField(
        _("人员表字段"), max_length=32, blank=True, help_text=_("核心属性在人员表中的列名。")
    )
    is_core = models.BooleanField(_("核心属性"), default=False)
    is_derived = models.BooleanField(_("派生属性"), default=False, help_text=_("如年龄，由出生日期计算。"))
    sort = models.PositiveIntegerField(_("排序"), default=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("数据字典属性")
        verbose_name_plural = _("数据字典")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """Where facts come from. Precedence per attribute (see `jianfu.registry.precedence`): the base
    register is authoritative for identity, a roster for its own fields; then higher priority, then newer."""

    name = models.CharField(_("名称"), max_length=150, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=SourceKind.choices, default=SourceKind.LEDGER)
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    priority = models.IntegerField(_("优先级"), default=50)
    is_base_register = models.BooleanField(
        _("人口基础库"),
        default=False,
        help_text=_(
            "人口基础库或街道基础名册：姓名、公民身份号码、出生日期、性别以它为准，优先于各部门名册。"
        ),
    )
    own_fields = models.ManyToManyField(
        Attribute,
        blank=True,
        related_name="owning_sources",
        verbose_name=_("本来源负责的字段"),
        help_text=_("这些字段以本来源为准（如低保名册负责低保证号）；选择一个标签即包括该标签的全部字段。"),
    )
    header_mapping = models.JSONField(_("已确认的表头映射"), default=dict, blank=True)
    default_tag = models.ForeignKey(
        Attribute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": "tag"},
        verbose_name=_("默认标签"),
        help_text=_("这个来源的每一行都具有的标签（如区残联残疾人名册 → 残疾），每次导入自动套用。"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("数据来源")
        verbose_name_plural = _("数据来源")
        ordering = ["-priority", "name"]

    def __str__(self) -> str:
        return self.name


class RegistryScoped(CommunityScoped):
    """Registry rows: scoped by jianfu.registry.permissions (departments do not browse; special
    populations need a legal basis). `person_path` is the lookup from the row to its Person ("" for
    Person, Place and Household, which carry their own community)."""

    person_path: ClassVar[str | None] = None

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, user: Any, action: Any) -> Q:
        from jianfu.registry.permissions import registry_scope_q

        return registry_scope_q(user, action, model=cls)


class Place(RegistryScoped):
    """A dwelling: 小区 → 楼栋 → 单元 → 房号."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="places")
    grid = models.ForeignKey(
        "orgs.Grid", on_delete=models.PROTECT, null=True, blank=True, related_name="places"
    )
    estate = models.CharField(_("小区"), max_length=100)
    building = models.CharField(_("楼栋"), max_length=20, blank=True)
    unit = models.CharField(_("单元"), max_length=20, blank=True)
    room = models.CharField(_("房号"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("房屋")
        verbose_name_plural = _("房屋")
        ordering = ["estate", "building", "unit", "room"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "estate", "building", "unit", "room"], name="place_unique_address"
            )
        ]

    def __str__(self) -> str:
        return self.address_of(self.estate, self.building, self.unit, self.room)

    @staticmethod
    def address_of(estate: str, building: str, unit: str, room: str) -> str:
        """How a place reads (小区 1栋 2单元 301), from its columns: lists build it from values() rows."""
        parts = [estate]
        if building:
            parts.append(f"{building}栋")
        if unit:
            parts.append(f"{unit}单元")
        if room:
            parts.append(room)
        return "".join(parts)


class Household(RegistryScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="households")
    number = models.CharField(_("户号"), max_length=40)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="households"
    )

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="household_unique_number")
        ]

    def __str__(self) -> str:
        return self.number


class Person(RegistryScoped):
    person_path = ""
    pid = models.CharField(_("人员编号"), max_length=12, unique=True, default=new_pid, editable=False)
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="people")
    grid = models.ForeignKey(
        "orgs.Grid", on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    relation = models.CharField(_("与户主关系"), max_length=16, choices=Relation.choices, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="residents"
    )
    name = models.CharField(_("姓名"), max_length=50)
    name_key = models.CharField(_("姓名拼音"), max_length=120, db_index=True, editable=False)
    id_number = models.CharField(_("公民身份号码"), max_length=18, blank=True, null=True, unique=True)
    gender = models.CharField(_("性别"), max_length=2, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True, db_index=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, db_index=True)
    values = models.JSONField(_("当前值"), default=dict, blank=True)
    has_conflict = models.BooleanField(_("有冲突"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Search keys. `name_initials` is set with `name_key` (services.name_initials); the tails are
    # computed by the database, so every writer (bulk loads too) keeps them right.
    name_initials = models.CharField(
        _("姓名拼音首字母"), max_length=40, blank=True, default="", editable=False
    )
    id_tail = models.GeneratedField(
        expression=Substr("id_number", 15, 4),
        output_field=models.CharField(max_length=4, null=True),
        db_persist=True,
    )
    phone_tail = models.GeneratedField(
        expression=Right("phone", 4),
        output_field=models.CharField(max_length=4),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        ordering = ["community", "name_key", "id"]
        indexes = [
            models.Index(fields=["community", "name_key"]),
            models.Index(fields=["community", "birth_date"]),
            models.Index(fields=["community", "name"]),
            models.Index(fields=["community", "name_initials"], name="person_comm_initials"),
            models.Index(fields=["name_initials"], name="person_initials"),
            models.Index(fields=["name"], name="person_name"),
            models.Index(fields=["id_tail"], name="person_id_tail"),
            models.Index(fields=["phone_tail"], name="person_phone_tail"),
        ]

    def __str__(self) -> str:
        return self.name


class PersonTag(RegistryScoped):
    """The current special-population tags of a person (derived from facts; kept for fast filters)."""

    scope_community_path = "person__community"
    person_path = "person__"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tags")
    attribute = models.ForeignKey(Attribute, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attribute", "person"], name="persontag_unique")]


class Fact(RegistryScoped):
    scope_community_path = "person__community"
    person_path = "person__"

    # The (person, attribute, recorded_at) index serves every per-person read; single-column indexes on
    # person, recorded_by and ledger_import would only slow the bulk inserts of large imports.
    # No reference of a fact has a database constraint on PostgreSQL (migrations 0013, 0014): it checks
    # a foreign key row by row, a check per reference for each of the 933,800 facts of a large import.
    # The writers keep them whole (0014 says how; `test_fact_references`, `test_fact_provenance`), and
    # nothing is deleted while facts name it (PROTECT here; a person's facts go first: CASCADE).
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="facts", db_index=False, db_constraint=False
    )
    attribute = models.ForeignKey(
        Attribute, on_delete=models.PROTECT, related_name="facts", db_constraint=False
    )
    value = models.TextField(_("值"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="facts", db_constraint=False)
    recorded_at = models.DateTimeField(_("记录时间"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    ledger_import = models.ForeignKey(
        "ledgers.LedgerImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        db_index=False,
        db_constraint=False,
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    # A value that failed validation is kept as written, never lost, and never a current value until
    # a worker confirms or corrects it (the settling fact points back at it). db_default: the bulk
    # writers insert facts with raw SQL and need not name these columns.
    validated = models.BooleanField(_("已核验"), default=True, db_default=True)
    problem = models.CharField(_("问题"), max_length=300, blank=True, default="", db_default="")
    settles = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settled_by",
        db_index=False,  # read only among one person's facts
        db_constraint=False,
        verbose_name=_("核验的未核验值"),
    )

    class Meta:
        verbose_name = _("事实")
        verbose_name_plural = _("事实")
        indexes = [models.Index(fields=["person", "attribute", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.attribute_id}={self.value}"


class SensitiveAccess(models.Model):
    """A configured legal basis for seeing residents with one sensitive (综治) tag.

    Granted by the district administrator to a role (e.g. 社区书记/主任) or to one department,
    for one special-population tag. Without an active grant, residents carrying the tag are not
    visible at all (counts at most); jianfu.registry.permissions reads these rows."""

    district = models.ForeignKey("orgs.District", on_delete=models.PROTECT, related_name="+")
    attribute = models.ForeignKey(
        Attribute, on_delete=models.PROTECT, related_name="sensitive_grants", verbose_name=_("敏感标签")
    )
    role = models.CharField(_("角色"), max_length=32, blank=True)
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sensitive_grants",
        verbose_name=_("部门"),
    )
    legal_basis = models.CharField(_("法律依据"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("授权时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("敏感人群查看依据")
        verbose_name_plural = _("敏感人群查看依据")
        ordering = ["attribute__sort", "role", "department_id", "-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="") & Q(department__isnull=False))
                | (~Q(role="") & Q(department__isnull=True)),
                name="sensitiveaccess_role_xor_department",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attribute_id}: {self.role or self.department_id}"

    @property
    def grantee(self) -> str:
        if self.department_id:
            return str(self.department)
        from jianfu.accounts.choices import Role

        return str(Role(self.role).label) if self.role in Role.values else self.role


# ---------------------------------------------------------------- staging of bulk writes
# A large import stages what it will write here, in short transactions, while other requests keep
# writing; `registry.current.Stage.publish` then moves a batch into the registry tables, one short
# set-based transaction per staged chunk of people, and the batch is emptied. No foreign keys and no index beyond the primary key: the
# rows of a batch are read once, in full, and deleted. `person` is a Person id, or for a person the
# batch creates the negative number -k (k = 1, 2, …) that publishing turns into a fresh id.


class StagedPerson(models.Model):
    batch = models.CharField(max_length=40)
    person = models.BigIntegerField()
    full = models.BooleanField(default=True)  # False: only values, has_conflict (and updated_at) change
    pid = models.CharField(max_length=12, blank=True)
    community_id = models.BigIntegerField(null=True)
    grid_id = models.BigIntegerField(null=True)
    name = models.CharField(max_length=50, blank=True)
    name_key = models.CharField(max_length=120, blank=True)
    name_initials = models.CharField(max_length=40, blank=True)
    id_number = models.CharField(max_length=18, null=True)
    gender = models.CharField(max_length=2, blank=True)
    birth_date = models.DateField(null=True)
    phone = models.CharField(max_length=20, blank=True)
    values = models.JSONField(default=dict)
    has_conflict = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.batch}:{self.person}"


class StagedFact(models.Model):
    batch = models.CharField(max_length=40)
    person = models.BigIntegerField()
    attribute_id = models.BigIntegerField()
    value = models.TextField()
    validated = models.BooleanField(default=True)
    problem = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.batch}:{self.person}:{self.attribute_id}"


class StagedTag(models.Model):
    batch = models.CharField(max_length=40)
    person = models.BigIntegerField()
    attribute_id = models.BigIntegerField()
    add = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.batch}:{self.person}:{self.attribute_id}"
