"""Resident ID numbers (公民身份号码, GB 11643-1999): check digit, birth date, gender."""

import datetime as dt
import re
from dataclasses import dataclass

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")


def check_digit(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize(value: object) -> str:
    """Strip spaces, full-width digits and a lower-case x; keep anything else for the checks."""
    text = str(value).translate(_FULLWIDTH).strip().replace(" ", "").replace("\u3000", "")
    return text.upper()


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


def parse(value: object) -> IdInfo | None:
    """The parsed number when the shape, birth date and check digit are all right."""
    number = normalize(value)
    if not _SHAPE.match(number):
        return None
    if check_digit(number[:17]) != number[17]:
        return None
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if birth.year < 1880:
        return None
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, gender=gender)


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
    if not _SHAPE.match(number):
        return "id_shape", _("身份证号应为 18 位：17 位数字加 1 位数字或 X。")
    if check_digit(number[:17]) != number[17]:
        return "id_checksum", _("身份证号校验位不对（应为 %(expected)s），请核对号码。") % {
            "expected": check_digit(number[:17])
        }
    return "id_birth_date", _("身份证号中的出生日期不存在，请核对号码。")


def problem(value: object) -> str | None:
    """A worker-facing reason why the value is not a valid ID number, or None."""
    diagnosis = diagnose(value)
    return diagnosis[1] if diagnosis else None


def make(region: str, birth: dt.date, sequence: int) -> str:
    """A checksum-valid number (for demo data and tests)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)
