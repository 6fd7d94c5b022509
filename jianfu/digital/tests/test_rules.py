"""The rule check: labelled set thresholds (dev part), negations, synonyms, English, any input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianfu.digital.evaluation import BUILD_SPLITS, labelled, score
from jianfu.digital.rules import CODES, check, fields_in


@pytest.mark.parametrize("split", BUILD_SPLITS)
def test_dev_parts_meet_the_target_per_code(split):
    scores, wrong = score(labelled()[split])
    assert len(labelled()["dev"]) + len(labelled()["heldout"]) >= 80
    for s in scores:
        assert s.accuracy >= 0.95, (s, wrong)
        assert s.precision >= 0.95, (s, wrong)
        assert s.recall >= 0.95, (s, wrong)


@pytest.mark.parametrize(
    "text,code",
    [
        ("网格员每天定位签到", "check_in"),
        ("上下班钉钉打卡", "check_in"),
        ("每月通报排名", "ranking"),
        ("统计在线率", "online_time"),
        ("按活跃度考核", "online_time"),
        ("每日步数不少于8000", "online_time"),
        ("要求居民注册率达到50%", "forced_use"),
        ("入户后拍照上传留存备查", "trace_screenshot"),
        ("转发后晒图", "trace_screenshot"),
        ("群消息须24小时在线回复", "after_hours"),
        ("周末和晚上也要及时回复群消息", "after_hours"),
        ("请再次上报已报送过的数据", "repeat_reporting"),
        ("填报辖区老人的姓名、身份证号和联系电话", "repeat_reporting"),
        ("Workers clock in with GPS every morning", "check_in"),
        ("Communities are ranked on a leaderboard", "ranking"),
        ("Each community must reach a download target of 300", "forced_use"),
    ],
)
def test_synonyms_are_found(text, code):
    result = check(text)
    assert code in result.violations, result
    assert any(rule in result.reasons[result.violations.index(code)] for rule in ("2023", "2024"))


@pytest.mark.parametrize(
    "text",
    [
        "不要求打卡",
        "无需截图",
        "禁止排名",
        "不统计在线时长",
        "居民自愿下载使用",
        "打卡不再纳入考核",
        "已取消积分排名功能",
        "数据从居民库自动获取，无需填报姓名和身份证号",
        "不得要求24小时在线",
        "No check-in is required and nobody is ranked",
        "Screenshots are not required",
        "推广网红打卡点",
        "名单排名不分先后",
        "居民可随手拍上传照片反映问题",
        "召开视频会议部署防汛工作",
    ],
)
def test_negations_and_look_alikes_are_not_breaches(text):
    assert check(text).violations == []


@pytest.mark.parametrize(
    "text,code",
    [
        ("未打卡的通报批评", "check_in"),
        ("不按时签到的扣分", "check_in"),
        ("截图不清晰的退回重报", "trace_screenshot"),
        ("Workers who fail to check in are named", "check_in"),
        ("取消钉钉打卡，但要求每天在群里发定位", "check_in"),
    ],
)
def test_failure_and_contrast_do_not_cancel(text, code):
    assert code in check(text).violations


def test_reason_cites_the_rule_document_and_words():
    result = check("App内设置积分排名")
    assert result.violations == ["ranking"]
    assert "《整治形式主义为基层减负若干规定》" in result.reasons[0]
    assert "积分排名" in result.reasons[0]
    assert result.as_json()["rules"][0]["code"] == "ranking"


def test_fields_in_uses_the_data_dictionary():
    assert ("id_number", "公民身份号码") in fields_in("请报送身份证号码和低保证号")
    assert ("dibao_number", "低保证号") in fields_in("请报送身份证号码和低保证号")


@given(st.text(max_size=300))
def test_any_text_gives_known_codes(text):
    result = check(text)
    assert set(result.violations) <= set(CODES)
    assert len(result.violations) == len(result.reasons) == len(set(result.violations))
