"""The report page shows the consolidation plan a page at a time (one row past the page, "第 N 页"),
with the report's scope and a number of queries that does not grow with the plan."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from jianfu.core.testing import PersonaTestCase
from jianfu.digital import selectors
from jianfu.digital.choices import PlanProgress
from jianfu.digital.models import PlanItem
from jianfu.digital.selectors import PLAN_PAGE_SIZE
from jianfu.digital.tests.helpers import plan_items


class ReportPageTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.url = reverse("digital:report")

    def page(self, user, query: str = "") -> str:
        response = self.client_for(user).get(self.url + query)
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    def test_anonymous_and_outsiders(self):
        plan_items(self, 3, community=self.community)
        for query in ("", "?page=2", f"?street={self.street.pk}"):
            response = self.client_for(None).get(self.url + query)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            for user in (self.resident, self.dept_user, self.street_dept_user):
                assert self.client_for(user).get(self.url + query).status_code == 404, (user, query)
        # a worker of another street reaches no community of this one; unknown or malformed streets
        assert self.client_for(self.far_worker).get(self.url + f"?street={self.street.pk}").status_code == 404
        for query in ("?street=abc", "?street=999999", "?street=-1"):
            assert self.client_for(self.officer).get(self.url + query).status_code == 404, query

    def test_pages_of_the_plan(self):
        plan_items(self, PLAN_PAGE_SIZE * 2 + 7, community=self.community)
        first = self.page(self.officer)
        assert "计划群000" in first and f"计划群{PLAN_PAGE_SIZE - 1:03d}" in first
        assert f"计划群{PLAN_PAGE_SIZE:03d}" not in first
        assert "第1页" in first and "page=2#plan" in first and "上一页" not in first
        second = self.page(self.officer, "?page=2")
        assert "计划群000" not in second and f"计划群{PLAN_PAGE_SIZE:03d}" in second
        assert "page=1#plan" in second and "page=3#plan" in second
        last = self.page(self.officer, "?page=3")
        assert f"计划群{PLAN_PAGE_SIZE * 2 + 6:03d}" in last and "page=4#plan" not in last
        assert "第3页" in last
        # the progress line still counts the whole plan
        assert f"已完成0 / {PLAN_PAGE_SIZE * 2 + 7}" in last
        past = self.page(self.officer, "?page=9")
        assert "没有整合计划。" in past and "page=8#plan" in past
        for junk in ("?page=abc", "?page=0", "?page=-3"):
            assert "计划群000" in self.page(self.officer, junk), junk
        on_street = self.page(self.officer, f"?street={self.street.pk}&page=2")
        assert f"street={self.street.pk}&amp;page=3#plan" in on_street

    def test_scope_of_the_plan(self):
        plan_items(self, 2, community=self.community, prefix="本街道群")
        plan_items(self, 2, community=self.far_community, prefix="远处群")
        street_page = self.page(self.officer)
        assert "本街道群000" in street_page and "远处群000" not in street_page
        assert "远处群000" in self.page(self.far_worker) and "本街道群000" not in self.page(self.far_worker)
        district = self.page(self.district_officer)
        assert "本街道群001" in district and "远处群001" in district

    def test_queries_do_not_grow_with_the_plan(self):
        plan_items(self, 5, community=self.community)
        client = self.client_for(self.officer)
        client.get(self.url)  # session and caches warm
        with CaptureQueriesContext(connection) as few:
            client.get(self.url + f"?street={self.street.pk}")
        plan_items(self, PLAN_PAGE_SIZE * 3, community=self.community, start=5)
        with self.assertNumQueries(len(few)):
            response = client.get(self.url + f"?street={self.street.pk}")
        assert response.content.decode().count('href="/digital/tools/') == PLAN_PAGE_SIZE
        self.assertLessEqual(len(few), 16)

    def test_plan_page_is_the_report_plan_in_pieces(self):
        today = timezone.localdate()
        tools = plan_items(self, PLAN_PAGE_SIZE + 3, community=self.community)
        plan_items(self, 4, community=self.other_community, prefix="他群", start=200)
        PlanItem.objects.filter(tool__in=tools[:5]).update(progress=PlanProgress.DONE, done_on=today)
        PlanItem.objects.filter(tool__in=tools[5:9]).update(
            progress=PlanProgress.IN_PROGRESS, due_on=today - dt.timedelta(days=2)
        )
        PlanItem.objects.filter(tool__in=tools[9:11]).update(due_on=today - dt.timedelta(days=1))
        for actor, street in ((self.officer, None), (self.officer, self.street), (self.worker, None)):
            full = selectors.report(actor, street=street)
            counted = selectors.report(actor, street=street, plan_rows=False)
            assert counted.plan == [] and counted.plan_progress == full.plan_progress
            assert full.plan_progress["overdue"] == 6 and full.plan_progress["done"] == 5
            pages, n = [], 1
            while True:
                page = selectors.plan_page(actor, street=street, number=n)
                pages.extend(page.rows)
                if not page.has_next:
                    break
                n += 1
            assert pages == full.plan and n == 2, (actor, street)
