import datetime as dt
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jianfu.burden.models import BurdenEntry
from jianfu.casework import services
from jianfu.casework.choices import Channel, Duty, Escalation, Satisfaction, Status, WhistleStatus
from jianfu.casework.models import Category, ServiceRequest, Transition
from jianfu.casework.tests.helpers import cgj, lamp_request
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import MissingActor, system_actor
from jianfu.core.testing import PersonaTestCase
from jianfu.notify.models import Delivery, Message


class IntakeTests(PersonaTestCase):
    def test_resident_lamp_is_routed_to_city_management(self):
        sr = lamp_request(self)
        assert sr.status == Status.ACCEPTED
        assert sr.duty == Duty.DEPARTMENT
        assert "区城管局" in sr.route_reason and "N04" in sr.route_reason
        assert sr.attributes == {"fault": "fault_1"}
        assert sr.transitions.count() == 1
        assert Message.objects.filter(template="request.accepted").exists()
        assert Delivery.objects.filter(channel="sms", destination="13812345678").exists()

    def test_contact_required_and_nothing_written(self):
        with self.assertRaises(services.CaseError) as ctx:
            lamp_request(
                self, actor=AnonymousUser(), reporter_phone="", text="", attributes={"fault": "坏了", "x": 1}
            )
        text = str(ctx.exception)
        assert "联系电话" in text and "描述" in text and "不在可选项" in text and "没有名为“x”" in text
        assert ServiceRequest.objects.count() == 0

    def test_grid_worker_needs_a_place(self):
        with self.assertRaises(services.CaseError):
            lamp_request(self, actor=self.grid_worker, channel=Channel.GRID, reporter_phone="")
        sr = lamp_request(
            self,
            actor=self.grid_worker,
            channel=Channel.GRID,
            reporter_phone="",
            address="民意小区3栋",
            grid=self.grid,
        )
        assert sr.grid == self.grid and sr.reporter is None

    def test_power_has_no_department_so_district_fallback(self):
        sr = lamp_request(self, category=Category.objects.get(code="power"), attributes={"issue": "整栋停电"})
        assert sr.duty == Duty.UNCLEAR and "区级兜底" in sr.route_reason

    def test_emergency_due_in_two_hours_general_in_working_days(self):
        start = timezone.make_aware(dt.datetime(2026, 9, 30, 10, 0))  # before the National Day holiday
        sr = lamp_request(self, created_at=start)
        # 7 working days after 2026-09-30 skip 10-01..10-07 (holiday) → lands in mid-October
        assert timezone.localtime(sr.due_at).date() > dt.date(2026, 10, 8)
        fire = lamp_request(
            self,
            category=Category.objects.get(code="fire-lane"),
            attributes={"blocker": "机动车"},
            created_at=start,
        )
        assert fire.due_at == start + dt.timedelta(hours=2)


class LifecycleTests(PersonaTestCase):
    def whistled(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.grid_worker, request=sr, departments=[cgj(self.district)])
        sr.refresh_from_db()
        return sr

    def test_whistle_sets_report_in_deadlines_and_lead(self):
        sr = self.whistled()
        w = sr.whistles.get()
        assert w.lead and sr.lead_department.code == "CGJ" and sr.status == Status.DISPATCHED
        assert w.sign_due - w.whistled_at == dt.timedelta(hours=1)
        assert w.contact_due - w.whistled_at == dt.timedelta(hours=24)
        assert w.onsite_due > w.whistled_at + dt.timedelta(days=2)
        entry = BurdenEntry.objects.get(kind="whistle")
        assert entry.department.code == "CGJ" and entry.hours == 0

    def test_several_departments_first_leads(self):
        sr = lamp_request(self)
        zjj = cgj(self.district).__class__.objects.create(
            district=self.district, code="ZJJ", name="区住建局", level="district"
        )
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district), zjj])
        assert list(sr.whistles.values_list("department__code", "lead")) == [("CGJ", True), ("ZJJ", False)]

    def test_full_journey_with_verification(self):
        sr = self.whistled()
        dept_user = self._cgj_user()
        w = sr.whistles.get()
        services.whistle_sign(actor=dept_user, whistle=w)
        sr.refresh_from_db()
        assert sr.status == Status.HANDLING and sr.responded_at
        services.whistle_on_site(actor=dept_user, whistle=w)
        services.request_reply(actor=dept_user, request=sr, reply="已更换灯泡")
        assert sr.status == Status.REPLIED
        with self.assertRaises(services.CaseError):
            services.request_visit(actor=self.worker, request=sr, note="")
        services.request_verify(actor=AnonymousUser(), request=sr, solved=True, token=sr.token)
        assert sr.status == Status.CLOSED and sr.closed_on_time and sr.verification == "reporter"
        services.request_rate(
            actor=AnonymousUser(), request=sr, satisfaction=Satisfaction.SATISFIED, token=sr.token
        )
        services.whistle_rate(actor=self.worker, whistle=w, score=5)
        assert sr.status == Status.RATED
        steps = list(Transition.objects.filter(request=sr).values_list("to_status", flat=True))
        assert steps[0] == Status.ACCEPTED and steps[-1] == Status.RATED

    def test_not_solved_goes_back_to_handling_as_rework(self):
        sr = lamp_request(self, category=Category.objects.get(code="corridor-clutter"), attributes={})
        services.request_dispatch(actor=self.worker, request=sr, grid=self.grid)
        services.request_start(actor=self.grid_worker, request=sr)
        services.request_reply(actor=self.grid_worker, request=sr, reply="已清理")
        services.request_verify(actor=self.resident, request=sr, solved=False, note="还有两箱")
        assert sr.status == Status.HANDLING and sr.rework_count == 1
        assert BurdenEntry.objects.filter(kind="resident_request", department__isnull=True).count() == 1

    def test_illegal_transition_refused_with_message(self):
        sr = lamp_request(self)
        with self.assertRaises(services.CaseError) as ctx:
            services.request_reply(actor=self.worker, request=sr, reply="x")
        assert "不能转为" in str(ctx.exception)

    def test_outsider_cannot_act(self):
        sr = lamp_request(self)
        with self.assertRaises(services.NotAllowed):
            services.request_dispatch(actor=self.other_worker, request=sr)

    def test_reopen_after_close(self):
        sr = lamp_request(self, category=Category.objects.get(code="corridor-clutter"), attributes={})
        services.request_dispatch(actor=self.worker, request=sr)
        services.request_reply(actor=self.worker, request=sr, reply="已清理")
        services.request_verify(actor=self.grid_worker, request=sr, solved=True)
        services.request_reopen(actor=self.resident, request=sr, reason="又堆满了")
        assert sr.status == Status.HANDLING and sr.reopen_count == 1 and sr.closed_at is None

    def test_department_return_is_a_push_down_in_the_ledger(self):
        sr = self.whistled()
        services.whistle_return(actor=self._cgj_user(), whistle=sr.whistles.get(), reason="不归我们管")
        entry = BurdenEntry.objects.get(kind="resident_request")
        assert entry.department.code == "CGJ" and entry.outside_lists

    def test_reveal_is_audited_and_department_needs_to_sign_first(self):
        sr = self.whistled()
        dept_user = self._cgj_user()
        with self.assertRaises(services.NotAllowed):
            services.reporter_reveal(actor=dept_user, request=sr, purpose="联系")
        services.whistle_sign(actor=dept_user, whistle=sr.whistles.get())
        assert (
            services.reporter_reveal(actor=dept_user, request=sr, purpose="联系诉求人")["phone"]
            == "13812345678"
        )

    def _cgj_user(self):
        from jianfu.core.testing import factories as f

        return f.user("cgj", "department", department=cgj(self.district))


JOB = system_actor("jianfu worker: casework escalation")


class EscalationTests(PersonaTestCase):
    def test_missed_sign_escalates_to_street_then_district_idempotently(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        later = timezone.now() + dt.timedelta(hours=2)
        assert services.request_escalate_overdue(actor=JOB, now=later)["street"] == 1
        sr.refresh_from_db()
        assert sr.escalation == Escalation.STREET and sr.status == Status.SUPERVISED
        assert services.request_escalate_overdue(actor=JOB, now=later)["street"] == 0  # idempotent
        with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(days=5)):
            counts = services.request_escalate_overdue(actor=JOB, now=later + dt.timedelta(days=5))
        assert counts["district"] == 1
        sr.refresh_from_db()
        assert sr.escalation == Escalation.DISTRICT
        assert sr.transitions.filter(note__contains="区级督办").exists()

    def test_escalation_entries_name_the_system_actor(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        cli = system_actor("jianfu requests escalate (ops)")
        services.request_escalate_overdue(actor=cli, now=timezone.now() + dt.timedelta(hours=2))
        step = sr.transitions.get(to_status=Status.SUPERVISED)
        assert step.by is None and step.by_label == "jianfu requests escalate (ops)"
        audit = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(sr.pk)).latest("id")
        assert audit.actor is None and audit.actor_label == "system: jianfu requests escalate (ops)"

    def test_escalation_without_an_actor_is_refused(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        with self.assertRaises(MissingActor):
            services.request_escalate_overdue(actor=None, now=timezone.now() + dt.timedelta(hours=2))
        sr.refresh_from_db()
        assert sr.escalation == Escalation.NONE

    def test_a_bare_string_is_not_an_actor(self):
        with self.assertRaises(TypeError):
            lamp_request(self, actor="CLI:someone")
        assert ServiceRequest.objects.count() == 0

    def test_anonymous_reporter_is_named_as_the_reporter(self):
        sr = lamp_request(self, actor=AnonymousUser())
        assert sr.transitions.get().by_label == "诉求人"

    def test_on_time_request_not_escalated(self):
        lamp_request(self)
        assert services.request_escalate_overdue(actor=JOB)["street"] == 0


class WhistleStateTests(PersonaTestCase):
    def test_only_the_whistled_department_signs(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        with self.assertRaises(services.NotAllowed):
            services.whistle_sign(actor=self.dept_user, whistle=sr.whistles.get())
        assert sr.whistles.get().status == WhistleStatus.WHISTLED


class RollupTests(PersonaTestCase):
    def test_incremental_rollup_equals_a_rebuild(self):
        from jianfu.casework import rollup
        from jianfu.casework.models import RateMonth

        a = lamp_request(self)
        b = lamp_request(self, category=Category.objects.get(code="corridor-clutter"), attributes={})
        services.request_whistle(actor=self.worker, request=a, departments=[cgj(self.district)])
        services.request_dispatch(actor=self.worker, request=b)
        services.request_reply(actor=self.worker, request=b, reply="已清理")
        services.request_verify(actor=self.grid_worker, request=b, solved=True)
        services.request_merge(actor=self.worker, request=lamp_request(self), into=a)
        fields = (
            "month",
            "community_id",
            "department_id",
            "category_id",
            "total",
            "responded",
            "solved",
            "closed",
            "on_time",
            "rated",
            "satisfied",
            "rework",
        )
        live = sorted(RateMonth.objects.values_list(*fields), key=str)
        rollup.rebuild()
        assert sorted(RateMonth.objects.values_list(*fields), key=str) == live
        assert sum(r[4] for r in live) == 2  # the merged duplicate is not counted twice
