import datetime as dt

from jianfu.registry.precedence import FactView, current_values

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def fv(attr, value, source, priority, minutes, verified=False):
    return FactView(attr, value, source, priority, T0 + dt.timedelta(minutes=minutes), minutes, verified)


def test_higher_priority_wins_over_newer():
    values, conflicts = current_values([fv("phone", "1", 1, 90, 0), fv("phone", "2", 2, 10, 5)])
    assert values["phone"] == "1"
    assert conflicts == {"phone"}


def test_newer_wins_on_tie_and_same_source_is_not_a_conflict():
    values, conflicts = current_values([fv("phone", "1", 1, 50, 0), fv("phone", "2", 1, 50, 5)])
    assert values["phone"] == "2"
    assert conflicts == set()


def test_verification_settles_until_newer_report():
    facts = [fv("phone", "1", 1, 50, 0), fv("phone", "2", 2, 50, 1), fv("phone", "2", 9, 1000, 2, True)]
    values, conflicts = current_values(facts)
    assert values["phone"] == "2" and conflicts == set()
    values, conflicts = current_values([*facts, fv("phone", "3", 1, 50, 3)])
    assert values["phone"] == "2" and conflicts == {"phone"}
