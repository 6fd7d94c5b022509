import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core.models import AuditEvent
from jianfu.workdays.models import CalendarDay, CalendarYear
from jianfu.workdays.notice import NoticeError, parse_form, parse_yaml
from jianfu.workdays.selectors import (
    add_working_days,
    calendar_status,
    deadline_warning,
    is_working_day,
    working_days_between,
)

D = dt.date

NOTICE_2027 = """
year: 2027
source: 国务院办公厅关于2027年部分节假日安排的通知（测试数据）
holidays:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
  - {name: 春节, from: 2027-02-05, to: 2027-02-12}
workdays: [2027-02-13, 2027-02-20]
"""

pytestmark = pytest.mark.django_db


def test_seeded_from_chinese_calendar():
    assert calendar_status(2026) == "known"
    assert calendar_status(2004) == "known"
    assert CalendarDay.objects.filter(date=D(2026, 10, 1), kind="holiday", name="国庆节").exists()


def test_national_day_2026_with_adjusted_working_day():
    assert not is_working_day(D(2026, 10, 3))
    assert not is_working_day(D(2026, 10, 5))  # a Monday inside the holiday
    assert is_working_day(D(2026, 10, 10))  # Saturday 调休上班
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert working_days_between(D(2026, 10, 10), D(2026, 9, 30)) == -3  # 9-30, 10-8, 10-9


def test_spring_festival_2026():
    assert is_working_day(D(2026, 2, 14))  # Saturday 调休上班
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 24), -2) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 16), 0) == D(2026, 2, 16)


def test_fifteen_working_days_from_today():
    # 2026-11-21 is a Saturday: 15 working days later, no holiday in between
    assert add_working_days(D(2026, 11, 21), 15) == D(2026, 12, 11)
    assert deadline_warning((D(2026, 11, 21), D(2026, 12, 11))) is None


def test_2027_is_not_entered_falls_back_with_warning():
    assert calendar_status(2027) == "fallback"
    assert is_working_day(D(2027, 1, 1))  # a Friday: counted as working, the holiday is unknown
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)
    warning = deadline_warning(D(2027, 1, 5))
    assert warning and "2027" in warning and "周一至周五" in warning
    assert "2027" in deadline_warning((D(2026, 12, 20), D(2027, 1, 20)))
    assert deadline_warning(D(2026, 5, 1)) is None
    assert deadline_warning(None) is None
    assert "2027、2028" in deadline_warning((D(2027, 3, 1), D(2028, 3, 1)))


def test_load_command_enters_2027_and_is_idempotent(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(NOTICE_2027, encoding="utf-8")
    out = StringIO()
    call_command("workdays-load", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "years": [{"year": 2027, "changed": True}]}
    assert calendar_status(2027) == "known"
    assert deadline_warning(D(2027, 1, 5)) is None
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert is_working_day(D(2027, 2, 13))
    assert not is_working_day(D(2027, 2, 8))
    audits = AuditEvent.objects.count()
    out = StringIO()
    call_command("workdays-load", str(path), stdout=out)
    assert "unchanged" in out.getvalue()
    assert AuditEvent.objects.count() == audits
    assert CalendarDay.objects.filter(calendar_year__year=2027).count() == 13


def test_load_command_replaces_a_corrected_notice(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(NOTICE_2027, encoding="utf-8")
    call_command("workdays-load", str(path), stdout=StringIO())
    path.write_text(NOTICE_2027.replace("to: 2027-02-12", "to: 2027-02-11"), encoding="utf-8")
    call_command("workdays-load", str(path), stdout=StringIO())
    assert is_working_day(D(2027, 2, 12))
    assert CalendarYear.objects.filter(year=2027).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (NOTICE_2027.replace("2027-02-13,", "2027-02-15,"), "周六或周日"),
        (NOTICE_2027.replace("to: 2027-01-03", "to: 2026-12-30"), "早于开始日期"),
        (NOTICE_2027.replace("from: 2027-02-05", "from: 2027-02-31"), "不是有效日期"),
        (NOTICE_2027.replace("year: 2027", "year: next"), "year 应是"),
        (NOTICE_2027.replace("workdays:", "workday:"), "未知字段"),
        ("year: 2027\nholidays: [oops", "YAML"),
        (
            NOTICE_2027.replace("workdays:", "  - {name: 清明, from: 2027-02-13, to: 2027-02-13}\nworkdays:"),
            "既是放假日又是调休上班日",
        ),
    ],
)
def test_load_command_bad_file_clear_error_nothing_written(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("workdays-load", str(path), stdout=StringIO())
    assert message in str(exc.value)
    assert "nothing was loaded" in str(exc.value)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_command_multi_year_file_all_or_nothing(tmp_path):
    bad_2028 = "- " + NOTICE_2027.strip().replace("\n", "\n  ") + "\n- {year: 2028, workdays: [2028-01-05]}\n"
    path = tmp_path / "two.yaml"
    path.write_text(bad_2028, encoding="utf-8")
    with pytest.raises(CommandError, match="2028-01-05"):
        call_command("workdays-load", str(path), stdout=StringIO())
    assert not CalendarYear.objects.filter(year__in=[2027, 2028]).exists()


def test_load_command_missing_file():
    with pytest.raises(CommandError, match="not found"):
        call_command("workdays-load", "/nonexistent/2027.yaml", stdout=StringIO())


def test_conflict_with_another_year_is_refused(tmp_path):
    text = "year: 2027\nholidays: [{name: 元旦, from: 2026-12-31, to: 2027-01-01}]\n"
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    # 2026-12-31 is not in 2026's data, so this is allowed; a clash with 2026-10-01 is not
    call_command("workdays-load", str(path), stdout=StringIO())
    path.write_text(
        "year: 2027\nholidays: [{name: 国庆, from: 2026-12-01, to: 2026-12-01}]\n", encoding="utf-8"
    )
    call_command("workdays-load", str(path), stdout=StringIO())  # a Tuesday, no clash either
    path.write_text(
        "year: 2025\nholidays: [{name: 元旦, from: 2025-12-31, to: 2026-01-01}]\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="2026年的安排"):
        call_command("workdays-load", str(path), stdout=StringIO())


def test_parse_form_lines():
    spec = parse_form(
        year=2027,
        holidays_text="元旦 2027-01-01 至 2027-01-03\n春节：2027年2月5日至2027年2月12日\n\n清明 2027-04-05",
        workdays_text="2027-02-13，2027-02-20",
    )
    assert [h[0] for h in spec.holidays] == ["元旦", "春节", "清明"]
    assert spec.holidays[1][2] == D(2027, 2, 12)
    assert [d for d, _n in spec.workdays] == [D(2027, 2, 13), D(2027, 2, 20)]
    with pytest.raises(NoticeError) as exc:
        parse_form(year=2027, holidays_text="春节 二月五日", workdays_text="")
    assert "第1行" in exc.value.errors[0]


def test_parse_yaml_accepts_chinese_dates():
    (spec,) = parse_yaml("year: 2027\nholidays: [{name: 元旦, from: 2027年1月1日, to: 2027年1月3日}]\n")
    assert len(spec.days()) == 3


@settings(max_examples=40, deadline=None)
@given(start=st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 6, 30)), n=st.integers(-40, 40))
def test_between_inverts_add(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


def test_package_years_still_known_when_rows_are_gone():
    CalendarDay.objects.filter(date__year=2026).delete()
    CalendarYear.objects.filter(year=2026).delete()
    from jianfu.workdays.selectors import invalidate

    invalidate()
    assert calendar_status(2026) == "known"
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert calendar_status(2027) == "fallback"
