"""Minutes a tool costs a worker per working day, by the Standard Cost Model (facts §6): each ask
(read, report, photo, check-in…) × its unit minutes (AskUnitTime, defaults in choices) × how often.
Nobody logs time. A tool with no stated asks costs the burden ledger's unit time for its kind
(jianfu.burden.services.unit_minutes: APP or WORK_GROUP per person-day)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import estimate_hours, unit_minutes
from jianfu.core.text import CHINESE_DIGITS
from jianfu.digital.choices import DEFAULT_ASK_MINUTES, PER_DAYS, AskKind, AskPer, ToolKind
from jianfu.digital.rules import normalise

TWO = Decimal("0.01")
MAX_COUNT = 200
WORKING_DAYS_PER_WEEK = Decimal(5)


class AskError(ValueError):
    """A structured ask is malformed: the message says which and how to fix it."""


def entry_kind(tool_kind: str) -> str:
    return EntryKind.WORK_GROUP if tool_kind == ToolKind.WORK_GROUP else EntryKind.APP


def ask_minutes_table() -> dict[str, Decimal]:
    from jianfu.digital.models import AskUnitTime

    table = {kind: minutes for kind, (minutes, _basis) in DEFAULT_ASK_MINUTES.items()}
    table.update(dict(AskUnitTime.objects.values_list("kind", "minutes")))
    return table


def clean_asks(asks: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """[{"kind", "count", "per"}…] checked: a known kind, a count 1–200, per day/week/month."""
    out: list[dict[str, Any]] = []
    for i, ask in enumerate(asks, start=1):
        kind = str(ask.get("kind", "")).strip()
        if kind not in AskKind.values:
            raise AskError(f"第 {i} 项要求的类型「{kind}」无效，可选：{'、'.join(AskKind.values)}。")
        per = str(ask.get("per") or AskPer.DAY).strip()
        if per not in AskPer.values:
            raise AskError(f"第 {i} 项要求的频率「{per}」无效，可选：day、week、month。")
        try:
            count = int(ask.get("count", 1))
        except (TypeError, ValueError):
            raise AskError(f"第 {i} 项要求的次数不是整数：{ask.get('count')!r}。") from None
        if not 1 <= count <= MAX_COUNT:
            raise AskError(f"第 {i} 项要求的次数应在 1 到 {MAX_COUNT} 之间（收到 {count}）。")
        out.append({"kind": kind, "count": count, "per": per})
    return out


def minutes_per_day(
    *, kind: str, asks: Iterable[Mapping[str, Any]], table: Mapping[str, Decimal] | None = None
) -> Decimal:
    """Estimated minutes per worker per working day."""
    table = table if table is not None else ask_minutes_table()
    asks = list(asks)
    total = Decimal(0)
    for ask in asks:
        total += table[ask["kind"]] * Decimal(ask["count"]) / PER_DAYS[ask["per"]]
    if kind == ToolKind.WORK_GROUP:
        total += unit_minutes(EntryKind.WORK_GROUP)  # reading the group's messages, every day
    elif not asks:
        total = unit_minutes(EntryKind.APP)
    return total.quantize(TWO, rounding=ROUND_HALF_UP)


def hours_per_week(minutes: Decimal, people: int | Decimal = 1) -> Decimal:
    """The ledger's formula: minutes per person-day × 5 working days × people / 60."""
    return estimate_hours(
        minutes_per_unit=Decimal(minutes),
        units=WORKING_DAYS_PER_WEEK,
        frequency=Decimal(1),
        people=Decimal(people),
    )


# --- reading the asks from a description ------------------------------------------------------

_ASK_WORDS: tuple[tuple[str, str], ...] = (
    (AskKind.CHECK_IN, r"打卡|签到|签退|定位|check[- ]?in|clock[- ]?in|sign[- ]in"),
    (AskKind.PHOTO, r"拍照|照片|截图|截屏|晒图|录视频|视频|留痕|photo|screenshot|video|picture"),
    (AskKind.DAILY_REPORT, r"日报|工作日志|daily report"),
    (AskKind.REPORT, r"填报|报送|上报|录入|汇报|台账|报表|report|submit|fill in|enter"),
    (AskKind.ACKNOWLEDGE, r"收到|接龙|回复|reply|acknowledg"),
    (AskKind.STUDY, r"学习|答题|积分|study|quiz|points"),
    (AskKind.SHARE, r"转发|点赞|分享|推广|share|forward|like"),
    (AskKind.LOGIN, r"登录|在线|log[- ]?in|online"),
    (AskKind.SURVEY, r"问卷|调查|survey|questionnaire"),
)
_PER = (
    (AskPer.DAY, r"每天|每日|每晚|每早|当日|当天|日报|daily|every day|each day|a day|per day"),
    (AskPer.WEEK, r"每周|每星期|周报|weekly|every week|each week|a week|per week"),
    (AskPer.MONTH, r"每月|月报|每季|monthly|every month|each month|a month|per month"),
)
_COUNT = re.compile(r"(\d{1,3}|[一两二三四五六七八九十])\s*(?:次|条|张|篇|遍|份|个|times)")


def asks_from_text(text: str) -> list[dict[str, Any]]:
    """The asks a description states, one per kind, with its frequency (default: per day for
    check-ins, photos and logins; per week for the rest)."""
    found: dict[str, dict[str, Any]] = {}
    for sentence in re.split(r"[。；;！!？?\n]+", normalise(text)):
        if not sentence.strip():
            continue
        per = next((p for p, pattern in _PER if re.search(pattern, sentence)), None)
        count_match = _COUNT.search(sentence)
        count = 1
        if count_match:
            raw = count_match.group(1)
            count = int(raw) if raw.isdigit() else CHINESE_DIGITS.get(raw, 1)
        for kind, pattern in _ASK_WORDS:
            if kind in found or not re.search(pattern, sentence):
                continue
            default = (
                AskPer.DAY
                if kind in (AskKind.CHECK_IN, AskKind.PHOTO, AskKind.LOGIN, AskKind.DAILY_REPORT)
                else AskPer.WEEK
            )
            found[kind] = {"kind": kind, "count": max(1, min(count, MAX_COUNT)), "per": per or default}
    return list(found.values())
