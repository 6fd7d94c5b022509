import datetime as dt

import pytest
from django.db import connection

from jianfu.core.sqlin import member_of
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f


class MemberOfTests(PersonaTestCase):
    """`member_of` finds exactly what an `IN (…)` list finds, on whichever database the suite runs."""

    def _ids(self, column: str, values: list, array_type: str = "") -> set[int]:
        where, params = member_of(column, values, array_type)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM registry_person WHERE {where}", params)
            return {pk for (pk,) in cursor.fetchall()}

    def test_numbers_text_and_dates(self):
        born = (dt.date(1990, 3, 7), dt.date(1985, 12, 12), dt.date(1970, 1, 1))
        a, b, _c = (
            f.person(community=self.community, id_number=f.id_number(day), birth_date=day.isoformat())
            for day in born
        )
        self.assertEqual(self._ids("id", [a.pk, b.pk, 10**9]), {a.pk, b.pk})
        self.assertEqual(self._ids("id_number", [a.id_number, "none"]), {a.pk})
        self.assertEqual(self._ids("birth_date", ["1985-12-12", "1990-03-07"], "date"), {a.pk, b.pk})

    def test_the_sql_per_database(self):
        where, params = member_of("id", [1, 2, 3])
        if connection.vendor == "postgresql":
            self.assertEqual((where, params), ("id = ANY(%s)", [[1, 2, 3]]))
        else:
            self.assertEqual((where, params), ("id IN (%s, %s, %s)", [1, 2, 3]))

    def test_no_values_is_a_programming_error(self):
        with pytest.raises(ValueError):
            member_of("id", [])
