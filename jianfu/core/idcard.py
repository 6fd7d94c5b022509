"""Resident ID numbers (公民身份号码, GB 11643-1999): check digit, birth date, gender."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from operator import mul

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_YEAR = dt.date.today().year
_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")  # ASCII only: \d would accept full-width digits
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
# what people and spreadsheets put around and inside a number: Excel's text apostrophe, quotes,
# spaces (also NBSP and the ideographic space), hyphens, zero-width characters
_NOISE = re.compile(r"[\s'‘’`´\"“”\-‐–—_\u200b-\u200d\u2060\ufeff]+")
_LABEL = re.compile(r"^(公民)?(居民)?(身份证号码|身份证号|身份证|证件号码|证号)[:：]?")


_ZERO_SUM = ord("0") * sum(WEIGHTS)  # what the ASCII codes of the digits add beyond the digits


def check_digit(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("17 digits expected")
    if first17.isascii() and first17.isdigit():  # the weighted sum of the ASCII codes, less their zeros
        return CHECK_CHARS[(sum(map(mul, first17.encode(), WEIGHTS)) - _ZERO_SUM) % 11]
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def _birth(number: str, start: int, century: str = "") -> dt.date | None:
    try:
        if century:
            return dt.date(
                int(century + number[start : start + 2]),
                int(number[start + 2 : start + 4]),
                int(number[start + 4 : start + 6]),
            )
        return dt.date(
            int(number[start : start + 4]),
            int(number[start + 4 : start + 6]),
            int(number[start + 6 : start + 8]),
        )
    except ValueError:
        return None


def upgrade15(number: str) -> str | None:
    """A first-generation 15-digit number as its 18-digit form (19 before the year, a check digit)."""
    if not re.fullmatch(r"\d{15}", number) or _birth(number, 6, "19") is None:
        return None
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17)


def normalize(value: object) -> str:
    """The number as it should be stored: half-width, no apostrophe/spaces/hyphens, upper-case X,
    a 15-digit first-generation number upgraded to 18 digits. Anything else is kept for the checks."""
    if isinstance(value, str) and _SHAPE.fullmatch(value):  # the common case, already clean
        return value
    if isinstance(value, float) and value.is_integer() and value < 1e16:
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = _LABEL.sub("", text)
    text = _NOISE.sub("", text).upper()
    return upgrade15(text) or text


def looks_excel_mangled(value: object) -> bool:
    """An ID number that Excel turned into a number: `4.20102195003021E+17` or `420102195003021000`."""
    if isinstance(value, float):
        return value >= 1e16
    text = normalize(value)
    if _SCIENTIFIC.match(text):
        return True
    return bool(re.fullmatch(r"\d{15}000", text)) and not is_valid(text)


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    gender: str  # "男" / "女"


def _possible_birth(number: str) -> dt.date | None:
    birth = _birth(number, 6)
    # today() only for recent years: this runs for every ID of a 100,000-row import
    if birth is None or birth.year < 1880 or (birth.year >= _YEAR - 1 and birth > dt.date.today()):
        return None
    return birth


def parse(value: object) -> IdInfo | None:
    """The parsed number when the shape, birth date and check digit are all right."""
    number = normalize(value)
    if not _SHAPE.match(number):
        return None
    if check_digit(number[:17]) != number[17]:
        return None
    birth = _possible_birth(number)
    if birth is None:
        return None
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, gender=gender)


def valid_number(value: object) -> str | None:
    """`parse(value).number` when the number is valid, else None (without building the IdInfo)."""
    number = normalize(value)
    if not _SHAPE.match(number) or check_digit(number[:17]) != number[17] or _possible_birth(number) is None:
        return None
    return number


def excel_prefix(value: object) -> str | None:
    """The 15 digits Excel kept of a number it turned into a float (region, birth date, one more)."""
    if not looks_excel_mangled(value):
        return None
    # Decimal of the shortest repr: the float's own 15 significant digits, without binary noise
    text = repr(value) if isinstance(value, float) else normalize(value)
    digits = f"{Decimal(text):.0f}" if _SCIENTIFIC.match(text.upper()) or "." in text else text
    return digits[:15] if len(digits) == 18 and digits[:15].isdigit() else None


def evidence(value: object) -> str | None:
    """The digits of an invalid ID number that still say something about who it is: an 18-character
    number with a wrong check digit (a typo), or the 15 digits Excel kept. None for a valid number."""
    if parse(value) is not None:
        return None
    if prefix := excel_prefix(value):
        return prefix
    number = normalize(value)
    return number if _SHAPE.match(number) else None


def is_valid(value: object) -> bool:
    return parse(value) is not None


def diagnose(value: object) -> tuple[str, str] | None:
    """(kind, worker-facing reason) when the value is not a valid ID number, else None."""
    from django.utils.translation import gettext as _

    if parse(value) is not None:
        return None
    if looks_excel_mangled(value):
        return "id_excel", _(
            "身份证号已被 Excel 转成数字（末几位丢失）。请在原表中把该列设为“文本”格式后重新导出，"
            "或在号码前加英文单引号。"
        )
    number = normalize(value)
    if re.fullmatch(r"\d{15}", number):
        return "id_birth_date", _("15位身份证号中的出生日期（%(date)s）不存在，请核对号码。") % {
            "date": number[6:12]
        }
    if not _SHAPE.match(number):
        return "id_shape", _("身份证号应为18位（17位数字加1位数字或 X）或15位老号码，这里是%(n)d位。") % {
            "n": len(number)
        }
    if _possible_birth(number) is None:
        return "id_birth_date", _("身份证号中的出生日期（%(date)s）不存在，请核对号码。") % {
            "date": number[6:14]
        }
    return "id_checksum", _("身份证号校验位不对（应为%(expected)s），可能有数字录错，请核对号码。") % {
        "expected": check_digit(number[:17])
    }


def problem(value: object) -> str | None:
    """A worker-facing reason why the value is not a valid ID number, or None."""
    diagnosis = diagnose(value)
    return diagnosis[1] if diagnosis else None


def make(region: str, birth: dt.date, sequence: int) -> str:
    """A checksum-valid number (for demo data and tests)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)
