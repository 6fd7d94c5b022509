"""Submission, decisions against the shipped catalog, ledger entries, workflow, duplicates."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from jianfu.burden.models import BurdenEntry
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.gate import services
from jianfu.gate.choices import Decision, NoticeKind, TargetStatus, TaskStatus
from jianfu.gate.models import OfficeNotice, Task, TaskTarget, TaskTransition

DIBAO = ("协助开展低保年度复核", "请各社区协助开展2026年度低保复核工作，入户调查并张贴公示。")
CHAIQIAN = ("拆违攻坚行动", "请各社区负责辖区拆违和征收拆迁工作，限期完成违建拆除。")
NEW_LEDGER = ("建立文明养犬台账", "请各社区新建文明养犬工作台账，每月报送。")
ELDERS = ("80周岁以上老人名单", "请各社区报送辖区80周岁以上老人名单及联系方式。")


class GateServiceCase(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def submit(self, title, description, **kw):
        kw.setdefault("communities", [self.community, self.other_community])
        return services.task_submit(
            actor=kw.pop("actor", self.dept_user),
            department=kw.pop("department", self.department),
            title=title,
            description=description,
            **kw,
        )


class SubmitTests(GateServiceCase):
    def test_assist_item_admitted_and_recorded_per_community(self):
        task = self.submit(*DIBAO, expected_hours=8, resource_money=2000)
        self.assertEqual(task.decision, Decision.ADMITTED)
        self.assertEqual(task.status, TaskStatus.ADMITTED)
        self.assertEqual(task.item_code, "A01")
        self.assertGreaterEqual(task.score, 0.5)
        self.assertTrue(task.matched_words)
        entries = BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}")
        self.assertEqual(entries.count(), 2)
        for e in entries:
            self.assertEqual(e.kind, "task_admitted")
            self.assertEqual(e.hours, Decimal("8.00"))
            self.assertFalse(e.outside_lists)
            self.assertEqual(e.department, self.department)
        self.assertFalse(OfficeNotice.objects.filter(task=task).exists())
        self.assertTrue(AuditEvent.objects.filter(object_type="gate.task", object_id=str(task.pk)).exists())
        self.assertEqual(TaskTransition.objects.get(task=task).to_status, TaskStatus.ADMITTED)

    def test_assist_without_resources_notifies_office(self):
        task = self.submit(*DIBAO)
        self.assertIn("assist_without_resources", task.flags)
        notice = OfficeNotice.objects.get(task=task)
        self.assertEqual(notice.kind, NoticeKind.ASSIST_WITHOUT_RESOURCES)
        self.assertIn(notice, OfficeNotice.objects.restrict(self.officer, "view"))
        self.assertNotIn(notice, OfficeNotice.objects.restrict(self.worker, "view"))

    def test_negative_rejected(self):
        task = self.submit(*CHAIQIAN)
        self.assertEqual(task.decision, Decision.REJECTED)
        self.assertEqual(task.item_code, "N02")
        self.assertNotIn("天津", " ".join(task.reasons))  # a Wuhan district: no Tianjin list cited
        self.assertIn("全国参考清单", " ".join(task.reasons))
        self.assertFalse(BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}").exists())

    def test_new_ledger_needs_approval_with_due_date(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        self.assertEqual(task.decision, Decision.NEEDS_APPROVAL)
        self.assertEqual(task.status, TaskStatus.PENDING_APPROVAL)
        # the local (Asia/Shanghai) date: between 16:00 and 24:00 UTC it is already tomorrow there
        submitted_on = timezone.localdate(task.created_at)
        self.assertEqual(task.decision_due, services.workdays.add_working_days(submitted_on, 15))
        self.assertGreater(task.decision_due, submitted_on + dt.timedelta(days=18))

    def test_emergency_admitted_and_flagged(self):
        task = self.submit(
            "防汛紧急转移", "台风登陆，请各社区立即组织低洼地带居民转移。", emergency=True, kind="inspection"
        )
        self.assertEqual(task.decision, Decision.ADMITTED)
        self.assertTrue(OfficeNotice.objects.filter(task=task, kind=NoticeKind.EMERGENCY_REVIEW).exists())

    def test_served_from_registry(self):
        old = dt.date(1940, 5, 1)
        f.person(self.community, name="张秀英", birth=old, phone="13800001111")
        f.person(self.other_community, name="李桂兰", birth=dt.date(1943, 1, 2))
        f.person(self.community, name="年轻人", birth=dt.date(1990, 1, 1))
        f.person(self.far_community, name="远方老人", birth=old)
        task = self.submit(*ELDERS, kind="survey")
        self.assertEqual(task.decision, Decision.SERVED_FROM_REGISTRY)
        self.assertEqual(task.status, TaskStatus.SERVED)
        self.assertFalse(TaskTarget.objects.filter(task=task, status=TargetStatus.ACTIVE).exists())
        request = task.data_request
        self.assertEqual((request.status, request.population), ("pending", "age>=80"))
        entries = BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}")
        self.assertFalse(entries.exists())  # nothing is credited before the data is released
        from jianfu.sharing.services import data_request_approve

        data_request_approve(
            actor=self.district_officer, request=request, population_text="age>=80", fields=request.fields
        )
        request.refresh_from_db()
        self.assertEqual(request.rows, 2)
        self.assertTrue(request.file.name.endswith(".xlsx"))
        self.assertEqual({e.kind for e in entries}, {"data_request"})
        self.assertTrue(all(e.hours == 0 for e in entries))
        self.assertGreater(sum(e.saved_hours for e in entries), 0)
        self.assertTrue(AuditEvent.objects.filter(action="export", object_id=str(request.pk)).exists())

    def test_requested_fields_held_by_registry_are_served(self):
        task = self.submit(
            "退役军人信息", "请提供退役军人基本信息。", requested_fields=["name", "phone", "enlist_date"]
        )
        self.assertEqual(task.decision, Decision.SERVED_FROM_REGISTRY)

    def test_requested_fields_not_held_go_through_the_lists(self):
        task = self.submit("退役军人信息", "请提供退役军人基本信息。", requested_fields=["name", "shoe_size"])
        self.assertNotEqual(task.decision, Decision.SERVED_FROM_REGISTRY)

    def test_near_duplicate_linked(self):
        first = self.submit(*DIBAO, resource_money=100)
        second = services.task_submit(
            actor=self.street_dept_user,
            department=self.street_department,
            title="低保年度复核工作",
            description="请社区协助开展2026年度低保复核，入户调查并公示。",
            communities=[self.community],
        )
        self.assertEqual(second.duplicate_of, first)
        self.assertIn("duplicate", second.flags)
        unrelated = self.submit("调解邻里纠纷", "请社区做好邻里纠纷人民调解。")
        self.assertIsNone(unrelated.duplicate_of)

    def test_old_task_is_not_a_duplicate(self):
        first = self.submit(*DIBAO)
        Task.objects.filter(pk=first.pk).update(created_at=first.created_at - dt.timedelta(days=91))
        self.assertIsNone(self.submit(*DIBAO).duplicate_of)


class BadInputTests(GateServiceCase):
    def assertNothingWritten(self):
        self.assertFalse(Task.objects.exists())
        self.assertFalse(BurdenEntry.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(object_type="gate.task").exists())

    def test_empty_description(self):
        with self.assertRaises(ValidationError) as ctx:
            self.submit("标题", "   ")
        self.assertIn("description", ctx.exception.message_dict)
        self.assertNothingWritten()

    def test_100kb_description(self):
        with self.assertRaises(ValidationError) as ctx:
            self.submit("标题", "低保" * 51_200)
        self.assertIn("20,000", ctx.exception.message_dict["description"][0])
        self.assertNothingWritten()

    def test_outside_reach(self):
        with self.assertRaises(ValidationError) as ctx:
            services.task_submit(
                actor=self.street_dept_user,
                department=self.street_department,
                title="t",
                description="低保复核",
                communities=[self.community, self.far_community],
            )
        self.assertIn("花桥社区", ctx.exception.message_dict["communities"][0])
        self.assertNothingWritten()

    def test_acting_for_another_department(self):
        with self.assertRaises(ValidationError):
            self.submit(*DIBAO, actor=self.street_dept_user)
        self.assertNothingWritten()

    def test_bad_kind(self):
        with self.assertRaises(ValidationError):
            self.submit(*DIBAO, kind="party")
        self.assertNothingWritten()

    def test_html_stored_as_text(self):
        task = self.submit("<script>alert(1)</script>低保复核", "<b onmouseover=x>低保</b> 复核")
        self.assertEqual(Task.objects.get(pk=task.pk).title, "<script>alert(1)</script>低保复核")


class WorkflowTests(GateServiceCase):
    def pending(self):
        return self.submit(*NEW_LEDGER, kind="ledger_report")

    def review(self, task, approve, actor=None):
        return services.task_decide(
            actor=actor or self.officer,
            task=task,
            approve=approve,
            legality="有依据",
            reasonableness="合理",
            feasibility="可行",
            reason="同意" if approve else "不同意",
        )

    def test_approve_records_outside_list_entries(self):
        task = self.pending()
        services.task_comment_add(actor=self.worker, task=task, body="每月报送太频繁，建议按季度。")
        task = self.review(task, True)
        self.assertEqual(task.status, TaskStatus.APPROVED)
        self.assertIn("民意社区", task.review_opinions)
        entries = BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}", kind="task_admitted")
        self.assertEqual(entries.count(), 2)
        self.assertTrue(all(e.outside_lists for e in entries))
        self.assertEqual(
            list(task.transitions.values_list("to_status", flat=True)),
            [TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED],
        )
        self.assertTrue(AuditEvent.objects.filter(action="decide", object_id=str(task.pk)).exists())

    def test_reject_and_no_second_decision(self):
        task = self.review(self.pending(), False)
        self.assertEqual(task.status, TaskStatus.REJECTED)
        with self.assertRaises(ValidationError):
            self.review(task, True)

    def test_decide_needs_the_criteria(self):
        task = self.pending()
        with self.assertRaises(ValidationError):
            services.task_decide(
                actor=self.officer,
                task=task,
                approve=True,
                legality="",
                reasonableness="x",
                feasibility="x",
                reason="x",
            )
        self.assertEqual(Task.objects.get(pk=task.pk).status, TaskStatus.PENDING_APPROVAL)

    def test_only_offices_of_the_area_decide(self):
        task = services.task_submit(
            actor=self.street_dept_user,
            department=self.street_department,
            title=NEW_LEDGER[0],
            description=NEW_LEDGER[1],
            kind="ledger_report",
            communities=[self.community],
        )
        for user in (self.worker, self.dept_user, self.street_dept_user, self.resident):
            with self.assertRaises(OutOfScope):
                self.review(task, True, actor=user)
        far_officer = f.user("farofficer", "street_office", street=self.other_street)
        with self.assertRaises(OutOfScope):
            self.review(task, True, actor=far_officer)
        self.review(task, True, actor=self.district_officer)

    def test_withdraw_admitted(self):
        task = self.submit(*DIBAO, resource_staff=1)
        task = services.task_withdraw(actor=self.officer, task=task, reason="居民普遍反对")
        self.assertEqual(task.status, TaskStatus.WITHDRAWN)
        with self.assertRaises(OutOfScope):
            services.task_withdraw(actor=self.worker, task=self.submit(*DIBAO), reason="x")


class CommunityTests(GateServiceCase):
    def test_refuse_unadmitted(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        target = services.task_refuse(actor=self.worker, task=task)
        self.assertEqual(target.status, TargetStatus.REFUSED)
        self.assertIn("有权拒绝执行", target.refusal_reason)
        self.assertTrue(BurdenEntry.objects.filter(kind="task_refused", community=self.community).exists())
        notice = OfficeNotice.objects.get(task=task, kind=NoticeKind.REFUSAL)
        self.assertIn(notice, OfficeNotice.objects.restrict(self.officer, "view"))
        with self.assertRaises(ValidationError):
            services.task_refuse(actor=self.worker, task=task)

    def test_refuse_rejected_but_pushed(self):
        task = self.submit(*CHAIQIAN)
        services.task_refuse(actor=self.head, task=task, reason="负面清单事项")

    def test_cannot_refuse_admitted(self):
        task = self.submit(*DIBAO, resource_staff=1)
        with self.assertRaises(ValidationError):
            services.task_refuse(actor=self.worker, task=task)

    def test_refuse_other_communitys_task_writes_nothing(self):
        task = services.task_submit(
            actor=self.dept_user,
            department=self.department,
            title=NEW_LEDGER[0],
            description=NEW_LEDGER[1],
            kind="ledger_report",
            communities=[self.far_community],
        )
        for user in (self.worker, self.other_worker, self.officer, self.dept_user):
            with self.assertRaises(OutOfScope):
                services.task_refuse(actor=user, task=task)
        self.assertFalse(TaskTarget.objects.filter(status=TargetStatus.REFUSED).exists())
        self.assertFalse(BurdenEntry.objects.filter(kind="task_refused").exists())
        self.assertFalse(OfficeNotice.objects.filter(kind=NoticeKind.REFUSAL).exists())

    def test_rate_once(self):
        task = self.submit(*DIBAO, resource_staff=1)
        rating = services.task_rate(actor=self.worker, task=task, score=4, comment="配套及时")
        self.assertEqual((rating.score, rating.community), (4, self.community))
        with self.assertRaises(ValidationError):
            services.task_rate(actor=self.head, task=task, score=5)
        with self.assertRaises(ValidationError):
            services.task_rate(actor=self.other_worker, task=task, score=0)
        with self.assertRaises(OutOfScope):
            services.task_rate(actor=self.far_worker, task=task, score=3)

    def test_cannot_rate_pending(self):
        task = self.submit(*NEW_LEDGER, kind="ledger_report")
        with self.assertRaises(ValidationError):
            services.task_rate(actor=self.worker, task=task, score=3)

    def test_comment_only_on_pending(self):
        task = self.submit(*DIBAO, resource_staff=1)
        with self.assertRaises(ValidationError):
            services.task_comment_add(actor=self.worker, task=task, body="x")


class DemoTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def test_seed_is_idempotent_and_covers_each_outcome(self):
        import io

        from jianfu.gate import demo
        from jianfu.orgs.models import Department

        for code, name in (
            ("WJW", "区卫健委"),
            ("CGJ", "区城管局"),
            ("ZJJ", "区住建局"),
            ("YJJ", "区应急管理局"),
        ):
            Department.objects.create(district=self.district, code=code, name=name, level="district")
        f.person(self.community, birth=dt.date(1938, 2, 3))
        out = io.StringIO()
        self.assertGreater(demo.seed(out), 5)
        statuses = set(Task.objects.values_list("status", flat=True))
        self.assertTrue(
            {"admitted", "pending_approval", "approved", "rejected", "served"} <= statuses, statuses
        )
        self.assertTrue(Task.objects.filter(decision="rejected", item_list="negative").exists())
        self.assertTrue(TaskTarget.objects.filter(status="refused").exists())
        from jianfu.gate.models import TaskRating

        self.assertTrue(TaskRating.objects.exists())
        count = Task.objects.count()
        self.assertEqual(demo.seed(out), 0)
        self.assertEqual(Task.objects.count(), count)

    def test_tag_group_request_served(self):
        f.person(self.community, name="独居甲", birth=dt.date(1950, 1, 1), living_alone_elder="是")
        f.person(self.community, name="非独居", birth=dt.date(1950, 1, 1))
        task = services.task_submit(
            actor=self.dept_user,
            department=self.department,
            title="独居老人名单",
            description="请报送独居老人名单及联系电话、现住址。",
            communities=[self.community],
        )
        self.assertEqual(task.decision, Decision.SERVED_FROM_REGISTRY)
        self.assertEqual(task.data_request.population, "tag=living_alone_elder")
        self.assertEqual(task.data_request.population_source, "derived")


class DetectTests(PersonaTestCase):
    def test_age_bound_is_not_narrowed_by_the_word_gaoling(self):
        from jianfu.gate.registry_request import detect

        found = detect(
            title="辖区80周岁以上老人名单",
            description="请报送80周岁以上老人名单及联系方式，用于发放高龄津贴提醒。",
        )
        self.assertEqual(found.where, "age>=80")
        self.assertIn("phone", found.coverage.fields)
        both = detect(title="", description="请报送八十岁以上独居老人名单及联系电话")
        self.assertEqual(both.where, "age>=80 and tag=living_alone_elder")

    def test_fieldwork_is_not_served(self):
        from jianfu.gate.registry_request import detect

        self.assertIsNone(detect(title="", description="请入户核实80周岁以上老人名单并拍照上传"))
        self.assertIsNone(detect(title="", description="请做好80周岁以上老人关爱工作"))
