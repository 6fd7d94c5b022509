"""Heartbeats of long background jobs (ledger imports, fills), so that a job whose worker died is
detected and marked failed instead of showing "running" forever.

A running job's row has a `heartbeat_at` column. `beating(model, pk)` is a context manager that
writes it from a daemon thread every `HEARTBEAT_SECONDS` while the job's code runs, whatever phase
it is in (reading a file, linking, writing). A job whose heartbeat (or, before the first beat, its
start) is older than `stale_seconds()` is stale: its worker was killed, the machine rebooted, or
the process hung. `stale_filter()` selects those; each app marks them failed through its own
service (which records the transition and offers a retry).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 120  # well above the longest single write of a job (the import's publish step)


def heartbeat_seconds() -> float:
    return float(getattr(settings, "JIANFU_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))


def stale_seconds() -> float:
    return float(getattr(settings, "JIANFU_JOB_STALE_SECONDS", STALE_SECONDS))


def stale_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(seconds=stale_seconds())


def stale_filter(now: dt.datetime | None = None, started_field: str = "started_at") -> Q:
    """Rows whose last sign of life (heartbeat, else start) is older than the cutoff. Use with
    `.alias(last_beat=last_beat(started_field))`."""
    return Q(last_beat__lt=stale_cutoff(now)) | Q(last_beat__isnull=True)


def last_beat(started_field: str = "started_at") -> Coalesce:
    return Coalesce("heartbeat_at", started_field)


def beat(model: Any, pk: int) -> None:
    model.objects.filter(pk=pk).update(heartbeat_at=timezone.now())


@contextmanager
def beating(model: Any, pk: int, every: float | None = None) -> Iterator[None]:
    """Write `model(pk).heartbeat_at` now and then every `every` seconds until the block ends.

    The thread has its own database connection. When the job itself holds a write lock the beat
    waits or fails (SQLite: "database is locked"); that is logged and the next beat tries again.
    """
    interval = heartbeat_seconds() if every is None else every
    beat(model, pk)
    if connection.in_atomic_block:
        # the job runs inside an outer transaction (the CLI): nobody else can see it, a crash rolls
        # it back whole, and a second connection would only wait for this one's lock
        yield
        return
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.wait(interval):
                try:
                    beat(model, pk)
                except DatabaseError as exc:
                    logger.info("heartbeat of %s %s skipped: %s", model.__name__, pk, exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 35)
