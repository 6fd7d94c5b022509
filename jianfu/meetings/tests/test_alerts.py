"""Document-growth alerts: the department explains, the 减负办 accepts or not; page, API, CLI, to-dos."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope, system_actor
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.meetings import services, todos
from jianfu.meetings.choices import AlertStatus
from jianfu.meetings.models import AlertTransition, CountAlert

SYSTEM = system_actor("test")
WHY = "今年新增 2 件：省里部署的高龄津贴提标和冬季防火专项，均无法与已有文件合并。"


class AlertBase(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.today = timezone.localdate()
        last_year = self.today.replace(year=self.today.year - 1, month=5, day=12)
        self.doc("去年 关于做好宣传的通知", last_year)
        self.doc("关于开展冬季防火检查的通知")
        self.doc("关于高龄津贴提标的通知")
        self.alert = CountAlert.objects.get()

    def doc(self, title, date=None):
        return services.notice_submit(
            actor=SYSTEM,
            kind="document",
            department=self.department,
            communities=[self.community],
            date=date or self.today,
            title=title,
            text="请各社区做好宣传。",
        )


class AlertServiceTests(AlertBase):
    def test_explain_then_accept_records_every_step(self):
        self.assertEqual((self.alert.status, self.alert.count, self.alert.previous), (AlertStatus.OPEN, 2, 1))
        services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=WHY)
        self.alert.refresh_from_db()
        self.assertEqual((self.alert.status, self.alert.explained_count), (AlertStatus.EXPLAINED, 2))
        self.assertEqual(self.alert.explained_by, self.dept_user)
        services.count_alert_review(
            actor=self.district_officer, alert=self.alert, accept=True, reason="理由成立"
        )
        self.alert.refresh_from_db()
        self.assertEqual(
            (self.alert.status, self.alert.reviewed_by), (AlertStatus.ACCEPTED, self.district_officer)
        )
        steps = list(AlertTransition.objects.filter(alert=self.alert).values_list("to_status", flat=True))
        self.assertEqual(steps, [AlertStatus.OPEN, AlertStatus.EXPLAINED, AlertStatus.ACCEPTED])
        self.assertEqual(
            AuditEvent.objects.filter(
                object_type="meetings.countalert", object_id=str(self.alert.pk)
            ).count(),
            2,
        )

    def test_rejected_explanation_goes_back_to_the_department_and_new_growth_reopens(self):
        services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=WHY)
        services.count_alert_review(
            actor=self.district_officer, alert=self.alert, accept=False, reason="可与防火文件合并"
        )
        self.alert.refresh_from_db()
        self.assertEqual(self.alert.status, AlertStatus.REJECTED)
        services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=WHY + "已合并其余。")
        services.count_alert_review(actor=self.district_officer, alert=self.alert, accept=True, reason="同意")
        self.doc("关于垃圾分类的通知")  # a third document after the accepted explanation
        self.alert.refresh_from_db()
        self.assertEqual(
            (self.alert.status, self.alert.count, self.alert.explained_count), (AlertStatus.OPEN, 3, 2)
        )

    def test_who_may_do_what(self):
        for outsider in (self.worker, self.officer, self.street_dept_user, self.far_worker):
            with self.subTest(explain=outsider.username), self.assertRaises(OutOfScope):
                services.count_alert_explain(actor=outsider, alert=self.alert, explanation=WHY)
        services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=WHY)
        other_street_office = f.user("otheroffice", "street_office", street=self.other_street)
        for outsider in (self.dept_user, self.worker, other_street_office, self.officer):
            with self.subTest(review=outsider.username), self.assertRaises(OutOfScope):
                services.count_alert_review(actor=outsider, alert=self.alert, accept=True, reason="x")
        services.count_alert_review(actor=self.district_officer, alert=self.alert, accept=True, reason="同意")

    def test_bad_input_writes_nothing(self):
        from django.core.exceptions import ValidationError

        for text in ("", "   ", "省里要求"):
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=text)
            self.assertTrue(caught.exception.message_dict["explanation"])
        with self.assertRaises(ValidationError):  # nothing to review yet
            services.count_alert_review(
                actor=self.district_officer, alert=self.alert, accept=True, reason="同意"
            )
        self.alert.refresh_from_db()
        self.assertEqual((self.alert.status, self.alert.explanation), (AlertStatus.OPEN, ""))
        self.assertEqual(AlertTransition.objects.count(), 1)

    def test_todos_name_unexplained_growth(self):
        [dept] = todos.todos(self.dept_user)
        self.assertEqual((dept.label, dept.count), ("发文数量增长未说明", 1))
        services.count_alert_explain(actor=self.dept_user, alert=self.alert, explanation=WHY)
        office = {t.label: t.count for t in todos.todos(self.district_officer)}
        self.assertEqual(office, {"发文数量增长未说明": 0, "发文数量增长说明待审核": 1})
        self.assertEqual(todos.todos(self.dept_user)[0].count, 0)
        street = {t.label: t.count for t in todos.todos(self.officer)}  # a district department's: not theirs
        self.assertEqual(street["发文数量增长说明待审核"], 0)
        self.assertEqual(todos.todos(self.worker), [])
        with translation.override("en"):
            self.assertEqual(todos.todos(self.dept_user)[0].label, "Unexplained document growth")


class AlertPageApiCliTests(AlertBase):
    def url(self):
        return f"/meetings/alerts/{self.alert.pk}/"

    def test_page_anonymous_outsider_permitted(self):
        self.assertEqual(self.client.get(self.url()).status_code, 302)
        for outsider in (self.worker, self.far_worker, self.street_dept_user):
            with self.subTest(user=outsider.username):
                self.assertEqual(self.client_for(outsider).get(self.url()).status_code, 404)
        dept = self.client_for(self.dept_user)
        page = dept.get(self.url())
        self.assertContains(page, "说明增长原因")
        self.assertContains(page, "关于高龄津贴提标的通知")
        short = dept.post(self.url(), {"form": "explain", "explanation": "太短"})
        self.assertContains(short, "至少10个字")
        self.assertEqual(CountAlert.objects.get().status, AlertStatus.OPEN)
        dept.post(self.url(), {"form": "explain", "explanation": WHY})
        self.assertEqual(CountAlert.objects.get().status, AlertStatus.EXPLAINED)
        self.assertEqual(  # the department cannot review its own explanation
            dept.post(self.url(), {"form": "review", "accept": "1", "reason": "x"}).status_code, 404
        )
        office = self.client_for(self.district_officer)
        self.assertContains(office.get(self.url()), "审核说明")
        office.post(self.url(), {"form": "review", "accept": "0", "reason": "可合并到防火文件"})
        self.assertEqual(CountAlert.objects.get().status, AlertStatus.REJECTED)
        self.assertContains(
            self.client_for(self.district_officer).get("/meetings/"), f"/meetings/alerts/{self.alert.pk}/"
        )
        with self.assertNumQueries(5):
            office.get(self.url())

    def test_api(self):
        _t, token = api_token_create(user=self.dept_user, name="t")
        auth = {"Authorization": f"Bearer {token}"}
        listed = self.client.get("/api/v1/meetings/alerts?status=open", headers=auth).json()
        self.assertEqual([a["id"] for a in listed], [self.alert.pk])
        bad = self.client.post(
            f"/api/v1/meetings/alerts/{self.alert.pk}/explain",
            {"explanation": ""},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(bad.status_code, 422)
        done = self.client.post(
            f"/api/v1/meetings/alerts/{self.alert.pk}/explain",
            {"explanation": WHY},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(done.json()["status"], AlertStatus.EXPLAINED)
        _t, far = api_token_create(user=self.far_worker, name="f")
        self.assertEqual(
            self.client.get(
                f"/api/v1/meetings/alerts/{self.alert.pk}", headers={"Authorization": f"Bearer {far}"}
            ).status_code,
            404,
        )
        _t, office = api_token_create(user=self.district_officer, name="o")
        reviewed = self.client.post(
            f"/api/v1/meetings/alerts/{self.alert.pk}/review",
            {"accept": True, "reason": "理由成立"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {office}"},
        )
        self.assertEqual(reviewed.json()["status"], AlertStatus.ACCEPTED)
        self.assertEqual(self.client.get("/api/v1/meetings/alerts").status_code, 401)

    def test_cli(self):
        def run(*args):
            out = io.StringIO()
            call_command("meetings", *args, stdout=out)
            return out.getvalue()

        [row] = json.loads(run("alerts", "--status", "open", "--json"))
        self.assertEqual((row["count"], row["previous"]), (2, 1))
        with self.assertRaisesMessage(CommandError, "not permitted"):  # sees it, but is not the department
            run("explain", str(self.alert.pk), "--text", WHY, "--user", self.district_officer.username)
        with self.assertRaisesMessage(CommandError, "not found"):  # another street's office: out of scope
            run("explain", str(self.alert.pk), "--text", WHY, "--user", self.officer.username)
        out = json.loads(
            run("explain", str(self.alert.pk), "--text", WHY, "--user", self.dept_user.username, "--json")
        )
        self.assertEqual(out["status"], AlertStatus.EXPLAINED)
        self.assertIn("rejected", run("review", str(self.alert.pk), "--reject", "--reason", "可合并"))
        with self.assertRaisesMessage(CommandError, "not found"):
            run("review", "99999", "--accept", "--reason", "x")
        self.assertEqual(CountAlert.objects.get().review_reason, "可合并")
