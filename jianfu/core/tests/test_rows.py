"""`InstanceShape` builds what select_related/only built; `related_row` reads what the descriptor read."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jianfu.accounts.models import User
from jianfu.core.rows import InstanceShape, related_row
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Community
from jianfu.registry.models import Person


def _columns(obj):
    deferred = obj.get_deferred_fields()
    loaded = {
        a.attname: getattr(obj, a.attname) for a in obj._meta.concrete_fields if a.attname not in deferred
    }
    return deferred, loaded


class InstanceShapeTests(PersonaTestCase):
    def test_relations_of_relations_as_select_related_loads_them(self):
        shape = InstanceShape(Community, street=None, street__district=None)
        row = Community.objects.filter(pk=self.community.pk).values(*shape.names).get()
        built = shape.build("default", row)
        expected = Community.objects.select_related("street__district").get(pk=self.community.pk)
        with self.assertNumQueries(0):
            assert _columns(built) == _columns(expected)
            assert _columns(built.street) == _columns(expected.street)
            assert _columns(built.street.district) == _columns(expected.street.district)

    def test_deferred_columns_and_a_null_key(self):
        person = f.person(self.community, grid=None)
        shape = InstanceShape(Person, ("pid", "grid_id"), grid=("name",), community=("name",))
        row = Person.objects.filter(pk=person.pk).values(*shape.names).get()
        built = shape.build("default", row)
        expected = (
            Person.objects.select_related("grid", "community")
            .only("pid", "grid_id", "grid__name", "community__name")
            .get(pk=person.pk)
        )
        with self.assertNumQueries(0):
            assert _columns(built) == _columns(expected)
            assert built.grid is None and expected.grid is None
            assert _columns(built.community) == _columns(expected.community)


class RelatedRowTests(PersonaTestCase):
    def test_the_descriptors_row_in_one_query_then_kept(self):
        user = User.objects.get(pk=self.dept_user.pk)
        expected = User.objects.get(pk=self.dept_user.pk).department
        with CaptureQueriesContext(connection) as queries:
            department = related_row(user, "department")
            assert related_row(user, "department") is department is user.department
        assert len(queries) == 1
        assert _columns(department) == _columns(expected)

    def test_a_null_key_is_none_without_a_query(self):
        user = User.objects.get(pk=self.worker.pk)
        with self.assertNumQueries(0):
            assert related_row(user, "department") is None
