"""Checking a scoping ladder rung by rung: who sees which rows of a model through `restrict()`."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from jianfu.accounts.models import User
from jianfu.core.permissions import system_actor
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Department


class LadderTestCase(PersonaTestCase):
    """Personas plus the actors at the ends of every ladder (system, anonymous, inactive, superuser)
    and the other street's office and department."""

    far_officer: User
    far_department: Department
    far_dept_user: User
    inactive: User
    superuser: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.far_officer = f.user("farofficer", "street_office", street=cls.other_street)
        cls.far_department = f.department_of(cls.other_street)
        cls.far_dept_user = f.user("fardeptuser", "department", department=cls.far_department)
        cls.inactive = f.user("inactive", "district_office", district=cls.district)
        cls.inactive.is_active = False
        cls.inactive.save(update_fields=["is_active"])
        cls.superuser = f.user("root", "resident")
        cls.superuser.is_superuser = True
        cls.superuser.save(update_fields=["is_superuser"])

    def seen(self, model: Any, actor: Any, action: str = "view") -> set[Any]:
        return set(model.objects.restrict(actor, action))

    def assert_ladder(self, model: Any, expected: dict[str, set[Any]], action: str = "view") -> None:
        """`expected` maps an actor's name (an attribute, or `system`/`anonymous`) to the rows it sees."""
        for name, rows in expected.items():
            actor = {"system": system_actor("ladder test"), "anonymous": AnonymousUser()}.get(name)
            with self.subTest(actor=name, action=action):
                self.assertEqual(self.seen(model, actor or getattr(self, name), action), rows)
