"""Count alerts' scope (`meetings.permissions.alert_scope_q`), rung by rung."""

from jianfu.core.testing.ladders import LadderTestCase
from jianfu.meetings.models import CountAlert


class AlertScopeTests(LadderTestCase):
    def setUp(self):
        self.district_alert = self.alert(self.department)
        self.street_alert = self.alert(self.street_department)
        self.far_alert = self.alert(self.far_department)

    def alert(self, department):
        return CountAlert.objects.create(department=department, year=2026, count=3, previous=2)

    def test_departments_see_their_own_and_offices_the_departments_of_their_area(self):
        every = {self.district_alert, self.street_alert, self.far_alert}
        for action in ("view", "change"):
            self.assert_ladder(
                CountAlert,
                {
                    "system": every,
                    "superuser": every,
                    "anonymous": set(),
                    "inactive": set(),
                    "resident": set(),
                    "worker": set(),
                    "head": set(),
                    "dept_user": {self.district_alert},
                    "street_dept_user": {self.street_alert},
                    "far_dept_user": {self.far_alert},
                    # a district department answers to the district office, not a street's
                    "officer": {self.street_alert},
                    "far_officer": {self.far_alert},
                    "district_officer": every,
                    "admin": every,
                },
                action,
            )
