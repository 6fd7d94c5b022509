"""Pages: anonymous, outsider, permitted; bad input through the form; escaping; query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jianfu.burden.models import BurdenEntry
from jianfu.core.testing import PersonaTestCase
from jianfu.gate import services
from jianfu.gate.choices import TaskStatus
from jianfu.gate.models import OfficeNotice, Task, TaskRating, TaskTarget

NEW_LEDGER = ("建立文明养犬台账", "请各社区新建文明养犬工作台账，每月报送。")
DIBAO = ("协助开展低保年度复核", "请各社区协助开展2026年度低保复核工作，入户调查并张贴公示。")


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


class ViewCase(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def assertConstantQueries(self, client, url, add_rows, limit=8):
        queries(client, url)  # warm caches (calendar years, catalog)
        before = queries(client, url)
        add_rows()
        self.assertEqual(queries(client, url), before)
        self.assertLessEqual(before, limit)

    def submit(self, title, description, communities=None, **kw):
        return services.task_submit(
            actor=self.dept_user,
            department=self.department,
            title=title,
            description=description,
            communities=communities or [self.community, self.other_community],
            **kw,
        )

    def form_data(self, **kw):
        data = {
            "title": DIBAO[0],
            "description": DIBAO[1],
            "kind": "general",
            "communities": [self.community.pk],
            "expected_hours": "4",
            "resource_money": "1000",
        }
        data.update(kw)
        return data


class ListAndDetailTests(ViewCase):
    def test_anonymous_redirected(self):
        task = self.submit(*DIBAO)
        for url in (
            reverse("gate:task_list"),
            reverse("gate:task_submit"),
            reverse("gate:task_detail", args=[task.pk]),
        ):
            response = self.client_for(None).get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])

    def test_outsiders_get_404(self):
        task = self.submit(*DIBAO, communities=[self.community])
        url = reverse("gate:task_detail", args=[task.pk])
        for user in (self.other_worker, self.far_worker, self.street_dept_user, self.resident):
            self.assertEqual(self.client_for(user).get(url).status_code, 404, user)
        self.assertEqual(self.client_for(self.resident).get(reverse("gate:task_list")).status_code, 404)
        for user in (self.worker, self.officer, self.district_officer, self.dept_user, self.admin):
            self.assertEqual(self.client_for(user).get(url).status_code, 200, user)

    def test_submit_page_only_for_departments(self):
        for user in (self.worker, self.officer, self.admin):
            self.assertEqual(self.client_for(user).get(reverse("gate:task_submit")).status_code, 404)
        page = self.client_for(self.street_dept_user).get(reverse("gate:task_submit")).content.decode()
        self.assertIn("民意社区", page)
        self.assertNotIn("花桥社区", page)

    def test_board_shows_admitted_and_unadmitted(self):
        admitted = self.submit(*DIBAO, resource_staff=1)
        pending = self.submit(*NEW_LEDGER, kind="ledger_report")
        far = self.submit("调解邻里纠纷", "请社区做好邻里纠纷人民调解。", communities=[self.far_community])
        client = self.client_for(self.worker)
        page = client.get(reverse("gate:task_list")).content.decode()
        self.assertIn(admitted.title, page)
        self.assertIn(pending.title, page)
        self.assertIn("拒绝执行", page)
        self.assertNotIn(far.title, page)

        def more():
            for i in range(3):
                self.submit(f"{DIBAO[0]}{i}", DIBAO[1] + str(i), resource_staff=1)
                self.submit(f"{NEW_LEDGER[0]}{i}", NEW_LEDGER[1] + str(i), kind="ledger_report")

        self.assertConstantQueries(client, reverse("gate:task_list"), more)

    def test_office_queue_query_count_and_overdue(self):
        for i in range(5):
            self.submit(f"{NEW_LEDGER[0]}{i}", NEW_LEDGER[1] + str(i), kind="ledger_report")
        Task.objects.filter(status=TaskStatus.PENDING_APPROVAL).update(decision_due="2020-01-06")
        client = self.client_for(self.officer)
        page = client.get(reverse("gate:task_list")).content.decode()
        self.assertEqual(page.count("已逾期"), 5)

        def more():
            for i in range(5, 9):
                self.submit(f"{NEW_LEDGER[0]}{i}", NEW_LEDGER[1] + str(i), kind="ledger_report")

        self.assertConstantQueries(client, reverse("gate:task_list"), more)

    def test_department_list_query_count(self):
        for i in range(4):
            self.submit(f"{DIBAO[0]}{i}", DIBAO[1])
        client = self.client_for(self.dept_user)
        self.assertContains(client.get(reverse("gate:task_list")), DIBAO[0])
        self.assertConstantQueries(
            client,
            reverse("gate:task_list"),
            lambda: [self.submit(f"x{i}", DIBAO[1] + str(i)) for i in range(4)],
        )


class SubmitViewTests(ViewCase):
    def test_submit_shows_explanation(self):
        response = self.client_for(self.dept_user).post(
            reverse("gate:task_submit"), self.form_data(), follow=True
        )
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn('data-decision="admitted"', page)
        self.assertIn("A01", page)
        self.assertIn("匹配度", page)

    def test_empty_description(self):
        response = self.client_for(self.dept_user).post(
            reverse("gate:task_submit"), self.form_data(description="")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "field-description")
        self.assertFalse(Task.objects.exists())

    def test_100kb_description(self):
        response = self.client_for(self.dept_user).post(
            reverse("gate:task_submit"), self.form_data(description="台账" * 51_200)
        )
        self.assertContains(response, "20000")
        self.assertFalse(Task.objects.exists())

    def test_outside_reach(self):
        response = self.client_for(self.street_dept_user).post(
            reverse("gate:task_submit"),
            self.form_data(communities=[self.community.pk, self.far_community.pk]),
        )
        self.assertContains(response, "不在本部门的管辖范围内")
        self.assertFalse(Task.objects.exists())
        self.assertFalse(BurdenEntry.objects.exists())

    def test_html_escaped(self):
        evil = "<script>alert('x')</script>"
        response = self.client_for(self.dept_user).post(
            reverse("gate:task_submit"),
            self.form_data(title=f"{evil}低保复核", legal_basis=evil, resources_note=evil),
            follow=True,
        )
        page = response.content.decode()
        self.assertNotIn(evil, page)
        self.assertIn("&lt;script&gt;", page)
        task = Task.objects.get()
        self.assertTrue(task.title.startswith(evil))
        officer_page = self.client_for(self.officer).get(reverse("gate:task_list")).content.decode()
        self.assertNotIn(evil, officer_page)


class ActionViewTests(ViewCase):
    def test_refuse_one_click(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        response = self.client_for(self.worker).post(reverse("gate:task_refuse", args=[task.pk]), follow=True)
        self.assertContains(response, "已拒绝执行")
        self.assertEqual(TaskTarget.objects.get(task=task, community=self.community).status, "refused")
        self.assertContains(self.client_for(self.officer).get(reverse("gate:task_list")), "社区拒绝执行")

    def test_refuse_other_communitys_task_404(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report", communities=[self.far_community])
        response = self.client_for(self.worker).post(reverse("gate:task_refuse", args=[task.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(TaskTarget.objects.filter(status="refused").exists())
        self.assertFalse(OfficeNotice.objects.exists())
        self.assertFalse(BurdenEntry.objects.exists())

    def test_anonymous_post_redirects(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        for name in ("task_refuse", "task_decide", "task_rate", "task_comment", "task_withdraw"):
            response = self.client_for(None).post(reverse(f"gate:{name}", args=[task.pk]))
            self.assertEqual(response.status_code, 302)

    def test_office_approves_and_rejects(self):
        a = self.submit(*NEW_LEDGER, kind="ledger_report")
        b = self.submit(
            "创建全国文明城市测评", "请各社区迎接文明城市测评检查，准备台账材料。", kind="campaign"
        )
        data = {"legality": "有文件依据", "reasonableness": "合理", "feasibility": "可行", "reason": "同意"}
        client = self.client_for(self.officer)
        client.post(reverse("gate:task_decide", args=[a.pk]), {**data, "approve": "1"})
        client.post(reverse("gate:task_decide", args=[b.pk]), {**data, "reject": "1", "reason": "重复迎检"})
        self.assertEqual(Task.objects.get(pk=a.pk).status, TaskStatus.APPROVED)
        self.assertEqual(Task.objects.get(pk=b.pk).status, TaskStatus.REJECTED)
        self.assertContains(self.client_for(self.worker).get(reverse("gate:task_list")), a.title)

    def test_decide_by_department_404(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        data = {"legality": "x", "reasonableness": "x", "feasibility": "x", "reason": "x", "approve": "1"}
        self.assertEqual(
            self.client_for(self.dept_user)
            .post(reverse("gate:task_decide", args=[task.pk]), data)
            .status_code,
            404,
        )
        self.assertEqual(Task.objects.get(pk=task.pk).status, TaskStatus.PENDING_APPROVAL)

    def test_decide_missing_criteria(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        response = self.client_for(self.officer).post(
            reverse("gate:task_decide", args=[task.pk]), {"approve": "1", "reason": "x"}, follow=True
        )
        self.assertContains(response, "合法性")
        self.assertEqual(Task.objects.get(pk=task.pk).status, TaskStatus.PENDING_APPROVAL)

    def test_rate_and_comment(self):
        task = self.submit(*DIBAO, resource_staff=1)
        client = self.client_for(self.worker)
        client.post(reverse("gate:task_rate", args=[task.pk]), {"score": "5", "comment": "<i>好</i>"})
        self.assertEqual(TaskRating.objects.get().score, 5)
        response = client.post(reverse("gate:task_rate", args=[task.pk]), {"score": "1"}, follow=True)
        self.assertContains(response, "只能评价一次")
        self.assertEqual(TaskRating.objects.count(), 1)
        pending = self.submit(*NEW_LEDGER, kind="ledger_report")
        client.post(reverse("gate:task_comment", args=[pending.pk]), {"body": "建议季度报送"})
        self.assertContains(
            self.client_for(self.officer).get(reverse("gate:task_detail", args=[pending.pk])), "建议季度报送"
        )


class EnglishTests(ViewCase):
    def test_board_and_explanation_in_english(self):
        task = self.submit(*DIBAO, resource_staff=1)
        client = self.client_for(self.worker)
        client.cookies["django_language"] = "en"
        self.assertContains(client.get(reverse("gate:task_list")), "Community task board")
        page = client.get(reverse("gate:task_detail", args=[task.pk])).content.decode()
        self.assertIn("Matched item", page)
        self.assertNotIn("待审批", page)


class WithdrawViewTests(ViewCase):
    def test_department_withdraws_own_pending(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        self.assertContains(
            self.client_for(self.dept_user).get(reverse("gate:task_detail", args=[task.pk])), 'id="withdraw"'
        )
        self.client_for(self.dept_user).post(
            reverse("gate:task_withdraw", args=[task.pk]), {"reason": "已改用居民库"}
        )
        self.assertEqual(Task.objects.get(pk=task.pk).status, TaskStatus.WITHDRAWN)

    def test_office_withdraws_admitted(self):
        task = self.submit(*DIBAO, resource_staff=1)
        self.client_for(self.officer).post(
            reverse("gate:task_withdraw", args=[task.pk]), {"reason": "居民普遍反对"}
        )
        self.assertEqual(Task.objects.get(pk=task.pk).status, TaskStatus.WITHDRAWN)
        self.assertFalse(TaskTarget.objects.filter(task=task, status="refused").exists())
        response = self.client_for(self.worker).post(
            reverse("gate:task_withdraw", args=[task.pk]), {"reason": "x"}
        )
        self.assertEqual(response.status_code, 404)


class CalendarWarningTests(ViewCase):
    def test_office_sees_fallback_warning_for_a_year_not_entered(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        Task.objects.filter(pk=task.pk).update(decision_due="2031-01-06")
        page = self.client_for(self.officer).get(reverse("gate:task_list")).content.decode()
        self.assertIn("2031", page)
        self.assertIn("周一至周五", page)
        detail = (
            self.client_for(self.officer).get(reverse("gate:task_detail", args=[task.pk])).content.decode()
        )
        self.assertIn("周一至周五", detail)
        self.assertNotIn("已逾期", page)
