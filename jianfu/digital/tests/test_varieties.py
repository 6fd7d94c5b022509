"""The regional-variety layer (jianfu.digital.varieties): each variety's words read as standard Mandarin by the rule
check, and the Mandarin look-alikes left as they are."""

from __future__ import annotations

import pytest

from jianfu.digital import rules
from jianfu.digital.varieties import VARIETIES, to_standard

# (variety, description in that variety, the codes the check must find) — each one the check reads wrongly when the
# layer is switched off (asserted below), so the layer is what makes it right.
WITH_LAYER = [
    ("cantonese", "唔使打卡，得闲先睇群消息。", []),
    ("fuzhou", "社区伓使打卡，自愿参加。", []),
    ("hokkien", "阮社区毋免打卡，自愿参加就好。", []),
    ("hokkien", "这个群毋通要求截图留痕。", []),
    ("hokkien", "要求各社区暗时九点前在群里报送当日入户人数。", ["after_hours"]),
    ("taiwanese_mandarin", "长官说每周登入平台不少于五天，系统记录登入天数。", ["online_time"]),
    ("taiwanese_mandarin", "群組裡長官要求每人錄影片上傳，當作走訪的證明。", ["trace_screenshot"]),
    ("southwest", "截图莫要发了，走访记台账就行。", []),
    ("northeastern", "要求各社区黑天十点前在群里报送当日入户人数。", ["after_hours"]),
    ("wu", "工作群覅要求截图。", []),
    ("wu", "要求各社区夜到九点前在群里报送当日入户人数。", ["after_hours"]),
    ("hubei_hunan", "打卡那个功能上礼拜删哒，现在不要求了。", []),
    ("shaanxi_gansu", "嫑打卡，自愿参加就行。", []),
    ("hebei_tianjin_beijing", "甭截图，走访记台账就行。", []),
    ("shandong", "小区业主建的群，有人在里面打卡跑步，跟俺们工作没关系。", []),
    ("henan", "要求各社区黑间九点前在群里报送当日入户人数。", ["after_hours"]),
]


@pytest.mark.parametrize(("variety", "text", "codes"), WITH_LAYER)
def test_variety_read_as_mandarin(
    variety: str, text: str, codes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert variety in VARIETIES
    assert sorted(rules.check(text).violations) == codes
    monkeypatch.setattr(rules, "to_standard", lambda t: t)
    assert sorted(rules.check(text).violations) != codes, "the layer is what makes this one right"


@pytest.mark.parametrize(
    ("regional", "standard"),
    [
        ("阮网格员每日要满4个钟头", "我们网格员每日要满4个小时"),
        ("汝们有收到无?", "你们有收到吗?"),
        ("伊讲下班以后毋免", "他讲下班以后不用"),
        ("拉厝边关注公众号,下礼拜一交数", "拉邻居关注公众号,下周一交数"),
        ("长官半夜丢讯息到群组", "领导半夜发消息到群"),
        ("网格员拢在骂", "网格员都在骂"),
        ("莫得休息,啥子都要报,晓得了", "没有休息,什么都要报,知道了"),
        ("喊居民下载,要得", "叫居民下载,好"),
        ("这个数系统头都有", "这个数系统里都有"),
        ("阿拉社区好伐?", "我们社区好吗?"),
        ("俺们夜来开会", "我们昨天开会"),
        ("额们天天报", "我们天天报"),
        ("恁社区中不中", "你们社区行不行"),
    ],
)
def test_regional_words_in_standard_form(regional: str, standard: str) -> None:
    assert to_standard(regional) == standard


@pytest.mark.parametrize(
    "mandarin",
    [
        "加快工作步伐",
        "严禁乱砍滥伐、采伐林木",
        "阿拉伯语翻译",
        "补助金额和名额按户核定,额度不变",
        "整改到位,整理台账",
        "办理社保卡,每日打卡",
        "伊犁州和伊朗的新闻",
        "需要得到审批",
        "请勿在群内发广告",
        "免打扰模式,免费领取",
        "拉拢、靠拢群众",
        "不中断服务,中午报",
        "耍赖、耍花招",
        "每周礼拜的信众",
        "无人机巡查,无需截图",
        "系统头像",
    ],
)
def test_mandarin_look_alikes_unchanged(mandarin: str) -> None:
    assert to_standard(mandarin) == mandarin
