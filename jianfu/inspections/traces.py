"""留痕: demands for proof-of-work traces in a material request, found in the text.

The 2024 rules (part 3) say traces are not a measure of work; the 2023 rules against 指尖上的形式主义
forbid screenshots and photos instead of work. Such a demand is flagged and refused by default.
"""

import re

from django.utils.translation import gettext_lazy as _

from jianfu.core.text import fold

RULE = _(
    "《整治形式主义为基层减负若干规定》（2024）第三部分：不得把留痕作为评判工作的依据，"
    "不得频繁要求基层填表报数、报送材料；不以截图、照片代替实际工作。"
)

# (pattern, label): patterns run on the folded text (simplified, lower case, no spaces)
_PATTERNS: list[tuple[str, str]] = [
    (r"照片|相片|拍照|图片|影像资料|视频", "照片/视频"),
    (r"截图|截屏|屏幕截", "截图"),
    (r"签到|签字表|签名表|签到表|考勤|打卡", "签到/签字表"),
    (
        r"台账本|档案盒|盒装|装订成册|纸质台账|迎检(资料|材料)|专门(整理|准备)|汇编成册|活页夹|档案夹",
        "迎检台账/档案盒",
    ),
    (r"工作日志|工作笔记|会议记录本|痕迹(资料|材料)|过程(性)?资料|佐证(资料|材料)", "过程痕迹材料"),
]
_COMPILED = [(re.compile(p), label) for p, label in _PATTERNS]


def trace_words(text: str) -> list[str]:
    """The kinds of 留痕 the text demands, in order of first mention (empty: no trace demand)."""
    folded = fold(text or "").replace(" ", "")
    found: list[tuple[int, str]] = []
    for pattern, label in _COMPILED:
        m = pattern.search(folded)
        if m:
            found.append((m.start(), label))
    return [label for _pos, label in sorted(found)]


_PAPERWORK = re.compile(
    r"(新建|建立|新设|新增|另建|补建|健全|完善).{0,10}(台账|档案|记录本|报表|资料盒|工作簿)"
    r"|每(日|周|月|季度|半月)(报送|上报|填报)|定期(报送|上报)"
)


def demands_paperwork(text: str) -> bool:
    """Whether a rectification asks for a new ledger, binder, recurring report or traces."""
    folded = fold(text or "").replace(" ", "")
    return bool(_PAPERWORK.search(folded)) or bool(trace_words(text))
