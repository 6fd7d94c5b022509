import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.registry.precedence import (
    IDENTITY_ATTRIBUTES,
    FactView,
    Precedence,
    current_values,
    disagreements,
)

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PLAIN = Precedence()
BASE, DIBAO, VISIT = 1, 2, 3
RULES = Precedence(base_registers=frozenset({BASE}), own_fields={DIBAO: frozenset({"dibao", "dibao_number"})})


def fv(attr, value, source, priority, minutes, verified=False):
    return FactView(attr, value, source, priority, T0 + dt.timedelta(minutes=minutes), minutes, verified)


def test_higher_priority_wins_over_newer():
    values, conflicts = current_values([fv("phone", "1", 1, 90, 0), fv("phone", "2", 2, 10, 5)], PLAIN)
    assert values["phone"] == "1"
    assert conflicts == {"phone"}


def test_newer_wins_on_tie_and_same_source_is_not_a_conflict():
    values, conflicts = current_values([fv("phone", "1", 1, 50, 0), fv("phone", "2", 1, 50, 5)], PLAIN)
    assert values["phone"] == "2"
    assert conflicts == set()


def test_verification_settles_until_newer_report():
    facts = [fv("phone", "1", 1, 50, 0), fv("phone", "2", 2, 50, 1), fv("phone", "2", 9, 1000, 2, True)]
    values, conflicts = current_values(facts, PLAIN)
    assert values["phone"] == "2" and conflicts == set()
    values, conflicts = current_values([*facts, fv("phone", "3", 1, 50, 3)], PLAIN)
    assert values["phone"] == "2" and conflicts == {"phone"}


def test_base_register_wins_identity_over_a_higher_priority_newer_roster():
    facts = [fv("name", "王建国", BASE, 60, 0), fv("name", "王健国", DIBAO, 80, 10)]
    values, conflicts = current_values(facts, RULES)
    assert values["name"] == "王建国"
    assert conflicts == {"name"}  # the roster's spelling stays visible


def test_roster_wins_its_own_fields_over_the_base_register():
    facts = [fv("dibao_number", "DB1", BASE, 90, 10), fv("dibao_number", "DB2", DIBAO, 10, 0)]
    values, _conflicts = current_values(facts, RULES)
    assert values["dibao_number"] == "DB2"


def test_other_fields_follow_priority_then_recency():
    facts = [fv("phone", "1", BASE, 60, 10), fv("phone", "2", DIBAO, 80, 0)]
    assert current_values(facts, RULES)[0]["phone"] == "2"


def test_community_verification_outranks_the_base_register():
    facts = [fv("name", "王建国", BASE, 60, 0), fv("name", "王健国", 9, 1000, 5, True)]
    assert current_values(facts, RULES) == ({"name": "王健国"}, set())


def test_identity_is_never_a_rosters_own_field():
    rules = Precedence(own_fields={DIBAO: frozenset({"dibao_number"})})
    assert all(rules.tier(code, DIBAO) == 0 for code in IDENTITY_ATTRIBUTES)


facts_strategy = st.lists(
    st.builds(
        fv,
        st.sampled_from(["name", "id_number", "phone", "dibao_number"]),
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from([BASE, DIBAO, VISIT]),
        st.integers(0, 100),
        st.integers(0, 1000),
    ),
    max_size=12,
).map(
    lambda facts: [f._replace(fact_id=i + 1) for i, f in enumerate(facts)]
)  # ids are unique, as in the table


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, loaded machine
@given(facts_strategy)
def test_base_register_value_is_current_for_identity_whenever_it_reported(facts):
    values, _conflicts = current_values(facts, RULES)
    for code in IDENTITY_ATTRIBUTES:
        base = [f for f in facts if f.attribute == code and f.source_id == BASE]
        if base:
            latest = max(base, key=lambda f: (f.recorded_at, f.fact_id))
            assert values[code] == latest.value


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, loaded machine
@given(facts_strategy)
def test_the_order_facts_arrive_in_does_not_matter(facts):
    assert current_values(facts, RULES) == current_values(list(reversed(facts)), RULES)


verified_facts_strategy = st.lists(
    st.builds(
        fv,
        st.sampled_from(["name", "phone", "dibao_number"]),
        st.sampled_from(["a", "b"]),
        st.sampled_from([BASE, DIBAO, VISIT]),
        st.integers(0, 100),
        st.integers(0, 1000),
        st.booleans(),
    ),
    max_size=12,
).map(lambda facts: [f._replace(fact_id=i + 1) for i, f in enumerate(facts)])


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, loaded machine
@given(verified_facts_strategy, st.sampled_from([PLAIN, RULES]))
def test_disagreements_need_no_rules(facts, rules):
    """The person page loads the precedence rules only when there is a conflict to explain."""
    assert disagreements(facts) == current_values(facts, rules)[1]
