"""The one permission model: actors, the system actor, OutOfScope → 404, audit with the real actor."""

import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.burden.models import BurdenEntry
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import MissingActor, OutOfScope, system_actor
from jianfu.core.services import audit_record
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.fills.services import people_for_fill
from jianfu.gate import services as gate
from jianfu.registry.models import Person


class ActorTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = f.person(cls.community, name="甲")
        cls.far = f.person(cls.far_community, name="乙")

    def test_no_actor_is_an_error_everywhere(self):
        with pytest.raises(MissingActor):
            Person.objects.restrict(None, "view").count()
        with pytest.raises(MissingActor):
            audit_record(actor=None, action="create", summary="x")
        with pytest.raises(MissingActor):
            people_for_fill(actor=None, community=self.community, where="")
        with pytest.raises(MissingActor):
            audit_record(actor=" ", action="create", summary="x")
        with pytest.raises(AttributeError):
            Person.objects.restrict("cli", "view").count()  # a label names an audit row, it scopes nothing

    def test_system_actor_is_named_and_reaches_everything(self):
        actor = system_actor("jianfu test-command")
        assert set(Person.objects.restrict(actor, "export")) == {self.mine, self.far}
        event = audit_record(actor=actor, action="create", summary="x")
        assert event.actor is None and event.actor_label == "system: jianfu test-command"
        with pytest.raises(ValueError):
            system_actor(" ")

    def test_anonymous_sees_nothing_and_is_audited_as_anonymous(self):
        assert not Person.objects.restrict(AnonymousUser(), "view").exists()
        assert audit_record(actor=AnonymousUser(), action="create", summary="x").actor_label == "anonymous"

    def test_audit_page_names_the_actor_in_the_page_language(self):
        here = {"action": "create", "community": self.community}
        demo = audit_record(actor=system_actor("jianfu seed-demo"), summary="演示行", **here)
        audit_record(actor=system_actor("jianfu fill"), summary="填表行", **here)
        audit_record(actor=AnonymousUser(), summary="匿名行", **here)
        assert demo.actor_label == "system: jianfu seed-demo"  # the stored label does not change
        head = self.client_for(self.head)
        page = head.get(reverse("core:audit_list")).content.decode()
        assert "系统（演示数据）" in page and "系统（jianfu fill）" in page and "匿名访客" in page
        assert "system:" not in page and "anonymous" not in page
        head.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = head.get(reverse("core:audit_list")).content.decode()
        assert "system (demo data)" in english and "anonymous visitor" in english

    def test_out_of_scope_is_a_404(self):
        from django.http import Http404

        assert issubclass(OutOfScope, Http404)


class GateAuditTests(PersonaTestCase):
    def submit(self):
        return gate.task_submit(
            actor=self.dept_user,
            department=self.department,
            title="建立文明养犬台账",
            description="请各社区新建文明养犬工作台账，每月报送。",
            communities=[self.community],
            kind="ledger_report",
        )

    def test_admitted_burden_entry_is_audited_with_the_approving_office(self):
        task = self.submit()
        gate.task_decide(
            actor=self.officer,
            task=task,
            approve=True,
            legality="有依据",
            reasonableness="合理",
            feasibility="可行",
            reason="同意",
        )
        entry = BurdenEntry.objects.get(source_ref=f"gate.task:{task.pk}")
        event = AuditEvent.objects.get(object_type="burden.burdenentry", object_id=str(entry.pk))
        assert event.actor == self.officer
        assert entry.recorded_by == self.officer

    def test_refused_burden_entry_is_audited_with_the_refusing_worker(self):
        task = self.submit()
        gate.task_refuse(actor=self.worker, task=task)
        entry = BurdenEntry.objects.get(source_ref=f"gate.task:{task.pk}", kind="task_refused")
        assert (
            AuditEvent.objects.get(object_type="burden.burdenentry", object_id=str(entry.pk)).actor
            == self.worker
        )

    def test_gate_api_answers_404_not_403_to_non_departments(self):
        _t, plain = api_token_create(user=self.worker, name="t")
        headers = {"Authorization": f"Bearer {plain}"}
        body = json.dumps({"title": "t", "description": "d"})
        for path in ("/api/v1/gate/tasks", "/api/v1/gate/check"):
            response = Client().post(path, body, content_type="application/json", headers=headers)
            assert response.status_code == 404, (path, response.content)
            assert response.json() == {"detail": "Not Found"}

    def test_admit_command_names_the_system_actor(self):
        out = io.StringIO()
        call_command(
            "admit",
            "--department",
            self.department.code,
            "--title",
            "建立文明养犬台账",
            "--description",
            "请各社区新建文明养犬工作台账，每月报送。",
            "--kind",
            "ledger_report",
            "--json",
            stdout=out,
        )
        assert AuditEvent.objects.filter(actor_label="system: jianfu admit (command line)").exists()
