"""Property test: any sequence of district sets/removes (in any date order) gives, on every date,
the list a simple model predicts: the district's version with the latest start on or before the
date wins; a removal hides the item; with no district version, the national item shows."""

import datetime as dt

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from jianfu.catalog.selectors import active_items
from jianfu.catalog.services import catalog_item_remove, catalog_item_set, jurisdiction_for_district
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.orgs.models import District

START = dt.date(2026, 1, 1)
ops = st.lists(st.tuples(st.sampled_from(["set", "remove"]), st.integers(0, 12)), min_size=1, max_size=8)


class VersioningModelTests(TestCase):
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ops=ops)
    def test_any_sequence_matches_the_model(self, ops):
        district, _ = District.objects.get_or_create(code="420102", defaults={"name": "江岸区"})
        officer = f.user(f"o{abs(hash(tuple(ops)))}", "district_office", district=district)
        jur = jurisdiction_for_district(district, actor=SYSTEM)
        national = {i.code: i.name for i in active_items(district_code=None, on=START, kinds=["assist"])}[
            "A01"
        ]
        own: dict[dt.date, str | None] = {}  # start date → name (None = removed)

        def model(on: dt.date) -> str | None:
            starts = [d for d in own if d <= on]
            return own[max(starts)] if starts else national

        for n, (action, offset) in enumerate(ops):
            day = START + dt.timedelta(days=offset)
            try:
                if action == "set":
                    catalog_item_set(
                        actor=officer,
                        jurisdiction=jur,
                        list_kind="assist",
                        code="A01",
                        name=f"版本{n}",
                        effective_from=day,
                    )
                else:
                    catalog_item_remove(
                        actor=officer, jurisdiction=jur, list_kind="assist", code="A01", effective_from=day
                    )
            except ValidationError:
                assert day in own or (action == "remove" and model(day) is None)
                continue
            assert day not in own
            own[day] = f"版本{n}" if action == "set" else None
        for offset in range(-1, 15):
            on = START + dt.timedelta(days=offset)
            got = {i.code: i.name for i in active_items(district_code="420102", on=on, kinds=["assist"])}.get(
                "A01"
            )
            assert got == model(on), (ops, on)
