"""Turning what people type into ledgers into clean attribute values, or a clear reason why not.

What a worker reads without thinking is read the same way here: `'4201…` and `4201 0219…`, 15-digit
first-generation ID numbers, `+86 136-8715-6658`, `（027）8512 3456转801`, `56年3月`, `男性` / `M` / `1`,
`汉`, `无` / `/` / `——` for "nothing", names written with spaces or the minority-name dot as `•`.
A value that still cannot be read gets an error saying what is wrong and how to fix it (the
ledger import then keeps it as written, as an unvalidated fact).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jianfu.core import idcard
from jianfu.registry.phones import parse_phones

EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_MONTH_PATTERNS = [re.compile(r"^(\d{4})[-./年](\d{1,2})月?(份)?$"), re.compile(r"^(\d{4})(\d{2})$")]
_SHORT_YEAR = re.compile(r"^(\d{2})[年.](\d{1,2})月?(?:(\d{1,2})[日号]?)?$")  # 56年3月, 56.03, 56年3月12日
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")  # 1956-03-12 00:00:00
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_YES = {"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "是的", "☑", "■"}
_NO = {"否", "无", "不是", "×", "✗", "n", "no", "false", "0", "□", "没有"}
# what rosters write for "nothing here": no fact is recorded (tag columns keep 无 = 否)
NOTHING = {
    "/", "／", "\\", "-", "--", "—", "——", "─", "_", "无", "暂无", "没有", "不详", "未知", "空", "待补", "null",
    "none", "n/a", "#n/a", "na", "无电话", "无手机", "未提供", "未填",
}  # fmt: skip
_CN_TENS = re.compile(r"(\d)?十(\d)?")
# the common written date, after clean_text (what _DATE_PATTERNS[0] reads without the Chinese forms)
_PLAIN_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_YEAR = dt.date.today().year  # at import; a later year only makes the check below call today() more often
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
GENDERS = {
    "男": "男", "男性": "男", "男士": "男", "m": "男", "male": "男", "1": "男", "先生": "男",
    "女": "女", "女性": "女", "女士": "女", "f": "女", "female": "女", "2": "女",
}  # fmt: skip  # 1 / 2: GB/T 2261.1 codes
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]  # GB 3304-91 order: the numeric code is the position (汉族 01 … 基诺族 56)
_ETHNIC_SHORT = {g[:-1]: g for g in ETHNIC_GROUPS} | {g: g for g in ETHNIC_GROUPS}
# the dot between the parts of a minority name (阿依古丽·买买提), however it was typed
_NAME_DOTS = re.compile(r"(?<=[\u3400-\u9fff])\s*[·•‧∙⋅・･.．。﹒\u2022\u30fb\uff65]\s*(?=[\u3400-\u9fff])")
_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])")
_NAME_NOTE = re.compile(
    r"^(?P<name>[^()（）\[\]【】]+?)\s*[(（\[【](?P<note>[^()（）\[\]【】]*)[)）\]】]\s*$"
)
_NOT_A_NAME = re.compile(
    r"\d|^(合计|小计|总计|共计|说明|备注|注|示例|例|姓名|填表人|审核人|以下空白|空白)[:：\s]*"
)


_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFKC (full-width → half-width), no zero-width characters, trimmed, inner runs of spaces folded."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.isascii() and text.isprintable() and " " not in text:
        return text  # most cells: NFKC leaves printable ASCII as it is, and there is no space to fold
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text).strip()


def means_nothing(value: object) -> bool:
    """`无`, `/`, `——`, `不详` …: what a roster writes in a cell it has nothing for."""
    return clean_text(value).lower() in NOTHING


def _cn_number(text: str) -> str:
    """Chinese numerals in a date (一九五六年三月十二日) as digits."""

    def tens(m: re.Match[str]) -> str:
        high, low = m[1], m[2]
        return str((int(high) if high else 1) * 10 + (int(low) if low else 0))

    text = text.translate(_CN_DIGITS)
    return _CN_TENS.sub(tens, text) if "十" in text else text


def _full_year(yy: int, today: dt.date) -> int:
    return 2000 + yy if yy <= today.year % 100 else 1900 + yy


def parse_date(value: object) -> dt.date | None:
    """Dates as ledgers write them: date objects, Excel serials (also as text), 1950.3.2, 1950年3月2日,
    19500302, 1950-03, 195003, 50年3月, 一九五〇年三月, 1950-03-02 00:00:00."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and not (10000000 <= value <= 99991231) and not (190001 <= value <= 210012):
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = str(int(value))
    text = clean_text(value)
    if m := _PLAIN_DATE.fullmatch(text):  # most cells: 1950-03-02, 1950.3.2
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    text = _cn_number(text)
    text = _TIME_SUFFIX.sub("", text).replace(" ", "").rstrip(".。")
    if not text:
        return None
    if re.fullmatch(r"\d{5}", text) and 1000 <= int(text) <= 73051:  # an Excel serial that became text
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    try:
        for pattern in _DATE_PATTERNS:
            if m := pattern.match(text):
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
        for pattern in _MONTH_PATTERNS:
            if m := pattern.match(text):
                return dt.date(int(m[1]), int(m[2]), 1)
        if m := _SHORT_YEAR.match(text):
            return dt.date(_full_year(int(m[1]), dt.date.today()), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None
    return None


def clean_name(value: object) -> str:
    """A name as stored: NFKC, no spaces between Chinese characters, the minority-name dot as `·`."""
    text = clean_text(value)
    text = _NAME_DOTS.sub("·", text)
    return _CJK_SPACES.sub("", text)


def split_name(value: object) -> tuple[str, str]:
    """(name, note): `张三（户主）` → (`张三`, `户主`); a name without a bracket note → (name, "")."""
    text = clean_name(value)
    if m := _NAME_NOTE.match(text):
        return clean_name(m["name"]), clean_text(m["note"])
    return text, ""


def usable_name(name: str) -> bool:
    """A name that can stand for a person: not a total, a note or a number."""
    return bool(name) and len(name) <= 30 and not _NOT_A_NAME.search(name)


# A bracket note after a name, as the attribute value it states.
NAME_NOTES: dict[str, tuple[str, str]] = {
    "户主": ("relation", "户主"),
    "本人": ("relation", "户主"),
    "独居": ("living", "独居"),
    "空巢": ("living", "空巢"),
    "低保": ("dibao", "是"),
    "低保户": ("dibao", "是"),
    "特困": ("tekun", "是"),
    "五保": ("tekun", "是"),
    "残疾": ("disabled", "是"),
    "残疾人": ("disabled", "是"),
    "退役军人": ("veteran", "是"),
    "高龄": ("advanced_age", "是"),
}


def clean_gender(value: object) -> str | None:
    return GENDERS.get(clean_text(value).lower().replace(" ", ""))


def clean_ethnicity(value: object) -> str:
    """`汉` → `汉族`, GB 3304 codes (`01`) → the name, `纳西族（摩梭）` kept; anything else as written."""
    text = clean_text(value).replace(" ", "")
    base = re.sub(r"[(（][^)）]*[)）]$", "", text)
    if base in _ETHNIC_SHORT and base == text:
        return _ETHNIC_SHORT[base]
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= len(ETHNIC_GROUPS):
        return ETHNIC_GROUPS[int(text) - 1]
    if text.endswith("人") and text[:-1] in _ETHNIC_SHORT:
        return _ETHNIC_SHORT[text[:-1]]
    return text


_ADDRESS_PREFIX = re.compile(
    r"^(湖北省)?(武汉市)?(江岸区)?([\u4e00-\u9fff]{2,6}街道(办事处)?)?([\u4e00-\u9fff]{2,6}社区(居委会)?)?"
)
_ADDRESS_DASHES = re.compile(r"(\d+)\s*[-－—]\s*(\d+)\s*[-－—]\s*(\d+)")
_ADDRESS_BUILDING = re.compile(r"(号楼|幢|座)")
_ADDRESS_NUMBER_BUILDING = re.compile(r"(\d+)号(?=\d+单元)")
_ADDRESS_END = re.compile(r"[室号]$")


def address_key(value: object) -> str:
    """An address folded for comparison: no province/city/district/street prefix, 1-2-301 as
    1栋2单元301, 号楼/幢 as 栋, no 室/号 at the end, no spaces."""
    text = clean_text(value).replace(" ", "")
    text = _ADDRESS_PREFIX.sub("", text)
    text = _ADDRESS_DASHES.sub(r"\1栋\2单元\3", text)
    text = _ADDRESS_BUILDING.sub("栋", text)
    text = _ADDRESS_NUMBER_BUILDING.sub(r"\1栋", text)
    return _ADDRESS_END.sub("", text)


@dataclass(frozen=True)
class Cleaned:
    value: str | None  # None: empty cell, nothing to record
    error: str | None = None
    kind: str = ""  # what is wrong, for counting, when `error` is set
    extra: tuple[tuple[str, str], ...] = ()  # further values the cell holds: (attribute code, value)


_PLAIN_MOBILE = re.compile(r"1[3-9][0-9]{9}")  # ASCII digits only
_PHONE_CODES = {"phone", "guardian_phone", "phone_other"}


def _clean_phone(code: str, raw: object) -> Cleaned:
    phones = parse_phones(raw)
    if phones.excel:
        return Cleaned(
            None, _("电话号码被 Excel 转成了科学计数法，请把该列设为文本后重新导出。"), "phone_excel"
        )
    if phones.bad:
        return Cleaned(
            None,
            # without the number itself: the message is shown where phones are masked
            _("电话号码格式不对（%(n)d位数字）：手机号11位，座机如027-85123456（可带分机）。")
            % {"n": len(re.sub(r"\D", "", phones.bad[0]))},
            "phone_format",
        )
    if not phones.numbers:
        return Cleaned(None)
    first, rest = phones.numbers[0], phones.numbers[1:]
    if code != "phone":  # a contact's numbers all stay in the one value
        return Cleaned("、".join(phones.numbers))
    return Cleaned(first, extra=(("phone_other", "、".join(rest)),) if rest else ())


def _clean_date(raw: object) -> Cleaned:
    parsed = parse_date(raw)
    if parsed is None:
        return Cleaned(
            None,
            _("日期“%(value)s”无法识别：请写成1950-03-02、1950.3.2或1950年3月2日。")
            % {"value": clean_text(raw)},
            "date_format",
        )
    # today() only for far-future years (today + 3660 days is at least ten years on): 47,000 dates an import
    if parsed.year < 1880 or (
        parsed.year >= _YEAR + 10 and parsed > dt.date.today() + dt.timedelta(days=3660)
    ):
        return Cleaned(
            None, _("日期“%(value)s”超出合理范围，请核对。") % {"value": parsed.isoformat()}, "date_range"
        )
    return Cleaned(parsed.isoformat())


def _clean_tag(raw: object) -> Cleaned:
    text = clean_text(raw).lower()
    if text in _YES:
        return Cleaned("是")
    if text in _NO:
        return Cleaned("否")
    if text in NOTHING:
        return Cleaned(None)
    return Cleaned(None, _("“%(value)s”应填“是”或“否”。") % {"value": clean_text(raw)}, "tag_value")


def clean_value(attr_type: str, code: str, raw: object, choices: list[str] | None = None) -> Cleaned:
    """The stored text form of a value for an attribute, or an error saying how to fix it."""
    if raw is None:
        return Cleaned(None)
    if isinstance(raw, str) and code in _PHONE_CODES and _PLAIN_MOBILE.fullmatch(raw):  # most phone cells
        return Cleaned(raw)
    if code == "id_number" and (number := idcard.valid_number(raw)):  # the common case first
        return Cleaned(number)
    text = clean_text(raw)  # once: what the checks below and the value are made of
    if isinstance(raw, str) and not text:
        return Cleaned(None)
    if attr_type == "tag":
        return _clean_tag(raw)
    if text.lower() in NOTHING:  # means_nothing(raw)
        return Cleaned(None)
    if code == "id_number":
        diagnosis = idcard.diagnose(raw)
        assert diagnosis is not None  # parse() refused it
        return Cleaned(None, diagnosis[1], diagnosis[0])
    if code in _PHONE_CODES:
        return _clean_phone(code, raw)
    if code == "name":
        return Cleaned(clean_name(raw))
    if attr_type == "date":
        return _clean_date(raw)
    if attr_type == "number":
        digits = text.replace(",", "").replace(" ", "")
        digits = re.sub(r"(元|人|岁|小时|次|户|平方米|㎡)$", "", digits)
        try:
            amount = float(digits)
        except ValueError:
            return Cleaned(None, _("“%(value)s”不是数字。") % {"value": text}, "number_format")
        return Cleaned(str(int(amount)) if amount.is_integer() else str(amount))
    if code == "gender":
        if gender := clean_gender(text):
            return Cleaned(gender)
        return Cleaned(None, _("性别“%(value)s”无法识别：请填“男”或“女”。") % {"value": text}, "gender_value")
    if code == "ethnicity":
        return Cleaned(clean_ethnicity(text))
    if attr_type == "choice" and choices and text not in choices:
        compact = text.replace(" ", "")
        if compact in choices:
            return Cleaned(compact)
        return Cleaned(
            None,
            _("“%(value)s”不在可选值中（%(choices)s）。") % {"value": text, "choices": "、".join(choices)},
            "choice_value",
        )
    return Cleaned(text)
