"""The `jianfu` console script: every management command, with jianfu's settings."""

import atexit
import os
import sys
import threading
from pathlib import Path

from jianfu.core.dbsetup import not_set_up

# what `jianfu import-ledger FILE` may be given that python-calamine parses (the reader checks the content)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    if sys.argv[1:2] == ["import-ledger"]:
        _start_parsing_workbook(sys.argv[2:])
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["jianfu", *sys.argv[1:]])
    except DatabaseError as exc:
        if "--traceback" in sys.argv or not not_set_up(exc):
            raise
        sys.exit(_not_set_up_line(exc))
    _exit_without_teardown()


def _start_parsing_workbook(args: list[str]) -> None:
    """Start parsing the workbook to import while Django starts (jianfu.sheets.prefetch): the
    first argument naming an existing workbook file, with the --sheet given, if any."""
    sheet = None
    for i, arg in enumerate(args):
        if arg == "--sheet" and i + 1 < len(args):
            sheet = args[i + 1]
        elif arg.startswith("--sheet="):
            sheet = arg.split("=", 1)[1]
    previous = ""
    for arg in args:
        if previous not in ("--map-file", "--source", "--community", "--tag", "--map", "--sheet") and (
            not arg.startswith("-") and Path(arg).suffix.lower() in WORKBOOK_SUFFIXES and Path(arg).is_file()
        ):
            from django.conf import settings

            from jianfu.sheets import prefetch

            try:
                settings.INSTALLED_APPS  # noqa: B018 — configured now (Django would a moment later): the thread reads limits
            except Exception:  # Django reports bad settings itself, a moment later
                return
            prefetch.start(arg, sheet)
            return
        previous = arg


def _exit_without_teardown() -> None:
    """End a command that returned normally without tearing the interpreter down. A command that
    held millions of objects (a 100,000-row import: row plans, facts, caches of names) otherwise
    spends about a second freeing them one by one after its work is done and printed. Exit
    handlers still run and output is flushed first. When a thread that is not a daemon is still
    running, the normal exit (which waits for it) is kept."""
    if any(t is not threading.main_thread() and not t.daemon and t.is_alive() for t in threading.enumerate()):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
        pass
    os._exit(0)


def _not_set_up_line(exc: Exception) -> str:
    """The one-line error for a database without jianfu's tables (instead of a traceback)."""
    from django.db import connection

    where = connection.settings_dict.get("NAME") or "?"
    return (
        f"jianfu: the database ({where}) is not set up: {str(exc).splitlines()[0]}. "
        "Create its tables with `jianfu migrate` (or run `make demo` for a demo district), then try again."
    )


if __name__ == "__main__":
    main()
