"""The person page and the registry list read through SQL compiled once per user
(jianfu.core.compiled): the same rows, instances and 404s as the ORM reads they replace, for every
persona, before and after the grants change."""

from django.http import Http404

from jianfu.accounts.models import User
from jianfu.core import compiled
from jianfu.core.testing import factories as f
from jianfu.registry import selectors
from jianfu.registry.models import Household, Person, Place
from jianfu.registry.tests.test_sensitive import SensitiveCase


def _columns(obj) -> dict:
    """Every loaded column of an instance (deferred ones left out, and named as such)."""
    deferred = obj.get_deferred_fields()
    return {
        "deferred": deferred,
        **{
            f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in deferred
        },
    }


def _fresh(user):
    return User.objects.get(pk=user.pk)  # a user row as a request reads it (no relations cached)


class CompiledReadsCase(SensitiveCase):
    def setUp(self):
        compiled.clear()
        place = Place.objects.create(community=self.community, grid=self.grid, estate="花园", building="1")
        household = Household.objects.create(community=self.community, number="H1", place=place)
        Person.objects.filter(pk=self.plain.pk).update(household=household, place=place, grid=self.grid)
        f.person(self.other_community, name="王别处")
        f.person(self.far_community, name="赵远方")

    def personas(self):
        return [
            _fresh(u)
            for u in (
                self.worker,
                self.head,
                self.grid_worker,
                self.other_worker,
                self.far_worker,
                self.officer,
                self.district_officer,
                self.admin,
            )
        ]


class PersonByPidTests(CompiledReadsCase):
    def assert_same_as_person_get(self):
        checked = 0
        for user in self.personas():
            for pid in Person.objects.order_by("pk").values_list("pid", flat=True):
                for _ in range(2):  # the first builds, the second runs the compiled SQL
                    try:
                        expected = selectors.person_get(user=user, pid=pid)
                    except Http404:
                        with self.assertRaises(Http404):
                            selectors._visible_person(user, pid)
                        continue
                    person = selectors._visible_person(user, pid)
                    assert _columns(person) == _columns(expected), (user, pid)
                    for relation in ("community", "grid", "household", "place"):
                        mine, theirs = getattr(person, relation), getattr(expected, relation)
                        assert (mine and _columns(mine)) == (theirs and _columns(theirs)), (user, relation)
                    checked += 1
            key = ("rows_for", "registry.person_by_pid", compiled._fingerprint(user), str)
            assert compiled._cache[key] is not compiled._UNCACHEABLE, user.username
        assert checked
        return checked

    def test_every_persona_gets_the_scoped_get_before_and_after_a_grant(self):
        before = self.assert_same_as_person_get()
        self.grant()
        assert self.assert_same_as_person_get() > before  # the worker now sees the tagged resident

    def test_an_outsider_gets_404_on_the_page(self):
        client = self.client_for(self.far_worker)
        for _ in range(2):
            assert client.get(f"/registry/people/{self.plain.pid}/").status_code == 404
        assert self.client_for(self.worker).get(f"/registry/people/{self.plain.pid}/").status_code == 200


class PersonFactsTests(CompiledReadsCase):
    def test_the_facts_are_the_orm_reads_with_the_same_loaded_columns(self):
        attributes = selectors.attributes_by_code()
        for user in self.personas():
            for person in Person.objects.restrict(user, "view"):
                for _ in range(2):
                    facts = selectors._detail_facts(user, person, selectors._detail_attributes(user))
                    expected = list(
                        selectors.person_facts(user=user, person=person)
                        .select_related("ledger_import")
                        .only(
                            *(field.attname for field in person.facts.model._meta.concrete_fields),
                            "source__name",
                            "source__kind",
                            "source__priority",
                            "recorded_by__username",
                            "recorded_by__display_name",
                            "ledger_import__file_name",
                        )
                    )
                    assert [_columns(x) for x in facts] == [_columns(x) for x in expected]
                    for relation in ("source", "recorded_by", "ledger_import"):
                        mine = [getattr(x, relation) for x in facts]
                        theirs = [getattr(x, relation) for x in expected]
                        assert [m and _columns(m) for m in mine] == [t and _columns(t) for t in theirs]
                    assert facts
        dictionary = selectors._detail_attributes(_fresh(self.worker))
        assert list(dictionary) == list(attributes)
        assert [_columns(a) for a in dictionary.values()] == [_columns(a) for a in attributes.values()]


class ListedRowsTests(CompiledReadsCase):
    QUERIES = (
        selectors.SearchQuery(),
        selectors.SearchQuery(conflicts=True),
        selectors.SearchQuery(age_min=1),
        selectors.SearchQuery(q="张"),
        selectors.SearchQuery(q="zhang"),
    )
    SHOWN = ("pk", "pid", "name", "name_key", "gender", "birth_date", "id_number", "phone", "has_conflict")

    def rows(self, page):
        return [
            (
                *(getattr(p, name) for name in self.SHOWN),
                p.community.name,
                None if p.grid is None else p.grid.name,
            )
            for p in page.rows
        ]

    def test_the_listed_rows_show_what_the_instances_showed_on_every_page(self):
        for n in range(4):
            f.person(self.community, name=f"张{n}", grid=self.grid if n % 2 else None)
        for user in self.personas():
            for query in self.QUERIES:
                after: tuple = (None, None)
                for _ in range(3):  # first page built, first page compiled, then every later page
                    page = selectors.person_list_page(
                        user=user, query=query, after_key=after[0], after_id=after[1]
                    )
                    search = selectors.person_search(user=user, query=query)
                    expected = selectors.person_page(search, after_key=after[0], after_id=after[1])
                    assert self.rows(page) == self.rows(expected), (user, query)
                    assert (page.count, page.count_capped, page.next_key, page.next_id) == (
                        expected.count,
                        expected.count_capped,
                        expected.next_key,
                        expected.next_id,
                    )
                    if page.rows:
                        after = (page.rows[0].name_key, page.rows[0].pk)  # a later page: after the first row
