"""What a campaign asks of each community, read from its title and description (never tracked).

The Standard Cost Model prices a campaign per demand it makes on a community (EntryKind.CAMPAIGN,
minutes per "项要求"): application materials, ledgers, an inspection or acceptance visit, publicity
boards, reporting, meetings, resident mobilisation. `asks(text)` names the demands found; a campaign
that names none still costs one (somebody reads it and files the application).
"""

from __future__ import annotations

import re

from jianfu.core.text import fold

# (code, pattern): one demand per code however often the text repeats it.
ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern))
    for code, pattern in (
        ("materials", r"申报(材料|表|书)|创建(方案|材料|资料)|佐证|汇编|档案"),
        ("ledger", r"台账|记录本|登记册|工作日志"),
        ("inspection", r"验收|检查|评估|考核|暗访|复查|迎检|评审"),
        ("publicity", r"展板|宣传栏|横幅|标识|标牌|氛围|宣传(册|品|画)"),
        ("report", r"报送|上报|每(月|季|周)报|进度表|总结"),
        ("meeting", r"动员会|推进会|培训|部署会|座谈"),
        ("mobilise", r"入户|发动居民|签名|知晓率|问卷|满意度调查|参与率"),
        ("photos", r"照片|影像|视频|留痕|截图"),
    )
)


def asks(text: str) -> list[str]:
    """The demand codes the campaign's text names, in a fixed order."""
    folded = fold(text or "")
    return [code for code, pattern in ASKS if pattern.search(folded)]


def units(text: str) -> int:
    """Standard Cost Model units for one community: one per demand named, at least one."""
    return max(1, len(asks(text)))
