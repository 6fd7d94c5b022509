"""rules36: the classes widened on dev62–dev65, row by row of jianfu/meetings/DECISIONS.md, each with a look-alike
that must stay as it was (own wording, not the items')."""

import pytest

from jianfu.meetings import rules
from jianfu.meetings.choices import Rule
from jianfu.meetings.tests.findings import meeting_findings


@pytest.mark.parametrize(
    ("row", "text", "accompany"),
    [
        # c1: a few communities named as the speakers however long their names (…片区社区, …沿岸社区)
        (
            "c1",
            "参会人员：各社区党组织书记。议程：1.通报情况；2.东门外片区社区、滨江南岸沿线社区、老城区北片社区作经验交流发言；3.领导讲话。",
            True,
        ),
        # …and in English, each name with a gloss in brackets
        (
            "c1",
            "Participants: Party secretaries of all communities. Programme: Community D (Harbour Road), Community E "
            "(Old Town) and Community F (Mill Lane) will each present their pilots; other communities do not speak.",
            True,
        ),
        # …the rest each having a turn after the long names: every head has a part
        (
            "c1",
            "参会人员：各社区书记。议程：东门外片区社区、滨江南岸沿线社区作交流发言，其余各社区书记每人2分钟发言。",
            False,
        ),
        # b2 look-alikes: 作 inside 工作 is no 作…汇报, a unit's 办主任 chairing is no community head's part
        (
            "b0",
            "会议由区防汛办主任主持，听取了巡查组关于汛期社区工作的汇报。请各社区书记参加听讲，不设线上会场。",
            True,
        ),
        # …while the heads' own 作…汇报 after 并 stays their part
        ("b2", "请各社区书记参会并作本社区防汛工作汇报，每人3分钟。", False),
    ],
)
def test_accompany_rows_rules36(row, text, accompany):
    found = meeting_findings(text, heads_have_agenda=row == "c1")
    assert (Rule.MEETING_ACCOMPANY in found) is accompany, (row, found)


@pytest.mark.parametrize(
    ("declared", "approved"),
    [
        # p3: a leader with an aside in brackets, a bare plan with its verb of listing
        ("区卫健局主要领导（局长签批）", False),
        ("已纳入区年度会议计划（第12号）", False),
        # …a body with an aside stays a body
        ("区委办公室（年度会议计划）", True),
        # p3: the organiser itself under another name (an event's organising committee, a project's board)
        ("Marathon Organising Committee", False),
        ("Clean Air Project Steering Committee", False),
        # …a zone's committee is still a body
        ("Free Trade Zone Management Committee", True),
    ],
)
def test_declared_approver_rules36(declared, approved):
    assert rules.is_approving_body(declared) is approved, declared


@pytest.mark.parametrize(
    ("row", "text", "approved"),
    [
        # p3: the unit's own leader's office meeting whatever the leader's title (主席办公会, 校长办公会)
        ("p3", "本次培训经区科协主席办公会议研究同意。", False),
        ("p3", "经公司总经理办公会研究同意，举办物业服务座谈会。", False),
        ("p3", "经马拉松赛组委会同意，召开沿线社区协调会。", False),
        # …a leader of an event is a leader, whatever is sanctioned by him
        ("p3", "This briefing was approved by the Secretary-General of the Summit.", False),
        ("p3", "As endorsed by the Director of the Expo, all communities attend.", False),
        # p2: any verb of sanction with a body as its agent; a body approving this very session; a long body's plan
        ("p2", "As endorsed by the District Party Committee General Office, the briefing goes ahead.", True),
        ("p2", "The District Government Office has approved a one-hour briefing for all communities.", True),
        (
            "p2",
            "Approved under the 2027 training calendar of the District Leading Group Office for Grassroots Burden "
            "Reduction and Meeting Streamlining, the course is held online.",
            True,
        ),
    ],
)
def test_approval_rows_rules36(row, text, approved):
    assert bool(rules.approving_body(rules.unspaced(text))) is approved, row


@pytest.mark.parametrize(
    ("row", "text", "fields", "warned"),
    [
        # m0: an on-line word negated in a dialect or in English is no on-line meeting
        ("m0", "各位书记：后日下昼三点去街道礼堂开会，唔系线上嘅，要本人到。", {"mode": ""}, True),
        (
            "m0",
            "There will be no Zoom link this time; please come to Room 5 of the Street Office.",
            {"mode": ""},
            True,
        ),
        # …while 唔该 (thanks) negates nothing
        ("m0", "各位主任：唔该大家用腾讯会议接入，今晚八点开始。", {"mode": ""}, False),
        # m0: a 分会场 where a ceremony is held is a place
        ("m0", "请各社区主任周六上午到人民公园，参加读书节东城分会场开幕式。", {"mode": ""}, True),
        # r0: no reason however said — a group discussion with its time before it, the meeting's size, held together,
        # the event's noun 研讨会
        ("r0", "在区政务中心召开推进会。", {"mode": "in_person", "in_person_reason": "上午需分组讨论"}, True),
        (
            "r0",
            "在区政务中心召开研讨会。",
            {"mode": "in_person", "in_person_reason": "研讨会参会人数较多，需统一举办"},
            True,
        ),
        # r1: the trainees' own practice corrected where it is done
        (
            "r1",
            "各社区推荐2名太极拳骨干参训。",
            {"mode": "in_person", "in_person_reason": "动作需教练当场逐个纠正"},
            False,
        ),
        (
            "r1",
            "Each trainee's bandaging technique is corrected one by one by the nurse.",
            {"mode": "in_person"},
            False,
        ),
        # …not a ceremony's rehearsal the heads only fill seats at
        (
            "r0",
            "The opening ceremony will be rehearsed on Friday; please fill the front rows.",
            {"mode": "in_person"},
            True,
        ),
        # r1: the handover sheet signed, in either order
        ("r1", "请各社区书记本人到场领取巡逻设备，并在移交清单上签名。", {"mode": "in_person"}, False),
        ("r1", "请各社区书记本人到场，签字确认交接单后领回设备。", {"mode": "in_person"}, False),
        # …printed matter signed for stays handouts
        ("r0", "请各社区派人领取宣传折页，并在领取登记表上签字。", {"mode": "in_person"}, True),
        # r0: a visit read from the text, however it opens, whose sites the inspectors pick on the day
        (
            "r0",
            "市检查组将到各社区开展入户检查，检查点位由检查组当日随机确定。请各社区书记在社区门口等候并陪同。",
            {"mode": "in_person"},
            True,
        ),
        (
            "r0",
            "督查组将对辖区工地、门店开展督查，点位由督查组现场确定。请各社区书记全程陪同。",
            {"mode": "in_person"},
            True,
        ),
        # …a visit whose places are named stays a reason
        ("r1", "请各社区书记陪同检查组到XX路夜市和XX小区检查。", {"mode": "in_person"}, False),
    ],
)
def test_in_person_rows_rules36(row, text, fields, warned):
    found = meeting_findings(text, **fields)
    assert (Rule.MEETING_IN_PERSON in found) is warned, (row, found)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # communities coming by turns within a window: each one's turn is the length
        ("各社区按通知时段分批到场领取防汛物资（每个社区约15分钟），发放时间8:30—17:30。", 15),
        ("Communities come in staggered slots between 9:00 and 16:00, 20 minutes per community.", 20),
        # …a meeting where each community speaks for a few minutes is still as long as its hours
        ("9:00-14:00召开推进会，每个社区汇报5分钟。", 300),
    ],
)
def test_turns_within_a_window_rules36(text, minutes):
    assert rules.minutes_in_text(text) == minutes


@pytest.mark.parametrize(
    ("row", "text", "found"),
    [
        # d2: proof the deed is done with the deed in a time clause before it, or said with its object in one word
        ("d2", "每场宣讲结束后，将签到表照片回传街道工作群。", True),
        ("d2", "服务站挂牌后，请把挂牌照片传给街道。", True),
        # d2: how it stands summed up, sent up
        ("d2", "每月5日前报送本社区网格巡查情况小结。", True),
        # …a deed and then a hazard's photo with no 后 between is the report itself
        ("d1", "请各社区张贴海报，发现隐患的将隐患照片上传平台。", False),
        # …returning the task's own form is no report-back
        ("d1", "每月5日前报送网格员考勤表。", False),
    ],
)
def test_report_back_rows_rules36(row, text, found):
    assert bool(rules.demands_in_text(rules.unspaced(text), rules.REPORT_BACK_KINDS)) is found, row
