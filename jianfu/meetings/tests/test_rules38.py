"""rules38: the classes widened on dev70–dev72, row by row of jianfu/meetings/DECISIONS.md, each with a look-alike
that must stay as it was (own wording, not the items')."""

import pytest

from jianfu.meetings import rules
from jianfu.meetings.choices import Rule
from jianfu.meetings.tests.findings import document_findings, meeting_findings

# --- t0: the length the text states ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # a start with its place between the time and the verb, an end said apart
        ("7:30 街道大院门口上车出发，沿途看三个点，约14:00返回街道。", 390),
        # the start's verb as the line's label before the time, the end with what ends before it
        ("集合：18:30，文化广场东门。\n检查完回到街道开短会，预计22:45结束。", 255),
        # a meal that ends a morning's trip, with its place between
        ("8:10 在区政府北门集合乘车 → 两个安置点 → 一个加工厂，12:40 在镇政府食堂用餐。", 270),
        # the part of the day and the hour in dialect (上半天/下半天, 点钟)
        ("礼拜五八点钟开始，要一直开到下半天一点钟。", 300),
        ("上昼九点开始，开到十一点。", 120),
        # sessions under their own labels, in either language
        ("Morning part: 9:00 - 11:45 (briefing)\nAfternoon part: 13:00 - 15:00 (workshop)", 285),
        ("上午场：8:30—11:30\n下午场：14:00—16:00", 300),
        # dated sessions on several days, each with its label and number, an English date after a weekday
        (
            "Session 1: Mon 3 March, 14:00–15:30\nSession 2: Tue 4 March, 14:00–15:30\nSession 3: Wed 5 March, 14:00–15:30",
            270,
        ),
        # each date's clause of one line read apart
        ("时间：3月6日8:30-11:30，3月7日14:00-16:00。", 300),
        # the dates listed in one sentence, the daily session in another line
        ("定于4月8日、9日、10日开展线上轮训。\n时间：每天19:00-20:30。", 270),
        # look-alikes: a muster before a meeting's own time range is no start of the day; a notice period is no length
        ("（13:10在东门集合乘车）\n14:00—17:00实地查看，17:00后散开。", 180),
        ("The Zoom link will be sent one day ahead; the call runs 10:00–11:00.", 60),
        # a label with a clock time is no label (Time 9:00–10:00 keeps its range)
        ("Time 9:00–10:00 on Tue 3 June", 60),
        # the morning and the afternoon of one dated programme with a break between: the sessions add, not the break
        ("9:00在大厅集合，上午9:00—11:00检查；下午14:00—15:30座谈。", 210),
    ],
)
def test_meeting_minutes_rules38(text, minutes):
    assert rules.minutes_in_text(rules.normalised(text)) == minutes


def test_daily_session_without_dates_stays_one_session():
    # 每天 with no dates listed anywhere: one session, not a multiple
    assert rules.minutes_in_text("时间：每天14:00-17:00，腾讯会议。") == 180


# --- m0: on-line, and the main venue -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mode", "warned"),
    [
        # the on-line word put aside after it, colloquially
        ("明早十点到街道三楼开会，视频就不开了，当面说。", "", True),
        ("后天下午在局里碰个头，线上也不搞了。", "", True),
        # a ticked on-line meeting whose text refuses the on-line way and names none of its own
        ("请到区政务中心二楼参会，这次不开视频会。", "online", True),
        # a few sent to the main venue with a comma before what they do there, or to report there
        (
            "各社区在本社区视频会议室参会；甲社区、乙社区书记请于9:00前赶到主会场，作经验介绍。",
            "online",
            True,
        ),
        ("两位发言的书记8:30前到主会场报到。各社区在本社区视频参会。", "online", True),
        # look-alikes: a platform word followed by something else not done; the optional main venue
        ("用腾讯会议参会，腾讯会议不用另装插件，网页即可。", "", False),
        ("各社区在本社区视频会议室参会，也可自行到主会场参会。", "online", False),
    ],
)
def test_mode_rules38(text, mode, warned):
    assert (Rule.MEETING_IN_PERSON in meeting_findings(text, mode=mode)) is warned


# --- r1 look-alikes: going along with inspectors who pick the sites on the day --------------------------------------


@pytest.mark.parametrize(
    ("text", "reason", "warned"),
    [
        # helping the inspectors on their round (配合, 带路) is going along; the sites produced at random
        ("请各社区书记配合区检查组检查，受检门店当天由系统随机产生。", "配合检查", True),
        ("各社区书记负责带路，检查点位由检查组当日随机选取。", "", True),
        # look-alike: a walk whose route names the places stays a reason
        ("请各社区书记配合检查组沿XX路→XX街→XX巷逐户查看，路线：XX路→XX街。", "配合检查", False),
    ],
)
def test_going_along_rules38(text, reason, warned):
    found = meeting_findings(text, mode="in_person", in_person_reason=reason, heads=True)
    assert (Rule.MEETING_IN_PERSON in found) is warned


# --- approval: p2 colloquial, p3/p4 the text against the declared body -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "declared", "approved"),
    [
        # a body's approval said colloquially with 那边 and 过了
        ("各位书记，周四开个短会，区委办那边批过了。", "", True),
        # a leader of a unit whose name has a dash is a leader
        (
            "As agreed by the Director-General of the Sino–ASEAN Exchange Secretariat, a call will be held.",
            "",
            False,
        ),
        # the text naming its own unit's meeting as the approver outweighs a declared body
        ("经中心管理委员会会议研究同意，定于周五召开推广会。", "区委办公室", False),
        (
            "As agreed by our Centre's management committee meeting, directors are asked to come.",
            "Centre management committee",
            False,
        ),
        # look-alikes: a declared body with no approver in the text; a text that names a body as well
        ("定于周五召开推广会，请各社区主任参加。", "区委办公室", True),
        ("经局长办公会研究，报区委办公室审批同意，定于周五召开。", "区委办公室", True),
    ],
)
def test_approval_rules38(text, declared, approved):
    assert (Rule.MEETING_NO_APPROVAL not in meeting_findings(text, approved_by=declared)) is approved


# --- 陪会: c1 the few, b1 the slot ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "accompany"),
    [
        # all the other heads told to listen while a few named in English present
        (
            "To all residents' committees:\nAgenda: presentations by the Party secretaries of Maple Community and "
            "Harbour Community.\nAll other community Party secretaries and directors will join from their offices "
            "and listen.",
            True,
        ),
        # the few's names broken over a line
        (
            "To: Directors of all Residents' Committees\nAgenda: presentations by the Directors of Elm Court and Oak\n"
            "   Hill communities (8 min each). All directors must attend.",
            True,
        ),
        # one for each of a few named streets while every head is summoned
        ("各社区书记在本社区参会。议程：东街、西街两街道各一个社区书记作交流发言，区领导讲话。", True),
        # each community's slot with a speaking verb and a time in numerals (讲三分钟)
        ("各位书记主任：今晚七点在街道开会，每个社区讲两分钟本社区的情况。", False),
        # look-alikes: each community having the slot in English; every community a head of its own at each street
        ("All community directors will attend; each community will have three minutes to report.", False),
        ("各社区书记参会，每个社区1名书记作简要汇报，每人3分钟。", False),
    ],
)
def test_accompany_rules38(text, accompany):
    found = meeting_findings(text, mode="in_person", in_person_reason="签订责任书", heads=True)
    assert (Rule.MEETING_ACCOMPANY in found) is accompany


# --- report-back (d2) and matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "report_back"),
    [
        # a summary attached after the form with a modal before the verb
        ("附件：排查表\n填表说明：表后须附本社区排查工作小结一份。", True),
        ("请填写登记表报街道，并请附本社区工作总结。", True),
        # look-alike: the form's own rows are no summary
        ("附件：排查表\n填表说明：表后请附隐患点位清单。", False),
    ],
)
def test_report_back_rules38(text, report_back):
    assert (Rule.DOCUMENT_REPORT_BACK in document_findings(text)) is report_back


@pytest.mark.parametrize(
    ("text", "matching"),
    [
        # the own version asked of any level below (本街镇, 本村), however long the plan's name
        ("各街镇要于年底前制定本街镇地下空间日常巡查管理配套实施细则。", True),
        ("请各村编制本村防汛避险转移安置工作方案。", True),
        # look-alike: the issuer's own rules, sent down
        ("现将本办法印发给你们，请遵照执行。", False),
    ],
)
def test_matching_rules38(text, matching):
    assert (Rule.DOCUMENT_MATCHING in document_findings(text)) is matching
