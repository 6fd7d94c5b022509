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


NUMBER = idcard.make("420102", dt.date(1950, 3, 2), 123)


def test_what_people_put_around_an_id_number():
    for written in [
        "'" + NUMBER,  # Excel's text apostrophe
        "‘" + NUMBER,
        f"{NUMBER[:6]} {NUMBER[6:14]} {NUMBER[14:]}",
        f"{NUMBER[:6]}-{NUMBER[6:14]}-{NUMBER[14:]}",
        NUMBER.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        f" {NUMBER}\u00a0",
        f"\u200b{NUMBER}",
        f"身份证号：{NUMBER}",
    ]:
        assert idcard.normalize(written) == NUMBER, written
        assert idcard.is_valid(written), written


def test_lower_case_x():
    number = next(
        n for n in (idcard.make("420102", dt.date(1950, 3, 2), s) for s in range(1000)) if n[-1] == "X"
    )
    assert idcard.normalize(number.lower()) == number
    assert idcard.normalize(number[:17] + "ｘ") == number


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), st.integers(0, 999))
def test_fifteen_digit_numbers_become_eighteen(birth, seq):
    eighteen = idcard.make("420102", birth, seq)
    fifteen = eighteen[:6] + eighteen[8:17]
    assert idcard.upgrade15(fifteen) == eighteen
    assert idcard.normalize(fifteen) == eighteen
    assert idcard.parse(fifteen).birth_date == birth


def test_impossible_birth_date_is_named_before_the_check_digit():
    diagnosis = idcard.diagnose("420102195013021234")
    assert diagnosis is not None
    kind, message = diagnosis
    assert kind == "id_birth_date" and "出生日期" in message and "19501302" in message
    diagnosis = idcard.diagnose("420102501302123")  # 15 digits, month 13
    assert diagnosis is not None and diagnosis[0] == "id_birth_date"
    future = idcard.make("420102", dt.date.today() + dt.timedelta(days=400), 1)
    assert idcard.diagnose(future)[0] == "id_birth_date"


@given(st.integers(0, 16), st.integers(1, 9))
def test_one_wrong_digit_is_a_check_digit_problem_with_evidence(position, delta):
    digits = list(NUMBER)
    digits[position] = str((int(digits[position]) + delta) % 10)
    typo = "".join(digits)
    if idcard.diagnose(typo)[0] == "id_birth_date":  # the typo landed in the birth date
        return
    assert idcard.diagnose(typo)[0] == "id_checksum"
    assert idcard.evidence(typo) == typo


def test_excel_number_keeps_fifteen_digits_as_evidence():
    mangled = float(NUMBER[:15] + "000")
    assert idcard.diagnose(mangled)[0] == "id_excel"
    assert idcard.excel_prefix(mangled) == NUMBER[:15]
    assert idcard.excel_prefix(f"{mangled:.14E}") == NUMBER[:15]
    assert idcard.evidence(NUMBER) is None
    assert idcard.diagnose("12345")[0] == "id_shape"
