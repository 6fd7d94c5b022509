"""Whether a database error means jianfu's tables were never created (no Django import: the console script uses it)."""

import re

# SQLite: no such table / unable to open database file; PostgreSQL: relation "…" does not exist
_NOT_SET_UP = re.compile(r'no such table|unable to open database file|relation "[^"]+" does not exist')


def not_set_up(exc: BaseException) -> bool:
    return _NOT_SET_UP.search(str(exc)) is not None
