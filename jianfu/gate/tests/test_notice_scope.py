"""The 减负办 notices' scope (`gate.permissions.notice_scope_q`), rung by rung."""

from jianfu.core.testing.ladders import LadderTestCase
from jianfu.gate.models import OfficeNotice, Task, TaskTarget


class NoticeScopeTests(LadderTestCase):
    def setUp(self):
        self.near = self.notice("民意社区的任务", self.community)
        self.far = self.notice("花桥社区的任务", self.far_community)

    def notice(self, title, community):
        task = Task.objects.create(
            department=self.department, title=title, description=title, decision="admitted", status="admitted"
        )
        TaskTarget.objects.create(task=task, community=community)
        return OfficeNotice.objects.create(task=task, kind="refusal", message=title, community=community)

    def test_offices_see_the_notices_of_their_area_and_nobody_else_any(self):
        both = {self.near, self.far}
        self.assert_ladder(
            OfficeNotice,
            {
                "system": both,
                "superuser": both,
                "anonymous": set(),
                "inactive": set(),
                "resident": set(),
                "worker": set(),
                "head": set(),
                "dept_user": set(),
                "street_dept_user": set(),
                "officer": {self.near},
                "far_officer": {self.far},
                "district_officer": both,
                "admin": both,
            },
        )

    def test_any_action_reads_the_view_scope_of_the_tasks(self):
        self.assert_ladder(
            OfficeNotice,
            {"officer": {self.near}, "worker": set(), "district_officer": {self.near, self.far}},
            "change",
        )
