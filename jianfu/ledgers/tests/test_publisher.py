"""PostgreSQL (and a SQLite file, see test_concurrency), outside a transaction: each staged chunk is
published by a thread with its own connection while the next ones are staged
(`write.ChunkPublisher`). Same outcome as publishing after staging (what the in-memory SQLite test
database does, checked here too); a failure while staging after some chunks were published says
how many were.

TransactionTestCase: the publishing thread's connection must see what the test set up."""

import datetime as dt
import tempfile
import time
from functools import partial
from pathlib import Path
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase

from jianfu.core import idcard
from jianfu.core.testing import factories as f
from jianfu.ledgers import services, write
from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.ledgers.services import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_run,
    ledger_import_upload,
)
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.current import Stage
from jianfu.registry.models import Fact, Person, StagedFact, StagedPerson, StagedTag

HEADER = ["序号", "姓名", "身份证号", "出生日期", "联系电话", "现住址"]


class PublishWhileStaging(TransactionTestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp())
        self.community = f.org_tree()["community"]
        self.source = f.source("区民政局名册", priority=60)
        self.known = [
            f.person(self.community, name=f"老住户{i}", birth=dt.date(1950, 1, 1) + dt.timedelta(days=i))
            for i in range(12)
        ]
        rows = [
            [i + 1, p.name, p.id_number, p.birth_date.isoformat(), f"1390000{i:04d}", f"新安小区{i}栋"]
            for i, p in enumerate(self.known)
        ]
        self.new_ids = []
        for i, name in enumerate(
            ["赵建国", "钱秀英", "孙志强", "李丽娟", "周明华", "吴伟", "郑芳", "王建民"]
        ):
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=i)
            self.new_ids.append(idcard.make("420102", birth, i))
            rows.append([100 + i, name, self.new_ids[-1], birth.isoformat(), "", "幸福里"])
        self.path = write_xlsx(self.tmp / "名册.xlsx", [HEADER, *rows])

    def start(self) -> LedgerImport:
        imp = ledger_import_upload(
            actor="test", community=self.community, source=self.source, path=self.path, file_name="名册.xlsx"
        )
        return ledger_import_confirm(actor="test", ledger_import=imp, enqueue=False)

    def test_chunks_published_beside_staging_give_the_same_outcome(self):
        publishers: list[write.ChunkPublisher] = []
        real = write.ChunkPublisher

        def spy(**kw):
            publishers.append(real(**kw, threads=2))  # two side by side (PUBLISHERS is 1)
            return publishers[-1]

        with (
            mock.patch.object(services, "stage_plan", partial(write.stage_plan, flush_rows=10)),
            mock.patch.object(write, "PEOPLE_PER_READ", 3),
            mock.patch.object(services, "ChunkPublisher", spy),
        ):
            summary = ledger_import_run(ledger_import=self.start(), actor="test", path=self.path)
        self.assertGreater(summary["publish_chunks"], 3)
        if connection.vendor == "postgresql":
            self.assertEqual(len(publishers), 1)
            self.assertEqual(publishers[0].submitted, summary["publish_chunks"])
        else:  # the in-memory SQLite test database: its connections share one cache (table locks)
            self.assertEqual(publishers, [])
            self.assertEqual(summary["publishers"], 0)
        self.assertEqual((summary["created"], summary["linked"]), (8, 12))
        self.assertEqual(Person.objects.count(), 20)
        for i, p in enumerate(self.known):
            p.refresh_from_db()
            self.assertEqual((p.phone, p.values["address"]), (f"1390000{i:04d}", f"新安小区{i}栋"))
        created = Person.objects.filter(id_number__in=self.new_ids)
        self.assertEqual(sorted(p.values["address"] for p in created), ["幸福里"] * 8)
        self.assertEqual(Fact.objects.filter(ledger_import__isnull=False).count(), summary["facts"])
        self.assertEqual(
            (StagedFact.objects.count(), StagedPerson.objects.count(), StagedTag.objects.count()), (0, 0, 0)
        )
        imp = LedgerImport.objects.get()
        self.assertEqual(imp.status, ImportStatus.DONE)
        pids = {p.pk: p.pid for p in Person.objects.all()}
        self.assertEqual({r["person"] for r in imp.results}, set(pids.values()))

    def test_failure_while_staging_after_published_chunks_says_how_many(self):
        real = Stage.old_rows
        calls = []

        def failing(stage, person_ids):
            calls.append(1)
            if len(calls) == 3:  # after two chunks were staged
                deadline = time.monotonic() + (30 if connection.vendor == "postgresql" else 0)
                while not stage.published and time.monotonic() < deadline:
                    time.sleep(0.01)  # the publishing thread publishes the first one meanwhile
                raise RuntimeError("disk on fire")
            return real(stage, person_ids)

        with (
            mock.patch.object(services, "stage_plan", partial(write.stage_plan, flush_rows=10)),
            mock.patch.object(write, "PEOPLE_PER_READ", 3),
            mock.patch.object(Stage, "old_rows", failing),
        ):
            if connection.vendor != "postgresql":  # nothing is published before staging ends
                with self.assertRaisesMessage(RuntimeError, "disk on fire"):
                    ledger_import_run(ledger_import=self.start(), actor="test", path=self.path)
                self.assertEqual(Fact.objects.filter(ledger_import__isnull=False).count(), 0)
                self.assertEqual(LedgerImport.objects.get().status, ImportStatus.FAILED)
                return
            with self.assertRaises(LedgerError) as raised:
                ledger_import_run(ledger_import=self.start(), actor="test", path=self.path)
        self.assertIn("disk on fire", str(raised.exception))
        self.assertIn("已写入", str(raised.exception))
        staged = (StagedFact.objects.count(), StagedPerson.objects.count(), StagedTag.objects.count())
        self.assertEqual(staged, (0, 0, 0))
        imp = LedgerImport.objects.get()
        self.assertEqual(imp.status, ImportStatus.FAILED)
        self.assertGreater(Fact.objects.filter(ledger_import=imp).count(), 0)  # the published chunks stay
