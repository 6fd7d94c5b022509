import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jianfu.burden.selectors import MAX_MONTHS, LedgerFilter, dashboard_range, parse_month

params = st.dictionaries(
    st.sampled_from(["community", "street", "department", "kind", "month", "from", "to"]),
    st.text(max_size=30) | st.from_regex(r"\A\d{4}-\d{2}\Z") | st.integers(-5, 10**6).map(str),
)


@given(params)
def test_any_query_string_parses_and_gives_a_bounded_range(raw):
    filters = LedgerFilter.from_params(raw)
    for name in ("community", "street", "department"):
        value = getattr(filters, name)
        assert value is None or (isinstance(value, int) and value >= 0)
    month_from, month_to = dashboard_range(filters)
    assert month_from <= month_to
    assert month_from.day == month_to.day == 1
    assert (month_to.year - month_from.year) * 12 + month_to.month - month_from.month < MAX_MONTHS


def test_parse_month():
    assert parse_month("2026-05") == dt.date(2026, 5, 1)
    assert parse_month("2026-13") is None
    assert parse_month("") is None
    assert parse_month("五月") is None
    assert parse_month("0001-01") is None  # would underflow the 12-month default range


def test_tiny_year_does_not_crash():
    assert dashboard_range(LedgerFilter.from_params({"to": "0001-01"}))[0].year > 1000
