"""The intake end to end: services (burden entries, withdraw, count alert), pages, API and CLI."""

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from jianfu.accounts.auth import api_token_create
from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing.factories import SYSTEM
from jianfu.meetings import services
from jianfu.meetings.choices import AlertStatus, NoticeStatus, Rule
from jianfu.meetings.models import CountAlert, Notice, NoticeTransition

ACCOMPANY = "请各社区书记、主任准时列席全区安全生产工作会议。会议时间：上午9:00-11:00。"
GOOD_MEETING: dict[str, Any] = {
    "approved_by": "区委办公室",
    "approval_ref": "江办〔2026〕3号",
    "mode": "online",
    "minutes": 60,
}


class IntakeServiceTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.today = timezone.localdate()

    def submit(self, actor=None, kind="meeting", title="全区调度会", text="", communities=None, **data):
        return services.notice_submit(
            actor=actor or self.dept_user,
            kind=kind,
            department=self.department,
            communities=communities or [self.community, self.other_community],
            date=data.pop("date", self.today),
            title=title,
            text=text,
            **data,
        )

    def test_admitted_meeting_lands_in_the_burden_ledger_of_each_community(self):
        notice = self.submit(attendees_per_community=2, **GOOD_MEETING)
        self.assertEqual(notice.status, NoticeStatus.ADMITTED)
        entries = BurdenEntry.objects.filter(source_ref=notice.source_ref)
        self.assertEqual(entries.count(), 2)
        self.assertEqual({e.kind for e in entries}, {EntryKind.MEETING})
        # Standard Cost Model: 120 minutes per meeting attendance × 2 attendees
        self.assertEqual({e.hours for e in entries}, {services.Decimal("4.00")})
        self.assertEqual(notice.hours, services.Decimal("8.00"))
        self.assertTrue(
            AuditEvent.objects.filter(object_type="meetings.notice", object_id=str(notice.pk)).exists()
        )
        self.assertTrue(AuditEvent.objects.filter(object_type="burden.burdenentry").exists())
        self.assertEqual(NoticeTransition.objects.get(notice=notice).to_status, NoticeStatus.ADMITTED)

    def test_accompany_meeting_is_stopped_with_the_rule_and_costs_nothing(self):
        notice = self.submit(title="全区安全生产工作会议", text=ACCOMPANY, approved_by="区委办公室")
        self.assertEqual(notice.status, NoticeStatus.REFUSED)
        self.assertIn(Rule.MEETING_ACCOMPANY, notice.violations)
        self.assertTrue(any("陪会" in r for r in notice.reasons))
        self.assertTrue(notice.heads)
        self.assertFalse(BurdenEntry.objects.exists())

    def test_future_meeting_is_recorded_on_the_day_it_was_admitted(self):
        notice = self.submit(date=self.today + dt.timedelta(days=10), **GOOD_MEETING)
        self.assertEqual(
            set(
                BurdenEntry.objects.filter(source_ref=notice.source_ref).values_list("occurred_on", flat=True)
            ),
            {self.today},
        )

    def test_withdraw_counts_entries_as_avoided(self):
        notice = self.submit(**GOOD_MEETING)
        services.notice_withdraw(actor=self.dept_user, notice=notice, reason="合并到季度例会")
        notice.refresh_from_db()
        self.assertEqual(notice.status, NoticeStatus.WITHDRAWN)
        self.assertFalse(BurdenEntry.objects.filter(source_ref=notice.source_ref, withdrawn_at=None).exists())
        with self.assertRaises(ValidationError):
            services.notice_withdraw(actor=self.dept_user, notice=notice, reason="again")
        with self.assertRaises(OutOfScope):
            services.notice_withdraw(actor=self.far_worker, notice=notice, reason="x")

    def test_bad_input_writes_nothing(self):
        cases: list[tuple[dict[str, Any], str]] = [
            ({"title": ""}, "title"),
            ({"mode": "carrier-pigeon"}, "mode"),
            ({"attendees_per_community": 0}, "attendees_per_community"),
        ]
        for kwargs, field in cases:
            with self.subTest(field=field), self.assertRaises(ValidationError) as ctx:
                self.submit(**{**GOOD_MEETING, **kwargs})
            self.assertIn(field, ctx.exception.message_dict)
        with self.assertRaises(ValidationError) as ctx:
            services.notice_submit(
                actor=self.street_dept_user,
                kind="meeting",
                department=self.street_department,
                communities=[self.far_community],
                date=self.today,
                title="街道会",
            )
        self.assertIn("communities", ctx.exception.message_dict)
        self.assertFalse(Notice.objects.exists())
        self.assertFalse(BurdenEntry.objects.exists())

    def test_who_may_register(self):
        with self.assertRaises(OutOfScope):
            self.submit(actor=self.worker, **GOOD_MEETING)
        with self.assertRaises(ValidationError):  # another department's name
            services.notice_submit(
                actor=self.street_dept_user,
                kind="meeting",
                department=self.department,
                communities=[self.community],
                date=self.today,
                title="x",
                **GOOD_MEETING,
            )
        self.assertEqual(
            self.submit(actor=self.district_officer, **GOOD_MEETING).status, NoticeStatus.ADMITTED
        )

    def test_document_form_catalog_and_count_alert(self):
        services.form_entry_add(
            actor=self.district_officer, district=self.district, year=self.today.year, name="高龄津贴发放名册"
        )
        with self.assertRaises(OutOfScope):
            services.form_entry_add(
                actor=self.officer, district=self.district, year=self.today.year, name="x表"
            )
        last_year = self.today.replace(year=self.today.year - 1, month=6, day=1)
        self.submit(kind="document", title="去年的通知", text="请做好宣传。", date=last_year)
        first = self.submit(
            kind="document", title="关于发放高龄津贴的通知", text="附件：高龄津贴发放名册.xlsx"
        )
        self.assertEqual(first.status, NoticeStatus.ADMITTED)
        self.assertFalse(CountAlert.objects.exists())  # 1 this year, 1 last year: not grown
        refused = self.submit(kind="document", title="关于养犬登记的通知", text="附件：居民养犬登记表")
        self.assertEqual(refused.violations, [Rule.DOCUMENT_FORM_NOT_IN_CATALOG])
        self.assertFalse(CountAlert.objects.exists())  # refused documents are not issued
        self.submit(kind="document", title="第二份通知", text="请做好宣传。")
        alert = CountAlert.objects.get()
        self.assertEqual((alert.count, alert.previous, alert.status), (2, 1, AlertStatus.OPEN))
        self.assertEqual(
            BurdenEntry.objects.filter(kind=EntryKind.DOCUMENT, occurred_on__year=self.today.year).count(), 4
        )
        services.count_alert_explain(
            actor=self.dept_user,
            alert=alert,
            explanation="新增省定任务：省里今年部署的高龄津贴提标，须单独发文",
        )
        with self.assertRaises(OutOfScope):
            services.count_alert_explain(actor=self.worker, alert=alert, explanation="x")

    def test_caps_are_configurable(self):
        services.intake_rules_set(
            actor=self.district_officer,
            district=self.district,
            meeting_max_minutes=45,
            comprehensive_max_chars=5000,
            special_max_chars=4000,
        )
        notice = self.submit(**GOOD_MEETING)
        self.assertEqual(notice.violations, [Rule.MEETING_TOO_LONG])
        with self.assertRaises(ValidationError):
            services.intake_rules_set(
                actor=self.district_officer,
                district=self.district,
                meeting_max_minutes=1,
                comprehensive_max_chars=5000,
                special_max_chars=4000,
            )
        with self.assertRaises(OutOfScope):
            services.intake_rules_set(
                actor=self.worker,
                district=self.district,
                meeting_max_minutes=60,
                comprehensive_max_chars=5000,
                special_max_chars=4000,
            )


class IntakePageTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.notice = services.notice_submit(
            actor=SYSTEM,
            kind="meeting",
            department=self.street_department,
            communities=[self.community],
            date=timezone.localdate(),
            title="民意社区调度会",
            **GOOD_MEETING,
        )

    def test_anonymous_is_sent_to_sign_in(self):
        for url in (
            "/meetings/",
            "/meetings/new/",
            "/meetings/check/",
            f"/meetings/{self.notice.pk}/",
            "/meetings/rules/",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])

    def test_outsiders_get_404(self):
        far = self.client_for(self.far_worker)
        self.assertEqual(far.get(f"/meetings/{self.notice.pk}/").status_code, 404)
        self.assertNotContains(far.get("/meetings/"), "民意社区调度会")
        self.assertEqual(far.get("/meetings/new/").status_code, 404)  # workers do not register notices
        self.assertEqual(self.client_for(self.dept_user).get(f"/meetings/{self.notice.pk}/").status_code, 404)
        self.assertEqual(self.client_for(self.resident).get("/meetings/check/").status_code, 404)
        self.assertEqual(far.post(f"/meetings/{self.notice.pk}/withdraw/", {"reason": "x"}).status_code, 404)

    def test_permitted_see_the_notice(self):
        for user in (self.worker, self.officer, self.district_officer, self.street_dept_user):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertContains(client.get("/meetings/"), "民意社区调度会")
                self.assertContains(client.get(f"/meetings/{self.notice.pk}/"), "民意社区调度会")

    def test_list_query_count_does_not_grow_with_rows(self):
        for n in range(5):
            services.notice_submit(
                actor=SYSTEM,
                kind="document",
                department=self.street_department,
                communities=[self.community],
                date=timezone.localdate(),
                title=f"文件{n}",
            )
        client = self.client_for(self.officer)
        client.get("/meetings/")
        with self.assertNumQueries(6):
            response = client.get("/meetings/")
        self.assertContains(response, "文件4")

    def test_department_registers_and_is_stopped_at_the_intake(self):
        client = self.client_for(self.dept_user)
        self.assertEqual(client.get("/meetings/new/").status_code, 200)
        response = client.post(
            "/meetings/new/",
            {
                "kind": "meeting",
                "department": self.department.pk,
                "title": "全区安全生产工作会议",
                "text": ACCOMPANY,
                "date": timezone.localdate().isoformat(),
                "communities": [self.community.pk],
                "attendees_per_community": 2,
                "approved_by": "区委办公室",
                "scope": "special",
            },
            follow=True,
        )
        self.assertContains(response, "meeting_accompany")
        self.assertContains(response, "陪会")
        notice = Notice.objects.get(title="全区安全生产工作会议")
        self.assertEqual(notice.status, NoticeStatus.REFUSED)
        bad = client.post(
            "/meetings/new/", {"kind": "meeting", "department": self.department.pk, "title": ""}
        )
        self.assertEqual(bad.status_code, 200)
        self.assertEqual(Notice.objects.count(), 2)

    def test_worker_pastes_a_notice_and_writes_nothing(self):
        client = self.client_for(self.worker)
        response = client.post(
            "/meetings/check/", {"kind": "meeting", "title": "会议通知", "text": ACCOMPANY}
        )
        self.assertContains(response, "meeting_accompany")
        self.assertContains(response, "有权拒绝")
        self.assertEqual(Notice.objects.count(), 1)

    def test_rules_page(self):
        self.assertContains(self.client_for(self.worker).get("/meetings/rules/"), "240")
        client = self.client_for(self.district_officer)
        response = client.post(
            "/meetings/rules/", {"form": "entry", "year": 2026, "name": "低保对象名册", "aliases": "低保名册"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            self.client_for(self.worker).post("/meetings/rules/", {"form": "entry"}).status_code, 404
        )

    def test_withdraw_page(self):
        response = self.client_for(self.street_dept_user).post(
            f"/meetings/{self.notice.pk}/withdraw/", {"reason": "改为线上"}, follow=True
        )
        self.assertContains(response, "已撤回")


class IntakeCliApiTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def run_json(self, *args):
        out = io.StringIO()
        with redirect_stdout(out):
            call_command("meetings", *args)
        return json.loads(out.getvalue())

    def test_cli_check_stops_accompany(self):
        data = self.run_json("check", "--title", "会议通知", "--text", ACCOMPANY, "--json")
        self.assertEqual(data["decision"], "refused")
        self.assertIn("meeting_accompany", data["violations"])
        self.assertFalse(Notice.objects.exists())

    def test_cli_submit_and_bad_input(self):
        data = self.run_json(
            "submit",
            "--department",
            "MZJ",
            "--date",
            timezone.localdate().isoformat(),
            "--title",
            "调度会",
            "--approved-by",
            "区委办公室",
            "--mode",
            "online",
            "--minutes",
            "60",
            "--json",
        )
        self.assertEqual((data["decision"], data["communities"]), ("admitted", 3))
        self.assertEqual(BurdenEntry.objects.filter(kind=EntryKind.MEETING).count(), 3)
        with self.assertRaises(CommandError):
            call_command("meetings", "submit", "--department", "nope", "--date", "2026-01-01", "--title", "x")
        with self.assertRaises(CommandError):
            call_command("meetings", "submit", "--department", "MZJ", "--date", "tomorrow", "--title", "x")
        self.assertEqual(Notice.objects.count(), 1)

    def test_api(self):
        _t, token = api_token_create(user=self.dept_user, name="t")
        auth = {"Authorization": f"Bearer {token}"}
        check = self.client.post(
            "/api/v1/meetings/check",
            {"title": "会议通知", "text": ACCOMPANY},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(check.status_code, 200)
        self.assertIn("meeting_accompany", check.json()["violations"])
        created = self.client.post(
            "/api/v1/meetings/notices",
            {
                "title": "全区会议",
                "text": ACCOMPANY,
                "department": "MZJ",
                "date": timezone.localdate().isoformat(),
                "communities": ["420102001001"],
                "approved_by": "区委办公室",
            },
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(created.status_code, 201, created.content)
        body = created.json()
        self.assertEqual(body["status"], "refused")
        self.assertIn("meeting_accompany", body["violations"])
        listed = self.client.get("/api/v1/meetings/notices", headers=auth)
        self.assertEqual([n["id"] for n in listed.json()], [body["id"]])
        _t2, far = api_token_create(user=self.far_worker, name="t")
        self.assertEqual(
            self.client.get(
                f"/api/v1/meetings/notices/{body['id']}", headers={"Authorization": f"Bearer {far}"}
            ).status_code,
            404,
        )
        self.assertEqual(self.client.get("/api/v1/meetings/notices").status_code, 401)
        bad = self.client.post(
            "/api/v1/meetings/notices",
            {"title": "", "department": "MZJ", "date": "2026-01-01"},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(bad.status_code, 422)
        self.assertEqual(Notice.objects.count(), 1)
        other = self.client.post(
            "/api/v1/meetings/notices",
            {"title": "x", "department": "DZ-PA", "date": "2026-01-01"},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(other.status_code, 422)


class DemoTests(PersonaTestCase):
    def test_demo_seed_is_realistic_and_idempotent(self):
        from jianfu.core.testing import factories as f
        from jianfu.meetings import demo

        for code, name in (
            ("WJW", "区卫健委"),
            ("CGJ", "区城管局"),
            ("YJJ", "区应急管理局"),
            ("SJJ", "区市场监管局"),
        ):
            f.department(self.district, code, name)
        out = io.StringIO()
        demo.seed(out)
        self.assertIn("meetings:", out.getvalue())
        refused = Notice.objects.filter(status=NoticeStatus.REFUSED)
        self.assertTrue(any(Rule.MEETING_ACCOMPANY in n.violations for n in refused))
        self.assertTrue(any(Rule.DOCUMENT_REPORT_BACK in n.violations for n in refused))
        self.assertTrue(
            Notice.objects.filter(status=NoticeStatus.ADMITTED, year=timezone.localdate().year - 1).exists()
        )
        self.assertTrue(CountAlert.objects.filter(department__code="CGJ").exists())
        count = Notice.objects.count()
        demo.seed(io.StringIO())
        self.assertEqual(Notice.objects.count(), count)
