import pytest

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry.models import Person


class ScopingTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = f.person(cls.community, name="张三")
        cls.theirs = f.person(cls.other_community, name="李四")
        cls.far = f.person(cls.far_community, name="王五")

    def visible(self, user, action="view"):
        return set(Person.objects.restrict(user, action).values_list("name", flat=True))

    def test_community_staff_see_only_their_community(self):
        assert self.visible(self.worker) == {"张三"}
        assert self.visible(self.other_worker) == {"李四"}
        assert self.visible(self.grid_worker) == {"张三"}

    def test_street_office_sees_its_street_but_cannot_reveal(self):
        assert self.visible(self.officer) == {"张三", "李四"}
        assert self.visible(self.officer, "reveal") == set()

    def test_departments_do_not_browse_the_registry(self):
        """Departments get data through requests and agreements (jianfu.registry.permissions)."""
        for action in ("view", "reveal", "change"):
            assert self.visible(self.dept_user, action) == set()
            assert self.visible(self.street_dept_user, action) == set()
        # what the gate serves them is bounded by their reach
        assert self.visible(self.dept_user, "export") == {"张三", "李四", "王五"}
        assert self.visible(self.street_dept_user, "export") == {"张三", "李四"}

    def test_system_actor_is_explicit_and_no_actor_is_an_error(self):
        from jianfu.core.permissions import MissingActor, system_actor

        assert self.visible(system_actor("test")) == {"张三", "李四", "王五"}
        with pytest.raises(MissingActor):
            self.visible(None)

    def test_resident_and_anonymous_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        assert self.visible(self.resident) == set()
        assert self.visible(AnonymousUser()) == set()
