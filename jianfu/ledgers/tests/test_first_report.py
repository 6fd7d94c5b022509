"""`write.first_report`: a source's first report of a person gives the same current values and
conflict flag as deciding precedence over all their facts (the import skips reading the facts)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.ledgers.write import first_report
from jianfu.registry.precedence import FactView, Precedence, current_values

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
BASE, DIBAO, NEW_SOURCE = 1, 2, 9
RULES = Precedence(base_registers=frozenset({BASE}), own_fields={DIBAO: frozenset({"dibao_number"})})
ATTRIBUTES = ["name", "phone", "address", "dibao_number", "education"]

stored_fact = st.builds(
    lambda attr, value, source, priority, minutes, validated: FactView(
        attr, value, source, priority, T0 + dt.timedelta(minutes=minutes), minutes + 1, False, validated
    ),
    st.sampled_from(ATTRIBUTES),
    st.sampled_from(["甲", "乙", "丙"]),
    st.integers(1, 4),
    st.sampled_from([10, 50, 90]),
    st.integers(0, 1000),
    st.booleans(),
)


def report(attr: str, value: str, priority: int, validated: bool = True, verified: bool = False) -> FactView:
    return FactView(attr, value, NEW_SOURCE, priority, T0 + dt.timedelta(days=1), 2**62, verified, validated)


@settings(max_examples=300, deadline=None)
@given(
    facts=st.lists(stored_fact, max_size=12),
    reported=st.lists(st.sampled_from(ATTRIBUTES), unique=True, min_size=1),
    priority=st.sampled_from([5, 50, 95]),
)
def test_first_report_matches_precedence_over_all_facts(facts, reported, priority):
    current, conflicts = current_values(facts, RULES)
    # the source agrees with every current value it reports and fills attributes nobody holds
    added = [report(a, current.get(a, "新值"), priority) for a in reported]
    values = first_report(False, added, current)
    assert values is not None
    after, conflicts_after = current_values(facts + added, RULES)
    assert values == after
    assert bool(conflicts_after) == bool(conflicts)


def test_precedence_decides_otherwise():
    current = {"name": "张三", "phone": "13800000000"}
    assert first_report(False, [report("name", "张三", 50)], current) == current
    assert first_report(True, [report("name", "张三", 50)], current) is None  # reported before
    assert first_report(False, [report("phone", "13900000000", 50)], current) is None  # a changed value
    assert first_report(False, [report("address", "x", 50, validated=False)], current) is None
    assert first_report(False, [report("name", "张三", 50, verified=True)], current) is None
    assert first_report(False, [report("education", "高中", 50)], current) == {**current, "education": "高中"}
