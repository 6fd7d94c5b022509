"""Django's database sessions (settings.SESSION_ENGINE), the row read with one prepared SELECT.

Same table, same rows, same writes as `django.contrib.sessions.backends.db`: signing out deletes the
row and the next request from any process finds none, a password change changes the hash kept in the
session (checked by django.contrib.auth on every request). Only the read differs: the ORM spent about
1 ms of CPU building `Session.objects.get(session_key=…, expire_date__gt=now)` on every signed-in
request for a query that runs in well under 0.1 ms (bench/bench_request_overhead.py); here the SQL is
written once per connection and only the session data is fetched.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

COLUMNS = ("session_data", "session_key", "expire_date")


class SessionStore(db.SessionStore):
    def _session_data(self) -> str | None:
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        quote = connection.ops.quote_name
        meta = model._meta
        data, key, expiry = (quote(str(meta.get_field(name).column)) for name in COLUMNS)  # type: ignore[union-attr]
        sql = f"SELECT {data} FROM {quote(meta.db_table)} WHERE {key} = %s AND {expiry} > %s"
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        return None if row is None else row[0]

    def load(self) -> dict[str, Any]:
        data = self._session_data()
        if data is None:
            self._session_key = None  # as Django's: a missing or expired session starts anew
            return {}
        return self.decode(data)
