"""Parse a workbook while the process is still starting (`jianfu import-ledger FILE`).

python-calamine parses a sheet without holding the GIL, so on two cores the parse (1.1–1.7 s for
100,000 rows × 12 columns) runs beside Django's start-up and the command's own set-up (≈ 1.2 s)
instead of after them. The reading thread first runs the checks the reader runs before it parses
(size, kind, the zip directory, the declared sheet sizes): a file they refuse is not parsed here,
and the reader refuses it with its message as before. Whatever goes wrong in the thread only
means there is nothing to take: the reader then opens the file itself.

A parsed workbook is handed over once, and only for the same file: same resolved path, size,
modification time and inode as when the thread started.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

WORKBOOK_KINDS = ("xlsx", "xlsb", "ods", "xls")  # what the reader opens with python-calamine

_lock = threading.Lock()
_jobs: dict[tuple[Any, ...], _Job] = {}


class _Job:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.workbook: Any = None
        self.sheets: dict[str, Any] = {}


def _identity(path: Path) -> tuple[Any, ...] | None:
    try:
        stat = path.stat()
        return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        return None


def start(path: str | Path, sheet: str | None = None) -> bool:
    """Begin parsing `path` (and its sheet `sheet`, else its first) in a daemon thread. Settings
    must be configured already (the checks read their limits). False when there is nothing to read."""
    path = Path(path)
    key = _identity(path)
    if key is None or not path.is_file():
        return False
    job = _Job()
    with _lock:
        if key in _jobs:
            return True
        _jobs[key] = job
    threading.Thread(target=_parse, args=(job, path, sheet), name="prefetch-workbook", daemon=True).start()
    return True


def _parse(job: _Job, path: Path, sheet: str | None) -> None:
    try:
        import python_calamine

        from jianfu.sheets import reader

        reader.check_size(path.stat().st_size)
        kind = reader.sniff_kind(path)
        if kind not in WORKBOOK_KINDS:
            return
        if kind in ("xlsx", "ods"):
            reader.check_zip(path)
        if kind == "xlsx":
            reader.check_sheet_sizes(path)
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        name = sheet if sheet is not None else (names[0] if names else None)
        if name in names:
            job.sheets[name] = workbook.get_sheet_by_name(name)
        job.workbook = workbook
    except BaseException:  # a refused or damaged file is the reader's to report (a Rust panic too)
        job.workbook, job.sheets = None, {}
    finally:
        job.done.set()


def take(path: str | Path) -> tuple[Any, dict[str, Any]] | None:
    """(workbook, {sheet name: parsed sheet}) started for this very file, once; None otherwise.
    Waits for the thread when it is still parsing."""
    if not _jobs:  # nothing started (every read but the command line's): no stat of the file
        return None
    key = _identity(Path(path))
    with _lock:
        job = _jobs.pop(key, None) if key is not None else None
    if job is None:
        return None
    job.done.wait()
    if job.workbook is None:
        return None
    return job.workbook, job.sheets


def forget() -> None:
    """Drop every workbook not taken (tests)."""
    with _lock:
        jobs = list(_jobs.values())
        _jobs.clear()
    for job in jobs:
        job.done.wait()
