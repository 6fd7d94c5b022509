"""A real `jianfu worker` is killed (SIGKILL) in the middle of an import: the import is detected as
stale and marked failed, the registry is as it was, and a retry run by another worker succeeds.

The worker and the CLI commands are subprocesses on the same database: on PostgreSQL the test
database itself (this test commits its set-up), on SQLite a file copy of the in-memory test
database (`VACUUM INTO`), which the test then reads with sqlite3.
"""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase, override_settings

from jianfu.core import idcard
from jianfu.core.testing import factories as f
from jianfu.ledgers.services import ledger_import_confirm, ledger_import_upload

ROOT = Path(__file__).resolve().parents[3]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROWS = 20_000


def _ledger(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("名册")
    ws.write_row(0, 0, ["姓名", "公民身份号码", "联系电话"])
    for i in range(ROWS):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=i // 500)
        ws.write_row(i + 1, 0, [f"居民{i}", idcard.make("420102", birth, i % 500), f"139{i:08d}"])
    wb.close()
    return path


@override_settings(TASKS=DB_TASKS)
class KilledWorker(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        org = f.org_tree()
        self.community = org["community"]
        path = _ledger(self.tmp / "名册.xlsx")
        from django.core.files import File

        imp = ledger_import_upload(
            actor="test",
            community=self.community,
            source=f.source("区民政局名册"),
            path=path,
            file_name="名册.xlsx",
        )
        with open(path, "rb") as fh:
            imp.file.save("名册.xlsx", File(fh), save=True)
        self.imp = ledger_import_confirm(actor="test", ledger_import=imp, enqueue=True)
        self.env = dict(os.environ)
        self.env.pop("JIANFU_TASKS_BACKEND", None)  # the database queue, as in production
        self.env.update(
            JIANFU_DATA_DIR=str(settings.DATA_DIR),
            JIANFU_HEARTBEAT_SECONDS="0.3",
            JIANFU_JOB_STALE_SECONDS="2",
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="jianfu.settings",
        )
        if connection.vendor == "sqlite":
            self.db_file = self.tmp / "shared.sqlite3"
            connection.cursor().execute("VACUUM INTO %s", [str(self.db_file)])
            self.env["DATABASE_URL"] = f"sqlite:///{self.db_file}"
        else:
            db = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
            )

    def query(self, sql: str) -> list[tuple]:
        if connection.vendor == "sqlite":
            con = sqlite3.connect(self.db_file, timeout=30)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def status(self) -> str:
        return self.query(f"SELECT status FROM ledgers_ledgerimport WHERE id = {self.imp.pk}")[0][0]

    def jianfu(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "jianfu", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result.stdout

    def test_kill_9_then_detected_failed_then_retry_succeeds(self):
        people_at_start = self.query("SELECT COUNT(*) FROM registry_person")[0][0]
        worker = subprocess.Popen(
            [sys.executable, "-m", "jianfu", "worker", "--interval", "0.1"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 180
            while self.status() != "running":
                self.assertIsNone(worker.poll(), "the worker exited before it started the import")
                self.assertLess(time.monotonic(), deadline, "the worker never started the import")
                time.sleep(0.05)
            time.sleep(1.0)  # in the middle of reading, linking or writing
            self.assertEqual(self.status(), "running")
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        self.assertEqual(worker.returncode, -signal.SIGKILL)
        people_before = self.query("SELECT COUNT(*) FROM registry_person")[0][0]
        self.assertEqual(self.status(), "running")  # nobody has noticed yet

        time.sleep(2.5)  # longer than JIANFU_JOB_STALE_SECONDS without a heartbeat
        found = json.loads(self.jianfu("jobs-check", "--json"))
        self.assertEqual([i["id"] for i in found["imports"]], [self.imp.pk])
        self.assertEqual(self.status(), "failed")
        [(error,)] = self.query(f"SELECT error FROM ledgers_ledgerimport WHERE id = {self.imp.pk}")
        if people_before == people_at_start:  # killed before the first chunk was published
            self.assertIn("导入进程中断了", error)
            self.assertIn("居民库未做任何改动", error)
        else:  # killed while publishing: the chunks written are named, the retry finishes the rest
            self.assertIn("导入在写入居民库途中中断", error)
            self.assertIn("重新导入", error)

        retried = json.loads(self.jianfu("job-retry", "import", str(self.imp.pk), "--json"))
        self.assertEqual(retried["status"], "queued")
        self.jianfu("worker", "--batch", "--interval", "0.1")
        self.assertEqual(self.status(), "done")
        [(summary,)] = self.query(f"SELECT summary FROM ledgers_ledgerimport WHERE id = {self.imp.pk}")
        outcome = json.loads(summary)
        self.assertEqual(outcome["created"] + outcome["linked"], ROWS)
        self.assertEqual(outcome["created"], ROWS - (people_before - people_at_start))
        self.assertEqual(self.query("SELECT COUNT(*) FROM registry_person")[0][0], people_at_start + ROWS)
