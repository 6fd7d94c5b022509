"""A workbook parsed while the process starts (jianfu.sheets.prefetch) is used once, only for the same
file, gives the same table as reading it then, and never parses what the reader would refuse."""

import os
import tempfile
import threading
from pathlib import Path
from unittest import mock

import python_calamine
from django.test import SimpleTestCase, override_settings

from jianfu import __main__ as console
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.sheets import prefetch
from jianfu.sheets.reader import SheetError
from jianfu.sheets.tests.test_reader_robust import read

ROWS = [
    ["姓名", "身份证号", "联系电话"],
    ["周敏", "420102195003021234", "13800000001"],
    ["吴刚", "", "13800000002"],
]


class PrefetchTests(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.path = write_xlsx(self.tmp / "roster.xlsx", ROWS)
        self.addCleanup(prefetch.forget)

    def test_the_reader_takes_the_parsed_workbook_and_reads_the_same_table(self):
        expected = read(self.path)
        self.assertTrue(prefetch.start(self.path))
        prefetch._jobs[prefetch._identity(self.path)].done.wait()  # parsed before the reader looks
        with mock.patch.object(
            python_calamine.CalamineWorkbook, "from_path", side_effect=AssertionError("again")
        ):
            table = read(self.path)
        self.assertEqual(table.rows, expected.rows)
        self.assertEqual(table.columns, expected.columns)
        self.assertIsNone(prefetch.take(self.path))  # handed over once

    def test_a_file_changed_after_the_start_is_read_again(self):
        prefetch.start(self.path)
        prefetch._jobs[prefetch._identity(self.path)].done.wait()
        write_xlsx(self.path, [*ROWS, ["郑洁", "", "13800000003"]])
        os.utime(self.path, ns=(1, 2))  # a different modification time even on a coarse clock
        self.assertEqual([cells[0] for _row, cells in read(self.path).rows], ["周敏", "吴刚", "郑洁"])

    def test_the_sheet_asked_for_is_the_one_parsed(self):
        path = write_xlsx(self.tmp / "named.xlsx", ROWS, sheet="名单")
        prefetch.start(path, "名单")
        taken = prefetch.take(path)
        assert taken is not None
        self.assertEqual(list(taken[1]), ["名单"])

    def test_a_file_the_checks_refuse_is_not_parsed_and_the_reader_says_why(self):
        with (
            override_settings(JIANFU_MAX_SHEET_XML_BYTES=100),
            mock.patch.object(
                python_calamine.CalamineWorkbook, "from_path", side_effect=AssertionError("parsed")
            ),
        ):
            prefetch.start(self.path)
            self.assertIsNone(prefetch.take(self.path))
            with self.assertRaises(SheetError) as caught:
                read(self.path)
        self.assertIn("解压后有", str(caught.exception))

    def test_a_damaged_file_leaves_nothing_to_take(self):
        broken = self.tmp / "broken.xlsx"
        broken.write_bytes(self.path.read_bytes()[:300])
        prefetch.start(broken)
        self.assertIsNone(prefetch.take(broken))
        self.assertFalse(prefetch.start(self.tmp / "missing.xlsx"))


class CommandLineTests(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.path = write_xlsx(self.tmp / "roster.xlsx", ROWS)
        (self.tmp / "map.xlsx").write_bytes(b"")  # an option's value that names a file is not the ledger

    def started(self, *args: str) -> list[tuple]:
        with mock.patch.object(prefetch, "start") as start:
            console._start_parsing_workbook(list(args))
        return [c.args for c in start.call_args_list]

    def test_the_ledger_argument_and_its_sheet_are_parsed_at_start(self):
        self.assertEqual(
            self.started("--source", str(self.tmp / "map.xlsx"), str(self.path), "--sheet", "名单", "--yes"),
            [(str(self.path), "名单")],
        )
        self.assertEqual(self.started(str(self.path), "--sheet=表1"), [(str(self.path), "表1")])

    def test_nothing_is_started_for_a_csv_or_a_missing_file(self):
        csv = self.tmp / "roster.csv"
        csv.write_text("姓名\n周敏\n", encoding="utf-8")
        self.assertEqual(self.started(str(csv)), [])
        self.assertEqual(self.started(str(self.tmp / "gone.xlsx")), [])

    def test_a_normal_end_runs_exit_handlers_then_skips_the_teardown(self):
        calls = []
        with (
            # the test process has threads of its own (the test runner's): only this one is left
            mock.patch("threading.enumerate", return_value=[threading.main_thread()]),
            mock.patch("atexit._run_exitfuncs", side_effect=lambda: calls.append("handlers")),
            mock.patch("os._exit", side_effect=lambda code: calls.append(("exit", code))),
        ):
            console._exit_without_teardown()
        self.assertEqual(calls, ["handlers", ("exit", 0)])

    def test_a_running_thread_keeps_the_normal_exit(self):
        release = threading.Event()
        worker = threading.Thread(target=release.wait)
        worker.start()
        self.addCleanup(worker.join)
        self.addCleanup(release.set)
        with mock.patch("os._exit", side_effect=AssertionError("exited")):
            console._exit_without_teardown()


def test_linkage_draws_no_progress_bar_into_json_output():
    from jianfu.ledgers import linkage

    setting = linkage.duckdb_connection().execute("SELECT current_setting('enable_progress_bar')").fetchone()
    assert setting == (False,)
