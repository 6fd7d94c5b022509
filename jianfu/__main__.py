"""The `jianfu` console script: every management command, with jianfu's settings."""

import os
import sys

from jianfu.core.dbsetup import not_set_up


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["jianfu", *sys.argv[1:]])
    except DatabaseError as exc:
        if "--traceback" in sys.argv or not not_set_up(exc):
            raise
        sys.exit(_not_set_up_line(exc))


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
