"""The escalation as a scheduled job: it escalates, re-enqueues itself on the database queue, keeps
at most one waiting run, and `jianfu worker` / `jianfu requests escalate --schedule` start the chain."""

import datetime as dt
import io
import json
from unittest import mock

from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jianfu.casework import services, tasks
from jianfu.casework.choices import Escalation
from jianfu.casework.tests.helpers import cgj, lamp_request
from jianfu.core.testing import PersonaTestCase

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def waiting():
    return DBTaskResult.objects.filter(
        task_path=tasks.escalate_overdue.module_path, status=TaskResultStatus.READY
    )


class EscalationJobTests(PersonaTestCase):
    def overdue_request(self):
        sr = lamp_request(self)
        services.request_whistle(actor=self.worker, request=sr, departments=[cgj(self.district)])
        return sr

    def test_job_escalates_like_the_command(self):
        sr = self.overdue_request()
        later = timezone.now() + dt.timedelta(hours=2)
        with mock.patch("jianfu.casework.clock.now", return_value=later):
            result = tasks.escalate_overdue.enqueue()  # ImmediateBackend in tests: runs now
        assert result.return_value["street"] == 1
        sr.refresh_from_db()
        assert sr.escalation == Escalation.STREET
        # the immediate backend cannot defer: nothing rescheduled, the docstring says use cron then
        assert tasks.escalation_schedule_ensure() == "no-defer"

    @override_settings(TASKS=DB_QUEUE, JIANFU_ESCALATION_MINUTES=10)
    def test_job_reschedules_itself_once_on_the_database_queue(self):
        assert "DatabaseBackend" in type(tasks.escalate_overdue.get_backend()).__name__
        sr = self.overdue_request()
        later = timezone.now() + dt.timedelta(hours=2)
        before = timezone.now()
        with mock.patch("jianfu.casework.clock.now", return_value=later):
            counts = tasks.escalate_overdue.call()
        assert counts["street"] == 1
        sr.refresh_from_db()
        assert sr.escalation == Escalation.STREET
        runs = list(waiting())
        assert len(runs) == 1
        assert runs[0].run_after >= before + dt.timedelta(minutes=10)
        assert runs[0].run_after <= timezone.now() + dt.timedelta(minutes=10, seconds=5)
        # running again (or a second worker starting) never adds a second waiting run
        tasks.escalate_overdue.call()
        assert tasks.escalation_schedule_ensure() == "waiting"
        assert waiting().count() == 1

    @override_settings(TASKS=DB_QUEUE)
    def test_worker_and_command_start_the_chain(self):
        assert not waiting().exists()
        out = io.StringIO()
        call_command("requests", "escalate", "--schedule", "--json", stdout=out)
        body = json.loads(out.getvalue())
        assert body["schedule"] == "scheduled" and body["every_minutes"] == 15
        assert waiting().count() == 1
        with mock.patch("jianfu.core.management.commands.worker.call_command") as db_worker:
            call_command("worker", "--batch")
        assert db_worker.call_args.args[0] == "db_worker"
        assert waiting().count() == 1  # still exactly one
        # without a waiting run, starting the worker schedules one
        waiting().delete()
        with mock.patch("jianfu.core.management.commands.worker.call_command"):
            call_command("worker", "--batch")
        assert waiting().count() == 1
