import datetime as dt

from django.utils import timezone

from jianfu.core.testing import PersonaTestCase
from jianfu.digital import selectors, services
from jianfu.digital.models import DigitalTool
from jianfu.digital.tests.helpers import group


class ScorecardTests(PersonaTestCase):
    def setUp(self):
        self.g1 = group(self, "民政打卡群", asks_text="每天打卡。")
        self.g2 = group(self, "民政工作群")
        self.app = group(
            self, "网格通", kind="app", department=self.street_department, asks_text="按积分排名。"
        )
        self.far = group(self, "花桥群", community=self.far_community, asks_text="每天截图留痕。")
        services.declaration_add(actor=self.worker, tools=[self.g1, self.g2, self.app])
        services.declaration_add(actor=self.head, tools=[self.g1])

    def test_figures_for_a_community_this_year_and_last(self):
        year = timezone.localdate().year
        figures = selectors.digital_scorecard_figures(
            actor=self.officer, community_ids=[self.community.pk], year=year
        )
        assert figures["tools"] == 1 and figures["work_groups"] == 2
        assert figures["breaches"] == 2
        assert figures["breaches_by_department"] == [("区民政局", 1), ("大智街道平安办", 1)] or figures[
            "breaches_by_department"
        ] == [("大智街道平安办", 1), ("区民政局", 1)]
        minutes = 2 * self.g1.minutes_per_day + self.g2.minutes_per_day + self.app.minutes_per_day
        assert figures["hours_per_week"] == float((minutes * 5 / 60).quantize(type(minutes)("0.1")))
        assert figures["closed_or_merged"] == 0
        assert figures["previous_year"] == {
            "tools": 0,
            "work_groups": 0,
            "hours_per_week": 0.0,
            "breaches": 0,
            "closed_or_merged": 0,
        }
        assert set(figures) == {
            "tools",
            "work_groups",
            "hours_per_week",
            "breaches",
            "breaches_by_department",
            "closed_or_merged",
            "previous_year",
        }

    def test_scoped_to_the_actor(self):
        year = timezone.localdate().year
        outsider = selectors.digital_scorecard_figures(
            actor=self.far_worker, community_ids=[self.community.pk], year=year
        )
        assert outsider["tools"] == 0 and outsider["work_groups"] == 0 and outsider["breaches"] == 0

    def test_closed_in_the_year(self):
        services.plan_decide(actor=self.officer, tool=self.g1, action="close", reason="打卡违规")
        item = self.g1.plan_items.get()
        services.plan_progress(actor=self.officer, item=item, progress="done")
        year = timezone.localdate().year
        figures = selectors.digital_scorecard_figures(
            actor=self.officer, community_ids=[self.community.pk], year=year
        )
        assert figures["closed_or_merged"] == 1
        DigitalTool.objects.filter(pk=self.g1.pk).update(started_on=dt.date(year - 1, 3, 1))
        last = selectors.digital_scorecard_figures(
            actor=self.officer, community_ids=[self.community.pk], year=year
        )
        assert last["previous_year"]["work_groups"] == 1


class ReportTests(PersonaTestCase):
    def test_street_report(self):
        g = group(self, "民政打卡群", asks_text="每天打卡。")
        group(self, "永红群", community=self.other_community)
        services.declaration_add(actor=self.worker, tools=[g])
        services.plan_decide(actor=self.officer, tool=g, action="close", reason="违规")
        r = selectors.report(self.officer, street=self.street)
        rows = {c["code"]: c for c in r.communities}
        assert rows[self.community.code]["work_groups"] == 1 and rows[self.community.code]["breaches"] == 1
        assert rows[self.community.code]["workers"] == 1
        assert r.departments[0]["department"] == "区民政局" and r.departments[0]["codes"] == {"check_in": 1}
        assert r.plan_progress == {"total": 1, "done": 0, "in_progress": 0, "planned": 1, "overdue": 0}
        assert len(r.trend) == 12 and r.trend[-1]["work_groups"] == 2
        assert r.as_json()["totals"]["work_groups"] == 2
        # a community worker sees only her community
        mine = selectors.report(self.worker)
        assert [c["code"] for c in mine.communities] == [self.community.code]
