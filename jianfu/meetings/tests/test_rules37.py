"""rules37: the classes widened on dev66–dev69, row by row of jianfu/meetings/DECISIONS.md, each with a look-alike
that must stay as it was (own wording, not the items')."""

import pytest

from jianfu.meetings import rules
from jianfu.meetings.choices import Rule
from jianfu.meetings.tests.findings import document_findings, meeting_findings

# --- reading the text: any script, any way of writing digits -------------------------------------------------------


def test_traditional_script_is_read_as_simplified():
    assert rules.normalised("各位書記：請準時參加會議") == "各位书记：请准时参加会议"
    # the heads summoned in traditional characters, told only to listen (a listening word in Cantonese)
    text = "各位書記主任：禮拜四朝早十點喺街道會議室開會，由區裡面領導講話，大家坐住聽就得，唔使發言。"
    assert Rule.MEETING_ACCOMPANY in meeting_findings(text, mode="in_person")


def test_traditional_platform_is_on_line():
    text = "各社區：聽晚八點用騰訊會議開個短會，社區專幹上線參加。"
    assert Rule.MEETING_IN_PERSON not in meeting_findings(text, mode="")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下午１４：００—１６：３０", "下午14：00—16：30"),
        ("定于 2 0 2 6 年 3 月召开", "定于 2026 年 3 月召开"),
        ("时间 0 9 : 0 0 — 1 3 : 1 5", "时间 09:00 — 13:15"),
        # two numbers side by side are not one number
        ("第 3 组 12 人", "第 3 组 12 人"),
    ],
)
def test_digits_as_scans_write_them(text, expected):
    assert rules.normalised(text) == expected


def test_spaced_clock_times_count():
    text = "各社区书记在本社区线上参会，时间 1 4 : 0 0 — 1 8 : 3 0，每个社区汇报3分钟。"
    assert Rule.MEETING_TOO_LONG in meeting_findings(text, heads_have_agenda=True)


# --- document lengths ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("（全文约七千二百字，此处节选）", 7200),
        ("正文约４ ８００字", 4800),
        ("份文件好长，足足五千几字", 5000),
        ("（正文8页，每页约六百字）", 4800),
        ("（正文共十二页，每页约400字）", 4800),
        # a cap on what the communities write is no length of the document
        ("请附不超过八百字的小结", 0),
        ("每页约五百字", 0),
    ],
)
def test_stated_length_rules37(text, length):
    assert rules.stated_length(rules.normalised(text)) == length


# --- approval (p2, p3/p4) -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "declared", "approved"),
    [
        # p3/p4: the organiser's own plan by its pronoun, a department's own plan, a period with the plan's kind
        ("本次培训已列入我办年度培训计划。请各社区专干参加。", "", False),
        ("本会已纳入区卫健局年度会议计划。请各社区专干参加。", "", False),
        ("请各社区专干参加。", "区卫健局年度会议计划", False),
        ("此次走访已纳入季度督导计划。请各社区专干参加。", "", False),
        # …the department approving its own meeting, named on the notice's heading line
        ("区人社局\n关于召开就业服务推进会的通知\n请各社区专干参加。", "区人社局", False),
        # …a leader of any organisation in English, an organisation's executive committee said with 'of'
        ("Held with the consent of the Chairman of the District Charity Foundation.", "", False),
        ("Approved by the Standing Committee of the District Women's Federation, the meeting …", "", False),
        # …a zone's management committee's own meeting
        ("经管委会会议研究同意，定于周五召开。请各社区专干参加。", "", False),
        # p2 look-alikes that stay approval: a plan an office approved, an office listing it, the body itself
        ("本会已列入区委办公室审定的年度会议计划。请各社区专干参加。", "", True),
        ("经区委办公室统筹列入年度会议计划，请各社区专干参加。", "", True),
        ("经开发区管委会批准，定于周五召开。请各社区专干参加。", "", True),
        ("经区统计局批准，定于周五召开。请各社区专干参加。", "", True),
        # …an approving office that sends its own visit out stays one
        (
            "区防汛工作领导小组办公室\n关于开展汛前检查的通知\n请各社区专干参加。",
            "区防汛工作领导小组办公室",
            True,
        ),
        # …and the record of a body's meeting approving the meeting
        (
            "XX镇党委会议纪要\n会议研究了以下事项：\n一、同意召开全镇防汛工作部署会。请各社区专干参加。",
            "",
            True,
        ),
    ],
)
def test_approval_rows_rules37(text, declared, approved):
    found = meeting_findings(text, approved_by=declared)
    assert (Rule.MEETING_NO_APPROVAL not in found) is approved, found


# --- in person (r1 and its look-alikes) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "declared", "warned"),
    [
        # r1: a pledge signed by the signer themselves, or at a named place
        ("消防安全责任书今年统一签，各社区书记本人到街道二楼，跟安监科逐个签完就走。", "", False),
        ("请各社区主任到镇政府三楼会议室签订防汛责任书。", "", False),
        # …a sign-in sheet signed in person, lots drawn for the order, are no reason
        ("请各社区主任到街道会议室开会，签到表须本人签名，发言顺序现场抽签。", "", True),
        # r1 look-alike: going along with inspectors whose sites are drawn by lot names no place
        ("各社区书记随检查组一同出发，检查点位出发前抽签决定。", "陪同检查", True),
        # no-reason: a thing handed out to wear or read, whatever it is
        ("请各社区专干到街道参会。", "会上统一发放工作证", True),
        # …while supplies counted and signed for stay a reason
        ("请各社区专干到街道参会。", "现场发放应急物资并清点签收", False),
    ],
)
def test_in_person_rows_rules37(text, declared, warned):
    found = meeting_findings(text, mode="in_person", in_person_reason=declared)
    assert (Rule.MEETING_IN_PERSON in found) is warned, found


# --- 陪会 (a, b, c1) -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fields", "accompany"),
    [
        # a1: a village's and a community's heads named together in a town
        ("请各村（社区）党组织书记准时参加，听取专家专题讲座。", {}, True),
        ("请各村社书记下午到镇里开会，听取县里部署。", {}, True),
        # b1: each of them speaking, the slot said in a clause of its own
        ("请各村社书记参会，每个村社汇报本月排查情况，每家不超过4分钟。", {}, False),
        ("请各社区书记参会，每个社区汇报本月工作，每家不超过4分钟。", {}, False),
        # a2: the text excusing them outweighs a ticked "heads", and so does a roll naming only others
        ("参会人员：各社区网格员；社区书记、主任无需参加。", {"heads": True}, False),
        ("参会人员：各社区分管副主任、网格员。", {"heads": True}, False),
        # …a roll naming a head keeps them summoned
        ("参会人员：各社区书记、网格员。", {"heads": True}, True),
        # b3: rows filled, however many
        ("请各社区书记参会并发言，在前四排就座。", {}, True),
        ("Party secretaries of all communities will present and take the first two rows.", {}, True),
    ],
)
def test_accompany_summons_and_part_rules37(text, fields, accompany):
    found = meeting_findings(text, mode="in_person", **fields)
    assert (Rule.MEETING_ACCOMPANY in found) is accompany, found


@pytest.mark.parametrize(
    ("text", "accompany"),
    [
        # c1: every head of the city, counted, with a few named speakers
        ("全市36个社区党组织书记参会；城北社区、河西社区党组织书记作交流发言；市领导讲话。", True),
        ("请全县社区书记在本社区收看；会上由城关社区书记作经验介绍，其他社区不发言。", True),
        # …every head said as 'all of them', the one speaker sharing (a verb of speaking of the class)
        ("书记主任全部上线，由南湖社区主任分享经验，其他社区不用发言。", True),
        # …but a programme item all take part in keeps them all in
        ("全市36个社区党组织书记参会；城北社区书记作交流发言；随后分组讨论。", False),
        # …and purpose of meeting in person (便于…互动交流) is no such item
        ("参会人员：各社区党组织书记。由东湖社区书记一人汇报，便于面对面互动交流。", True),
        # c1 look-alike: the communities the notice is sent to, said back, are all it summons
        (
            "致：甲、乙、丙社区。上述三个社区书记分别担任本社区引导组组长，负责指挥。流程：各社区书记指挥疏散。",
            False,
        ),
    ],
)
def test_accompany_few_speak_rules37(text, accompany):
    found = meeting_findings(text, heads=True, heads_have_agenda=True)
    assert (Rule.MEETING_ACCOMPANY in found) is accompany, found


@pytest.mark.parametrize(
    ("text", "accompany"),
    [
        # b1 look-alikes: trainees named by 对象 who only watch, wherever the notice says no one speaks
        ("培训对象：各社区书记。培训方式：钉钉直播，在本社区收看。说明：以收看为主，学员无需发言。", True),
        ("收看对象：各社区书记。在本社区办公室收看直播。", True),
        # …a test said not to be held is no part
        ("培训对象：各社区书记。线上收看，学员无需发言，不组织结业考试。", True),
        # …their own course, tested at its end, keeps its part
        ("培训对象：各社区书记。集中授课两天，培训结束后进行结业考试。", False),
    ],
)
def test_trainees_who_only_watch_rules37(text, accompany):
    found = meeting_findings(text, heads=True)
    assert (Rule.MEETING_ACCOMPANY in found) is accompany, found


def test_excluded_from_another_meeting_of_a_list():
    text = (
        "街道本月会议安排：\n1. 8日9:00—11:00，平安建设推进会，各社区书记汇报本社区情况。\n"
        "2. 15日，机关作风建设会（机关内部，社区不参加）。"
    )
    assert rules.not_for_communities(text) == ""
    # …while a notice whose one meeting excludes them stays not theirs
    assert rules.not_for_communities("本周五召开机关作风建设会，社区不参加。") == "社区不参加"


# --- lengths of meetings (t) --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # the start and the end said in words with the doing between
        ("周六上午8点半集合，一直搞到下午1点。", 270),
        ("下午2点开始，开到6点半。", 270),
        # a break's range parts two sessions, it is none itself
        ("Time: 9:00–12:00 and 13:00–16:30 (lunch break 12:00–13:00).", 390),
        ("上午9:00—12:00，午休12:00—13:30，下午13:30—16:00。", 330),
        # dates listed before the one time of day they share
        ("定于5日（周一）、7日（周三）、9日（周五）晚上7:00—8:30召开。", 270),
        # look-alikes: a muster then a departure is no range; dates of something else before the time
        ("8点半集合，9点出发。", 0),
        ("5日、7日报名，晚上7:00—8:30开会。", 90),
    ],
)
def test_meeting_minutes_rules37(text, minutes):
    assert rules.minutes_in_text(rules.normalised(text)) == minutes


# --- report-back (d2) and matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "report_back"),
    [
        # a sentence a scan broke over two lines, indented or not
        ("请各社区将宣传落实情况书\n面报街道办。", True),
        ("请报送名册，名册后另附一份本社区半年工作\n    总结。", True),
        # proof of the deed with its place between the deed and the photo
        ("横幅挂好了每个小区门口拍张照片发群里。", True),
        # look-alikes: a hazard's photo is the report the task asks for; two list items on two lines stay apart
        ("发现隐患的拍张照片发群里。", False),
        ("一、做好宣传落实\n二、报名表于周五前报街道。", False),
    ],
)
def test_report_back_rules37(text, report_back):
    assert (Rule.DOCUMENT_REPORT_BACK in document_findings(text)) is report_back


@pytest.mark.parametrize(
    ("text", "matching"),
    [
        # a verb of making in dialect, before the community's own plan
        ("每个社区照着弄个自己社区的宣传方案，周五前交上来。", True),
        ("各社区整一份本社区的实施方案。", True),
        # look-alike: 整个 'the whole' is no making
        ("整个工作方案由区里统一印发，社区不用另行制定。", False),
    ],
)
def test_matching_in_dialect_rules37(text, matching):
    assert (Rule.DOCUMENT_MATCHING in document_findings(text)) is matching
