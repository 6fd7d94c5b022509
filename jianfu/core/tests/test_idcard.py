import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jianfu.core import idcard
from jianfu.core.masking import mask_id_number, mask_phone


def test_known_valid_number():
    info = idcard.parse("11010519491231002X")
    assert info is not None
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "女"


def test_wrong_check_digit_is_explained():
    assert idcard.parse("110105194912310021") is None
    assert "校验位" in idcard.problem("110105194912310021")


def test_excel_mangled_number_is_recognised():
    assert idcard.looks_excel_mangled("4.20102195003021E+17")
    assert idcard.looks_excel_mangled(4.20102195003021e17)
    assert "文本" in idcard.problem("4.20102195003021E+17")


def test_full_width_and_lower_x_normalised():
    assert idcard.parse("１１０１０５１９４９１２３１００２x") is not None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)), st.integers(0, 999))
def test_made_numbers_round_trip(birth, seq):
    number = idcard.make("420102", birth, seq)
    info = idcard.parse(number)
    assert info is not None and info.birth_date == birth
    assert info.gender == ("男" if seq % 2 else "女")


def test_masks():
    assert mask_id_number("42010219500302123X") == "4201**********123X"
    assert mask_phone("13812345678") == "138****5678"
