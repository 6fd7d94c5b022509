"""Background jobs of resident requests: the escalation of missed deadlines, on a schedule.

How it is scheduled (no cron needed): the job re-enqueues itself on the database queue to run again
`JIANFU_ESCALATION_MINUTES` later (default 15), and `jianfu worker` makes sure one run is waiting
when it starts (`escalation_schedule_ensure`), so a fresh installation escalates as soon as a worker
runs. At most one future run waits at a time, however many workers start or how often the job runs.
`jianfu requests escalate` still runs it once by hand; `jianfu requests escalate --schedule` only
ensures the waiting run. A backend that cannot defer (the ImmediateBackend of the tests, or a
non-database queue) runs the job once and does not reschedule; use a cron line then:
`*/15 * * * * jianfu requests escalate --json`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone


def interval() -> dt.timedelta:
    return dt.timedelta(minutes=max(1, int(getattr(settings, "JIANFU_ESCALATION_MINUTES", 15))))


@task
def escalate_overdue(reschedule: bool = True) -> dict[str, int]:
    """Escalate every overdue request (street, then district), then schedule the next run."""
    from jianfu.casework.services import request_escalate_overdue
    from jianfu.core.permissions import system_actor

    counts = request_escalate_overdue(actor=system_actor("jianfu worker: casework escalation"))
    if reschedule:
        escalation_schedule_ensure(after=timezone.now() + interval())
    return counts


def _waiting() -> Any:
    """The runs of this job queued on the database backend and not started yet."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=escalate_overdue.module_path, status=TaskResultStatus.READY)


def escalation_schedule_ensure(*, after: dt.datetime | None = None) -> str:
    """Make sure one run of the escalation waits on the queue; returns "scheduled", "waiting" or
    "no-defer" (the backend cannot run a job later: schedule it with cron instead).

    The run in progress is RUNNING, not READY, so a READY row is always a later run. Two workers
    starting at the same instant may both schedule one; the next time each runs it sees the other
    waiting and does not reschedule, so the chains fold back into one."""
    backend = escalate_overdue.get_backend()
    if not backend.supports_defer or "django_tasks_db" not in type(backend).__module__:
        return "no-defer"
    with transaction.atomic():
        if _waiting().exists():
            return "waiting"
        escalate_overdue.using(run_after=after or timezone.now()).enqueue()
    return "scheduled"
