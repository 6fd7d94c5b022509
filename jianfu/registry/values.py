"""Turning what people type into ledgers into clean attribute values, or a clear reason why not."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jianfu.core import idcard

EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_MONTH_PATTERNS = [re.compile(r"^(\d{4})[-./年](\d{1,2})月?$"), re.compile(r"^(\d{4})(\d{2})$")]
_YES = {"是", "有", "√", "✓", "y", "yes", "true", "1", "是的"}
_NO = {"否", "无", "不是", "×", "n", "no", "false", "0"}
_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")


def clean_text(value: object) -> str:
    """NFKC (full-width → half-width), trimmed, inner runs of spaces folded."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", " ", text).strip()


def parse_date(value: object) -> dt.date | None:
    """Dates as ledgers write them: date objects, Excel serials, 1950.3.2, 1950年3月2日, 19500302, 1950-03."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and not (10000000 <= value <= 99991231):
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = str(int(value))
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        if m := pattern.match(text):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    for pattern in _MONTH_PATTERNS:
        if m := pattern.match(text):
            try:
                return dt.date(int(m[1]), int(m[2]), 1)
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class Cleaned:
    value: str | None  # None: empty cell, nothing to record
    error: str | None = None
    kind: str = ""  # what is wrong, for counting (a ProblemKind value) when `error` is set


def clean_value(attr_type: str, code: str, raw: object, choices: list[str] | None = None) -> Cleaned:
    """The stored text form of a value for an attribute, or an error saying how to fix it."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Cleaned(None)
    if code == "id_number":
        if diagnosis := idcard.diagnose(raw):
            return Cleaned(None, diagnosis[1], diagnosis[0])
        return Cleaned(idcard.normalize(raw))
    if code in {"phone", "guardian_phone"}:
        text = clean_text(raw).replace(" ", "")
        if isinstance(raw, float) and raw > 1e12:
            return Cleaned(
                None, _("电话号码被 Excel 转成了科学计数法，请把该列设为文本后重新导出。"), "phone_excel"
            )
        if not _PHONE.match(text):
            return Cleaned(
                None,
                _("电话号码“%(value)s”格式不对：手机号 11 位，座机如 027-12345678。") % {"value": text},
                "phone_format",
            )
        return Cleaned(text)
    if attr_type == "date":
        parsed = parse_date(raw)
        if parsed is None:
            return Cleaned(
                None,
                _("日期“%(value)s”无法识别：请写成 1950-03-02、1950.3.2 或 1950年3月2日。")
                % {"value": clean_text(raw)},
                "date_format",
            )
        if parsed.year < 1880 or parsed > dt.date.today() + dt.timedelta(days=3660):
            return Cleaned(
                None, _("日期“%(value)s”超出合理范围，请核对。") % {"value": parsed.isoformat()}, "date_range"
            )
        return Cleaned(parsed.isoformat())
    if attr_type == "number":
        text = clean_text(raw).replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return Cleaned(None, _("“%(value)s”不是数字。") % {"value": text}, "number_format")
        return Cleaned(str(int(number)) if number.is_integer() else str(number))
    if attr_type == "tag":
        text = clean_text(raw).lower()
        if text in _YES:
            return Cleaned("是")
        if text in _NO:
            return Cleaned("否")
        return Cleaned(None, _("“%(value)s”应填“是”或“否”。") % {"value": clean_text(raw)}, "tag_value")
    text = clean_text(raw)
    if attr_type == "choice" and choices and text not in choices:
        if code == "gender" and text in {"M", "m", "男性"}:
            return Cleaned("男")
        if code == "gender" and text in {"F", "f", "女性"}:
            return Cleaned("女")
        return Cleaned(
            None,
            _("“%(value)s”不在可选值中（%(choices)s）。") % {"value": text, "choices": "、".join(choices)},
            "choice_value",
        )
    return Cleaned(text)
