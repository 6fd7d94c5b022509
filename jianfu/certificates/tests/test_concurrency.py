"""Two (or eight) workers issuing at the same moment get consecutive serials: no gaps, no duplicates.

Runs on both databases: on PostgreSQL the counter row is locked with SELECT … FOR UPDATE, so the
threads really wait for each other. SQLite serialises writers on its own; the test database is a
shared-cache in-memory one, where a second writer gets "database table is locked" at once instead
of waiting, so there (only) a thread retries its whole, rolled-back transaction.
`serialized_rollback` restores the reference catalog and data dictionary (loaded by migrations)
that a transactional test's flush removes.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from jianfu.certificates.models import Certificate, SerialCounter
from jianfu.certificates.services import certificate_issue
from jianfu.certificates.tests.helpers import ensure_reference_data
from jianfu.core.testing import factories as f

THREADS = 6
EACH = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuance_gives_consecutive_unique_serials():
    ensure_reference_data()
    org = f.org_tree()
    community = org["community"]
    workers = [f.user(f"w{i}", "community_worker", community=community) for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(worker):
        try:
            barrier.wait(timeout=30)
            for n in range(EACH):
                for attempt in range(200):
                    try:
                        certificate_issue(
                            actor=worker,
                            community=community,
                            item_code="CM01",
                            holder_name=f"居民{n}",
                            purpose="子女入学",
                            body="兹证明该居民在本社区居住。",
                        )
                        break
                    except OperationalError as exc:
                        if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 199:
                            raise
                        time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    numbers = sorted(Certificate.objects.filter(community=community).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * EACH + 1)), (connection.vendor, numbers)
    assert SerialCounter.objects.get(community=community).last == THREADS * EACH
    serials = list(Certificate.objects.values_list("serial", flat=True))
    assert len(set(serials)) == len(serials)
