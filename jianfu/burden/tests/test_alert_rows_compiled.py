"""The alert list's count and pages through compiled SQL (`selectors.AlertListRows`) are the ORM's."""

import datetime as dt
from typing import Any

from django.core.paginator import Paginator

from jianfu.accounts.models import User
from jianfu.burden import selectors
from jianfu.burden.models import ReboundAlert
from jianfu.burden.tests.helpers import record
from jianfu.core import compiled
from jianfu.core.testing import PersonaTestCase

SHOWN = ("pk", "month", "subject", "hours", "baseline", "threshold", "status", "subject_name")


def _shown(alerts):
    return [tuple(getattr(a, name) for name in SHOWN) for a in alerts]


class AlertListRowsTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for community in (cls.community, cls.other_community):
            for month in (2, 3, 4):
                record(community, department=cls.department, on=dt.date(2026, month, 3))
            record(community, department=cls.department, on=dt.date(2026, 5, 3), units=3)
            record(community, department=cls.department, on=dt.date(2026, 6, 3), units=4)
        ReboundAlert.objects.filter(pk=ReboundAlert.objects.order_by("pk").values("pk")[:1]).update(
            status="acknowledged"
        )

    def setUp(self):
        compiled.clear()

    def test_every_page_for_every_persona_and_status(self):
        assert ReboundAlert.objects.count() >= 3
        users = (self.officer, self.district_officer, self.admin, self.worker, self.dept_user)
        compared = 0
        for user in [User.objects.get(pk=u.pk) for u in users]:
            for status in ("", "open", "acknowledged"):
                for _ in range(2):  # the first builds, the second runs the compiled SQL
                    rows: Any = selectors.AlertListRows(user=user, status=status)  # count() and slices
                    mine: Paginator = Paginator(rows, 2)
                    theirs = Paginator(
                        selectors.alert_list(user=user, status=status)
                        .select_related(None)
                        .select_related("community", "department"),
                        2,
                    )
                    assert mine.count == theirs.count, (user, status)
                    for number in mine.page_range:
                        assert _shown(mine.page(number)) == _shown(theirs.page(number)), (user, status)
                        compared += len(mine.page(number))
        assert compared

    def test_a_changed_status_shows_at_the_next_read(self):
        user = User.objects.get(pk=self.district_officer.pk)
        rows = selectors.AlertListRows(user=user, status="open")
        before = rows.count()
        first = rows[0:1][0]
        ReboundAlert.objects.filter(pk=first.pk).update(status="acknowledged")
        assert rows.count() == before - 1
        assert first.pk not in [a.pk for a in rows[0:50]]
