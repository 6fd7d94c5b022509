"""A bulk job's SQLite connection: reads without the memory map (unmapped_reads) and the write-ahead
log copied into the database file by a thread beside it (checkpoints_beside); both restored after."""

import sqlite3
from pathlib import Path

import pytest

from jianfu.registry.current import unmapped_reads


def _mmap(con: sqlite3.Connection) -> int | None:
    row = con.execute("PRAGMA mmap_size").fetchone()
    return row[0] if row else None


def test_map_is_off_inside_and_restored_after(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    con.execute("PRAGMA mmap_size=1048576")
    with unmapped_reads(con):
        assert _mmap(con) == 0
    assert _mmap(con) == 1048576
    con.close()


def test_map_is_restored_when_the_job_fails(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    con.execute("PRAGMA mmap_size=2097152")
    with pytest.raises(RuntimeError), unmapped_reads(con):
        raise RuntimeError("job failed")
    assert _mmap(con) == 2097152
    con.close()


def test_unmapped_connection_and_memory_database_are_left_alone(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    con.execute("PRAGMA mmap_size=0")
    with unmapped_reads(con):
        assert _mmap(con) == 0
    assert _mmap(con) == 0
    memory = sqlite3.connect(":memory:")
    with unmapped_reads(memory):
        pass
    assert _mmap(memory) is None


class _OtherVendor:
    vendor = "postgresql"

    def cursor(self) -> None:
        raise AssertionError("no statement is sent to another database")


def test_other_databases_are_not_touched() -> None:
    with unmapped_reads(_OtherVendor()):
        pass


def test_checkpoints_run_beside_the_job_and_autocheckpoint_is_restored(tmp_path: Path) -> None:
    from jianfu.registry.current import checkpoints_beside

    path = tmp_path / "wal.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=1000")
    con.execute("CREATE TABLE t (x TEXT)")
    with checkpoints_beside(con, every=0.01):
        assert con.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 5_000)
    assert con.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    # the job's own commits did not checkpoint (autocheckpoint 0): the 2.5 MB reached the database
    # file only through the thread's checkpoints
    assert path.stat().st_size > 2_000_000
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM t").fetchone()[0] == 5_000
    con.close()


def test_checkpoints_beside_leaves_memory_and_rollback_journal_databases_alone(tmp_path: Path) -> None:
    from jianfu.registry.current import checkpoints_beside

    memory = sqlite3.connect(":memory:")
    with checkpoints_beside(memory):
        pass
    journal = sqlite3.connect(tmp_path / "journal.sqlite3")
    journal.execute("PRAGMA wal_autocheckpoint=77")
    with checkpoints_beside(journal):
        assert journal.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 77
