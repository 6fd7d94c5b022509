"""While a large import runs, other people keep working: sign-ins, pages, certificate issuing and
the API all answer, with no error ("database is locked", HTTP 500) and no request left waiting.

Real processes on one database, as in production: a jianfu server (Django's threaded runserver),
the import (`jianfu import-ledger`, the CLI a district runs for big files) and this test as the
client (jianfu.core.loadclient). On SQLite the database is a file copy of the in-memory test
database (`VACUUM INTO`), in WAL mode as configured, and the server's busy timeout is cut to
`SERVER_BUSY_TIMEOUT` seconds: a writer that has to wait longer for the import's write lock fails,
so the test fails if the import holds the lock for long (before staging, its one write
transaction held it for the whole write phase). On PostgreSQL the test database itself (this test
commits its set-up). Speed (p95) is measured in bench/bench_import_concurrency.py, not here.
"""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

from jianfu.accounts.auth import api_token_create
from jianfu.certificates.tests.helpers import ensure_reference_data
from jianfu.core import idcard
from jianfu.core.loadclient import LoadClient, serve
from jianfu.core.testing import factories as f

ROOT = Path(__file__).resolve().parents[3]
ROWS = 5_000
SERVER_BUSY_TIMEOUT = "5"


def _ledger(path: Path, rows: int) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("名册")
    ws.write_row(0, 0, ["姓名", "公民身份号码", "联系电话", "现住址", "低保证号"])
    for i in range(rows):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=i // 500)
        ws.write_row(
            i + 1,
            0,
            [
                f"居民{i}",
                idcard.make("420102", birth, i % 500),
                f"139{i:08d}",
                f"新安小区{i % 40}栋",
                f"DB{i:06d}" if i % 5 == 0 else "",
            ],
        )
    wb.close()
    return path


def database_url() -> tuple[str, Path | None]:
    """A URL other processes can open for the test database (SQLite: a file copy of it)."""
    if connection.vendor == "sqlite":
        copy = Path(tempfile.mkdtemp()) / "shared.sqlite3"
        connection.cursor().execute("VACUUM INTO %s", [str(copy)])
        return f"sqlite:///{copy}", copy
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}",
        None,
    )


class ImportWhileOthersWork(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        ensure_reference_data()
        self.tmp = Path(tempfile.mkdtemp())
        org = f.org_tree()
        self.community = org["community"]
        self.worker = f.user("w_load", "community_worker", community=self.community)
        _token, self.token = api_token_create(user=self.worker, name="load test")
        self.ledger = _ledger(self.tmp / "名册.xlsx", ROWS)
        url, self.db_file = database_url()
        self.env = dict(os.environ)
        self.env.update(
            DATABASE_URL=url,
            JIANFU_DATA_DIR=str(settings.DATA_DIR),
            JIANFU_TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="jianfu.settings_test",
        )

    def count(self, sql: str) -> int:
        if self.db_file is not None:
            con = sqlite3.connect(self.db_file, timeout=30)
            try:
                return int(con.execute(sql).fetchone()[0])
            finally:
                con.close()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return int(cursor.fetchone()[0])

    def test_signins_pages_certificates_and_api_answer_during_a_large_import(self):
        server_env = {**self.env, "JIANFU_SQLITE_BUSY_TIMEOUT": SERVER_BUSY_TIMEOUT}
        with serve(server_env) as base:
            client = LoadClient(
                base,
                username=self.worker.username,
                password=f.PASSWORD,
                token=self.token,
                item_code="CM01",
                timeout=120,
            )
            client.round()  # warm: the server has loaded everything before the import starts
            client.reset()
            out = self.tmp / "import.json"
            with open(out, "wb") as stdout:
                importer = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "jianfu",
                        "import-ledger",
                        str(self.ledger),
                        "--source",
                        "区民政局低保名册",
                        "--community",
                        self.community.code,
                        "--yes",
                        "--json",
                    ],
                    cwd=ROOT,
                    env=self.env,
                    stdout=stdout,
                    stderr=subprocess.PIPE,
                )
                client.run_while(lambda: importer.poll() is None, min_rounds=3)
                _out, err = importer.communicate(timeout=600)
        self.assertEqual(importer.returncode, 0, err.decode("utf-8", "replace")[-3000:])
        summary = json.loads(out.read_text())
        self.assertEqual((summary["created"], summary["rejected"]), (ROWS, 0))
        self.assertEqual(self.count("SELECT COUNT(*) FROM registry_person"), ROWS)
        self.assertEqual(self.count("SELECT COUNT(*) FROM registry_stagedfact"), 0)  # staging emptied
        # published by a thread beside the staging one (a SQLite file in WAL mode as well as PostgreSQL)
        publishers = (
            "SELECT json_extract(summary, '$.publishers') FROM ledgers_ledgerimport"
            if self.db_file is not None
            else "SELECT CAST(summary->>'publishers' AS INTEGER) FROM ledgers_ledgerimport"
        )
        self.assertGreaterEqual(self.count(publishers), 1)
        errors = client.errors()
        self.assertEqual(errors, [], [e.error for e in errors][:5])
        report = client.report()
        # every request of every round completed (each round: 2 sign-in, 2 page, 1 certificate, 1 API)
        self.assertGreaterEqual(client.rounds, 3)
        self.assertEqual(report["all"]["n"], 6 * client.rounds)
        self.assertEqual(report["certificate"]["n"], client.rounds)
        self.assertEqual(
            self.count("SELECT COUNT(*) FROM certificates_certificate"), client.rounds + 1
        )  # + warm-up
        self.assertLess(report["all"]["max"], 120)  # generous: none was left waiting on the import
