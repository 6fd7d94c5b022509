import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jianfu.burden.models import BurdenEntry
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing.factories import SYSTEM
from jianfu.digital import services
from jianfu.digital.choices import PlanProgress, ToolStatus, ViolationStatus
from jianfu.digital.models import Declaration, DigitalTool, ToolTransition
from jianfu.digital.tests.helpers import group
from jianfu.gate.choices import TaskKind, TaskStatus
from jianfu.gate.services import task_decide


class RegisterTests(PersonaTestCase):
    def test_worker_adds_a_tool_in_use_checked_and_estimated(self):
        tool = services.tool_register(
            actor=self.worker,
            kind="work_group",
            platform="dingtalk",
            name="街道网格工作群",
            owner_note="街道综治办",
            asks_text="每天上午在群里定位打卡，每次走访后拍照上传留痕。",
        )
        assert tool.status == ToolStatus.IN_USE
        assert list(tool.communities.all()) == [self.community]
        assert tool.violation_codes == ["check_in", "trace_screenshot"]
        assert tool.violations.filter(status=ViolationStatus.OPEN).count() == 2
        assert "2024" in tool.violations.get(code="check_in").rule
        # group reading (15 min) + check-in 2 min + photo 3 min per day
        assert tool.minutes_per_day == Decimal("20.00")
        assert ToolTransition.objects.filter(tool=tool, to_status=ToolStatus.IN_USE).exists()

    def test_worker_cannot_register_for_another_community(self):
        with pytest.raises(ValidationError):
            services.tool_register(
                actor=self.worker, kind="app", name="X", owner_note="社区", communities=[self.other_community]
            )
        assert not DigitalTool.objects.exists()

    def test_bad_input_is_explained_and_nothing_written(self):
        for kwargs, word in (
            ({"kind": "fax", "name": "X", "owner_note": "a"}, "类型"),
            ({"kind": "app", "name": "", "owner_note": "a"}, "名称"),
            ({"kind": "app", "name": "X"}, "主管部门"),
            ({"kind": "app", "name": "X", "owner_note": "a", "asks": [{"kind": "nap"}]}, "要求"),
            ({"kind": "app", "name": "X", "owner_note": "a", "platform": "telegram"}, "平台"),
        ):
            with pytest.raises(ValidationError) as info:
                services.tool_register(actor=self.worker, **kwargs)
            assert word in " ".join(info.value.messages)
        assert not DigitalTool.objects.exists()

    def test_department_tool_breaking_a_rule_is_refused_by_the_gate(self):
        tool = services.tool_register(
            actor=self.dept_user,
            kind="app",
            name="民政通",
            asks_text="社区工作人员每天在App内签到，按积分排名通报。",
            communities=[self.community],
        )
        assert tool.status == ToolStatus.REFUSED
        task = tool.gate_task
        assert task.kind == TaskKind.DIGITAL_TOOL and task.status == TaskStatus.REJECTED
        assert any("打卡签到" in r for r in task.reasons) and any("积分排名" in r for r in task.reasons)

    def test_department_clean_tool_waits_for_the_office_then_is_in_use(self):
        tool = services.tool_register(
            actor=self.dept_user,
            kind="mini_program",
            name="养老服务预约",
            purpose="居民自愿预约助餐。",
            communities=[self.community],
        )
        assert tool.status == ToolStatus.PENDING
        assert tool.gate_task.status == TaskStatus.PENDING_APPROVAL
        task_decide(
            actor=self.district_officer,
            task=tool.gate_task,
            approve=True,
            legality="有依据",
            reasonableness="合理",
            feasibility="可行",
            reason="同意",
        )
        tool.refresh_from_db()
        assert tool.status == ToolStatus.IN_USE
        assert not BurdenEntry.objects.filter(source_ref=f"gate.task:{tool.gate_task_id}").exists()

    def test_department_registers_only_its_own(self):
        with pytest.raises(ValidationError):
            services.tool_register(
                actor=self.dept_user,
                kind="app",
                name="X",
                owner_department=self.street_department,
                communities=[self.community],
            )

    def test_data_fields_the_registry_holds_are_a_repeat_reporting_breach(self):
        tool = group(self, "低保复核群", data_fields=["name", "id_number"])
        assert "repeat_reporting" in tool.violation_codes
        assert [name for _c, name in tool.held_fields] == ["姓名", "公民身份号码"]


class DeclarationTests(PersonaTestCase):
    def setUp(self):
        self.g = group(self, "民政工作群", asks_text="每天回复收到。")
        self.app = group(self, "网格通", kind="app", asks_text="每天定位打卡一次。")

    def test_declare_counts_in_the_burden_ledger_with_estimated_hours(self):
        created = services.declaration_add(actor=self.worker, tools=[self.g, self.app])
        assert len(created) == 2
        today = timezone.localdate()
        entries = BurdenEntry.objects.filter(source_ref__startswith="digital.declaration:")
        from jianfu.workdays.selectors import is_working_day

        if is_working_day(today):
            assert entries.count() == 2
            entry = entries.get(kind="work_group")
            assert entry.hours == (self.g.minutes_per_day / 60).quantize(Decimal("0.01"))
        # declaring again does nothing
        assert services.declaration_add(actor=self.worker, tools=[self.g]) == []

    def test_ledger_counts_working_days_once(self):
        services.declaration_add(actor=self.worker, tools=[self.g])
        d = Declaration.objects.get()
        Declaration.objects.filter(pk=d.pk).update(
            declared_on=d.declared_on - dt.timedelta(days=14), ledger_through=None
        )
        BurdenEntry.objects.filter(source_ref=f"digital.declaration:{d.pk}").delete()
        first = services.declarations_ledger(actor=SYSTEM)
        again = services.declarations_ledger(actor=SYSTEM)
        assert first["days"] >= 9 and again["days"] == 0
        hours = float(
            sum(e.hours for e in BurdenEntry.objects.filter(source_ref=f"digital.declaration:{d.pk}"))
        )
        assert hours == pytest.approx(float(self.g.minutes_per_day) * first["days"] / 60, abs=0.05)

    def test_same_as_my_colleague(self):
        services.declaration_add(actor=self.worker, tools=[self.g, self.app])
        created = services.declaration_copy(actor=self.head, colleague=self.worker)
        assert {d.tool_id for d in created} == {self.g.pk, self.app.pk}
        with pytest.raises(ValidationError):
            services.declaration_copy(actor=self.other_worker, colleague=self.worker)

    def test_only_community_staff_declare(self):
        for actor in (self.dept_user, self.officer, self.resident):
            with pytest.raises(OutOfScope):
                services.declaration_add(actor=actor, tools=[self.g])

    def test_new_tool_from_the_phone_form(self):
        tool, created = services.declaration_add_new(
            actor=self.grid_worker,
            kind="work_group",
            platform="wechat",
            name="楼栋长群",
            owner_note="社区自建",
            asks=[{"kind": "read", "count": 20, "per": "day"}],
        )
        assert tool.status == ToolStatus.IN_USE and len(created) == 1
        assert tool.minutes_per_day == Decimal("25.00")  # 15 group + 20 × 0.5

    def test_withdraw_stops_counting(self):
        (d,) = services.declaration_add(actor=self.worker, tools=[self.g])
        services.declaration_withdraw(actor=self.worker, declaration=d)
        d.refresh_from_db()
        assert d.withdrawn_on == timezone.localdate()
        with pytest.raises(OutOfScope):
            services.declaration_withdraw(actor=self.head, declaration=d)


class AnswerAndPlanTests(PersonaTestCase):
    def setUp(self):
        self.bad = group(self, "民政打卡群", asks_text="每天在群里打卡。")
        self.main = group(self, "民政工作群")

    def test_owner_department_justifies(self):
        services.tool_answer(actor=self.dept_user, tool=self.bad, kind="justify", text="打卡仅用于防汛期间。")
        self.bad.refresh_from_db()
        assert self.bad.status == ToolStatus.KEEP
        assert self.bad.violations.get().status == ViolationStatus.ANSWERED

    def test_others_cannot_answer(self):
        for actor in (self.worker, self.street_dept_user, self.officer):
            with pytest.raises(OutOfScope):
                services.tool_answer(actor=actor, tool=self.bad, kind="justify", text="x")

    def test_merge_plan_done_moves_declarations(self):
        services.declaration_add(actor=self.worker, tools=[self.bad])
        services.tool_answer(
            actor=self.dept_user, tool=self.bad, kind="merge", text="并入工作群", merge_into=self.main
        )
        self.bad.refresh_from_db()
        assert self.bad.status == ToolStatus.MERGE
        item = self.bad.plan_items.get()
        services.plan_progress(actor=self.officer, item=item, progress=PlanProgress.IN_PROGRESS)
        services.plan_progress(actor=self.officer, item=item, progress=PlanProgress.DONE, note="已解散")
        self.bad.refresh_from_db()
        assert self.bad.status == ToolStatus.MERGED and self.bad.ended_on == timezone.localdate()
        assert Declaration.objects.filter(tool=self.main, worker=self.worker, withdrawn_on=None).exists()
        assert not Declaration.objects.filter(tool=self.bad, withdrawn_on=None).exists()
        assert self.bad.violations.get().status == ViolationStatus.RESOLVED
        with pytest.raises(ValidationError):
            services.plan_progress(actor=self.officer, item=item, progress=PlanProgress.DONE)

    def test_office_plans_close_and_outsiders_cannot(self):
        with pytest.raises(OutOfScope):
            services.plan_decide(actor=self.worker, tool=self.bad, action="close", reason="x")
        far_officer = self.far_worker  # another street's staff
        with pytest.raises(OutOfScope):
            services.plan_decide(actor=far_officer, tool=self.bad, action="close", reason="x")
        item = services.plan_decide(
            actor=self.officer, tool=self.bad, action="close", reason="违规", due_on=timezone.localdate()
        )
        assert item.progress == PlanProgress.PLANNED
        with pytest.raises(ValidationError):
            services.plan_decide(actor=self.officer, tool=self.main, action="merge", reason="x")  # no target

    def test_revise_resolves_the_breach(self):
        services.tool_revise(actor=self.dept_user, tool=self.bad, purpose="通知", asks_text="已取消打卡。")
        self.bad.refresh_from_db()
        assert self.bad.violation_codes == []
        assert self.bad.violations.get().status == ViolationStatus.RESOLVED

    def test_ask_unit_time_changes_future_estimates(self):
        services.ask_unit_time_set(actor=self.district_officer, kind="check_in", minutes="4")
        with pytest.raises(OutOfScope):
            services.ask_unit_time_set(actor=self.worker, kind="check_in", minutes="4")
        with pytest.raises(OutOfScope):  # a street office does not set installation-wide figures
            services.ask_unit_time_set(actor=self.officer, kind="check_in", minutes="4")
        tool = group(self, "新群", asks=[{"kind": "check_in", "count": 1, "per": "day"}])
        assert tool.minutes_per_day == Decimal("19.00")
