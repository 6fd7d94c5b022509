"""The population filter of a fill: `age>=80 and tag=独居老人`.

Grammar (whitespace between tokens is free)::

    expr      := condition ( "and" condition )*
    condition := NAME OP VALUE
    NAME      := an attribute code, Chinese name or synonym, or the word `tag`
    OP        := "=" | "!=" | ">=" | "<=" | ">" | "<"
    VALUE     := "quoted text" | a run of characters without spaces

`parse()` turns text into `Condition`s (or raises `WhereError` saying where and what is wrong);
`unparse()` writes them back; `to_q()` translates them to a `Q` on `Person`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, FloatField, OuterRef, Q, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from jianfu.registry.dictionary import normalize_header
from jianfu.registry.values import parse_date

OPERATORS = ("!=", ">=", "<=", "=", ">", "<")
ORDERING = (">", ">=", "<", "<=")
_STOP = set(" \t\r\n\u3000=!<>\"'“”")
_YES = {"是", "有", "yes", "true", "1"}
_NO = {"否", "无", "no", "false", "0"}
# Core columns on Person compared directly; everything else lives in Person.values.
PERSON_COLUMNS = {
    "name": "name",
    "id_number": "id_number",
    "gender": "gender",
    "birth_date": "birth_date",
    "phone": "phone",
}


class WhereError(ValueError):
    """A filter the parser cannot read; `position` is the 1-based character it points at."""

    def __init__(self, position: int, message: str) -> None:
        self.position = position
        self.detail = message
        super().__init__(_("第%(pos)d个字符处：%(msg)s") % {"pos": position, "msg": message})


@dataclass(frozen=True)
class AttributeInfo:
    code: str
    name: str
    type: str  # text | number | date | choice | tag
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    field: str  # attribute code, or "tag"
    op: str
    value: str  # for tag conditions: the tag's attribute code


class Vocabulary:
    """Names that may appear on the left of a condition, resolved to attributes."""

    def __init__(self, attributes: list[AttributeInfo], synonyms: dict[str, str]) -> None:
        self.by_code = {a.code: a for a in attributes}
        self.lookup: dict[str, str] = {}
        for a in attributes:
            self.lookup.setdefault(a.code.lower(), a.code)
            self.lookup.setdefault(normalize_header(a.name), a.code)
        for term, code in synonyms.items():
            if code in self.by_code:
                self.lookup.setdefault(term, code)

    @classmethod
    def from_db(cls) -> "Vocabulary":
        from jianfu.registry.models import Attribute

        rows = list(Attribute.objects.values_list("code", "name", "synonyms", "type", "choices"))
        attributes = [AttributeInfo(c, n, t, tuple(ch or ())) for c, n, _s, t, ch in rows]
        synonyms = {normalize_header(s): c for c, _n, syns, _t, _ch in rows for s in syns or []}
        return cls(attributes, synonyms)

    def resolve(self, word: str) -> AttributeInfo | None:
        code = self.lookup.get(word.lower()) or self.lookup.get(normalize_header(word))
        return self.by_code.get(code) if code else None

    def tags(self) -> list[AttributeInfo]:
        return [a for a in self.by_code.values() if a.type == "tag"]

    def names(self, tags: bool = False, near: str = "") -> str:
        """The names one could have meant, closest to `near` first."""
        names = [a.name for a in self.by_code.values() if (a.type == "tag") == tags]
        if near:
            from rapidfuzz import fuzz

            names.sort(key=lambda n: -max(fuzz.ratio(near, n), fuzz.partial_ratio(near, n) * 0.9))
        return "、".join(names[:12]) + ("、…" if len(names) > 12 else "")


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n\u3000":
        i += 1
    return i


def _word(text: str, i: int) -> tuple[str, int]:
    start = i
    while i < len(text) and text[i] not in _STOP:
        i += 1
    return text[start:i], i


def _value(text: str, i: int) -> tuple[str, int]:
    if i < len(text) and text[i] in "\"'“":
        close = {'"': '"', "'": "'", "“": "”"}[text[i]]
        end = text.find(close, i + 1)
        if end < 0:
            raise WhereError(i + 1, _("引号没有闭合，请在值的末尾补上%(q)s。") % {"q": close})
        return text[i + 1 : end], end + 1
    start = i
    while i < len(text) and text[i] not in " \t\r\n\u3000":
        i += 1
    return text[start:i], i


def _check_value(attr: AttributeInfo, op: str, value: str, pos: int) -> str:
    if attr.code == "age" or attr.type == "number":
        try:
            number = float(value)
        except ValueError:
            raise WhereError(
                pos, _("“%(name)s”要填数字，而不是“%(value)s”。") % {"name": attr.name, "value": value}
            ) from None
        if attr.code == "age" and not number.is_integer():
            raise WhereError(pos, _("年龄请写整数，例如 age>=80。"))
        return str(int(number)) if number.is_integer() else str(number)
    if attr.type == "date":
        parsed = parse_date(value)
        if parsed is None:
            raise WhereError(pos, _("“%(value)s”不是日期，请写成1950-03-02。") % {"value": value})
        return parsed.isoformat()
    if op in ORDERING:
        raise WhereError(pos - len(op), _("“%(name)s”不是数字或日期，只能用 = 或 !=。") % {"name": attr.name})
    if attr.type == "tag":
        if value.lower() not in _YES | _NO:
            raise WhereError(pos, _("“%(name)s”是标签，值请写“是”或“否”。") % {"name": attr.name})
        return "是" if value.lower() in _YES else "否"
    if attr.type == "choice" and attr.choices and value not in attr.choices:
        raise WhereError(
            pos,
            _("“%(name)s”没有“%(value)s”这个选项，可选：%(choices)s。")
            % {"name": attr.name, "value": value, "choices": "、".join(attr.choices)},
        )
    return value


def parse(text: str, vocabulary: Vocabulary) -> list[Condition]:
    """Conditions of a filter expression; empty text selects everyone."""
    conditions: list[Condition] = []
    i = _skip(text, 0)
    if i >= len(text):
        return conditions
    while True:
        start = i
        name, i = _word(text, i)
        if not name:
            raise WhereError(start + 1, _("这里应是属性名，例如 age 或 年龄。"))
        i = _skip(text, i)
        op = next((o for o in OPERATORS if text.startswith(o, i)), None)
        if op is None:
            raise WhereError(i + 1, _("“%(name)s”后面应是比较符（= != > >= < <=）。") % {"name": name})
        i = _skip(text, i + len(op))
        value_pos = i + 1
        if i >= len(text):
            raise WhereError(value_pos, _("“%(name)s%(op)s”后面缺少值。") % {"name": name, "op": op})
        value, i = _value(text, i)
        if not value:
            raise WhereError(value_pos, _("“%(name)s%(op)s”后面缺少值。") % {"name": name, "op": op})
        if name.lower() == "tag":
            if op not in ("=", "!="):
                raise WhereError(value_pos - len(op), _("标签只能用 = 或 !=，例如 tag=独居老人。"))
            tag = vocabulary.resolve(value)
            if tag is None or tag.type != "tag":
                raise WhereError(
                    value_pos,
                    _("未知标签“%(value)s”，可用：%(names)s")
                    % {"value": value, "names": vocabulary.names(tags=True, near=value)},
                )
            conditions.append(Condition("tag", op, tag.code))
        else:
            attr = vocabulary.resolve(name)
            if attr is None:
                raise WhereError(
                    start + 1,
                    _("未知属性“%(name)s”，可用：%(names)s")
                    % {"name": name, "names": vocabulary.names(near=name)},
                )
            conditions.append(Condition(attr.code, op, _check_value(attr, op, value, value_pos)))
        i = _skip(text, i)
        if i >= len(text):
            return conditions
        word_start = i
        word, i = _word(text, i)
        if word.lower() not in ("and", "且", "并且"):
            raise WhereError(word_start + 1, _("条件之间请用 and 连接（目前只支持 and）。"))
        i = _skip(text, i)
        if i >= len(text):
            raise WhereError(i + 1, _("and 后面缺少条件。"))


def _quote(value: str) -> str:
    if not value or any(ch in _STOP or ch == "”" for ch in value):
        return "“" + value + "”" if "”" not in value else '"' + value + '"'
    return value


def unparse(conditions: list[Condition]) -> str:
    return " and ".join(f"{c.field}{c.op}{_quote(c.value)}" for c in conditions)


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_q(op: str, age: int, today: dt.date) -> Q:
    # age >= n  ⇔  born on or before today − n years
    def at_least(n: int) -> Q:
        return Q(birth_date__lte=_years_ago(today, n))

    born = Q(birth_date__isnull=False)
    if op == ">=":
        return at_least(age)
    if op == ">":
        return at_least(age + 1)
    if op == "<":
        return born & ~at_least(age)
    if op == "<=":
        return born & ~at_least(age + 1)
    equal = at_least(age) & ~at_least(age + 1)
    return equal if op == "=" else born & ~equal


_LOOKUPS = {"=": "exact", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}


def _compare(field: str, op: str, value: object) -> Q:
    if op == "!=":
        return ~Q(**{f"{field}__exact": value}) | Q(**{f"{field}__isnull": True})
    return Q(**{f"{field}__{_LOOKUPS[op]}": value})


def annotations(conditions: list[Condition], vocabulary: Vocabulary) -> dict:
    """Annotations the Q of `to_q` refers to (values JSON keys as text or numbers)."""
    result = {}
    for c in conditions:
        if c.field in ("tag", "age", "grid") or c.field in PERSON_COLUMNS:
            continue
        attr = vocabulary.by_code[c.field]
        text = KT(f"values__{c.field}")
        result[f"w_{c.field}"] = Cast(text, FloatField() if attr.type == "number" else TextField())
    return result


def to_q(conditions: list[Condition], vocabulary: Vocabulary, today: dt.date) -> Q:
    """A Q on Person (apply `annotations()` first)."""
    from jianfu.registry.models import PersonTag

    q = Q()
    for c in conditions:
        if c.field == "tag" or vocabulary.by_code[c.field].type == "tag":
            code = c.value if c.field == "tag" else c.field
            held = Exists(PersonTag.objects.filter(person=OuterRef("pk"), attribute__code=code))
            positive = (c.op == "=") == (c.field == "tag" or c.value == "是")
            q &= Q(held) if positive else ~Q(held)
        elif c.field == "age":
            q &= _age_q(c.op, int(c.value), today)
        elif c.field == "grid":
            from jianfu.registry.models import Person

            match = Q(grid__code=c.value) | Q(grid__name=c.value) | Q(values__grid=c.value)
            q &= match if c.op == "=" else ~Q(pk__in=Person.objects.filter(match).values("pk"))
        elif c.field in PERSON_COLUMNS:
            value: object = dt.date.fromisoformat(c.value) if c.field == "birth_date" else c.value
            q &= _compare(PERSON_COLUMNS[c.field], c.op, value)
        else:
            attr = vocabulary.by_code[c.field]
            value = float(c.value) if attr.type == "number" else c.value
            q &= _compare(f"w_{c.field}", c.op, value)
    return q


def filter_people(queryset, text: str, vocabulary: Vocabulary, today: dt.date):
    """`queryset` narrowed by the filter text (raises WhereError)."""
    conditions = parse(text or "", vocabulary)
    extra = annotations(conditions, vocabulary)
    if extra:
        queryset = queryset.annotate(**extra)
    return queryset.filter(to_q(conditions, vocabulary, today))


_OPS = {"=": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def describe(text: str, vocabulary: Vocabulary | None = None) -> str:
    """A filter in words for people who do not read the filter language: "独居老人且年龄≥80"."""
    vocabulary = vocabulary or Vocabulary.from_db()
    try:
        parsed = parse(text or "", vocabulary)
    except WhereError:
        return text
    parts = []
    for c in parsed:
        if c.field == "tag":
            name = vocabulary.by_code[c.value].name if c.value in vocabulary.by_code else c.value
            parts.append(name if c.op == "=" else _("非%(name)s") % {"name": name})
        else:
            name = vocabulary.by_code[c.field].name if c.field in vocabulary.by_code else c.field
            parts.append(f"{name}{_OPS.get(c.op, c.op)}{c.value}")
    return _("且").join(parts)
