"""Counts whose SQL is compiled once per actor (jianfu.core.compiled): always the same figures as a
query built afresh, for every persona and after every change; the key follows the user's row; a
build that reads the database or puts another date or time into its SQL is never reused; now() is
the time of each execution."""

import datetime as dt
import re
from unittest import mock

from django.db import connection
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from jianfu.accounts.models import User
from jianfu.core import compiled
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.todos import todos_for
from jianfu.gate import services as gate
from jianfu.gate.models import Task
from jianfu.orgs.models import Community

NEW_LEDGER = ("建立文明养犬台账", "请各社区新建文明养犬工作台账，每月报送。")
DIBAO = ("协助开展低保年度复核", "请各社区协助开展2026年度低保复核工作，入户调查并张贴公示。")


class CompiledTodoTests(PersonaTestCase):
    def setUp(self):
        compiled.clear()

    def personas(self):
        users = (
            self.worker,
            self.head,
            self.grid_worker,
            self.other_worker,
            self.far_worker,
            self.officer,
            self.district_officer,
            self.dept_user,
            self.street_dept_user,
            self.admin,
        )
        return [User.objects.get(pk=u.pk) for u in users]  # fresh rows, as each request reads them

    def figures(self, user):
        with translation.override("zh-hans"):
            return [(str(t.label), t.count, t.overdue, t.next_due, t.url) for t in todos_for(user)]

    def afresh(self, user):
        with mock.patch.object(compiled, "_fingerprint", return_value=None):
            return self.figures(user)

    def submit(self, title, description, **extra):
        with translation.override("zh-hans"):
            return gate.task_submit(
                actor=self.dept_user,
                department=self.department,
                title=title,
                description=description,
                communities=[self.community],
                **extra,
            )

    def test_every_persona_gets_the_figures_of_a_fresh_build_before_and_after_changes(self):
        for user in self.personas():
            assert self.figures(user) == self.afresh(user), user.username  # compiles
            assert self.figures(user) == self.afresh(user), user.username  # reuses
        self.submit(*NEW_LEDGER, kind="ledger_report")
        self.submit(*DIBAO, expected_hours=8, resource_money=2000)
        Task.objects.update(decision_due=timezone.localdate() - dt.timedelta(days=1))  # overdue now
        for user in self.personas():
            assert self.figures(user) == self.afresh(user), user.username
        office = {label: (count, overdue) for label, count, overdue, *_ in self.figures(self.personas()[5])}
        assert office["待审批的任务"][0] >= 1 and office["待审批的任务"][1] >= 1  # reused SQL, fresh counts

    def test_the_key_follows_the_users_row(self):
        self.submit(*NEW_LEDGER, kind="ledger_report")
        worker = User.objects.get(pk=self.worker.pk)
        labels = [label for label, *_ in self.figures(worker)]
        assert "未经准入、可以拒绝执行的任务" in labels
        User.objects.filter(pk=worker.pk).update(community=self.far_community)  # moved to another community
        moved = User.objects.get(pk=worker.pk)
        assert "未经准入、可以拒绝执行的任务" not in [label for label, *_ in self.figures(moved)]
        assert self.figures(moved) == self.afresh(moved)
        User.objects.filter(pk=worker.pk).update(is_active=False)
        assert compiled._fingerprint(User.objects.get(pk=worker.pk)) is None

    def test_reused_sql_is_one_query_a_count(self):
        officer = User.objects.get(pk=self.officer.pk)
        self.figures(officer)
        officer = User.objects.get(pk=self.officer.pk)
        with CaptureQueriesContext(connection) as first:
            self.afresh(officer)
        officer = User.objects.get(pk=self.officer.pk)
        with CaptureQueriesContext(connection) as reused:
            self.figures(officer)
        assert len(reused) == len(first)

        def texts(queries):  # the same SQL, now() apart
            return sorted(
                re.sub(r"'\d{4}-\d\d-\d\d \d\d:\d\d:[\d.]+(?:[+-]\d\d:\d\d)?'", "NOW", q["sql"])
                for q in queries
            )

        assert texts(reused.captured_queries) == texts(first.captured_queries)

    def test_casework_figures_are_those_of_a_fresh_build_as_requests_come_and_time_passes(self):
        from jianfu.casework import services as casework
        from jianfu.casework.tests.helpers import lamp_request

        sr = lamp_request(self)
        casework.request_whistle(actor=self.worker, request=sr, departments=[self.department])
        for user in self.personas():
            assert self.figures(user) == self.afresh(user), user.username  # compiles
            assert self.figures(user) == self.afresh(user), user.username  # reuses

        def casework_figures(user):
            return {label: (count, overdue) for label, count, overdue, *_ in self.figures(user)}

        worker, office, dept = (
            User.objects.get(pk=u.pk) for u in (self.worker, self.officer, self.dept_user)
        )
        assert casework_figures(worker)["办理中的居民诉求"] == (1, 0)
        assert casework_figures(dept)["待签收、报到的吹哨"] == (1, 0)
        assert "超期未办结的居民诉求" not in casework_figures(office)
        later = timezone.now() + dt.timedelta(
            days=60
        )  # every deadline passed: the reused SQL runs at that time
        with mock.patch.object(timezone, "now", return_value=later):
            assert casework_figures(worker)["办理中的居民诉求"] == (1, 1)
            assert casework_figures(dept)["待签收、报到的吹哨"] == (1, 1)
            assert casework_figures(office)["超期未办结的居民诉求"] == (1, 0)
            for user in self.personas():
                assert self.figures(user) == self.afresh(user), user.username


class CompiledRulesTests(PersonaTestCase):
    def setUp(self):
        compiled.clear()
        self.user = User.objects.get(pk=self.officer.pk)

    def entry(self, name, dates=()):
        return compiled._cache[(name, compiled._fingerprint(self.user), dates)]

    def test_a_build_that_reads_the_database_is_built_every_time(self):
        def build(actor):
            ids = list(Community.objects.filter(street_id=actor.street_id).values_list("pk", flat=True))
            return Community.objects.filter(pk__in=ids)

        assert (
            compiled.count(self.user, "t.reads", build)
            == Community.objects.filter(street=self.street).count()
        )
        assert self.entry("t.reads") is compiled._UNCACHEABLE
        Community.objects.create(street=self.street, code="9999", name="新社区")
        assert (
            compiled.count(self.user, "t.reads", build)
            == Community.objects.filter(street=self.street).count()
        )

    def test_a_relation_loaded_on_the_actor_is_read_again_when_first_built(self):
        _ = self.user.street  # loaded earlier in the request: the build must not rely on it unseen
        compiled.count(
            self.user, "t.relation", lambda a: Community.objects.filter(street__code=a.street.code)
        )
        assert self.entry("t.relation") is compiled._UNCACHEABLE

    def test_only_the_dates_passed_are_kept_in_the_sql(self):
        today = timezone.localdate()
        compiled.count(self.user, "t.undeclared", lambda a: Task.objects.filter(decision_due__lt=today))
        assert self.entry("t.undeclared") is compiled._UNCACHEABLE
        compiled.count(
            self.user, "t.declared", lambda a: Task.objects.filter(decision_due__lt=today), dates=(today,)
        )
        assert self.entry("t.declared", (today,)) is not compiled._UNCACHEABLE
        later = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        compiled.count(self.user, "t.fixed", lambda a: AuditEvent.objects.filter(at__lt=later))
        assert self.entry("t.fixed") is compiled._UNCACHEABLE  # a date-time that is not the build's now()
        AuditEvent.objects.create(action="test", summary="一条")
        since = timezone.now() - dt.timedelta(days=1)
        build = lambda a: AuditEvent.objects.filter(at__gte=since)  # noqa: E731
        assert compiled.count(self.user, "t.since", build, dates=(since,)) == build(self.user).count() >= 1
        assert self.entry("t.since", (since,)) is not compiled._UNCACHEABLE  # a date-time passed is kept
        AuditEvent.objects.create(action="test", summary="又一条")
        assert compiled.count(self.user, "t.since", build, dates=(since,)) == build(self.user).count()

    def test_now_is_the_time_of_each_execution(self):
        AuditEvent.objects.create(action="test", summary="一条")
        build = lambda a: (  # noqa: E731
            AuditEvent.objects.filter(at__lte=timezone.now()),
            {"n": Count("pk"), "last": Max("at")},
        )
        first = compiled.aggregate(self.user, "t.now", build)
        assert first["n"] >= 1 and isinstance(first["last"], dt.datetime)
        entry = self.entry("t.now")
        assert entry is not compiled._UNCACHEABLE and entry[-1]  # the position of now() is known
        assert compiled.aggregate(self.user, "t.now", build) == first  # converters: an aware datetime again
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() - dt.timedelta(days=3650)):
            assert compiled.aggregate(self.user, "t.now", build) == {"n": 0, "last": None}

    def test_anonymous_system_and_inactive_actors_are_never_kept(self):
        from django.contrib.auth.models import AnonymousUser

        from jianfu.core.permissions import system_actor

        assert compiled._fingerprint(AnonymousUser()) is None
        assert compiled._fingerprint(system_actor("test")) is None
        assert compiled._fingerprint(self.user) is not None


class CompiledDashboardTests(PersonaTestCase):
    """The burden dashboard's grouped figures (compiled.rows) against a fresh build, with filters."""

    def setUp(self):
        compiled.clear()

    def board(self, user, filters):
        from jianfu.burden.selectors import dashboard_figures

        return dashboard_figures(user=User.objects.get(pk=user.pk), filters=filters).as_json()

    def test_every_persona_and_filter_gets_the_figures_of_a_fresh_build(self):
        from jianfu.burden.selectors import LedgerFilter
        from jianfu.burden.tests.helpers import record

        today = timezone.localdate()
        users = (self.worker, self.head, self.officer, self.district_officer, self.dept_user, self.admin)
        filters = (
            LedgerFilter(),
            LedgerFilter(community=self.community.pk),
            LedgerFilter(street=self.street.pk),
            LedgerFilter(department=self.department.pk),
            LedgerFilter(month_from=today.replace(day=1), month_to=today.replace(day=1)),
        )

        def check():
            for user in users:
                for one in filters:
                    with mock.patch.object(compiled, "_fingerprint", return_value=None):
                        fresh = self.board(user, one)
                    assert self.board(user, one) == fresh, (user.username, one)
                    assert self.board(user, one) == fresh, (user.username, one)  # reused

        check()
        record(self.community, department=self.department, on=today, units=3)
        record(self.other_community, department=self.street_department, on=today, units=2)
        record(self.far_community, on=today)
        check()
        board = self.board(self.officer, LedgerFilter())
        assert board["totals"]["entries"] == 2 and len(board["by_community"]) == 2  # not the far street's

    def test_rows_keep_the_columns_and_their_types(self):
        from django.db.models import Sum

        from jianfu.burden.models import CommunityMonth
        from jianfu.burden.tests.helpers import record

        record(self.community, department=self.department, on=timezone.localdate(), units=3)

        def build(actor):
            return (
                CommunityMonth.objects.restrict(actor, "view")
                .values("month", "community__name")
                .annotate(imposed=Sum("imposed_hours"))
                .order_by("month")
            )

        user = User.objects.get(pk=self.officer.pk)
        first = compiled.rows(user, "t.rows", build)
        assert (
            compiled._cache[("rows", "t.rows", compiled._fingerprint(user), ())] is not compiled._UNCACHEABLE
        )
        again = compiled.rows(user, "t.rows", build)
        assert again == first == list(build(user)) and first
        assert isinstance(again[0]["month"], dt.date) and type(again[0]["imposed"]) is type(
            first[0]["imposed"]
        )


class CompiledRatesTests(PersonaTestCase):
    """The casework rates (two grouped reads compiled once per user, grouping and months) against a
    fresh build, for every persona and grouping, before and after a rated whistle."""

    def setUp(self):
        compiled.clear()

    def test_every_persona_and_grouping_gets_the_rates_of_a_fresh_build(self):
        from jianfu.casework import rates
        from jianfu.casework import services as casework
        from jianfu.casework.tests.helpers import cgj, lamp_request
        from jianfu.core.testing import factories as f

        users = (self.worker, self.head, self.officer, self.district_officer, self.dept_user, self.admin)

        def figures(user, by, months):
            return [vars(row) for row in rates.rates(User.objects.get(pk=user.pk), by=by, months=months)]

        def check():
            for user in users:
                for by in rates.GROUPS:
                    for months in (1, 6):
                        with mock.patch.object(compiled, "_fingerprint", return_value=None):
                            fresh = figures(user, by, months)
                        assert figures(user, by, months) == fresh, (user.username, by, months)
                        assert figures(user, by, months) == fresh, (user.username, by, months)  # reused

        check()
        sr = lamp_request(self)
        casework.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        whistle = sr.whistles.get()
        lamp_department = f.user("cgj", "department", department=cgj(self.district))
        casework.whistle_sign(actor=lamp_department, whistle=whistle)
        casework.whistle_on_site(actor=lamp_department, whistle=whistle)
        casework.whistle_rate(actor=self.worker, whistle=whistle, score=4)
        check()
        by_department = figures(self.district_officer, "department", 6)
        assert [(row["key"], row["total"], row["whistle_score"]) for row in by_department] == [
            ("区城管局", 1, 4.0)
        ]


class CompiledBoardTests(PersonaTestCase):
    """The casework board's page and a department's whistles (compiled once per user, filters and
    page) against a fresh build, for every persona and everyday filter, as requests come and go."""

    def setUp(self):
        compiled.clear()

    def test_every_persona_and_filter_gets_the_board_of_a_fresh_build(self):
        from jianfu.casework import selectors
        from jianfu.casework import services as casework
        from jianfu.casework.tests.helpers import cgj, lamp_request
        from jianfu.core.testing import factories as f

        lamp_department = f.user("cgj", "department", department=cgj(self.district))
        users = (
            self.worker,
            self.head,
            self.grid_worker,
            self.officer,
            self.district_officer,
            lamp_department,
        )
        filters = (
            selectors.Filters(),
            selectors.Filters(status="open"),
            selectors.Filters(status="closed"),
            selectors.Filters(category="street-lamp"),
            selectors.Filters(overdue=True),
            selectors.Filters(community=self.community.code),
        )

        def board(user, one, page):
            user = User.objects.get(pk=user.pk)
            shown = selectors.board_page_for(user, one, page, 3)
            return shown.object_list, shown.number, shown.has_next, selectors.board_whistles(user)

        def check():
            for user in users:
                for one in filters:
                    for page in ("1", "2"):
                        with mock.patch.object(compiled, "_fingerprint", return_value=None):
                            fresh = board(user, one, page)
                        assert board(user, one, page) == fresh, (user.username, one, page)
                        assert board(user, one, page) == fresh, (user.username, one, page)  # reused

        check()
        for _i in range(4):
            lamp_request(self)
        sr = lamp_request(self, community=self.other_community)
        casework.request_whistle(actor=self.other_worker, request=sr, departments=[cgj(self.district)])
        check()
        rows, _number, has_next, whistles = board(self.worker, selectors.Filters(), "1")
        assert len(rows) == 3 and has_next and not whistles  # four of the worker's community, not the fifth
        assert [w.request_id for w in board(lamp_department, selectors.Filters(), "1")[3]] == [sr.pk]
        later = timezone.now() + dt.timedelta(days=60)  # every deadline passed: reused SQL at that time
        with mock.patch.object(timezone, "now", return_value=later):
            overdue = board(self.worker, selectors.Filters(overdue=True), "2")
            assert overdue[0] and overdue[1] == 2
            with mock.patch.object(compiled, "_fingerprint", return_value=None):
                assert board(self.worker, selectors.Filters(overdue=True), "2") == overdue


class CompiledRowsForTests(PersonaTestCase):
    """`rows_for`: one compiled query per user with a value of the request as its parameter (the
    person page's household members), against a fresh build."""

    def setUp(self):
        compiled.clear()
        from jianfu.core.testing import factories as f
        from jianfu.registry.models import Household, Person

        self.households: list[int] = []
        for community, grid in (
            (self.community, self.grid),
            (self.community, None),
            (self.far_community, None),
        ):
            household = Household.objects.create(community=community, number=f"H{len(self.households)}")
            people = [f.person(community, grid=grid) for _ in range(3)]
            Person.objects.filter(pk__in=[p.pk for p in people]).update(household=household)
            Person.objects.filter(pk=people[1].pk).update(relation="head")
            self.households.append(household.pk)

    def test_every_persona_and_household_gets_the_rows_of_a_fresh_build(self):
        from jianfu.registry.selectors import _household_members

        users = (self.worker, self.head, self.grid_worker, self.far_worker, self.officer, self.admin)
        seen = 0
        for user in [User.objects.get(pk=u.pk) for u in users]:
            for household in (*self.households, self.households[0]):
                fresh = list(_household_members(user, household))
                with CaptureQueriesContext(connection) as queries:
                    assert compiled.rows_for(user, "t.members", _household_members, household) == fresh
                assert len(queries) == 1
                seen += len(fresh)
            key = ("rows_for", "t.members", compiled._fingerprint(user), int)
            assert compiled._cache[key] is not compiled._UNCACHEABLE, user.username
        assert seen  # somebody sees somebody
        worker = User.objects.get(pk=self.worker.pk)
        rows = compiled.rows_for(worker, "t.members", _household_members, self.households[0])
        assert rows[0]["relation"] == "head" and isinstance(rows[0]["birth_date"], dt.date)
        assert compiled.rows_for(worker, "t.members", _household_members, self.households[2]) == []

    def test_a_value_that_goes_into_the_sql_twice_or_a_build_that_reads_is_built_every_time(self):
        from jianfu.registry.models import Person

        user = User.objects.get(pk=self.officer.pk)

        def twice(actor, household):
            return Person.objects.filter(household_id=household, community__households__pk=household).values(
                "pk"
            )

        def reads(actor, household):
            ids = list(Person.objects.filter(household_id=household).values_list("pk", flat=True))
            return Person.objects.filter(pk__in=ids).values("pk")

        for name, build in (("t.twice", twice), ("t.reads", reads)):
            for household in self.households:
                assert compiled.rows_for(user, name, build, household) == list(build(user, household))
            assert (
                compiled._cache[("rows_for", name, compiled._fingerprint(user), int)] is compiled._UNCACHEABLE
            )


class CompiledWithoutDepartmentTests(PersonaTestCase):
    """`rows(..., department_read=False)`: no department row is read for the key, and a build that
    reads one anyway is built every time."""

    def setUp(self):
        compiled.clear()

    def entry(self, user, name):
        return compiled._cache[("rows", name, compiled._fingerprint(user, False), ())]

    def test_a_build_by_the_department_id_is_kept_without_reading_the_department(self):
        def build(actor):
            return Task.objects.filter(department_id=actor.department_id).order_by("pk").values("pk", "title")

        user = User.objects.get(pk=self.dept_user.pk)
        fresh = list(build(user))
        with CaptureQueriesContext(connection) as queries:
            assert compiled.rows(user, "t.by_id", build, department_read=False) == fresh
        assert len(queries) == 1  # the rows; no department row
        assert self.entry(user, "t.by_id") is not compiled._UNCACHEABLE
        user = User.objects.get(pk=self.dept_user.pk)
        with CaptureQueriesContext(connection) as queries:
            assert compiled.rows(user, "t.by_id", build, department_read=False) == fresh
        assert len(queries) == 1

    def test_a_build_that_reads_the_department_is_built_every_time(self):
        def build(actor):
            return Community.objects.filter(street__district_id=actor.department.district_id).values("pk")

        user = User.objects.get(pk=self.dept_user.pk)
        _ = user.department  # loaded earlier in the request: still not trusted unseen
        assert compiled.rows(user, "t.reads_department", build, department_read=False) == list(build(user))
        assert self.entry(user, "t.reads_department") is compiled._UNCACHEABLE
