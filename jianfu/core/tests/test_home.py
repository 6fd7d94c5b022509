"""Home = to-dos: each role sees what waits for it, counted within its scope; residents and visitors
see the public services."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jianfu.core.testing import PersonaTestCase
from jianfu.core.todos import todos_for
from jianfu.gate import services as gate

NEW_LEDGER = ("建立文明养犬台账", "请各社区新建文明养犬工作台账，每月报送。")
DIBAO = ("协助开展低保年度复核", "请各社区协助开展2026年度低保复核工作，入户调查并张贴公示。")


class HomeTodoTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with translation.override("zh-hans"):
            cls.pending = gate.task_submit(
                actor=cls.dept_user,
                department=cls.department,
                title=NEW_LEDGER[0],
                description=NEW_LEDGER[1],
                kind="ledger_report",
                communities=[cls.community],
            )
            cls.admitted = gate.task_submit(
                actor=cls.dept_user,
                department=cls.department,
                title=DIBAO[0],
                description=DIBAO[1],
                communities=[cls.community],
                expected_hours=8,
                resource_money=2000,
            )

    def labels(self, user) -> dict[str, int]:
        with translation.override("zh-hans"):
            return {str(t.label): t.count for t in todos_for(user)}

    def test_street_office_sees_its_approvals(self):
        assert self.labels(self.officer).get("待审批的任务") == 1

    def test_community_sees_what_it_may_refuse_and_rate(self):
        labels = self.labels(self.worker)
        assert labels.get("未经准入、可以拒绝执行的任务") == 1
        assert labels.get("待评价的任务") == 1
        assert "待审批的任务" not in labels

    def test_other_community_sees_none_of_it(self):
        labels = self.labels(self.other_worker)
        assert "未经准入、可以拒绝执行的任务" not in labels and "待评价的任务" not in labels

    def test_other_street_office_sees_no_approvals(self):
        far_officer = type(self.officer).objects.create(
            username="far-officer", role="street_office", street=self.other_street, district=self.district
        )
        assert "待审批的任务" not in self.labels(far_officer)

    def test_home_page_lists_todos_with_links(self):
        page = self.client_for(self.worker).get(reverse("core:home"))
        html = page.content.decode()
        assert page.status_code == 200
        assert 'id="todos"' in html and "可以拒绝执行的任务" in html
        assert f'href="{reverse("gate:task_list")}"' in html

    def test_home_query_count_is_bounded(self):
        client = self.client_for(self.district_officer)
        client.get(reverse("core:home"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("core:home")).status_code == 200
        assert len(queries) <= 13, [q["sql"] for q in queries.captured_queries]

    def test_nothing_waiting_says_so(self):
        html = self.client_for(self.far_worker).get(reverse("core:home")).content.decode()
        assert 'id="todos-empty"' in html


class PublicHomeTests(PersonaTestCase):
    def test_visitor_finds_certificate_check_verification_lists_and_reporting(self):
        html = self.client_for(None).get(reverse("core:home")).content.decode()
        for name in (
            "certificates:ask",
            "certificates:verify_lookup",
            "casework:report",
            "catalog:public_lists",
        ):
            assert f'href="{reverse(name)}"' in html, name
        assert 'id="todos"' not in html

    def test_resident_gets_the_public_services_not_staff_todos(self):
        html = self.client_for(self.resident).get(reverse("core:home")).content.decode()
        assert 'id="public-services"' in html and 'id="todos' not in html

    def test_verify_lookup_takes_a_pasted_link(self):
        client = self.client_for(None)
        assert client.get(reverse("certificates:verify_lookup")).status_code == 200
        token = "AbCdEfGhIjKlMnOpQrStUvWx12345678"
        answer = client.get(
            reverse("certificates:verify_lookup"), {"link": f"https://jianfu.example/certificates/v/{token}"}
        )
        assert answer.status_code == 302 and answer.url == reverse("certificates:verify", args=[token])

    def test_verify_lookup_explains_what_it_could_not_read(self):
        page = self.client_for(None).get(reverse("certificates:verify_lookup"), {"link": "不是链接"})
        assert page.status_code == 200 and "没有认出核验链接" in page.content.decode()


class EveryPersonaHomeTests(PersonaTestCase):
    def test_every_persona_gets_a_home_page_with_bounded_queries(self):
        personas = (
            self.worker,
            self.head,
            self.grid_worker,
            self.officer,
            self.district_officer,
            self.dept_user,
            self.street_dept_user,
            self.resident,
            self.admin,
        )
        for user in personas:
            client = self.client_for(user)
            client.get(reverse("core:home"))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("core:home")).status_code == 200, user.username
            assert len(queries) <= 13, (user.username, len(queries))  # session, user, one per to-do kind
