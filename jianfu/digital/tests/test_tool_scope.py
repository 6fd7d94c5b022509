"""The digital register's scope (`digital.permissions.tool_scope_q`), rung by rung."""

import datetime as dt

from jianfu.core.testing.ladders import LadderTestCase
from jianfu.digital.models import DigitalTool

DAY = dt.date(2026, 3, 1)


class ToolScopeTests(LadderTestCase):
    def setUp(self):
        self.minyi = self.tool("民意社区工作群", self.department, self.community)
        self.huaqiao = self.tool("花桥社区平安群", self.street_department, self.far_community)
        self.unlinked = self.tool("区民政局通知群", self.department)
        self.yonghong = self.tool("永红社区居民群", None, self.other_community)

    def tool(self, name, owner, *communities):
        tool = DigitalTool.objects.create(
            district=self.district,
            kind="work_group",
            name=name,
            owner_department=owner,
            status_since=DAY,
            started_on=DAY,
        )
        tool.communities.set(communities)
        return tool

    def test_view(self):
        every = {self.minyi, self.huaqiao, self.unlinked, self.yonghong}
        self.assert_ladder(
            DigitalTool,
            {
                "system": every,
                "superuser": every,
                "anonymous": set(),
                "inactive": set(),
                "resident": set(),
                "worker": {self.minyi},
                "head": {self.minyi},
                "other_worker": {self.yonghong},
                "far_worker": {self.huaqiao},
                # a department its own tools, wherever they are used
                "dept_user": {self.minyi, self.unlinked},
                "street_dept_user": {self.huaqiao},
                "far_dept_user": set(),
                "officer": {self.minyi, self.yonghong},
                "far_officer": {self.huaqiao},
                # the district office and administrators also see the district's unlinked tools
                "district_officer": every,
                "admin": every,
            },
        )

    def test_other_actions_follow_the_role_and_drop_the_unlinked_tools(self):
        linked = {self.minyi, self.huaqiao, self.yonghong}
        self.assert_ladder(
            DigitalTool,
            {
                "worker": {self.minyi},
                "officer": set(),
                "dept_user": {self.minyi, self.unlinked},
                "admin": linked,
                "superuser": linked | {self.unlinked},
            },
            "change",
        )
        self.assert_ladder(
            DigitalTool, {"district_officer": linked, "dept_user": set(), "worker": set()}, "audit"
        )
        self.assert_ladder(
            DigitalTool, {"dept_user": {self.minyi, self.unlinked}, "officer": set()}, "export"
        )
