"""The intake's rules for meeting notices and documents: pure functions of the notice (no database).

Sources (facts §8, the 2024 rules 整治形式主义为基层减负若干规定, parts 1 and 2; every cap configurable
per district in `IntakeRules`):
- meetings: no meeting straight to the grassroots (video included) without approval; no 陪会 — community
  heads summoned to sit in a meeting that is not theirs; short meetings (half a day usually:
  default cap 240 minutes); on-line preferred (a warning, not a refusal);
- documents: ≤ 5,000 characters for a comprehensive document, ≤ 4,000 for a special task; no demand
  to report back on implementation (报送落实情况) or to issue matching documents (上下一般粗, 制定配套
  文件); an attached form must be in the district's annual form catalog (实施目录清单, facts §4).

The text is read as well as the declared fields: a pasted notice "请各社区书记列席…" is caught even
when the organiser ticked nothing. Declared and detected values combine to the stricter one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, pairwise
from typing import Any

from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from jianfu.core.text import CHINESE_DIGITS, fold, to_simplified
from jianfu.meetings.choices import REFUSING_RULES, DocumentScope, MeetingMode, Rule

RULES_2024 = "《整治形式主义为基层减负若干规定》（2024）"
DAY_MINUTES = 480
FORM_MATCH_RATIO = 90.0


@dataclass(frozen=True)
class Limits:
    meeting_max_minutes: int = 240
    comprehensive_max_chars: int = 5000
    special_max_chars: int = 4000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Finding:
    rule: str
    reason: str
    evidence: tuple[str, ...] = ()

    @property
    def refuses(self) -> bool:
        return self.rule in REFUSING_RULES

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "label": str(Rule(self.rule).label),
            "refuses": self.refuses,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    detected: dict[str, Any] = field(default_factory=dict)  # what was read from the text

    @property
    def admitted(self) -> bool:
        return not any(f.refuses for f in self.findings)

    @property
    def violations(self) -> list[str]:
        return [f.rule for f in self.findings if f.refuses]

    @property
    def warnings(self) -> list[str]:
        return [f.rule for f in self.findings if not f.refuses]

    def reasons(self) -> list[str]:
        return [f.reason for f in self.findings]

    def as_json(self) -> dict[str, Any]:
        return {
            "decision": "admitted" if self.admitted else "refused",
            "violations": self.violations,
            "warnings": self.warnings,
            "reasons": self.reasons(),
            "findings": [f.as_json() for f in self.findings],
            "detected": self.detected,
        }


# ---------------------------------------------------------------------------------------------
# Reading the text

_NUM: dict[str, float] = {"半": 0.5, **CHINESE_DIGITS}  # _NUMBER reads 半 and 一 … 八
_NUMBER = r"(\d+(?:\.\d+)?|[半一两二三四五六七八])"

# A scanned notice read back by OCR puts a space after every character (关 于 召 开 会 议): such a line is read
# joined up, while a line of English or an ordinary mixed line keeps its spaces.
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_THEN_SPACE = re.compile(r"[\u3400-\u9fff][ \u3000]")
_SPACE_IN_SPACED_LINE = re.compile(r"(?<=[^\sA-Za-z])[ \u3000]+(?=[^\sA-Za-z])")


_SPACED_RUN = re.compile(r"(?:[\u3400-\u9fff][ \u3000]){3}")


# A notice typed in traditional characters (書記、會議、騰訊會議, as Hong Kong and Macao writers and many Cantonese
# chat groups do) is read in simplified ones, so that every class of wording below holds in either script.
@lru_cache(maxsize=1)
def _traditional_only() -> re.Pattern[str]:
    block = "".join(chr(i) for i in range(0x4E00, 0xA000))
    converted = to_simplified(block)
    return re.compile("[" + "".join(a for a, b in zip(block, converted, strict=True) if a != b) + "]")


# Digits as a scan or a PDF writes them: full-width (２０２５, ５ ３００) or one by one with spaces (2 0 2 5 年,
# 1 3 : 3 0 — 1 7 : 4 5): read as ordinary digits.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACED_DIGITS = re.compile(r"(?<![\d:：])\d(?:[ \u3000]+[\d:：](?!\d)){2,}")
_SPACE = re.compile(r"[ \u3000]+")


def normalised(text: str) -> str:
    """The text in simplified characters with ordinary digits."""
    if _traditional_only().search(text):
        text = to_simplified(text)
    text = text.translate(_FULL_WIDTH_DIGITS)
    return _SPACED_DIGITS.sub(lambda m: _SPACE.sub("", m.group(0)), text)


def unspaced(text: str) -> str:
    """The text with its letter-spaced (OCR'd) lines joined up (and read by `normalised`)."""
    text = normalised(text)
    if not _SPACED_RUN.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        cjk = len(_CJK.findall(line))
        if cjk >= 4 and 2 * len(_CJK_THEN_SPACE.findall(line)) >= cjk:
            line = _SPACE_IN_SPACED_LINE.sub("", line)
        lines.append(line)
    return "\n".join(lines)


# Heads named after their communities: 上述三个社区的党组织书记, the party secretaries of Jinqiao and Nanyuan
# communities (named or counted, so "heads of departments serving communities" is not), the director of each
# community residents' committee.
_HEADS_OF_NAMED_COMMUNITIES = (
    r"社区的(?:党组织|党委|党总支|党支部)?(?:书记|主任)"
    r"|\b(?:[Pp]arty [Ss]ecretar(?:y|ies)|[Ss]ecretar(?:y|ies)|[Dd]irectors?|[Hh]eads?|[Cc]hairs?) of (?:the )?"
    # named, counted, or with a plain adjective before them (the ten host communities, the two pilot communities)
    r"(?:(?:[A-Z][\w'’-]*|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both|all|host|pilot|model"
    r"|partner|participating|selected|visited|inspected|twinned|demonstration)(?:,\s*|\s+and\s+|\s+)){1,6}?"
    r"communities\b"
    r"|(?i:\b(?:(?:party )?secretar(?:y|ies)|directors?|heads?|chair(?:s|persons?)?) of (?:the |all |each |every )?"
    r"community residents['’]? committees?\b)"
)
# A bracketed alternative inside a title: 社区（村）党组织书记, 社区党委（总支）书记, 居委会（村委会）主任.
# 居民区 is the community's name in some cities (各居民区书记、主任, 居民区党总支书记): its heads are the same heads.
# …and so are a village's and a community's heads named together in a town (各村（社区）党组织书记, 各村社书记, 每个村社):
# the grassroots unit is the same whichever of the two it is.
_COMMUNITY = r"(?:社区|居民区|村社|村居|村(?=[（(]社区[）)]))"
_OR_BRACKETED = r"(?:[（(][^（()）]{1,6}[）)])?"
_COMMUNITY_HEAD = rf"{_COMMUNITY}{_OR_BRACKETED}(?:党组织|党委|党总支|党支部)?{_OR_BRACKETED}(?:书记|主任|负责人|主要负责人)"
_COMMITTEE_DIRECTOR = rf"(?:社区)?居委会{_OR_BRACKETED}主任"
HEAD_PATTERN = re.compile(
    rf"{_COMMUNITY_HEAD}|{_COMMITTEE_DIRECTOR}"
    rf"|{_COMMUNITY}[“\"]?两委[”\"]?(?:主要)?(?:负责人|成员|班子)|{_COMMUNITY}书记、主任|社区党组织书记"
    rf"|{_COMMUNITY}(?:的)?[“\"‘]?(?:一把手|主职干部|主要领导|主要负责同志|负责同志)|我们(?:的)?(?:社区)?(?:书记|主任)"
    r"|(?<![区市县省委局镇办])书记(?:、|或者?|或是|和|及|与)?主任"
    # a bare title asked to come in a message to the communities (各社区：…请书记参加)
    r"|(?<=请)(?:书记|主任)(?=(?:本人|务必|准时)?(?:参加|参会|出席|到会|到场))"
    # the community heads addressed as the message's salutation (各位书记：…, 【转发】各位社区书记，…)
    rf"|各位(?<![区市县镇道]各位)(?:{_COMMUNITY})?书记(?=\s*[：:，,！!])"
    # …and in English (Dear Party Secretaries, …)
    r"|(?<=Dear )(?:[Cc]ommunity )?(?:[Pp]arty )?[Ss]ecretaries(?=\s*[,:!])"
    # the first secretary sent to a village or community (驻村第一书记, 驻社区第一书记) leads its party organisation
    rf"|(?:驻村|驻{_COMMUNITY}|{_COMMUNITY}|村){_OR_BRACKETED}第一书记"
    rf"|(?:每个|每|各){_COMMUNITY}(?:来|派|出|去)(?:个|一个|一名|1名|位|一位)?(?:书记|主任)"
    r"|(?i:\bcommunity (?:party )?(?:(?:office|centre|center|committee|neighbou?rhood committee) )?"
    r"(?:secretar(?:y|ies)|directors?|heads?|leaders?|chiefs?|chair(?:s|persons?|men|women)?)\b)"
    r"|(?i:\b(?:heads?|directors?|chiefs?|chair(?:s|persons?|men|women)?|(?:party )?secretar(?:y|ies)) of "
    r"(?:the |all |each |every )?(?:the )?(?:(?:[a-z]+-(?:area|zone|district|side|based)|local|pilot|participating"
    r"|selected|neighbou?ring|surrounding|nearby|relevant|concerned|affected"
    # …however many (the 12 residents' committees, all twelve communities)
    r"|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty(?:-[a-z]+)?) ){0,2}"
    r"(?:communities|residents'? committees?|neighbou?rhood committees?|community offices?"
    r"|community(?! [\w'’]+ (?:[\w'’]+ )?(?:committee|federation|association|group|team|station|cent(?:re|er))s?\b))\b)"
    r"|(?i:\b(?:residents'?|neighbou?rhood) committee (?:chair(?:s|persons?|men|women)?|directors?|heads?)\b)"
    r"|(?i:\bparty secretaries and directors\b)"
    r"|(?i:\b(?:each|every) (?:of the (?:\d+ |[a-z]+ )?communities|community)\b[^.]{0,24}?\bits (?:party )?"
    r"(?:director|secretary|head)\b)"
    r"|" + _HEADS_OF_NAMED_COMMUNITIES
)
# Heads there only to listen are 陪会 too (坐在底下听, sit in).
ACCOMPANY_PATTERN = re.compile(
    r"列席|陪同|陪会|陪着|旁听|随同参加|陪同参加|作陪|听会|(?:坐在|坐)(?:底下|下面|台下)听|只(?:是|需)?(?:听|旁听)"
    r"|(?:来|过来|去)?听(?:一下|一听|听)(?:就行|就可以|就好|即可)|来听(?:就行|就可以|就好|即可)"
    # …in any dialect (听下就得, 净系听就得, 坐定定听, 坐住听)
    r"|听(?:一下|下|一听|听)?就(?:行|可以|好|得|成|中)|(?:净系|只系|淨係|净是|光)听|坐(?:定定|住|着)听"
    r"|(?:底下|下面|台下)坐了|一句话(?:都|也)?没(?:有)?(?:说|讲)|全程(?:没有?|未)发言"
    # filling the hall: the back rows, the front rows, no empty seats (坐后排、坐前排，唔好得个空位)
    r"|坐(?:后排|前排|满)|后排就座|(?:不要|唔好|不得|避免)[^，。；,;]{0,4}空位"
    # …however many rows are counted (坐前三排预留座位, 在前五排就座, take the first three rows reserved for them)
    r"|(?:坐|坐在|在)?[前后](?:[一二两三四五六七八九十]|\d{1,2})排(?:预留座位|就座|就坐|入座|坐满|坐)|坐(?:在)?[前后](?:[一二两三四五六七八九十]|\d{1,2})排"
    r"|(?i:\bseated (?:in|at) the (?:rear|back|front)\b|\bfill (?:the )?(?:reserved |front |empty )?(?:rows|seats)\b"
    r"|\b(?:front|back|rear|first|last)(?: (?:two|three|four|five|six|\d{1,2}))? (?:rows?|seats?) (?:are |is |have been |will be )?"
    r"(?:reserved|kept|saved) for\b"
    r"|\b(?:take|fill|occupy|sit in) (?:the )?(?:front|back|rear|first|last)(?: (?:two|three|four|five|six|\d{1,2}))? (?:rows?|seats?)\b)"
    # the rest watching while a few speak (其他社区书记在本社区通过视频接入收看; the other communities watch by video)
    rf"|(?:其他|其余|其它|剩余|余下的?)(?:各)?{_COMMUNITY}[^，。；,;]{{0,4}}?(?:书记|主任|负责人)[^，。；,;]{{0,24}}?(?:收看|观看|收听|旁听)"
    r"|(?i:\bthe (?:other|remaining) (?:communities|directors|secretaries|heads)\b[^.;]{0,40}?\b(?:watch|follow|listen)\w*\b)"
    r"|(?i:\bsit in\b|\bonly (?:to )?listen|\bjust (?:to )?listen|\bas observers?\b"
    r"|\b(?:to )?(?:hear|listen to) (?:the |a )?(?:[\w'’-]+ ){0,3}(?:briefing|speech|address|report|remarks|presentation)s?\b"
    r"|\b(?:observe|take notes)\b|\b(?:in|join|fill) the audience\b)"
)
# On-line by kind: a named platform or 视频/线上 with a meeting noun (视频调度会、视频培训), a way of
# joining (视频接入、线上参会、通过视频), or following from one's own community (在本社区收看、分会场).
ONLINE_PATTERN = re.compile(
    r"视频(?:[^，。；,;\s]{0,4}?会|培训|接入|参会|参加|方式|形式|连线|直播|收看)|线上|网络会议|在线会议|腾讯会议"
    r"|钉钉会议|飞书会议|云会议|(?:通过|使用|采用|利用|用)(?:钉钉|腾讯|飞书|企业微信|小鱼易连)(?:会议|视频|直播)?(?:参会|参加|召开|开会|接入)|(?:企业微信|政务微信|粤政易|浙政钉|小鱼易连|WeLink)(?:视频)?(?:会议|直播|参会)|电视电话会议|远程(?:会议|接入|参会|参加|视频)|(?:通过|以|采用|采取)(?:视频|网络|直播)"
    # (a 分会场 where a ceremony or a show is held is a place: 文化节美兰分会场启动仪式)
    r"|(?:在|于)(?:本|各自|所在)社区(?:会议室)?(?:收看|参会|接入|参加)|分会场(?!启动|开幕|闭幕|仪式|活动|展演|演出|文艺|晚会)|网络直播"
    # a live stream on a named platform, or its recording to watch later (钉钉直播, 直播有回放)
    r"|(?:钉钉|腾讯|飞书|企业微信|微信|视频号|抖音|平台)直播|直播(?:培训|授课|讲座|课|方式|形式|开展|进行)|回放"
    r"|(?i:\bby video\b|\bvideo (?:meeting|conference|link|call)|\bheld online|\bvia (?:video|zoom|tencent meeting|dingtalk)"
    r"|\bonline (?:meeting|briefing|session|training|conference|call|workshop|seminar)s?\b|\bonline via\b"
    r"|\bjoins? from (?:their|its) own\b|\bvideo system\b"
    r"|\b(?:join|attend|participate|take part)(?:s|ing)? (?:online|remotely|virtually)\b"
    r"|\b(?:on|over|through|using|in) (?:dingtalk|tencent meeting|voov|zoom|feishu|lark|wecom|microsoft teams|webex)\b"
    r"|\bcameras? (?:on|switched on|turned on)\b|\blog (?:in|on) (?:on time|to the (?:meeting|call|room))\b"
    # the platform named as the meeting itself (Tencent Meeting tonight, a Zoom call), not as a topic (…accounts)
    r"|\b(?:tencent meeting|voov meeting|(?:dingtalk|zoom|feishu|lark|wecom|teams) (?:meeting|call)s?)\b"
    r"(?! (?:accounts?|apps?|software|client|installation|settings)\b)"
    r"|\b(?:meeting|zoom|voov|dingtalk|teams|tencent meeting) (?:id|link|code|number)\b"
    # a meeting platform named alone as where the meeting is (💻 Zoom, same link), not as a topic (set up Zoom
    # accounts); DingTalk and WeCom are messengers too, the channel a notice comes by
    r"|\b(?:zoom|voov|webex)\b(?!\s+(?:accounts?|apps?|software|client|installation|settings)\b)"
    r"|\blive[- ]?stream(?:ed|ing)?\b|\b(?:a |the )?recording (?:will be |is )?(?:available|shared|sent)\b|\breplay\b)"
)
# An on-line word put aside: 不采用视频会议、取消线上方式、而非视频会.
# …in any dialect (伓是线上, 唔系视频, 冇线上) or English (there will be no video link, without a Zoom call).
ONLINE_NEGATION = re.compile(
    r"(?:不|无需|无须|不再|取消|不采用|不采取|不开|不以|而非|不是|不得以|不安排|伓|唔(?![该該])|冇|冒得|莫得|没得|没有|甭|勿|毋|未)[^，。；,;]{0,3}$"
    r"|(?i:\b(?:not|no longer|rather than|instead of|no|without|never|nor)(?: be)?(?: held)?(?: on| via| over| by| through| using)?"
    r"(?: an?| any| the)?\s*$"
    # the plan before a change (it was to be a Tencent Meeting, originally planned as a Zoom call)
    r"|\b(?:was|were|originally)(?: to be| planned| scheduled| meant to be)(?: held)?(?: as| on| via| by)?(?: an?)?\s*$)"
)
# rules38: …or put aside after it, colloquially (线上就不弄了, 视频就不开了, 线上的就免了), or the on-line way refused
# with no on-line word of the meeting's own (本次不开视频, 不搞线上): the text outweighs a ticked "on-line".
_CLAUSE_ENDS = r"(?=[了啦哈咯，。；,;！!？?\s]|$)"
ONLINE_NEGATED_AFTER = re.compile(
    r"\s*(?:会议?|方式|的|这块|这个)?\s*(?:就|也|都)?\s*(?:不|甭|别|莫|冇|唔|没得|不再)(?:弄|搞|开|用|安排|组织|整|上|做)"
    + _CLAUSE_ENDS
    + r"|\s*(?:会议?|方式|的)?\s*(?:就|也)?\s*(?:免了|算了|取消了?)"
)
ONLINE_PUT_ASIDE = re.compile(
    r"(?:不|不再|不用|不搞|不开|不安排|取消|甭|冇|唔|莫)(?:开|搞|弄|用|安排|采用|组织)?(?:视频|线上|网上|网络|直播|腾讯会议)"
    r"(?:会议?|方式|参会|开会)?"
    + _CLAUSE_ENDS
    + r"|(?:视频|线上|网上|网络)(?:会议?|方式|的)?\s*(?:就|也)?\s*(?:不|甭|别|莫)(?:弄|搞|开|用|安排|组织|整)"
    + _CLAUSE_ENDS
    + r"|(?i:\b(?:there will be )?no (?:video(?: link| call| conference)?|online (?:option|link|session)|zoom)\b"
    r"|\bnot (?:be )?(?:held )?online\b)"
)
# A switch to in person after an on-line word: 本来是视频会，后来改成必须到现场.
IN_PERSON_SWITCH = re.compile(
    r"(?:[改该]成|改为|改在|换成|变成|调整为|变更为)[^，。；,;]{0,16}?(?:现场|线下|到会|集中|当面)|(?:必须|务必|须)(?:亲自)?到现场"
    r"|改(?:在|到|至)[^，。；,;]{0,20}?(?:会议室|礼堂|大厅|报告厅|活动室|多功能厅)"
    r"|(?i:\b(?:changed|moved|switched) to (?:an? )?in[- ]person\b|\bno longer (?:be )?(?:held )?online\b"
    r"|\b(?:will )?now (?:be )?(?:held|take place|taking place|meet) (?:in person|on[- ]site|at|in the)\b"
    r"|\bin person instead\b|\binstead of (?:online|by video|a video (?:call|meeting))\b|\bnow in person\b"
    r"|\bmoved to (?:the )?(?:[\w-]+ ){0,4}?(?:auditorium|hall|room|office|cent(?:re|er)|venue)\b)"
)
# A reason for meeting in person given in the text: 因需现场演练、由于要实地踏勘、线下召开理由：…
# 因/由于 + an activity that needs presence (with or without 现场), or a causal clause then 线下召开.
_PRESENT_ACTIVITY = (
    r"(?:演练|实操(?!观看|收看)|操作|观摩|测评|投票|计票|签字|签订|协商|互动|踏勘|查看|发放|领取|核验|考试|教学|研讨(?!会)|实训"
    r"|演示|分组讨论|交接|移交|清点|签收|核对|面谈|采集)"
)
IN_PERSON_REASON_PATTERN = re.compile(
    r"(?:线下|现场|集中)(?:召开|举办|参会|进行)?的?(?:理由|原因)\s*[:：是为]"
    r"|(?:因|由于|鉴于|考虑到|为便于)[^，。；,;]{0,12}?(?:需|须|需要|必须|要)?(?:到)?(?:现场|实地|当面|面对面)"
    + _PRESENT_ACTIVITY
    + r"|(?:因|由于|鉴于|考虑到)(?:需|须|需要|必须|要)[^，。；,;]{0,8}?"
    + _PRESENT_ACTIVITY
    + r"|(?:因|由于|鉴于|考虑到)[^。；;]{2,24}[，,]\s*(?:故|因此|所以)?(?:采取|采用|安排)?(?:线下|现场|集中){1,2}(?:召开|举办|进行|方式|形式)"
    + r"|(?:因|由于|鉴于|考虑到)[^。；;]{2,24}[，,][^。；;]{0,12}?(?:须|需|必须|只能)(?:到)?(?:现场|线下|当面)(?:办理|进行|召开|核对|完成)"
    + r"|(?i:\b(?:held|meet|takes place|in person)\b[^.]{0,60}\bbecause\b|\bbecause\b[^.]{0,80}\b(?:only available|on site|in person|hands-on))"
)
# The heads have their own item on the agenda (述职, 汇报本社区…, 作交流发言), said in the text.
# 作 is the verb (作汇报), not a word's second half (工作的汇报, 合作发言); a title of a unit's (办主任, 局党组书记) chairs
# the unit's own meeting, not a community's.
_ZUO = r"(?<!不)(?<![工合创协操写动运制著耕])作(?!表态)"
AGENDA_PATTERN = re.compile(
    rf"(?:就|汇报|介绍|交流)本社区|述职|交流发言|{_ZUO}[^，。；,;]{{0,6}}?(?:汇报|发言)"
    rf"|{_ZUO}[^，。；,;作]{{7,16}}?(?:典型|经验|交流|专题)(?:发言|汇报)"
    # …or named after the speaking noun, in English (presentations by the Party secretaries of X and Y communities)
    r"|(?i:\b(?:presentations?|reports?|talks?|speeches|remarks|sharing|briefings?) (?:by|from) (?:the )?(?:community )?"
    r"(?:party )?(?:secretar(?:y|ies)|directors?|heads?|chairs?) of\b[^.;]{0,40}?\bcommunit(?:y|ies)\b)"
    r"|逐一(?:汇报|发言)|并[^，。；,;]{0,10}?(?<!表态)发言|(?:(?<![区市县省局镇办部科厅处])(?:书记|主任)|负责人)[^，。；,;]{0,6}主持"
)
# Someone else's item (两个街道党工委书记作交流发言, the bureau's director reports): no part of the heads'.
_OTHER_SPEAKER = re.compile(
    r"街道|镇|局|部长|领导|专家|企业|单位|部门|(?:办|站|所|科室|处室|中心)(?:主要)?负责(?:人|同志)|(?i:\b(?:sub-districts?|bureau|departments?|enterprises?|mayor)\b)"
)
# Going along (陪同检查组): 陪会 only when the heads have no part of their own there.
_GOING_ALONG = re.compile(r"陪同|随同参加|陪同参加")


def agenda_words_in_text(text: str) -> list[str]:
    """The agenda items of a speaking kind (述职、作交流发言), unless their clause names another speaker."""
    found = []
    for m in AGENDA_PATTERN.finditer(text):
        clause_start = max((c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())), default=0)
        clause = text[clause_start : m.start()]
        if _OTHER_SPEAKER.search(clause) and not HEAD_PATTERN.search(clause):
            continue
        found.append(m.group(0))
    return found


# The heads' own part read per sentence: a speaking verb after the heads are named (各社区书记汇报…、
# 各社区主任参会并作表态发言、directors will each give a presentation), unless the words between say
# someone else speaks or nobody does (听领导讲话、不安排发言) or the verb is passive (发言由街道安排).
_OWN_PART = re.compile(
    r"汇报|发言|介绍|说明(?![天日年早晚儿])|述职|主持|交流|作报告|报告(?![厅会团])|讲解|讲述|陈述|演讲|分享|答辩|点评|致辞|讲讲|讲一讲|讲下|讲一下|谈谈|带领|带队|表态|接受质询"
    r"|说说|说一说|说一下|说下|谈一下|谈一谈|聊聊|聊一下|报一下"
    # 指挥 as commanding, not the 应急指挥 (视频)系统 they watch on
    r"|指挥(?!视频|系统|中心|平台|大厅|调度|部)|(?:担任|(?<![主责信前现兼])任(?![务何])|作为|当(?![日天场面月年时晚前地]))[^，。；,;]{0,10}?(?:组长|队长|负责人|指挥|主持|评委|考官)"
    r"|回答|答复|解答|指认|指出|(?<!无需)(?<!不需)指明|(?i:\bansw(?:er|ers|ering)\b(?! (?:sheets?|keys?)\b)|\bpoint(?:s|ing)? out\b)"
    r"|(?i:\b(?:serve|serves|serving|act|acts|acting) as (?:the )?(?:[\w-]+ ){0,3}"
    r"(?:leaders?|commanders?|chairs?|heads?|judges?|hosts?)\b)"
    r"|投票|表决|参训|受训|学员|签订|签署|签字|签约|签收|(?<![抽])签(?=[^，。；,;到发]{0,6}?(?:责任书|承诺书|协议|合同)|$|[，。；,;！!])|(?i:\bvot(?:e|es|ing)\b|\b(?:as )?trainees?\b|\bsign(?:s|ing)?\b)"
    # speaking for a set time (每位书记讲3分钟) or giving an update of their own (each of u gives a 3-min update)
    r"|[讲说谈](?=\s*(?:\d+|[一两三四五六七八九十])\s*分钟)"
    r"|(?i:\b(?:give|gives|giving|provide|provides|share|shares)\s+(?:a |an |their |your |ur )?(?:[\w-]+ ){0,2}updates?\b)"
    r"|(?i:\b(?:report(?:s|ing)?|present(?:s|ing|ations?)?|speak(?:s|ing)?|chair(?:s|ing)?|brief(?<!\bthe brief)(?<!\bthis brief)(?<!\bour brief)(?<!\bwhole brief)(?<!\bentire brief)(?<!\bfull brief)(?<!\bsafety brief)(?<!\bonline brief)(?:s|ing)?|shar(?:e|es|ing)(?! (?:session|meeting|event|forum|salon)s?\b)"
    r"|lead(?:s|ing)?|command(?:s|ing)?"
    r"|explain(?:s|ing)?|talk(?<!\ba talk)(?<!\ban talk)(?<!\bthe talk)(?<!health talk)(?<!\bthis talk)s?(?=\s+(?:about|on|through|to|with|us|them|for \d)\b))\b)"
    r"|(?i:\btell(?:s|ing)? (?:us|the (?:meeting|panel|visitors|team))\b)"
    # collecting in person and signing for it (collects the kits in person … and signs the handover list)
    r"|(?i:\b(?:collect(?:s|ing)?|pick(?:s|ing)? up|receiv(?:e|es|ing))\b(?=[^.;]{0,120}?\b(?:in person|signs?|signing)\b))"
)
_NOT_THEIR_PART = re.compile(
    r"听|不|无|未|没|免|冒得|冇|莫得|甭|唔|领导|局|委|办|部门|街道|区里|上级|专家"
    r"|(?i:\b(?:not|no|don't|leaders?|mayor|officials?|listen\w*|hear\w*|observe\w*|while|bureau|department|staff"
    r"|officers?|experts?|speakers?|trainers?|lecturers?)\b|\w['’]s\b)"
)
# …or a later clause whose subject is the visiting group (…全程陪同督导组步行查看，督导组现场点评; …, and the inspection
# team then gives feedback): the verb is the group's, not the heads' (向检查组汇报, 陪同检查组并汇报 stay theirs).
# …or another unit or a lecturer straight before the verb, as its subject (消防大队讲一下, 由律师讲解).
_UNIT_SPEAKS = re.compile(
    r"(?:[大中支]队|派出所|医院|律师|老师|讲师|教授|民警|医生|公司|专家|科长|处长|所长|站长|校长|院长|馆长)(?:的)?(?:同志|负责人|人员|代表)?"
    r"(?:来|来给大家|给大家|为大家|向大家|进行|作)?$"
    # …or one person named by surname and title speaking to them all (王主任给大家讲讲), not the heads themselves
    r"|[^区会村的各每位，,、\s](?:主任|书记)(?:来|亲自)?(?:给|为|向|跟)大家$"
)
_GROUP_SPEAKS = re.compile(
    r"(?:^|[，,；;])\s*(?:再|并|然后|最后)?(?:由|请)?(?:(?!陪|随|跟|向|配合|给|对|为|同)[^，,；;]){0,8}?"
    r"(?:检查|督导|督查|考核|调研|考察|评估|验收|暗访|巡查|巡视|观摩|指导|专家|工作)[组团](?:成员|专家|领导|同志)?"
    r"(?:(?:对|就|针对)[^，,；;]{1,12}?)?(?:现场|当场|逐一|统一|集中|进行|作|再|将|随后|最后)*$"
    r"|(?i:[,;]\s*(?:and |then |after which |while )*(?:the )?(?:[\w-]+ ){0,2}(?:team|group|delegation|inspectors"
    r"|panel|visitors|assessors)(?: members)?\s+(?:will |then |also |finally )*$)"
)
# …or others are the trainees the heads go along with or bring (陪同本辖区参训商户, 带领本社区学员参训; accompany the
# trainees from their area): the class is theirs, not the heads'.
_TRAINEE_VERB = re.compile(r"参训|受训|学员|(?i:(?:as )?trainees?)")
_WITH_OTHERS = re.compile(r"陪同|随同|带领|带队|组织|督促|通知|(?i:\b(?:accompan\w*|bring\w*|escort\w*)\b)")
_OTHERS_TRAINED_AFTER = re.compile(
    r"[^，。；,;]{0,16}?(?:参训|受训|参会|出席|到会|入场|听讲|听课|观看|收看|观摩|旁听|参观|参加(?:培训|学习|会议|报告会|讲座|宣讲|大会)"
    r"|参加(?=\s*(?:[，。；,;！!？?\n（(]|$)))"
)
# Whom they do it with is no subject of the verb (与街道逐一签订, count the packs with station staff), nor is their own
# community's name (count your community's packs).
_COUNTERPARTY = re.compile(
    r"(?:与|同|跟)[^，。；,;与同跟听]{1,10}?(?=(?:逐一|逐个|逐项|逐份|一一|一起|一同|共同|当面|现场|当场)*(?:签|交接|移交|清点|核对|办理))"
    # …nor is the place they go to (到街道签目标责任书)
    r"|(?:到|去|赴|前往|来到)[^，。；,;到去听]{0,8}?(?:街道|局|办|中心|站|所|会议室|大厅|礼堂)(?:[^，。；,;听]{0,6}?(?:会议室|办公室|大厅|礼堂|楼))?"
    r"|(?i:\bwith (?:the )?(?:[\w-]+ ){0,2}(?:staff|officers?|team|crew|volunteers)\b"
    r"|\b(?:your|their|its|our) (?:own )?(?:community|communities|residents['’]? committee|block)['’]s?(?=\s))"
)
_OWN_PART_SENTENCE = re.compile(r"[^。；;！!？?\n]+?(?:[。；;！!？?\n]|\.(?:\s|$)|$)")
# Heads named and then excused: 社区书记无需参会、Community directors don't need to attend.
_HEADS_EXCUSED = re.compile(
    r"^[^，。；,;]{0,6}?(?:无需|无须|毋须|毋需|不需要?|不必|不用|不要求|唔使|唔洗|唔駛|唔需要?|冇需要|不消|甭)[^，。；,;]{0,4}?"
    r"(?:参加|参会|出席|到会|到场|来|去|上线|嚟|进会|入会|露面)"
    # a one-character verb of going in (书记主任自己不用上, 不用进) or the excuse ending the clause (书记不用了)
    r"|^[^，。；,;]{0,6}?(?:无需|无须|毋须|毋需|不需要?|不必|不用|唔使|唔洗|冇需要|不消|甭)(?:[上进到](?![报交传缴门行一展度]))?"
    r"(?:了|啦|咯|哈|的)?(?=\s*(?:[，。；,;！!？?\n]|$))"
    r"|^[^，。；,;]{0,8}?(?:均|都|一律)?(?:不参加|不参会|不出席|不到会)"
    # no demand made of them, however said (不作要求, 没有要求, Sichuan 莫得要求, 冇要求)
    r"|^[^，。；,;]{0,6}?(?:均|都|一律)?(?:不作|不做|没有|没得|莫得|冇|无)(?:硬性|统一|强制)?要求"
    # excused with 免 (书记主任免来, 免于参会), not 免费参加
    r"|^[^，。；,;]{0,6}?(?:免于|免予|免)(?:来|去|参加|参会|出席|到会|到场|上线|进会)"
    r"|^(?:[、和及与]\s*(?:书记|主任|负责人))?[^，。；,;]{0,2}?(?:可|可以)?(?:视情|自行决定是否|酌情)(?:参加|参会|收看|观看|出席|上线)?[^。；;]{0,4}?(?:不作|不做)?"
    r"|^\s*(?:或|或者|或由|或派)(?:其他|其)?(?:分管)?(?:副(?:主任|书记)|委员|专干|工作人员)"
    r"|(?i:^\s*or (?:a |an |their |its |the )?(?:deputy|deputies|vice[- ]\w+|staff|officers?)\b)"
    r"|(?i:^[^.,;]{0,12}?\b(?:do not|don't|need not|needn't|are not required to|no need to)\s+(?:need to\s+)?(?:attend|join|come|participate|take part|be present|dial in|log in)"
    r"|^[^.,;]{0,28}?\b(?:are |is )?not (?:needed|required|invited)\b"
    # two titles joined (Community directors and Party secretaries need not attend)
    r"|^\s*(?:and|or|&)\s+(?:the )?(?:community )?(?:party )?(?:secretar(?:y|ies)|directors?|heads?|chairs?)\s+"
    r"(?:do not|don't|need not|needn't|are not required to|no need to|will not|won't)\s+(?:need to\s+)?(?:attend|join|come|participate|take part|be present|dial in|log in))"
)


# The heads named again after a first mention: "Each director presents…", 每位书记发言.
_HEADS_AGAIN = re.compile(
    r"(?:各位|每位|每个)(?:书记|主任)|(?i:\b(?:each|every) (?:community )?(?:director|secretary|head|leader)\b"
    r"|\b(?:each|every) community['’]s (?:party )?(?:director|secretary|head|leader)\b"
    r"|\beach of (?:you|u|them)\b|\bthe (?:other|remaining) (?:community )?(?:directors|secretaries|heads)\b)"
)
# …or by a bare title or a pronoun opening the sentence after the one naming them (Directors will each
# present…, They report…, 书记们逐一发言, 届时请他们介绍…).
_HEADS_OPEN_NEXT_SENTENCE = re.compile(
    r"^\s*(?:(?:届时|会上|会议期间|会中)[，,]?)?(?:请)?(?:(?:他们|她们)(?:各自)?|(?:书记|主任)们)"
    r"|(?i:^\s*(?:the |all |both )?(?:directors|secretaries|heads|chairs|chairpersons|leaders)\b"
    r"|^\s*(?:they|each of them)\b)"
)


# …or, anywhere after they are named, by the bare title said of the very person (书记本人来，交接单要书记签字).
_HEADS_THEMSELVES = re.compile(r"(?<![区市县省委局镇办部科])(?:书记|主任)本人")
# …or addressed as "you" (you sign the receipt, 由你们汇报) in a message that named them before.
_HEADS_ADDRESSED = re.compile(r"(?<![听给])你们|(?i:\byou(?:rselves)?\b(?!['’]ll (?:hear|listen)))")


def heads_own_part_in_text(text: str) -> list[str]:
    """The speaking part the heads have, read from the sentence that names them or the next one."""
    if not HEAD_PATTERN.search(text):
        return []
    found = []
    named_before = named_earlier = False
    for sentence in _OWN_PART_SENTENCE.findall(text):
        named = list(HEAD_PATTERN.finditer(sentence))
        heads = [*named, *_HEADS_AGAIN.finditer(sentence)]
        again = _HEADS_OPEN_NEXT_SENTENCE.search(sentence) if named_before else None
        named_before = bool(named)
        if again:
            heads.append(again)
        if named_earlier:
            heads += _HEADS_THEMSELVES.finditer(sentence)
            heads += _HEADS_ADDRESSED.finditer(sentence)
        named_earlier = named_earlier or bool(named)
        for head in heads:
            for verb in _OWN_PART.finditer(sentence, head.end()):
                if verb.start() >= head.end() + 80:
                    break  # a verb starts within 80 characters of them (what follows it may be read further)
                if any(h.start() <= verb.start() < h.end() for h in heads):
                    continue  # "…and residents' committee chairs": a title, not their part
                between = sentence[head.end() : verb.start()]
                if (
                    _NOT_THEIR_PART.search(
                        _COUNTERPARTY.sub("", between + verb.group(0))[: -len(verb.group(0))]
                    )
                    or _GROUP_SPEAKS.search(between)
                    or _UNIT_SPEAKS.search(between)
                    or sentence.startswith("由", verb.end())
                    or (_TRAINEE_VERB.fullmatch(verb.group(0)) and _WITH_OTHERS.search(between))
                    or (
                        verb.group(0) in ("带领", "带队")
                        and _OTHERS_TRAINED_AFTER.match(sentence, verb.end())
                    )
                ):
                    break
                found.append(head.group(0) + between + verb.group(0))
                break
    return found


# The heads' part said by what they are: the trainees of their own class (培训对象：各社区书记, 社区书记示范培训班) or
# delegates who vote (社区书记中的当选代表须本人参加选举); and a timed slot for every community (每个社区汇报5分钟).
_TRAINEES_BEFORE = re.compile(
    r"(?<!参加)(?<!参会)(?<!邀请)(?<!出席)(?<!收看)(?<!观看)(?<!收听)(?:培训|参训|轮训)?对象\s*[：:为是]\s*(?:各|全体|全区)?$|面向(?:全区|全体)?(?:各)?$"
    r"|(?i:\btrainees\)?\s*(?:[:：]|are|will be)\s*(?:the |all |each )?(?:(?:party )?(?:secretary|director|head) or (?:the )?)?$"
    # a course run for them (their class, as 培训班), not a training on a system they sit through (dev3)
    r"|\b(?:course|class|programme|program)\s+for\s+(?:the\s+|all\s+|each\s+|new\s+)?$)"
)
# …unless the trainees only watch a stream from wherever they are and have no word (对象：各社区书记、主任，在本社区办公室收看
# 直播，不安排发言; trainees: community directors, who watch the livestream from their offices).
_ONLY_WATCH_AFTER = re.compile(
    r"[^。；;\n]{0,40}?(?:收看|观看|看直播|在线学习)[^。；;\n]{0,12}?(?:不安排|无|不作|不)(?:发言|交流|互动)"
    r"|(?i:[^.;\n]{0,60}?\b(?:watch|view|follow)\w*\b[^.;\n]{0,40}?\b(?:will not|won't|do not|don't|not) (?:speak|present)\b)"
)
# …or, wherever the notice says it, a training followed by watching (钉钉直播, 以收看为主, 各社区书记收看) in which no one has
# a word (参训人员无需发言, 社区无需发言, 不安排互动发言, 唔使发言): the trainees only watch.
_WATCHING = re.compile(r"收看|观看|看直播|直播|在线学习|(?i:\b(?:watch|view)\w*\b|\blive[- ]?stream)")
_NO_WORD = re.compile(
    r"(?:不安排|无需|无须|毋须|不需要?|不必|不用|唔使|唔需要|冇|没有|不作|不设|不)(?:任何|互动|交流)?(?:发言|讲话|汇报|交流发言)"
    r"|(?i:\b(?:will not|won't|do not|don't|need not|are not (?:asked|expected|required) to|not) (?:speak|present)\b)"
)
# …and a test at the end said not to be held (不组织结业测试) is no part either.
_NOT_HELD_BEFORE = re.compile(r"(?:不|无|没有|免|不再)(?:组织|进行|安排|设|举行|开展)?$")
_THEIR_CLASS_AFTER = re.compile(r"^[^，。；,;\s参出列陪到听]{0,8}?(?:培训班|轮训班|专题班|示范班|研修班)")
_DELEGATES_AFTER = re.compile(r"^[^。；;，,]{0,12}?代表[^。；;]{0,16}?(?:选举|投票|表决)")
_ROLE_WORD = re.compile(r"对象|班|代表|评委|(?i:trainees|course|class|program|judges?|delegates?)")
# A role the heads are given where they are named (各社区书记（作为评议代表）, 社区主任担任评委), and that role's own act later
# in the notice (评议代表当场填写推选票，现场投票): the vote or the judging is theirs.
_ROLE_GIVEN = re.compile(
    r"^\s*[（(]?\s*(?:作为|担任|任|系|为|当)([^，。；,;（()）、]{0,8}?(?:代表|评委|评审|委员|考官|监票人|计票人))"
    r"|(?i:^\s*\(?\s*(?:as|serving as|acting as) (?:the |our )?((?:[\w-]+ ){0,3}(?:delegates?|judges?|jurors?|assessors?"
    r"|panel(?:lists)?|voters|scrutineers)))\b"
)
_ROLE_ACTS = (
    r"[^。；;！!？?\n]{0,30}?(?:投票|计票|表决|选举|推选|填写[^，。；,;]{0,6}?票|签字|打分|评分|评议|评审|评选)"
    r"|(?i:[^.;!?\n]{0,40}?\b(?:vot(?:e|es|ing)|cast|score|scores|scoring|judg(?:e|es|ing)|rat(?:e|es|ing)|sign(?:s|ing)?)\b)"
)
_SLOT_MINUTES = r"(?:\d+\s*[-~～—至到]\s*)?(?:\d+|[一两二三四五六七八九十]{1,3})\s*分钟"
PER_COMMUNITY_SLOT = re.compile(
    rf"(?:每个|每|各){_COMMUNITY}(?:依次|逐一|分别)?(?:(?:汇报|发言|交流|介绍|述职|讲|说|谈|报)[^，。；,;]{{0,4}}?|限时|约|不超过)?"
    + _SLOT_MINUTES
    # each community takes a turn to say how it stands, with no set time (每个社区简要说一下…情况)
    + rf"|(?:每个|每){_COMMUNITY}(?:都|均|依次|逐一|分别|简要|简单|轮流|要|需要|需|须|得|会|来|可以|可)*(?:说说|说一说|说一下|讲讲|讲一下|谈谈|谈一下"
    r"|汇报一下|报一下|介绍一下)"
    # each community reports (讲, 报一下…情况) for a set time said after it (（1分钟以内）)
    rf"|(?:每个|每){_COMMUNITY}(?:依次|逐一|分别)?(?:汇报|报|讲|说|谈|介绍|发言)[^，。；,;]{{0,16}}?[（(]?\d+\s*分钟"
    # …or in a clause of its own after it, with its own 'each' (每个社区汇报…，每家不超过5分钟)
    rf"|(?:每个|每|各){_COMMUNITY}(?:都|均|依次|逐一|分别|要|需|须)*(?:汇报|报|讲|说|谈|介绍|发言)[^。；;]{{0,30}}?[，,]\s*"
    r"(?:每家|每个|每人|每位|一家|每个社区)(?:不超过|限时|约|控制在|最多)?\s*(?:\d+|[一两二三四五六七八九十]{1,3})\s*分钟"
    r"|(?i:\b(?:each|every) community (?:reports|presents|speaks) for (?:about |up to )?\d+ minutes\b"
    r"|\b(?:each|every) community (?:will )?(?:just |briefly |then |in turn )*(?:tells?|says?|shares?|gives?|reports?|updates?)"
    r"\b(?! (?:of|from|to (?:the|a)|as)\b)"
    r"|\b(?:each|every) (?:community|one of you|of you) (?:will )?(?:has|have|gets?|is given|be given) (?:about |up to )?"
    r"(?:\d+|a few|a couple of|two|three|four|five|six|eight|ten|twelve|fifteen)\s*(?:minutes|mins?)\b)"
)


_BALLOT = re.compile(r"无记名投票|投票(?:推荐|表决|选举)|(?i:\bsecret ballot\b|\bvote by ballot\b)")
_OTHER_VOTERS = re.compile(r"代表|居民|党员|群众|委员|(?i:\bdelegates\b|\bresidents\b|\bmembers\b)")


def _heads_vote(text: str) -> list[str]:
    """A ballot at the meeting the heads are summoned to, with no one else named voting in its sentence."""
    found = []
    for m in _BALLOT.finditer(text):
        sentence_start = max((c.end() for c in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
        if not _OTHER_VOTERS.search(text, sentence_start, m.start()):
            found.append(m.group(0))
    return found


_SENTENCE_END = re.compile(r"[。；;！!？?\n]|\.\s")


# A timed slot for each person (每人3分钟, 每位不超过5分钟, 3 minutes each) in the sentence naming the heads, with no one
# else named between them and it (各街道汇报，每人5分钟 is the streets').
_EACH_PERSON_SLOT = re.compile(
    rf"每(?:人|位)\s*(?:不超过|限时?|约|控制在)?\s*{_SLOT_MINUTES}"
    r"|(?i:\b\d+\s*min(?:ute)?s?\s+each\b"
    r"|\beach\s+(?:gives?|makes?|delivers?|has|gets)\s+an?\s+(?:\d+|one|two|three|four|five|ten)[- ]minutes?\b)"
)


def _heads_slot(text: str) -> list[str]:
    found = []
    for sentence in _SENTENCE.findall(text):
        head = HEAD_PATTERN.search(sentence)
        slot = _EACH_PERSON_SLOT.search(sentence, head.end()) if head else None
        if head and slot and not _OTHER_SPEAKER.search(sentence, head.end(), slot.start()):
            found.append(slot.group(0))
    return found


# A course whose trainees are tested at its end (结业考核, assessed at the end) is the heads' own when they are named.
_TESTED_AT_END = re.compile(
    r"结业(?:时)?(?:进行)?(?:考核|考试|测试)|培训结束(?:后|时)?(?:进行)?(?:考核|考试|测试)"
    r"|(?i:\b(?:assessed|tested|examined)\b[^.;]{0,20}?\bat the end\b|\b(?:final|end-of-course) (?:test|exam|assessment)\b)"
)


_HANDOVER_REASON = re.compile(
    r"签|交接|移交|清点|核对|领取|原件|(?i:\boriginals?\b|\bsign|\bhand(?:ed|ing)? over\b|\bhandover\b|\bcount|\bcollect)"
)
_IN_PERSON_THEMSELVES = re.compile(
    r"本人|亲自|不[得要能]?(?:委托|派人|找人|让人)?代(?:签|领|替|办)?|(?i:\bin person\b|\byourselves?\b|\bthemselves\b"
    r"|\bproxies\b|\bproxy\b|\bnot be released to\b)"
)


def heads_hand_over_in_person(text: str, reason: str) -> list[str]:
    """The heads come themselves to sign, collect or count what is handed over (本人到场…清点…签字领取, come in
    person … and sign the handover sheet): the handover is theirs, not a meeting they sit through."""
    if not reason or not _HANDOVER_REASON.search(reason) or not HEAD_PATTERN.search(text):
        return []
    themselves = _IN_PERSON_THEMSELVES.search(text)
    return [themselves.group(0)] if themselves else []


def heads_role_in_text(text: str) -> list[str]:
    """The heads named as the trainees of their class or as voting delegates, a slot for each community or for
    each head, or the meeting's own ballot."""
    found = [m.group(0) for m in PER_COMMUNITY_SLOT.finditer(text)]
    if _EACH_PERSON_SLOT.search(text):
        found += _heads_slot(text)
    if HEAD_PATTERN.search(text):
        found += _heads_vote(text)
        found += [
            m.group(0)
            for m in _TESTED_AT_END.finditer(text)
            if not _NOT_HELD_BEFORE.search(text, max(0, m.start() - 4), m.start())
        ]
    if not _ROLE_WORD.search(text):
        return found
    only_watch = bool(_WATCHING.search(text) and _NO_WORD.search(text))
    for h in HEAD_PATTERN.finditer(text):
        after = text[h.end() : h.end() + 40]
        role = _ROLE_GIVEN.match(after)
        if role:
            name = next(g for g in role.groups() if g).strip()
            if re.search(re.escape(name) + _ROLE_ACTS, text[h.end() + role.end() :]):
                found.append(h.group(0))
                continue
        if (
            (
                _TRAINEES_BEFORE.search(text, max(0, h.start() - 40), h.start())
                and not _ONLY_WATCH_AFTER.match(text, h.end())
                and not only_watch
            )
            or _THEIR_CLASS_AFTER.match(after)
            or _DELEGATES_AFTER.match(after)
        ):
            found.append(h.group(0))
    return found


# Heads named only to see to others coming (请各社区主任督促网格员准时到): they are not summoned themselves.
_HEADS_SEE_TO = re.compile(
    r"^[^，。；,;]{0,4}?(?:督促|提醒|通知|转告|确保)[^，。；,;]{0,10}?(?:网格员|专干|工作人员|人员|居民|志愿者|楼栋长|党员)"
    r"|^[^，。；,;]{0,4}?(?:督促|提醒|通知|转告|确保|组织|动员)[^，。；,;]{1,24}?(?:按时|准时|在线|线上)?(?:参加|参会|参训|上线|到会|报名)"
    r"|^[^，。；,;]{0,4}?(?:抓好|做好|负责)(?:落实|转发|通知|组织工作)"
    r"|(?i:^[^.;]{0,12}?\b(?:please )?(?:make sure|ensure|remind|see to it)\b)"
)


# …or the bare title excused later in so many words (主任本人不用参会, 书记本人无需参加).
_TITLE_EXCUSED_IN_PERSON = re.compile(
    r"(?<![区市县省委局镇办部科])(书记|主任)本人(?:均|都)?(?:无需|无须|不需要?|不必|不用)(?:参加|参会|出席|到会|上线)"
)


_SALUTATION_BEFORE = re.compile(
    r"(?:^|\n)\s*(?:【[^】\n]{1,6}】|转[：:])?\s*(?:各|各位|(?i:dear|to(?: the)?|hi))?\s*$"
)
_SALUTATION_AFTER = re.compile(r"\s*(?:哈|啊|呀|们|咯|嘞|好)?\s*[：:，,！!]")


def _is_salutation(text: str, head: re.Match[str]) -> bool:
    return bool(
        _SALUTATION_BEFORE.search(text, max(0, head.start() - 12), head.start())
        and _SALUTATION_AFTER.match(text, head.end())
    )


def heads_excused_in_text(text: str) -> bool:
    """Every sentence naming the heads excuses them (无需参会) or has them see to others coming: they are not
    summoned. The salutation (各位书记：…) only says whom the message is to: the body says whether they come."""
    heads = list(HEAD_PATTERN.finditer(text))
    if any(not _is_salutation(text, h) for h in heads):
        heads = [h for h in heads if not _is_salutation(text, h)]
    elif heads and _OTHERS_ASKED.search(text) and not _YOU_COME.search(text):
        return True
    excused_titles = [(m.start(), m.group(1)) for m in _TITLE_EXCUSED_IN_PERSON.finditer(text)]
    return bool(heads) and all(
        any(at > h.start() and h.group(0).endswith(title) for at, title in excused_titles)
        or _HEADS_EXCUSED.search(text[h.end() : h.end() + 60])
        or _SENT_INSTEAD.search(text[h.end() : h.end() + 60])
        or _HEADS_SEE_TO.search(text[h.end() : h.end() + 40])
        or _EXCUSED_BEFORE.search(text[max(0, h.start() - 16) : h.start()])
        for h in heads
    )


# Someone else sent in their stead (派农业专干去就得, 让社区专干在线听就行, ask your liaison to join instead): the heads
# are not summoned, whatever the excuse's words.
_SENT_INSTEAD = re.compile(
    r"(?<!别)(?<!不要)(?<!不得)(?<!不能)(?<!不准)(?<!严禁)(?<!不可)(?:派|让|叫|请|由)(?:本社区|社区|你们)?(?:的)?[^，。；,;参出到]{0,6}?(?:专干|工作人员|网格员|联络员|副主任|副书记|委员|志愿者|干事)"
    r"[^，。；,;]{0,10}?(?:就得|就行|就可以|即可|就好|代替|代为)"
    r"|(?i:\b(?:ask|send|have|let)\b[^.;]{0,60}?\bto (?:join|attend|come|take part)\b[^.;]{0,12}?\binstead\b)"
)
# Heads addressed only in the salutation, the body asking them to have others come (Please ask your grid workers …
# to join; 请安排本社区网格员参加): not summoned.
_OTHERS_ASKED = re.compile(
    r"(?:请|安排|组织|通知|派)(?:你们|本社区|各社区|社区)(?:的)?[^，。；,;]{0,8}?(?:网格员|专干|工作人员|志愿者|楼栋长|居民|党员|联络员)"
    r"[^，。；,;]{0,8}?(?:参加|参会|上线|收看|报名)"
    r"|(?i:\b(?:ask|send|have|get|tell)\s+(?:your|the community's|each community's)\b[^.;]{0,80}?\bto (?:join|attend|come|take part)\b)"
)
_YOU_COME = re.compile(
    r"(?i:\byou (?:are |will )?(?:to |invited to |asked to |requested to )?(?:join|attend|come)\b)"
)


# 不需要社区书记、主任参加: the excuse said before the heads are named.
_EXCUSED_BEFORE = re.compile(
    r"(?:不需要?|无需|无须|不用|不必|不要求|不请)(?:各)?$|(?i:\bno need for (?:the |any )?$|\bnot for (?:the )?$)"
)


APPROVAL_PATTERN = re.compile(
    r"经([^，。；,;\s]{2,24}?)(?:批准|同意|审批|审定)|([^，。；,;\s经报：:（()）]{2,16}?)已(?:经)?(?:审批)?(?:批准|同意|批复|批了|批过)"
    r"|(?<![拟将待需要])报(?:请|经)?([^，。；,;\s]{2,16}?)(?:批准|同意|审批同意|批过|批了)"
    r"|已(?:经)?([^，。；,;\s报]{2,24}?)(?:批准|同意|审批|批了|批过|批复)"
    r"|(?:^|(?<=[，。；,;\s]))([^，。；,;\s经报是由已：:（()）]{2,12}?)(?:批了|批过|同意了|批准了)(?:的|嘅|嘞|咯|了)"
    r"|(?:是|由)([^，。；,;\s是由]{2,16}?)(?:批了|批过|批准了|批准的|批的|同意了|同意的)"
    # approved by X, and any verb of sanction with its agent (agreed, endorsed, authorised, signed off by X)
    r"|(?i:\b(?:(?:approved|agreed|endorsed|authori[sz]ed|sanctioned|signed off) by|(?:with|by|upon|on|after|following) (?:the )?(?:consent|approval) (?:of|from)|by (?:approval|consent) of)\s+(?:the\s+)?([^\s,.;()（）][^,.;()（）。]{1,89}?)"
    r"(?=\s*[,.;()（）。]|$))"
    r"|(?i:\bwith (?:the )?([a-z][\w ]{2,60}?)'s (?:approval|consent)\b)"
    r"|([^，。；,;\s：:（()）、]{2,16}?)[（(](?:本次|此次|该)?(?:会议|活动|培训|调研)?(?:已|已经)(?:经)?(?:审批|批准|同意|审定)(?:同意)?[）)]"
)
# "经领导同意" names no approving body.
_NO_BODY = re.compile(
    r"^[^，。；,;\s]{0,10}?领导(?:们|同志)?$|^上级$"
    # a year or a period (纳入年度会议计划, 列入2027年度会议计划, 本季度) names no body
    r"|^(?:本|今|明|当|全|该)?(?:\d{4}|[〇零一二三四五六七八九]{4})?\s*(?:年度|季度|月度|年|全年|上半年|下半年)?$"
    # …whatever kind of plan follows the period (列入年度督查检查计划, 纳入月度培训计划: the plan's kind, no body)
    r"|^(?:本|今|明|当|全|该)?(?:\d{4}年?)?(?:年度|季度|月度|全年|上半年|下半年)(?:会议|调研|督查|检查|培训|督导|活动|工作|考核)+$"
    # …nor does the organiser by its pronoun (列入我局年度会议计划, 本单位): its own plan
    r"|^(?:我|本)(?:局|办|委|部|中心|单位|院|会|所|站|队|厅|处|科)$"
    # …nor does a bare plan of the district's, numbered or not (区会议计划（编号…）, as settled in stop 30)
    # …said with its verb of listing or not (已列入区会议计划（编号…）)
    r"|^(?:已|已经)?(?:列入|纳入)?(?:区|市|县|区级|本区|全区|街道)?(?:\d{4}年?)?(?:年度|季度|月度)?(?:会议|调研|督查|检查|培训)?计划"
    r"(?:[（(][^（()）]*[）)])?$"
    # …nor a department's own plan, declared as it is written (区教育局年度会议计划): the department plans its meetings
    r"|^(?:已|已经)?(?:列入|纳入)?[^，。；,;\s]{1,12}?(?<![安办委])局(?:\d{4}年?)?(?:年度|季度|月度)?(?:会议|调研|督查|检查|培训)?计划"
    r"(?:[（(][^（()）]*[）)])?$"
    r"|^[^，。；,;\s]{0,16}?(?:局长|主任|书记|部长|处长|科长|所长|主席|校长|院长|站长|首长|负责同志|负责人|理事长|会长|秘书长|董事长|经理|总监)"
    r"(?:批示|签批|圈阅|审签|签字|签发|阅示)?$"
    r"|(?i:^(?:the |our )?(?:[\w-]+(?:['’]s?)? ){0,4}(?:leadership|leaders?|management|superiors?|higher authorities|bosses?)$)"
    r"|(?i:^(?:the |our )?(?:[\w'’-]+ ){0,3}(?:director|chief|head|chair(?:man|person)?|secretary|commissioner|boss|principal|president|dean|leadership|leaders?"
    r"|manager|ceo|executive officer)"
    r"(?:-general)?s?(?:(?: of|,| -| –| —) (?:the |our |this )?(?:[\w'’&–—-]+ ){0,8}(?:\w+-)?(?:bureau|office|department|commission"
    r"|cent(?:re|er)|committee|government|school|station|zone|park|group|council|federation|association|university"
    # …of an event as of a unit (the Secretary-General of the Conference, the Forum's Director)
    r"|college|hospital|company|institute|unit|team|secretariat|administration|agency|conference|forum|expo|festival"
    r"|summit|games|programme|program|project|event|society|league|union|chamber|club|foundation|federation|institution"
    r"|organi[sz]ation|charity|fund)|,\s*[^,.;]{1,60})?$)"
)


# The issuing unit's own meeting agreeing (经部务会研究同意、局务会、局党组会) names no body above it.
_OWN_UNIT_MEETING = re.compile(
    r"^[^，。；,;\s]{0,12}?(?:[局部委办处科]|中心|单位)?(?<!常)(?:务会|务会议|(?:长|主任|主席|书记|理事长|会长|经理)办公会议?|党组会议?|党组|班子会议?"
    r"|领导班子(?:会议)?|主席团(?:会议)?)(?:研究)?(?:决定|同意|通过)?$"
    # a zone's management committee's own meeting (经管委会会议研究同意, 管委会主任办公会), said by a department of the zone:
    # its own meeting, as the Centre's management committee meeting is (the committee itself stays a body)
    r"|^[^，。；,;\s]{0,12}?(?:管委会|管理委员会)(?:主任|党工委)?(?:会议|办公会议?|常务会议?|扩大会议?)(?:研究)?(?:决定|同意|通过)?$"
    # an event's own organising committee (组委会, 筹委会, 会务组): the organiser itself
    r"|^[^，。；,;\s]{0,16}?(?:组委会|筹委会|会务组)(?:会议)?(?:研究)?(?:决定|同意|通过)?$"
    # a bureau's or a people's organisation's own party committee or executive committee (局党委会议, 区妇联执委会)
    r"|^[^，。；,;\s]{0,12}?(?:局|院|中心|妇联|工会|团委|残联|科协|侨联|文联|红十字会|队|所|站|校|公司|集团|协会|商会)"
    r"(?:党委|党总支|执委|常委|主席团|理事|董事)"
    r"(?:会|会议|扩大会议?)(?:研究)?(?:决定|同意|通过)?$"
    r"|(?i:^(?:the |our |this )?(?:bureau|department|office|federation|commission|cent(?:re|er)|service office)['’]?s? (?:own )?"
    r"(?:management|party group|leadership|affairs) (?:meeting|board|team)$"
    r"|^(?:the |our |this )?(?:[\w'’-]+ ){0,3}(?:office|director(?:-general)?['’]s(?: office)?|management|leadership"
    r"|affairs|staff|party group)(?: (?:weekly|monthly|regular|routine|daily|general))? meeting$"
    # …its own committee or board meeting, said with its possessive or 'our' (the Centre's management committee
    # meeting, our executive board meeting); a zone's Management Committee itself stays a body
    r"|^(?:(?:the |this )?(?:[\w'’-]+ ){0,3}[\w-]+['’]s?|our|its) (?:own )?(?:management|executive|standing|governing"
    r"|leadership|party|administrative) (?:committee|board|team|council|group)(?: (?:weekly|monthly|regular|routine"
    r"|general|plenary))? meetings?$"
    # a school's, hospital's or company's own party committee or board (the Hospital Party Committee, our School Board;
    # a bureau's party committee in English stays a body, as dev11 has it)
    r"|^(?:the |our |this )?(?:[\w'’-]+ ){0,3}?(?:hospital|school|university|college|company|institute|brigade"
    r"|station)['’]?s? (?:party committee|party branch|(?:school |governing |executive )?board"
    r"|board of (?:directors|governors|trustees)|council)$"
    # a people's organisation's or an association's own board (the Association's Executive Board, as 妇联执委会)
    r"|^(?:the |our )?(?:[\w'’-]+ ){0,3}?(?:association|federation|union|chamber|society|league|club)['’]?s? "
    r"(?:executive|standing|governing|management) (?:board|committee|council)$"
    r"|^our (?:own )?(?:[\w'’-]+ ){0,3}(?:board|committee|council)$"
    # …said with 'of' (the Executive Committee of the District Returned Overseas Chinese Federation, as 区侨联执委会)
    r"|^(?:the |its |our )?(?:executive|standing|governing|management) (?:board|committee|council) of (?:the |our )?"
    r"(?:[\w'’-]+ ){0,6}?(?:association|federation|union|chamber|society|league|club|foundation)$"
    # the organiser itself under another name: an event's organising committee, a project's or programme's own board
    r"|^(?:the |our |this )?(?:[\w'’-]+ ){0,4}?(?:organi[sz]ing|preparatory) (?:committee|team|office)$"
    r"|^(?:the |our |this )?(?:[\w'’-]+ ){0,3}?(?:project|programme|program)['’]?s? (?:(?:steering|management|executive) )?"
    r"(?:board|committee|team|group)$"
    r"|^(?:the |this )?(?:[\w'’-]+ ){0,3}?(?:[\w-]+['’]s?|cent(?:re|er)|association|company|school|hospital) board$)"
)
# A visit or meeting listed in a plan an authority approved (已列入市委办公厅年度调研计划).
PLAN_APPROVAL = re.compile(
    r"(?:列入|纳入)([^，。；,;\s]{2,16}?)(?:审定的|批准的|印发的)?(?:年度|季度|全年)?(?:调研|督查|检查|会议)计划"
    r"|(?:根据|按照|依据|按)([^，。；,;\s]{2,30}?)(?:审定|批准|审批|同意)的[^，。；,;\s]{0,20}?(?:计划|安排|方案)"
    r"|(?:列入|纳入)([^，。；,;\s]{2,16}?)(?:审定|批准|审批|同意)的[^，。；,;\s]{0,20}?(?:计划|安排|方案|日程)"
    # the record of a body's meeting that approved the schedule or the meeting itself (XX街道党工委会议纪要 … 会议审定了街道
    # 7月份会议安排; …三、审议同意召开全街社区“两委”换届选举工作部署会)
    r"|([^，。；,;\s（()）]{2,16}?会议)纪要[\s\S]{0,400}?(?:审定|审议通过|审议同意|研究同意|同意|批准)了?(?:召开|举办)?"
    r"[^，。；,;\n]{0,30}?(?:会议安排|会议计划|会议|会)(?=[。，,；;：:\n]|$)"
    # a body that lists the meeting in its plan itself (经区委办公室统筹纳入年度督查检查计划)
    r"|经([^，。；,;\s]{2,16}?)(?:统筹|研究|审核)?(?:纳入|列入)"
    r"|(?i:\b(?:on|in|under|part of|as scheduled in) the ((?:[A-Z][\w-]*\s+){1,6}?(?:Committee|Office|Government|Group"
    r"|Commission|Bureau))['’]s? approved (?:[\w-]+ ){0,3}(?:plan|schedule|programme|calendar)\b)"
    r"|(?i:\b(?:under|in line with|according to|as set out in) the (?:[\w-]+ ){0,4}(?:plan|schedule) approved by "
    r"(?:the )?([^,.;()]{3,90}?)(?=\s*[,.;()]|$))"
    r"|\b(?:listed|included) in the (?:annual |quarterly )?(?:survey|inspection|meeting) (?:plan|schedule) of "
    r"(?:the )?([^,.;()]{3,90}?)(?=\s*[,.;()]|$)"
    # Approved under the District Party Committee General Office's annual meeting plan (the plan of a body, said with
    # its possessive and with or without 'approved' before the plan)
    r"|(?i:\bapproved (?:under|in|as part of|according to|in line with) the ((?:[A-Z][\w&-]*\s+){1,8}?(?:Committee|Office"
    r"|Government|Group|Commission|Bureau))['’]s? (?:[\w-]+ ){0,4}(?:plan|schedule|programme|calendar)\b)"
    # Approved under the 2026 training schedule of the District Talent Work Leading Group Office
    r"|(?i:\bapproved (?:under|in|as part of|according to) the (?:[\w-]+ ){0,4}(?:plan|schedule|programme|calendar) of "
    r"(?:the )?([^,.;()]{3,90}?)(?=\s*[,.;()]|$))"
    # The Street Party Working Committee has approved this year's monthly schedule
    r"|(?i:\b(?:the )?((?:[A-Z][\w-]*\s+){1,6}?(?:committee|office|government|group|commission|bureau))\s+"
    # …or this very meeting, whatever its noun and determiner (has approved a half-day session for the communities)
    r"(?:has |have )?approved (?:(?:the|this|that|these|our|its|their|a|an)\s+)?(?:[\w-]+['’]s\s+)?(?:[\w-]+ ){0,3}"
    r"(?:plan|schedule|programme|meeting|session|briefing|training|workshop|conference|event|visit|activit(?:y|ie)|forum"
    r"|course|call|drill|inspection|seminar|exercise)s?\b)"
)


# The approving verb a declared approval may end with (局领导同意, the Director-General agreed).
_APPROVING_VERB_AFTER = re.compile(
    r"(?<=[^\s，。；,;])(?:(?:已|已经)?(?:研究)?(?:批准|同意|审批|审定))$"
    r"|(?i:(?<=\S)\s+(?:has |have )?(?:agreed|approved|consented)$)"
)


# An aside in brackets after the approver (区委办公室（年度会议计划）, 区文旅局主要领导（局长批示）): what approves is what
# stands before it, the aside only glosses it.
_ASIDE_AFTER = re.compile(r"\s*[（(][^（()）]*[）)]\s*$")


def is_approving_body(body: str) -> bool:
    """A body that approves (区委办公室), not a leader (局领导) nor the unit's own meeting (部务会), whatever aside
    follows it in brackets."""
    if not body or _NO_BODY.match(body) or _OWN_UNIT_MEETING.match(body):
        return False
    bare = _APPROVING_VERB_AFTER.sub("", body)
    if _NO_BODY.match(bare) or _OWN_UNIT_MEETING.match(bare):
        return False
    core = _ASIDE_AFTER.sub("", body)
    return core == body or (bool(core) and is_approving_body(core))


def _approved_by_no_body(text: str) -> bool:
    """The text names who approved the meeting, and that is a leader or the unit's own meeting, no body."""
    return any(
        not is_approving_body(next((g for g in m.groups() if g), "")) for m in APPROVAL_PATTERN.finditer(text)
    )


def approving_body(text: str) -> str:
    """The approving authority a notice names (经区委办公室批准、区委办已经批了、报请…同意、approved by …,
    列入…调研计划)."""
    # a notice pasted from a PDF breaks its lines anywhere (经区委\n办公室审定的…计划): read it joined up too
    joined = _HARD_WRAP.sub("", text)
    for version in (text, joined) if joined != text else (text,):
        for m in chain(APPROVAL_PATTERN.finditer(version), PLAN_APPROVAL.finditer(version)):
            body = next((g for g in m.groups() if g), "")
            if m.re is PLAN_APPROVAL and m.group(1) and _A_DEPARTMENT.search(body):
                continue  # a department's own meeting plan (列入区教育局年度会议计划): no body approved it
            if is_approving_body(body) and not is_the_issuer(body, text):
                return body
    return ""


_HARD_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])\n[ \t\u3000]*(?=[\u4e00-\u9fff])")
# A department (局) plans its own meetings: its plan is listed in, not approved by, a body above it.
_A_DEPARTMENT = re.compile(r"(?<![安办委])局$")
# The unit that issues the notice, named on its heading line (清溪市民政局办公室, 区民政局) before the title or text.
_HEADING_LINE = re.compile(
    r"^\s*(?:[^\n，。；,;：:！!？?（()）【】\[\]]{2,24}?(?:局|委员会|委|办公室|办|中心|政府|部))\s*(?:办公室)?\s*$",
    re.MULTILINE,
)


def is_the_issuer(body: str, text: str) -> bool:
    """The department named as approver is the unit issuing the notice (清溪市民政局办公室 sends it, 市民政局
    "approves" it): no body above the organiser."""
    if not _A_DEPARTMENT.search(body):
        return False  # an office that approves (a 领导小组办公室) may approve its own visit
    lines = text.strip().split("\n")[:3]
    return any(
        (h := _HEADING_LINE.match(line)) is not None
        and re.search(rf"{re.escape(body)}\s*(?:办公室)?\s*$", h.group(0))
        for line in lines
    )


# Demands a document makes of communities, by kind of wording (2024 rules part 1: no report back on
# implementation, no matching documents). Each kind is one pattern over word classes.
_SAME_SENTENCE = r"[^。；;！!？?\n]"
_MODAL = r"(?:请|需|须|应|要|务必|另)?"
REPORT_VERB = r"(?<!通)(?:报送|上报|报告|反馈|呈报|汇报|提交|报给|报至|报|(?<![转下印分])(?:发|发送|送|交)(?:至|到|给)|送交|上传|上交|回传)"
# How the task went (落实情况, 推进进度), whatever the task's own deed: an 整治's progress, leaflets' 发放情况, a 宣传's
# 成效 sent up are the implementation reported as much as 落实情况 is.
IMPLEMENTATION = (
    r"(?:贯彻落实|学习贯彻|落实|贯彻|执行|推进|进展|开展|完成|整改|实施|学习"
    r"|整治|治理|整顿|创建|宣传|宣讲|发放|分发|张贴|悬挂|走访|入户|活动)(?:本通知|本文件|本方案|通知|文件)?(?:精神)?(?:情况|进度|成效|进展)"
)
SUMMARY = (
    r"(?:工作总结|书面报告|总结报告|情况报告|专题报告|书面材料|总结材料|汇报材料|阶段性总结|经验做法|工作小结|自查报告|简报"
    r"|工作动态|工作信息|典型做法|典型案例|经验材料|亮点做法|书面总结|活动总结|佐证材料"
    # how it stands summed up, or a period's summary (在岗情况小结, 季度小结, 半年总结)
    r"|情况(?:小结|总结)|(?:季度|月度|半年|年度|阶段)(?:小结|总结))"
)
# The deed a task asks for, done (张贴, 悬挂): its photo sent back is proof the task is done.
_DEED = (
    r"(?:(?:转发|完成|落实|开展|整改|张贴|粘贴|悬挂|安装|布置|摆放|设置|更换|发放|分发|宣传|发布|公示|播放|投放|清理|入户|上门|走访"
    r"|整治|宣讲|活动|演练"
    # …a deed said with its object in one word (挂牌, 揭牌, 上墙, 建成)
    r"|挂牌|揭牌|授牌|上墙|建成|落成)(?:完|好)?"
    # …the deed said short and done (转完截图发群里, 贴好照片回传)
    r"|(?:转|贴|挂|装|摆|换|发)(?:完|好))"
    r"(?:后|以后|之后|前后|情况|现场|点位|位置)?"
)
# A ledger is kept where the work is done (形成年度工作台账、建立台账): a demand only when it is sent up.
LEDGER = r"(?:落实|推进|整改|工作)台账"
REPORT_BACK_KINDS = (
    # 报送/上报/反馈 … 落实情况 / 执行情况 … 上报
    re.compile(rf"{REPORT_VERB}{_SAME_SENTENCE}{{0,10}}?{IMPLEMENTATION}"),
    re.compile(rf"{IMPLEMENTATION}{_SAME_SENTENCE}{{0,10}}?{REPORT_VERB}"),
    # 将本社区…开展情况和佐证材料整理成册，上报街道: the object put first with 将, its verb later in the sentence
    re.compile(rf"将{_SAME_SENTENCE}{{0,20}}?{IMPLEMENTATION}{_SAME_SENTENCE}{{0,30}}?(?<!通){REPORT_VERB}"),
    # …a summary put first so, sent up with something else (将本社区…工作总结及《…登记表》一并报送)
    re.compile(rf"将{_SAME_SENTENCE}{{0,20}}?{SUMMARY}{_SAME_SENTENCE}{{0,30}}?(?<!通){REPORT_VERB}"),
    # 报送工作总结 / 形成书面报告 / 总结材料 … 报街道
    re.compile(rf"(?:{REPORT_VERB}|形成|撰写|提交){_SAME_SENTENCE}{{0,8}}?{SUMMARY}"),
    # …with the periods or the subject between, in the same clause (分别报送半年、全年平安建设工作小结)
    # (the verb said in full: a bare 报 or 汇报 is too often a word's part, 报名参加典型案例评选)
    re.compile(rf"(?:报送|上报|呈报|提交|撰写|送交)(?:分别)?[^。；;！!？?\n，,]{{0,16}}?(?:{SUMMARY})"),
    # …with a long qualifier before it (报送本社区开展“文明楼院”创建的工作小结, 上报今年以来开展…活动的总结)
    re.compile(
        rf"(?:{REPORT_VERB}|撰写|提交)(?:一份)?(?:本社区|本单位|各自|你社区|全年|今年)?{_SAME_SENTENCE}{{0,24}}?的(?:工作)?"
        rf"(?:{SUMMARY}|总结|小结)"
    ),
    # …or with the qualifier straight before it (报送本社区物业服务质量评价工作小结, 上报本单位专项整治工作总结)
    re.compile(
        rf"(?:{REPORT_VERB}|撰写|提交)(?:一份)?(?:本社区|本单位|各自|你社区|辖区)[^。；;！!？?\n，,]{{0,20}}?(?:{SUMMARY})"
    ),
    re.compile(rf"(?:{SUMMARY}|{LEDGER}){_SAME_SENTENCE}{{0,10}}?{REPORT_VERB}"),
    re.compile(rf"{REPORT_VERB}{_SAME_SENTENCE}{{0,8}}?{LEDGER}"),
    re.compile(r"形成(?:书面|文字)?材料"),
    # report the progress (of enrolment) every Friday
    # asked of those below (communities are requested to report the progress), not the issuer's own reporting
    re.compile(
        r"(?i)\b(?:communit(?:y|ies)|committees?|you|please|requested to|asked to)\b[^.;]{0,40}?"
        r"\breport(?:s|ing)? (?:back )?(?:to [^.;]{1,50}? )?(?:on )?(?:the |their |its )?(?:progress|implementation)\b"
    ),
    # …said as an imperative, a list item's or a sentence's first word (3. By 30 June, report to the Division on the
    # implementation of this notice)
    re.compile(
        r"(?im)(?:^|[.:;!]\s)\s*(?:\(?\d+[.)]\s*)?(?:(?:by|before|no later than) [^,.;]{1,24}?,\s*)?(?:please\s+)?"
        r"report(?: back)?(?: to [^.;]{1,50}?)? on (?:the |their |its |your )?(?:progress|implementation)\b"
    ),
    # let us know how it went, keep us posted on progress: the same ask in everyday English
    re.compile(
        r"(?i)\b(?:let (?:us|me|the [\w-]+(?: [\w-]+){0,3}) know|tell us|update us|keep us (?:posted|updated|informed))\b"
        r"[^.;]{0,30}?\b(?:how (?:it|things|the [\w-]+(?: [\w-]+){0,3}|your [\w-]+(?: [\w-]+){0,3})"
        r" (?:went|go(?:es)?|is going|are going|has gone|have gone|turned out)\b|on (?:the |your )?(?:progress|implementation)\b)"
    ),
    # report to the office on how the notice has been implemented / carried out / put into effect
    re.compile(
        r"(?i)\b(?:report|write|reply|feed back|get back)(?:s|ing)?\b(?: back)?(?: to [^.;]{1,40}?)?\s+on how\b[^.;]{0,40}?"
        r"\b(?:(?:has|have) been|was|were|is being|are being) (?:implemented|carried out|put into (?:effect|practice)"
        r"|followed|acted on|executed)\b"
    ),
    # a progress report named first, then sent up (fill in the Monthly Visit Progress Report and submit it)
    re.compile(
        r"(?i)\b(?:progress|implementation) (?:reports?|updates?|summar(?:y|ies))\b[^.;]{0,40}?"
        r"\b(?:submit|send|return|file|e-?mail|upload|hand in|report)(?:s|ted|ed|ing)?\b"
    ),
    # email us an update on what you have done; return the form with an account of the work done
    re.compile(
        r"(?i)\b(?:submit|send|email|e-mail|return|provide|together with)\b[^.;]{0,40}?\b(?:(?:brief |short |written )?"
        r"account of (?:the |your |its |their )?(?:work|what|progress|implementation)"
        r"|updates? on (?:what|the work|progress|how))"
    ),
    # a summary attached to what is sent up (同时附本社区…开展情况总结一份, 另附…工作小结，随表一并报)
    # …with where it goes said between (并在表后附本社区活动工作小结一份)
    re.compile(
        # (rules38: with a modal before the verb, 表后请附, 并须附, 另需附)
        rf"(?:(?:同时|另|并|随表|一并|随)(?:在[^，。；,;]{{1,8}}?[后中内末尾])?{_MODAL}附(?!件)|附上"
        rf"|(?<![\u4e00-\u9fff])(?:在)?表[后中内末尾]{_MODAL}附(?!件))"
        rf"{_SAME_SENTENCE}{{0,20}}?(?:总结|小结|报告)"
    ),
    # proof that the task is done sent back (将转发截图回传, 整改前后照片报街道): the implementation reported in pictures,
    # whatever the deed and with its object or place beside it (张贴点位照片回传, 光荣牌悬挂照片（每户1张）回传), or said
    # in a time clause before it (每场宣讲结束后，将现场照片…回传; 驿站建成挂牌后，请将挂牌照片…回传)
    re.compile(
        rf"{_DEED}(?:[^，。；,;\s]{{0,10}}?[的把将]?|(?:(?:结束|完成|完毕)?(?:后|以后|之后)|(?<=后))[，,]{_SAME_SENTENCE}{{0,16}}?)"
        rf"(?:截图|截屏|照片|图片|相片){_SAME_SENTENCE}{{0,24}}?(?:回传|{REPORT_VERB}|上传|发(?![现生布放])|传(?!达|阅))"
    ),
    # …in English: photos of the posters put up sent to the office (a hazard's photo is the report itself)
    re.compile(
        r"(?i)\b(?:send|submit|upload|e-?mail|share|return|provide|forward)s?\b[^.;]{0,30}?\b(?:photos?|pictures?|screenshots?"
        r"|images?)\b (?:of|showing) [^.;]{0,40}?\b(?:put up|posted|displayed|installed|hung|fitted|in place|distributed"
        r"|handed out|forwarded|shared|done|completed|carried out)\b"
    ),
    # 每周报进度 / 报送工作进展
    re.compile(rf"{REPORT_VERB}{_SAME_SENTENCE}{{0,10}}?(?:工作)?进(?:展|度)"),
    # …the progress named first, whatever the task (将本周整治进展报街道, 每月进度于月底前上报)
    re.compile(rf"进(?:展|度)(?:情况)?{_SAME_SENTENCE}{{0,12}}?(?<!通){REPORT_VERB}"),
    # submit an implementation report / report on how it has implemented / report back on progress
    re.compile(
        r"(?i)\b(?:submit|send|file|report back|provide|fill in|fill out|attach|enclose)\b[^.;]{0,40}?\b(?:implementation reports?"
        r"|reports? on (?:how|the implementation|implementation|progress|its progress)|progress (?:reports?|updates?)"
        r"|(?:a )?summary of (?:how|the implementation|implementation|the work|work|progress"
        r"|(?:its|their|the|your|our) (?:[\w'’-]+ ){0,3}(?:work|activities|implementation|progress)))\b"
    ),
    # submit a work summary / send photos as evidence of implementation
    re.compile(
        r"(?i)\b(?:submit|send|file|provide|hand in|upload|attach|enclose|include)s?\b[^.;]{0,40}?\b(?:(?:work|written|annual|year-end|progress"
        r"|implementation|quarterly|monthly|weekly|half-yearly|regular) summar(?:y|ies)"
        r"|(?:monthly|weekly|quarterly|regular) (?:reports?|updates?|returns?)|(?:typical|good|best) (?:cases|practices?)|summary reports?|written reports?|(?:evidence|proof) of (?:implementation|progress"
        r"|the work))\b"
    ),
)
# 印发/下发 …方案 is a matching document unless it is the issuer's own (现将…方案印发给你们).
MAKE = (
    r"(?:研究制定|结合实际制定|参照制定|对照制定|相应制定|制定|出台|印发(?!给)|下发(?!给)|起草|拟定|形成|编制|细化"
    r"|拿出|(?<![交报提])出(?=一|个|份|套|台|配套)|搞"
    # …in any dialect: 整/弄 a plan (整个自己社区的活动方案, 弄一份方案)
    # (not 整个 'the whole', which makes a plan only before the community's own: see the next kind)
    r"|(?<![调完规修平统])(?:整|弄)(?=一|份|套|出))"
)
PLAN = (
    r"(?:配套[^，。；,;]{0,4}?(?:文件|措施|政策|制度|方案|办法|细则)|实施细则|实施方案|实施办法|具体办法|工作方案|行动方案"
    r"|具体方案|细化方案|落实方案|推进方案|具体措施|工作措施|工作计划|细则)"
)
_EN_PLAN = (
    r"(?:rules|plans?|measures|regulations|schemes?|guidelines|documents|policies|arrangements|versions?|notices?"
    r"|circulars?)\b"
)
# the unit below whose own version is asked for, any level (rules38: 本街镇, 本村, 本片区, 本地区)
_OWN_UNIT = r"(?:社区|居民区|单位|辖区|街道|街镇|镇街|镇|乡镇|乡|村|村居|片区|小区|地区|部门|系统)"
MATCHING_KINDS = (
    # 制定/出台 … 配套文件/实施细则/实施方案 (not the document's own 现制定本方案)
    re.compile(
        rf"(?<![现特兹])(?<!为此){MAKE}(?!本(?:方案|办法|细则|实施))"
        rf"(?:[^。；;！!？?\n]{{0,10}}?|本{_OWN_UNIT}[^。；;！!？?\n]{{0,16}}?){PLAN}"
    ),
    # 结合实际制定…活动方案 / 相应制定本社区…预案: the community's own version of a plan, whatever it is for
    re.compile(
        rf"(?:(?:结合[^，。；,;]{{0,6}}?实际|参照|对照|相应|比照|照着|照搬|仿照)(?:研究)?(?:制定|印发|下发|出台|整|弄|搞)"
        rf"|(?:制定|编制|拟定|印发|下发|出台|整|弄|搞)(?:一?[个份套])?(?=(?:本|自己|自个儿?|各自)(?:的)?{_OWN_UNIT}))"
        rf"{_SAME_SENTENCE}{{0,16}}?(?:方案|预案|计划|细则|办法|措施|通知|文件)"
    ),
    # 上下一般粗 / 层层发文 / 照搬照抄
    re.compile(r"上下一般粗|层层(?:制定|发文|出台|转发)|逐级(?:制定|发文)|照搬照抄"),
    # each community (or sub-district) shall draw up its own implementing rules / formulate supporting measures /
    # prepare a local plan: asked of those below (not the issuer's own "the district will issue detailed rules")
    re.compile(
        r"(?i)\b(?:communit(?:y|ies)|(?:residents'?|neighbou?rhood) committees?|sub-districts?|street offices?|streets"
        r"|townships?|towns|villages?|you|please)\b[^.;]{0,60}?"
        r"\b(?:draw(?:s|ing)? up|formulat(?:e|es|ing)|draft(?:s|ing)?|issu(?:e|es|ing)|develop(?:s|ing)?|prepar(?:e|es|ing)"
        r"|adopt(?:s|ing)?|produc(?:e|es|ing)|work(?:s|ing)? out|com(?:e|es|ing) up with|writ(?:e|es|ing)|set(?:s|ting)? out)\b"
        r"[^.;]{0,40}?\b(?:(?:implementation|implementing|detailed|local|supporting|matching|community|neighbou?rhood)"
        r"(?:[- ]level|[- ]based)? (?:[\w-]+ )?"
        + _EN_PLAN
        + r"|(?:its|their|your|(?:your|the|each) (?:community|committee)['’]s) own (?:[\w-]+ ){0,4}"
        + _EN_PLAN
        + r")"
    ),
)
# A demand put aside: 无需报送、不再要求、不必制定… before it in its clause, or inside it.
DEMAND_NEGATION = re.compile(
    r"无需|无须|不需要|不需|不要求|不再|不必|不用|免于|免报|不得要求|一律不|不另行|不另|不作要求|不做要求|取消|防止|避免|杜绝"
    r"|严禁|禁止|不(?:单独|专门|额外|重复)(?:要求|需要?)?(?:报送|上报|报|制定|出台|印发|提交)"
    r"|(?i:\bneed not\b|\bneedn't\b|\b(?:do|does) not (?:need|have) to\b|\b(?:is|are) not required\b|\bno need\b"
    r"|\bshall not\b|\bmust not\b|\bnot be required\b"
    # no implementation report is to be submitted
    r"|\bno (?:[\w-]+ ){0,2}(?:reports?|summar(?:y|ies)|updates?|plans?|rules|documents|measures)\b)"
)
_CLAUSE_START = re.compile(r"[，,：:。；;！!？?\n]|\.\s")


# What was reported before, mentioned in passing (上一轮各社区报送的落实情况显示…, last year's reports showed).
_PAST_MENTION = re.compile(
    r"上一轮|上轮|去年|往年|以往|此前|前期|(?:显示|表明|反映出)|(?:根据|依据|从)[^，。；,;]{0,20}?(?:报送|上报|报来|提交)的"
    r"|(?:19|20)\d\d年(?:度)?[^，。；,;]{0,10}?(?:报送|上报|提交)的"
    # a unit's report the meeting heard (听取集成办关于…推进情况的汇报): minutes of what was said, not a demand
    r"|听取[^，。；,;]{0,12}?(?:办|局|科|中心|组|部|委|处|站|所)(?:关于|的)"
    r"|(?i:\blast (?:year|round)'?s?\b|\bprevious(?:ly)?\b|\b(?:showed|shown)\b)"
)


def demands_in_text(text: str, kinds: Sequence[re.Pattern[str]]) -> list[str]:
    """The phrases of a document demanding something of communities, unless put aside; a scan or a PDF that breaks
    its lines inside a sentence (将活动落实情况书\n面报区总工会, 救助工作\n总结) is read joined up too."""
    found: list[str] = []
    joined = _HARD_WRAP.sub("", text)
    for version in (text, joined) if joined != text else (text,):
        for pattern in kinds:
            for m in pattern.finditer(version):
                clause_start = max(
                    (c.end() for c in _CLAUSE_START.finditer(version, 0, m.start())), default=0
                )
                if DEMAND_NEGATION.search(version, clause_start, m.end()) or _PAST_MENTION.search(
                    version[clause_start : m.end() + 4]
                ):
                    continue
                found.append(m.group(0))
    return list(dict.fromkeys(found))


FORM_NAME_PATTERN = re.compile(
    r"(?:表|台账|花名册|名册|清单|明细|问卷|模板|(?:登记|记录|签到)(?:册|簿|本))(?:[（(][^）)]*[）)])?$"
    r"|(?i:\b(?:register|roster|form|list|table|sheet|ledger|log|logbook|template|survey|questionnaire|checklist"
    r"|inventory|record|worksheet|spreadsheet|tracker)s?\s*(?:\([^)]*\))?$"
    # …and who fills it in after it (Rental Unit Safety Checklist for Landlords), not a list of whom to read
    r"|\b(?:register|roster|form|sheet|ledger|log|logbook|template|survey|questionnaire|checklist|inventory|worksheet"
    r"|tracker)s?\s+for\s+(?:the |each |all |every )?(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*(?:\([^)]*\))?$"
    r"|[(（]\s*(?:blank |fillable )?(?:template|form)\s*[)）]$)|[（(](?:模板|表格|样表|空白表)[）)]$"
)
FORM_EXTENSIONS = (".xls", ".xlsx", ".xlsm", ".csv", ".et", ".ods")
ATTACHMENT_LINE = re.compile(
    r"^\s*(?:附件\s*(?:\d+|[一二三四五六七八九十]+)?\s*[：:．.、]?"
    # in English only with a colon (Attachments: …), not a sentence (Attachment 2 lists the forms)
    r"|(?i:attachments?|enclosures?|annex(?:es)?)\s*(?:\d+)?\s*[：:])\s*(.+?)\s*$"
)
ATTACHMENT_ITEM = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[．.、]\s*(.+?)\s*$")
# an hour in figures or in words (上午九点至十二点半, 下午两点半到五点)
# The part of the day in any dialect (上半天/下半天, 上昼/下昼, 夜里, 早晨, 傍晚) and the hour with 钟 (九点钟): rules38.
_PART_OF_DAY = r"(上午|中午|下午|晚上|早上|上半天|下半天|上半日|下半日|上昼|下昼|晏昼|夜里|夜晚|夜间|晚间|早晨|清早|傍晚|今晚|今朝夜里|明早|明晚)"
_AFTERNOON_PARTS = frozenset(
    (
        "下午",
        "晚上",
        "下半天",
        "下半日",
        "下昼",
        "晏昼",
        "夜里",
        "夜晚",
        "夜间",
        "晚间",
        "傍晚",
        "今晚",
        "今朝夜里",
        "明晚",
    )
)
_TIME = (
    _PART_OF_DAY + r"?\s*(\d{1,2}|十[一二]?|[一两二三四五六七八九])\s*[:：时点]\s*(\d{2}|半)?\s*分?(?:钟)?"
)
# A range by kind: 9:00-11:30 / 9:00—17:30 / 上午9时至12时 / 从上午8:30开到下午5:00 / 9:00开始，11:30结束.
TIME_RANGE = re.compile(
    _TIME
    + r"\s*(?:开始\s*[，,]?\s*)?(?:-|—|–|~|～|(?:开|持续|进行|一直|直)?(?:至|到)|\s(?:to|until|till)\s)+\s*"
    + _TIME
    + r"|"
    + _TIME
    + r"\s*开始\s*[，,]\s*"
    + _TIME
    + r"\s*结束"
)
HOURS = re.compile(_NUMBER + r"\s*个?\s*(半)?\s*(?:小时|钟头)(?:\s*(\d{1,2})\s*分钟?)?")
EN_HOURS = re.compile(
    r"(?i)(?<!within )(?<!in )\b(\d+(?:\.\d+)?)[- ]hours?\b"
    r"(?! (?:before|after|ago|in advance|notice|rule|deadline|limit|window|hotline|service|duty|shift|reporting)\b)"
)
MINUTES = re.compile(r"(?<!小时)(?<!钟头)(\d{2,3})\s*分钟")
# N天/日 is a length, not a date (11月20日, 20日上午召开, the 8日 of 7日、8日 or 7日至9日) nor a deadline (3日前报, 5日内).
DAYS = re.compile(
    r"(?<![\d.月号前后])(?<![日号][、，,和及与至到\-—~～])" + _NUMBER + r"\s*(?:个工作日|天|日(?!\s*[（(]))"
    r"(?![报前内起捐游])(?!\s*(?:上午|中午|下午|晚上|早上|\d|[(（]?星期|[(（]?周|召开|举行|举办|开始|以前|之前))"
)
# English lengths in days: "a two-day training", "will run for two days", "one-and-a-half-day workshop".
EN_DAYS = re.compile(
    r"(?i)(?<!within )(?<!in )(?<!after )(?<!before )\b(one|two|three|four|five|one-and-a-half|1\.5|\d)[- ]days?\b"
    r"(?! (?:before|after|ago|in advance|notice|ahead|earlier|later|beforehand|prior))"
)
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "one-and-a-half": 1.5}


def _en_days(word: str) -> float:
    return float(_EN_NUM.get(word.lower(), 0) or float(word))


# 周一上午 is a weekday's morning, not one morning.
HALF_DAY = re.compile(r"半天|半日|(?<!周)(?<!星期)(?:一个?|整个)(?:上午|下午|晚上)")
FULL_DAY = re.compile(
    r"全天(?!候)|全日(?!制)|一整天|整天|开一天|上下午各半天|(?i:\ball[- ]day\b|\bfull[- ]day\b|\bwhole day\b)"
)
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def _number(text: str) -> float:
    return float(_NUM[text]) if text in _NUM else float(text)


def _hour(hour: str) -> int:
    if hour.isdigit():
        return int(hour)
    return 10 + CHINESE_DIGITS.get(hour[1:], 0) if hour.startswith("十") else CHINESE_DIGITS[hour]


def _clock(part: str | None, hour: str, minute: str | None) -> int:
    h = _hour(hour)
    if (part in _AFTERNOON_PARTS and h < 12) or (part == "中午" and h < 6):
        h += 12
    return h * 60 + (30 if minute == "半" else int(minute or 0))


# 2pm till 8pm, 9:30 am - 12 noon, 10am to 1:30pm; British 9.30 am (its minutes after a dot, not an hour of their own)
EN_TIME_RANGE = re.compile(
    r"(?i)(?<![\d.])\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:-|–|—|to|till|until)\s*"
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|noon)"
)


# 24-hour clock times said with "hours" (from 14 to 18 hours, between 0900 and 1230 hours, 14:00-17:30 hrs): a range,
# not a length of 18 hours; "2 to 3 hours" without from/between and with small hours stays a length.
EN_HOURS_RANGE = re.compile(
    r"(?i)(?<![\d.:])(from |between )?\b(\d{1,2})(?:[:.]?(\d{2}))?\s*(?:-|–|—|to|till|until|and)\s*"
    r"(\d{1,2})(?:[:.]?(\d{2}))?\s*(?:hours|hrs|h)\b"
)


_HOURS_WORD = re.compile(r"(?i)\d\s*(?:hours|hrs|h)\b")


def _en_hours_ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, where the range ends) of each 24-hour range said with "hours"."""
    found = []
    for m in EN_HOURS_RANGE.finditer(text):
        first, last = int(m.group(2)), int(m.group(4))
        if not (m.group(1) or m.group(3) or m.group(5) or max(first, last) >= 13) or last > 24:
            continue
        start, end = first * 60 + int(m.group(3) or 0), last * 60 + int(m.group(5) or 0)
        if 0 < end - start <= 24 * 60:
            found.append((start, end, m.end()))
    return found


def _en_clock(hour: str, minute: str | None, part: str | None) -> int:
    h = int(hour) % 12
    if part and part.lower().startswith("p"):
        h += 12
    if part and part.lower() == "noon":
        h = 12
    return h * 60 + int(minute or 0)


# A break's range (lunch break 12:00–13:30, 午休12:00—13:30) is no session: between two sessions it only parts them.
_BREAK_BEFORE = re.compile(r"(?:午休|午餐|用餐|休息|茶歇|(?i:\blunch\b|\bbreak\b|\brecess\b))[^\d]{0,6}$")


def _ranges(sentence: str) -> list[tuple[int, int]]:
    return [
        span for at, span in _all_ranges(sentence) if not _BREAK_BEFORE.search(sentence, max(0, at - 14), at)
    ]


def _all_ranges(sentence: str) -> list[tuple[int, tuple[int, int]]]:
    """Each time range with where it starts."""
    spans = []
    for m in EN_TIME_RANGE.finditer(sentence):
        start = _en_clock(m.group(1), m.group(2), m.group(3) or m.group(6))
        end = _en_clock(m.group(4), m.group(5), m.group(6))
        if 0 < end - start <= 24 * 60:
            spans.append((m.start(), (start, end)))
    if _HOURS_WORD.search(sentence):
        spans += [(0, (start, end)) for start, end, _end in _en_hours_ranges(sentence)]
    for m in TIME_RANGE.finditer(sentence):
        g = m.groups()[:6] if m.group(2) else m.groups()[6:]
        start = _clock(g[0], g[1], g[2])
        end = _clock(g[3] or g[0], g[4], g[5])
        if 0 < end - start <= 24 * 60:
            spans.append((m.start(), (start, end)))
    return spans


# A start and an end said apart: 9:00集合乘车……17:00左右结束.
# rules38: the start's verb with the place between (8:30 县城出发, 8:00 县政府门口集合乘车) or as the line's label before
# the time (集合：19:00, 集合时间：8:30), the end with what ends between (巡查结束后…，预计23:30结束).
_TIME_ONLY = _PART_OF_DAY + r"?\s*(\d{1,2})\s*[:：]\s*(\d{2})"
_START_VERB = r"(?:集合|开始|报到|签到|出发)"
_START_AT = re.compile(
    _TIME_ONLY + rf"\s*(?:(?:在|于|从)?[^，。；,;\d\n:：→]{{0,10}}?)?{_START_VERB}"
    rf"|(?<![^\s，。；,;：:、（(）)\d])(?:集合|出发|报到|签到)(?:时间)?\s*[:：]\s*" + _TIME_ONLY
)
# …the end with its place between, and a meal that ends a morning's trip (12:30 在镇食堂就餐, 约16:00结束)
_END_AT = re.compile(
    _TIME_ONLY
    + r"\s*(?:左右)?(?:(?:在|于|到|回到)[^，。；,;\d\n:：→]{0,10}?)?(?:结束|散会|返回|返程|就餐|用餐|午餐)"
)


def _time_groups(m: re.Match[str]) -> tuple[str | None, str, str]:
    g = m.groups()
    return (g[0], g[1], g[2]) if g[1] else (g[3], g[4], g[5])


# …or the start and the end said in words with the doing between (上午8点半集合，一直搞到下午1点; 9点开始，开到12点半;
# rules38: 九点钟开始，要开到下半天一点半)
_START_THEN_UNTIL = re.compile(
    _TIME
    + r"\s*(?:集合|开始|报到|签到|出发|开会|开|准时开始)[^。；;\n\d]{0,8}?(?:一直|直)?(?:搞|开|弄|干|忙|进行|持续|整|演|练)?(?:到|至)\s*"
    + _TIME
)


def _start_then_until(text: str) -> list[int]:
    found = []
    for m in _START_THEN_UNTIL.finditer(text):
        g = m.groups()
        start, end = _clock(g[0], g[1], g[2]), _clock(g[3] or g[0], g[4], g[5])
        if 0 < end - start <= 24 * 60:
            found.append(end - start)
    return found


def _start_to_end(text: str) -> list[int]:
    start = _START_AT.search(text)
    if not start:
        return []
    end = _END_AT.search(text, start.end())
    begins = _clock(*_time_groups(start))
    if end:
        length = _clock(*end.groups()) - begins
        if length <= 0 and not end.group(1) and int(end.group(2)) < 12:
            length += 12 * 60  # 上午9:00开始……下午2:00起……5:00结束: an end without its 下午
    else:
        return []
    return [length] if 0 < length <= 24 * 60 else []


# A programme listed session by session, each line starting with its time (上午9:00—11:30：观摩；下午14:30—17:00：
# 推进会; the first after a label: Schedule: 9:00-12:00 …; 14:00-16:00 …): one after the other, the sessions add up.
_SESSION_LINE = re.compile(
    r"^\s*(?:(?:日程安排|日程|议程|时间安排|(?i:schedule|programme|program|agenda|timetable))\s*[:：]\s*)?"
    # rules38: a session's own label before its time, in either language (Morning session:, 下午场：, 第二场：, Part 2:)
    r"(?:(?:上午|下午|晚上|第[一二三四五六七八九十\d]{1,2})(?:场|段|环节|阶段|节)\s*[:：]\s*"
    r"|(?i:(?:morning|afternoon|evening|first|second|third|final|closing|opening)?\s*(?:session|part|block|segment)"
    r"(?:\s*\d{1,2})?\s*[:：]\s*))?"
    r"(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(?:上午|下午|中午|晚上|早上)?\s*\d{1,2}\s*[:：时点]"
)


_LINE_OR_CLAUSE = re.compile(r"[^\n；;]+")


def _session_minutes(text: str) -> list[int]:
    lines = [m.group(0) for m in _LINE_OR_CLAUSE.finditer(text) if _SESSION_LINE.match(m.group(0))]
    if len(lines) < 2:
        return []
    spans = [ranges[0] for ranges in map(_ranges, lines) if ranges]
    if len(spans) > 1 and all(a[1] <= b[0] for a, b in pairwise(spans)):
        return [sum(end - start for start, end in spans)]
    return []


# A programme listed day by day, each line opening with its date (12月14日（周一）上午8:30—12:00：…, 3 May 9:00-12:00):
# sessions on different days add up whatever their hours.
_DATED_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s*月\s*)?(\d{1,2})\s*[日号](?:\s*[（(][^（()）]{1,4}[）)])?"
    # …in English with or without its weekday before (Tue 10 June, Wednesday 11 June)
    r"|(?i:^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
)


# …the label may carry its number (Session 1:, 第2场：), not a clock time (9:00)
_LINE_LABEL = re.compile(r"^\s*[^\d：:，,。；;\n]{1,8}(?:[：:]|\s*\d{1,2}\s*[：:](?![0-5]\d))\s*")
# …each date's clause of one line apart too (时间：9月4日9:00-12:00，9月5日9:00-11:30); an English date keeps its comma
_DATED_CLAUSE = re.compile(r"[^\n；;，]+")


def _dated_session_minutes(text: str) -> list[int]:
    by_day: dict[str, int] = {}
    for line in _DATED_CLAUSE.findall(text):
        label = _LINE_LABEL.match(line)
        line = line[label.end() :] if label else line
        date = _DATED_LINE.match(line)
        spans = _ranges(line[date.end() :]) if date else []
        if date and spans:
            day = next(g for g in date.groups() if g)
            by_day.setdefault(day, spans[0][1] - spans[0][0])
    return [sum(by_day.values())] if len(by_day) > 1 else []


def _range_minutes(text: str) -> list[int]:
    """Each time range, and for ranges one after another in a sentence (上午9:00-11:30，下午2:00-5:00:
    a day across 中午) their sum."""
    found = []
    for sentence in _SENTENCE.findall(text):
        spans = _ranges(sentence)
        found += [end - start for start, end in spans]
        found += _day_of(spans)
    # the morning's and the afternoon's sessions of one line, split by a semicolon (上午9:00—12:00；下午14:30—16:30);
    # the cheap conditions first, the lines only when the text has a semicolon and both parts of the day
    if not (("；" in text or ";" in text) and _MORNING.search(text) and _AFTERNOON.search(text)):
        return found
    for line in _DAY_LINE.split(text):
        if ("；" in line or ";" in line) and _MORNING.search(line) and _AFTERNOON.search(line):
            found += _day_of([span for clause in re.split(r"[；;]", line) for span in _ranges(clause)])
    return found


def _day_of(spans: list[tuple[int, int]]) -> list[int]:
    """[the sum of the sessions] when there are several, one after another; else []."""
    if len(spans) > 1 and all(a[1] <= b[0] for a, b in pairwise(spans)):
        return [sum(end - start for start, end in spans)]
    return []


_DAY_LINE = re.compile(r"[。！!？?\n]")
_MORNING = re.compile(r"上午|早上|(?i:\bmorning\b|\ba\.?m\.?\b)")
_AFTERNOON = re.compile(r"下午|午后|(?i:\bafternoon\b|\bp\.?m\.?\b)")


# One session a day over several days (12月7日、8日、9日每天下午14:30—16:30, on 7, 8 and 9 December 14:30-16:30 each
# afternoon, three afternoons of two hours each): the days add up. Dates are counted only with a per-day word, as a
# list of dates may name a deadline and a meeting.
_PER_DAY = re.compile(
    r"每(?:天|日|晚|场|个?(?:上午|下午|晚上))|各一场"
    r"|(?i:\b(?:each|every) (?:day|afternoon|morning|evening|session)\b|\bper (?:day|session)\b|\bdaily\b)"
)
_DAILY = re.compile(r"每(?:天|日)|(?i:\b(?:each|every) day\b|\bdaily\b)")
_WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_SPAN = re.compile(
    r"(?:周|星期)([一二三四五六日])\s*(?:至|到|-|—|–|~)\s*(?:周|星期)?([一二三四五六日])"
    r"|(?i:\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*(?:to|-|–|through|till|until)\s*"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
)
_CN_WEEKDAY = r"(?:\s*[（(]?(?:周|星期)[一二三四五六日天][）)]?)?"
_EN_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY_LIST = re.compile(
    rf"(?<!\d)\d{{1,2}}[日号]{_CN_WEEKDAY}(?:[、，,和及与]\s*{_CN_WEEKDAY}\s*\d{{1,2}}(?:[日号]{_CN_WEEKDAY})?)+"
    rf"|(?i:\b\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*{_EN_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?)*,?\s+and\s+{_EN_WEEKDAY}\d{{1,2}}\b)"
)
_DAY_SPAN = re.compile(
    r"(?<!\d)(\d{1,2})[日号]?\s*(?:至|到|-|—|–|~)\s*(\d{1,2})[日号]"
    r"|(?i:\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2}) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
_EN_WORD = r"(one|two|three|four|five|six|\d)"
# Sessions counted: 3个下午, 两个半天, 三次/三场 (培训), three afternoons, three online sessions.
_HALF_DAYS_COUNTED = re.compile(
    r"(?<![第\d])(?!二次[\u4e00-\u9fff])" + _NUMBER + r"\s*(?:个(?:上午|下午|晚上|半天)|[次场期](?!会))"
    r"|(?i:\b"
    + _EN_WORD
    + r" (?:(?:online |on-line |training |video )?sessions|afternoons|mornings|evenings|half-days)\b"
    r"|\b(both) (?:days|mornings|afternoons|evenings|half-days|sessions)\b)"
)
# N天 with one session a day given in the same sentence (12月3日、4日两天上午9:00—12:00).
_DAYS_COUNTED = re.compile(r"(?<![\d.])([两二三四五])\s*天")
# A session's length in minutes (每次90分钟, 90 minutes each).
_SESSION_MINUTES = re.compile(r"(\d{2,3})\s*(?:分钟|(?i:minutes?|mins?)\b)")
_EN_WORD_HOURS = re.compile(r"(?i)\b(an|one|two|three|four|five|\d(?:\.\d)?)[- ]hours?\b")
_EN_COUNT = {"an": 1, "one": 1, "two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _count(word: str) -> float:
    low = word.lower()
    return float(_EN_COUNT[low]) if low in _EN_COUNT else _number(word)


def _days_of_sessions(sentence: str) -> int:
    """How many days a daily session is held on: N个下午 / three afternoons, or dates listed or spanned with 每天."""
    counts = [round(_count(next(g for g in m.groups() if g))) for m in _HALF_DAYS_COUNTED.finditer(sentence)]
    days_counted = [round(_number(m.group(1))) for m in _DAYS_COUNTED.finditer(sentence)]
    if days_counted and _ranges(sentence):
        counts += days_counted
    # dates listed and then the one time of day they share (10日（周一）、12日（周三）、14日（周五）晚上7:00—8:30): each day's
    counts += [
        len(re.findall(r"\d+", m.group(0)))
        for m in _DAY_LIST.finditer(sentence)
        if _TIME_OF_THE_DAYS.match(sentence, m.end())
    ]
    if _PER_DAY.search(sentence):
        counts += [len(re.findall(r"\d+", m.group(0))) for m in _DAY_LIST.finditer(sentence)]
        for m in _DAY_SPAN.finditer(sentence):
            first_date, last_date = (int(g) for g in m.groups() if g)
            if 0 < last_date - first_date < 10:
                counts.append(last_date - first_date + 1)
        for m in _WEEKDAY_SPAN.finditer(sentence):
            first_day, last_day = (g.lower() for g in m.groups() if g)
            week = _WEEKDAYS if first_day in _WEEKDAYS else _EN_WEEKDAYS
            counts.append(max(0, week.index(last_day) - week.index(first_day) + 1))
    return max(counts, default=0)


_TIME_OF_THE_DAYS = re.compile(r"\s*(?:的)?(?:上午|下午|晚上|早上|中午|晚)?\s*\d{1,2}\s*[:：时点]")


# A length said of all the sessions together (共计3小时, 3 hours in total) is not multiplied.
_TOTAL = re.compile(r"共计|合计|总计|累计|总时长|共\s*\d|(?i:\bin total\b|\baltogether\b|\btotal(?:ling)?\b)")
_PER_SESSION = re.compile(r"每(?:次|场|期|节|个半天)|(?i:\beach\b|\bper session\b)")


# The same meeting held once in each community (在各社区分别召开, held separately in each community): each goes to one.
_SEPARATELY_IN_EACH = re.compile(
    r"(?:在|于)?各(?:社区|居民区|村|小区)分别|分别(?:在|于)各(?:社区|居民区|村|小区)"
    r"|(?i:\b(?:separately|once) in each (?:community|residents'? committee|village)\b)"
)


def _repeated_session_minutes(text: str) -> list[int]:
    """Days times the session's length, for each sentence giving both."""
    found = []
    # rules38: the dates listed in one sentence and the daily session in a line of its own (定于7月2日、3日举办…。
    # 时间：每天14:00-17:00): the dates the notice lists are the days of the session said each day
    listed = max((len(re.findall(r"\d+", m.group(0))) for m in _DAY_LIST.finditer(text)), default=0)
    for sentence in _SENTENCE.findall(text):
        days = _days_of_sessions(sentence)
        if days < 2 and _DAILY.search(sentence) and not _DAY_LIST.search(sentence):
            days = listed
        if days < 2 or _TOTAL.search(sentence) or _SEPARATELY_IN_EACH.search(sentence):
            continue
        per_session = (
            [int(m.group(1)) for m in _SESSION_MINUTES.finditer(sentence)]
            if _PER_SESSION.search(sentence)
            else []
        )
        session = max(
            [end - start for start, end in _ranges(sentence)]
            + [_hours(m) for m in HOURS.finditer(sentence)]
            + [round(_count(m.group(1)) * 60) for m in _EN_WORD_HOURS.finditer(sentence)]
            + per_session,
            default=0,
        )
        if session:
            found.append(days * session)
    return found


def _hours(m: re.Match[str]) -> int:
    return round((_number(m.group(1)) + (0.5 if m.group(2) else 0)) * 60) + int(m.group(3) or 0)


# Communities that come by turns within a window (各社区按附件时段分批到场（每个社区约20分钟）, in staggered slots of 15
# minutes per community): the window is how long the desk is open, each community stays its own turn.
_IN_TURNS = re.compile(
    r"(?:分批|分时段|错峰|按[^，。；,;]{0,6}?时段)[^，。；,;]{0,4}?(?:到场|到会|前来|领取|办理|报到)"
    r"|(?i:\b(?:in (?:batches|staggered (?:time )?slots?)|(?:staggered|allotted|assigned|booked) (?:time )?slots?"
    r"|by appointment)\b)"
)
_EACH_COMMUNITYS_TURN = re.compile(
    rf"(?:每个|每|各){_COMMUNITY}[^，。；,;]{{0,6}}?(?:约|不超过|限|控制在)?\s*(\d{{1,3}})\s*分钟"
    r"|(?i:\b(?:each|every|per) community\b[^.;]{0,20}?\b(\d{1,3})\s*(?:minutes|mins?)\b"
    r"|\b(\d{1,3})\s*(?:minutes|mins?) (?:per|for each|for every) community\b)"
)


def minutes_in_text(text: str) -> int:
    """The longest length a notice states: a time range, "2小时", "1小时30分钟", "半天", "一上午",
    "全天", "1.5天"; for communities coming by turns within a window, each one's turn."""
    if _IN_TURNS.search(text):
        turns = [int(g) for m in _EACH_COMMUNITYS_TURN.finditer(text) for g in m.groups() if g]
        if turns:
            return max(turns)
    found = [
        0,
        *_range_minutes(text),
        *_start_to_end(text),
        *_start_then_until(text),
        *_session_minutes(text),
        *_dated_session_minutes(text),
        *_repeated_session_minutes(text),
    ]
    found += [_hours(m) for m in HOURS.finditer(text)]
    found += [
        int(m.group(1))
        for m in MINUTES.finditer(text)
        if re.search(r"会期|会议|时长|开会|控制在|不超过|约|为时", text[max(0, m.start() - 12) : m.start()])
    ]
    found += [
        round((_number(m.group(1)) + (0.5 if text.startswith("半", m.end()) else 0)) * DAY_MINUTES)
        for m in DAYS.finditer(text)
        if re.search(
            r"会期|会议|培训|为期|开会|召开|时间|共|连续|连着|开了|历时",
            text[max(0, m.start() - 12) : m.start()],
        )
    ]
    found += [round(_en_days(m.group(1)) * DAY_MINUTES) for m in EN_DAYS.finditer(text)]
    en_hours = list(EN_HOURS.finditer(text))
    if en_hours:
        range_ends = {end for _start, _end, end in _en_hours_ranges(text)}
        found += [round(float(m.group(1)) * 60) for m in en_hours if m.end() not in range_ends]
    if HALF_DAY.search(text):
        found.append(DAY_MINUTES // 2)
    if FULL_DAY.search(text):
        found.append(DAY_MINUTES)
    return max(found)


# Travelling to a 分会场 somewhere else (到区行政中心分会场) is going to a meeting, not following it from home.
_TRAVEL_TO = re.compile(r"(?:到|去|前往|赶到|赶往)[^，。；,;社]{0,12}$")


# An earlier on-line meeting passed on (传达市电视电话会议精神) says nothing of how this one is held.
_RELAYED_BEFORE = re.compile(r"(?:传达|学习|贯彻|落实)[^，。；,;]{0,12}$")
_RELAYED_AFTER = re.compile(r"[^，。；,;]{0,4}?精神")


def online_in_text(text: str) -> list[str]:
    """The words saying a meeting is held on line, unless put aside (不采用视频会议) or passed on from an
    earlier meeting (传达…视频会议精神)."""
    found = [
        m
        for m in ONLINE_PATTERN.finditer(text)
        if not ONLINE_NEGATION.search(text, 0, m.start())
        and not ONLINE_NEGATED_AFTER.match(text, m.end())
        and not (
            _RELAYED_BEFORE.search(text, max(0, m.start() - 14), m.start())
            and _RELAYED_AFTER.match(text, m.end())
        )
    ]
    travelled = any(
        m.group(0) == "分会场" and _TRAVEL_TO.search(text, max(0, m.start() - 14), m.start()) for m in found
    )
    words = [m.group(0) for m in found if not (travelled and m.group(0) == "分会场")]
    return list(dict.fromkeys(words))


def switched_to_in_person(text: str) -> bool:
    """The notice moves an on-line meeting in person (a switch after the last on-line word), or sends the
    community somewhere else to follow it (到区分会场收看): either way its staff travel."""
    last_online = max((m.end() for m in ONLINE_PATTERN.finditer(text)), default=-1)
    return (
        any(m.end() >= last_online for m in IN_PERSON_SWITCH.finditer(text))
        or _travels_to_watch(text)
        or bool(_TO_THE_MAIN_VENUE.search(text))
    )


# Some told to come to the main venue to speak (3个社区书记到主会场作交流发言) while the rest follow by video: not every
# community may join from its own office, so the meeting is in person (dev39).
_TO_THE_MAIN_VENUE = re.compile(
    r"(?<![可或不需用])(?<!自行)(?<!可以)(?:到|赴|前往|来)(?:[^，。；,;：:]{0,10}?)主会场[，,]?\s*(?:参会|参加|出席|作|发言|汇报|交流|述职|介绍|报到)"
    r"|(?:发言|汇报|交流|述职|介绍)\s*[（(](?:到|在|赴)主会场[）)]"
    r"|(?i:\b(?:come|comes|attend|attends|be present) (?:to|at) the main venue to (?:speak|present|report|share)\b"
    r"|\b(?:presentations?|present|speak|report|share)\b[^.;]{0,80}?\b(?:communit|secretar|director)[^.;]{0,60}?"
    r"\(at the main venue\)"
    r"|(?<!may )(?<!can )\b(?:arrive|arrives) at the main venue\b"
    r"|(?<!may )(?<!can )(?<!not )(?<!or )\b(?:will )?(?:come|comes|go|goes|travel) to the main venue\b)"
)


# Going to a room elsewhere to watch (到街道二楼会议室看视频, 前往区行政中心收看, come to the street office to watch it);
# a community's own room (在本社区会议室收看, 到社区会议室) is following from home.
_WATCH_ELSEWHERE = re.compile(
    r"(?:到|去|前往|赶到|赶往)(?!线上|网上|本|各自|所在社区|所在居)[^，。；,;社]{1,18}?(?:收看|观看|看视频|看直播|睇"
    r"|参加[^，。；,;]{0,20}?(?:视频|电视电话|网络)(?:会|分会场))"
    r"|(?i:\b(?:come|comes|go|goes|travel|report)\s+to\s+the\s+(?!community\b|own\b)(?:[\w-]+\s+){0,3}?"
    r"(?:office|hall|cent(?:re|er)|room|venue)\b[^.;]{0,20}?\bto\s+(?:watch|view|follow|join)\b"
    r"|\bwatch(?:es|ing)?\b[^.;]{0,40}?\b(?:at|in) the (?!community\b|own\b)(?:[\w-]+ ){1,3}?"
    r"(?:office|hall|cent(?:re|er)|auditorium|venue)\b"
    # gathered somewhere to watch (assemble in the 3/F hall of the Sub-district Office to watch the video together)
    r"|\b(?:assemble|gather|meet|come together)\s+(?:in|at)\s+(?:the\s+)?(?!community\b|own\b|your\b|their\b|its\b)"
    r"[^.;]{0,50}?\b(?:office|hall|cent(?:re|er)|room|venue|auditorium)\b[^.;]{0,20}?\bto\s+(?:watch|view|follow)\b)"
)


def _travels_to_watch(text: str) -> bool:
    """The community's staff travel to follow an on-line meeting: to a 分会场 elsewhere or to another unit's room."""
    return bool(_WATCH_ELSEWHERE.search(text)) or any(
        _TRAVEL_TO.search(text, max(0, m.start() - 14), m.start()) for m in re.finditer("分会场", text)
    )


# A walk round a place (调研、检查、走访…), not a meeting about one (检查工作推进会、调研座谈会), and the places
# walked round.
_WALK = (
    r"(?:调研|检查|督查|督导|走访|考察|视察|察看|巡查|暗访|核查|踏查|观摩)"
    r"(?!工作|会|部署|推进|汇报|座谈|培训|动员|情况|结果|报告|通报|反馈|方案|要点|材料)"
)
_PLACE = r"(?:社区|小区|企业|商户|门店|工地|现场|一线|基层|点位|网格|楼院|院落|河道|场所|厂房|居民家|住户|农户|街巷)"
# A walk round named places, gone along on (赴各社区调研、随同检查组检查辖区企业、实地走访), or signing on the
# spot (现场签订责任书): a pattern of its own, as every branch starts with a character it can skip to.
ON_A_WALK = re.compile(
    r"(?:赴|到|深入|前往|走进|来到)[^，。；,;]{0,8}?"
    + _PLACE
    + r"[^，。；,;]{0,4}?"
    + _WALK
    + r"|(?:陪同|随同|跟随|随行|一同|一起)[^，。；,;]{0,10}?"
    + _WALK
    + r"[^，。；,;]{0,6}?"
    + _PLACE
    + r"|对[^，。；,;]{0,20}?(?:路|街|巷|店|餐厅|市场|小区|工地)[^，。；,;]{0,24}?开展[^，。；,;]{0,10}?"
    + _WALK
    + r"|(?:实地|现场)"
    + _WALK
    + r"|(?:现场|当场|当面)(?:与[^，。；,;]{1,16}?)?签(?:订|字|署|约)"
    # …or a pledge or an agreement signed by the signer themselves (责任书…书记本人来签, 本人来，跟…一家一家签) or at a named
    # place (到街道201会议室签订…责任书); not a sign-in sheet signed, nor lots drawn (签到表要本人签名, 抽签)
    + r"|(?:责任书|承诺书|协议书?|合同)[^。；;！!？?\n]{0,48}?(?:本人|亲自)[^。；;！!？?\n]{0,16}?(?<![代抽])签(?!到)"
    + r"|(?:本人|亲自)[^。；;！!？?\n]{0,16}?(?<![代抽])签(?:订|署)?[^。；;！!？?\n]{0,16}?(?:责任书|承诺书|协议|合同)"
    + r"|(?:到|在)[^，。；,;]{1,16}?签(?:订|署)[^，。；,;]{0,16}?(?:责任书|承诺书|协议书?|合同)"
)
# The meeting itself is something only done in person (实地观摩、现场交接核对、无记名投票、分组研讨、evacuation drill).
PRESENT_BY_NATURE = re.compile(
    r"(?:现场|实地|实操|模拟|案例)(?:实操)?(?:演练|观摩|教学|踏勘|查看|交接|核对|表决|投票|调解)|观摩(?:点|会)"
    r"|(?:现场|当场)(?:逐一|逐个|逐项|逐份|一一)?(?:移交|查验|验收|勘验|核验|清点|指认|审查|审核)(?!工作|情况|结果|部署|培训|方案|计划|要求)"
    # the trainees' own practice, corrected by the trainer where it is done (老师现场逐一纠正动作, 手把手纠正, each one's
    # movements corrected on the spot): not a demonstration watched, nor a ceremony's rehearsal they fill seats at
    r"|(?:现场|当场|当面|手把手)(?:逐一|逐个|逐人|一一|个别)?(?:纠正|纠错|矫正)|(?:带练|跟练)(?!计划|方案|安排|情况|视频)"
    r"|(?i:\bcorrect(?:s|ed|ing)?\b[^.;]{0,40}?\b(?:on the spot|one by one|in person|individually)\b)"
    # something collected on the spot and signed for (现场领取助学金并在发放登记册上签字)
    r"|(?:现场|当场|当面)(?:领取|领回|签领|交接|移交)[^。；;！!？?\n]{0,30}?签(?:字|收|名|领)"
    r"|(?:现场|当场)(?:投票|计票|唱票|表决)|(?:现场|当场)填写[^，。；,;]{0,6}?(?:测评|选|表决)票|测评票"
    # a drill held, whatever its kind (开展落水人员救援联合演练), not one a meeting deploys (部署开展…演练)
    r"|(?:开展|举行|组织|进行|举办)(?<!(?:部署|布置|安排|研究)(?:开展|举行|组织|进行|举办))[^，。；,;]{0,16}?演练"
    r"(?!计划|方案|预案|工作|部署|总结|评估|脚本|情况|要求|会)"
    r"|无记名投票|投票(?:测评|表决|选举)|现场表决|实操演练|实战演练|应急演练|疏散演练|实地教学|交接核对|上机(?:实操|操作|培训)"
    r"|现场[^，。；,;]{0,4}实操|案例模拟|模拟(?:演练|操作|办理)|(?:交接|移交|核对|清点)[^，。；,;]{0,4}原件"
    r"|实操(?!观看|收看)|现场操作|实训室|(?:分组|案例)研讨|分组案例|(?i:\bwork in (?:small )?groups\b|\bgroup exercises?\b)"
    r"|原件[^，。；,;]{0,8}(?:交接|移交|核对|清点)|无记名(?:测评|表决|推荐)|现场(?:测评|唱票|计票)|唱票"
    r"|(?:携带|带上|带齐|带来|带|送来|送交|报送|领取|领回|取回)[^，。；,;]{0,10}?原件"
    r"|(?i:\b(?:bring|brings|bringing|take|deliver|hand in|hand over|submit)\b[^.;]{0,60}?\boriginals?\b"
    r"|\boriginals?\b[^.;]{0,80}?\b(?:handover|hand(?:ed|ing)? over|check(?:ed|ing)?|verif(?:y|ied|ication))\b"
    r"|\bsecret (?:vote|voting|ballot)\b|\bcount(?:ing)? (?:the )?votes\b)"
    r"|(?:现场|当场)(?:登录|录入|填报)|(?:填报|录入|提交)操作|(?:携带|带上|带齐)[^，。；,;]{0,12}?(?:UKey|U盾|数字证书|平板|PAD)"
    r"|(?i:\bdrills?\b(?! plans?\b)|\b(?:field|evacuation|fire|emergency|rescue|response) exercises?\b"
    r"|\bbring\b[^.;]{0,30}?\b(?:laptops?|u-?keys?|tablets?|pads?|digital certificates?)\b"
    r"|\bpractis(?:e|es|ing)\b[^.;]{0,30}?\b(?:system|software|devices?|filing|entering|data entry)\b|\bon-site (?:drill|visit|inspection)s?\b|\bhands-on\b"
    r"|\bsite visits?\b|\b(?:plant|factory|facility|farm|workshop|base|field|site|premises) (?:tours?|visits?)\b"
    r"|\b(?:guided )?tours? (?:of|round|around|through) (?:the |our |its )?(?:[\w-]+ ){0,3}(?:plant|factory|(?:production |processing )?lines?"
    r"|facilit(?:y|ies)|workshops?|farms?|sites?|labs?|laborator(?:y|ies)|premises|base|warehouses?|kitchens?)\b"
    r"|\bto vote\b|\bvoting\b|\bballots?\b|\bgroup work\b|\bhand(?:ing)? over (?:the )?originals?\b)"
    # going along on an inspection round or a survey walk, signing on the spot (in Chinese: ON_A_WALK)
    r"|(?i:\b(?:accompan(?:y|ies|ying)|join(?:s|ing)?|go(?:es|ing)? (?:along )?with|walk(?:s|ing)? with)\b[^.;]{0,40}?"
    r"\bon (?:a |an |the |their |its )?(?:[\w-]+ ){0,2}(?:inspections?|tours?|walks?|visits?|rounds|walkabouts?)\b"
    r"|\b(?:site|field|on-site) (?:inspection|survey|visit|walk)s?\b|\binspection (?:tour|walk)s?\b"
    r"|\bsign(?:s|ed|ing)?\b[^.;]{0,80}?\b(?:on the spot|on site|in person)\b"
    r"|\bpracti[cs](?:e|es|ing)\b[^.;]{0,30}?\bon (?:the )?(?:mannequins?|dummies|manikins?|equipment|devices?|machines?)\b"
    r"|\bwalk(?:s|ing)? (?:along|round|around|through) (?:the )?(?:[\w-]+ ){0,2}(?:route|section|streets?|roads?|lanes?|sites?)\b)"
)


# The plan of a drill or a visit (应急演练计划的修订, the drill plan), not the drill itself.
_PLAN_OF_IT = re.compile(r"\s*(?:工作)?(?:计划|方案|预案)|(?i:\s*plans?\b)")


# A walk the meeting plans rather than makes (部署到企业检查安全生产、商量明天赴小区走访).
_WALK_PLANNED = re.compile(r"部署|布置|商量|研究|讨论|动员")


# A walk through the places themselves (调研路线：A社区—B社区, 实地调研, walking through the collection points, a survey
# visit) is a site visit: it cannot be held on-line. So is a visit whose route names places (线路含…社区卫生服务站,
# route: Maple Community care station…) and receiving visitors where they arrive (在社区门口等候, wait at the gate).
_ROUTE_NAMING_A_PLACE = rf"(?:路线|线路)\s*(?:为|含|包括|是|[:：])[^，。；,;]{{0,16}}?(?:{_PLACE}|[路街巷]|市场|码头|夜市|广场|公园|→)"
WALK_THROUGH = re.compile(
    _ROUTE_NAMING_A_PLACE + r"|(?:调研|考察|检查|观摩|视察)路线"
    r"|(?:在|到)[^，。；,;]{0,14}?(?:门口|门前|[东南西北正侧大]门|楼下|路口)(?:等候|迎候|迎接|接待)"
    r"|(?i:\b(?:route|itinerary)\s*(?::|covers|includes|takes in|runs through)\s*[^.;]{0,30}?"
    r"\b(?:communit(?:y|ies)|estates?|sites?|stations?|cent(?:re|er)s?|compounds?|canteens?|roads?|streets?|lanes?|avenues?"
    r"|gates?|squares?|piers?|markets?)\b|\b(?:route|itinerary)\s*:[^.;\n]{0,40}?→"
    r"|\b(?:wait|be waiting|stand by)\s+(?:at|by|outside) the (?:[\w-]+ ){0,2}(?:gate|entrance|door)s?\b"
    r"|\b(?:meet|greet|receive)\s+the\s+(?:[\w-]+\s+){0,2}?(?:delegation|visitors|team|group|leaders?|guests)\s+"
    r"(?:at|by|outside) the (?:[\w-]+ ){0,2}(?:gate|entrance|door)s?\b)"
    r"|实地(?:调研|考察|检查|走访)|逐点查看|沿途查看|依次(?:查看|察看|走访)|带路|引路|领路"
    # going to look at the places themselves (先睇两个小区嘅投放点, 参观…小区)
    r"|(?:睇|参观)[^，。；,;]{0,16}?(?:小区|点位|投放点|站点|现场)(?!情况|照片|视频)"
    r"|(?:先|去|到)(?:看|查看|察看)[^，。；,;]{0,16}?(?:小区|点位|投放点|站点)(?!情况|照片|视频|台账)"
    r"|\b[Ww]alk(?:s|ing)? (?:the [\w-]+ )?through\b|\b[Ww]alk(?:s|ing)? (?:along|round|around|down) [A-Z]"
    r"|\b[Ww]alk(?:s|ing)? (?:(?:along|round|around|down|up) )?(?:the )?(?:[A-Z][\w-]* )+(?:Road|Street|Lane|Avenue|Alley)\b"
    r"|(?i:\bguide (?:the |them |the team |the inspectors )?(?:the )?way\b|\bshow (?:the team|them|the inspectors) around\b)|\b[Ww]alk-through\b|\b[Ww]alking [Tt]our\b"
    r"|\b(?:[Vv]isit|[Tt]our) (?:the |each |all )?(?:sites|estates|compounds|collection points)\b"
    r"|\b(?:[Ss]urvey|[Ii]nspection|[Ff]ield|[Ss]tudy) (?:[Vv]isits?|[Tt]ours?|[Ww]alks?)\b|\bwill (?:inspect|survey)\b"
)


# Papers handed over or checked one by one, face to face (当面移交、逐本核对, hand over the originals in person).
HANDED_OVER = re.compile(
    r"当面(?:移交|交接|核对|签收|清点|递交)|逐(?:本|份|卷|件|人|台)(?:核对|核验|清点|审查|审核|查验|点名|点验|交验)"
    r"|当场(?:交接|移交|签收|核对|核验|清点)|实物(?:核对|清点|点验|查验)|清点[^。；;！!？?\n]{0,40}?签(?:字|收|名|领)|(?<!不)点验(?!花名册|名单|方案|计划|通知|工作)"
    # the handover sheet signed, in either order (在交接单上签字, 签收移交清单), as in English below
    r"|(?:交接|移交|签收|签领|领取|发放)(?:单|表|清单|登记表|登记册|簿)[^，。；,;]{0,4}?签(?:字|名|收)"
    r"|签(?:字|名|收|署)(?:确认)?[^，。；,;]{0,4}?(?:交接|移交|签收)(?:单|表|清单)"
    r"|\b[Hh]and(?:ed|ing)? (?:them |it )?over\b[^.]{0,30}\bin person\b|\b[Cc]heck(?:ed|ing)? (?:the |each )?originals?\b"
    # come with the originals, checked one by one, the hand-over sheet signed there
    r"|(?i:\bwith (?:the |your |their |all )?(?:[\w-]+ )?originals?\b"
    r"|\b(?:check|verif(?:y|ie)|count|go through)(?:s|ed|ing)?\b[^.;]{0,24}?\bone by one\b"
    r"|\bhand(?:ed|ing)? over\b[^.;]{0,20}?\b(?:on the spot|there and then)\b"
    r"|\b(?:hand-?over|receipt) (?:sheet|form|list|note|slip) (?:is |are |will be |to be )?signed\b"
    r"|\bsign(?:s|ed|ing)? (?:for )?(?:the |a |our |each )?(?:hand-?over|receipt)(?: (?:sheet|form|list|note|slip))?\b)"
)


# Going along (陪同检查组检查…, accompany the inspectors on their round) where the inspectors pick the sites at random or
# on the day (检查点位由检查组随机确定, the group will decide the sites on the day): the notice names no place.
_GOING_ALONG_WORD = re.compile(
    r"陪同|随同|跟随|随行|一同|一起|(?i:accompan|join|go(?:es|ing)? (?:along )?with|walk)"
    # rules38: helping the inspectors on their round, whatever the help (配合检查, 配合开门引路, 带路)
    r"|配合|引路|带路|领路|开门"
    r"|(?:现场|实地)(?:观摩|查看|察看|检查|督查|督导|暗访)|观摩|迎(?:接)?[^，。；,;]{0,4}?(?:检查|督查|复审|暗访|考核|验收)"
)
_SITES_LEFT_OPEN = re.compile(
    r"(?:点位|地点|场所|对象|路线|企业|商户)[^，。；,;]{0,12}?(?:随机|临时|现场|当天|当日|届时)+(?:抽签)?(?:确定|抽取|选定|抽选|决定|抽查|产生|生成|选取|抽出|选出)"
    # …however they are picked on the day: by lot, drawn at the muster (检查点位在集合时现场抽签决定, 抽签确定检查对象)
    r"|(?:点位|地点|场所|对象|路线|企业|商户)[^，。；,;]{0,12}?(?:抽签|摇号|抓阄)|(?:抽签|摇号|抓阄)(?:决定|确定|选定)[^，。；,;]{0,6}?(?:点位|场所|企业|商户|小区|对象)"
    r"|随机(?:抽取|抽选|选取|确定)[^，。；,;]{0,6}?(?:点位|场所|企业|商户|小区|对象)"
    r"|(?i:\b(?:sites?|places?|premises|locations?|route|venues)\b[^.;]{0,30}?\b(?:decided|chosen|picked|selected|drawn"
    r"|determined)\b[^.;]{0,20}?\b(?:on the day|at random|randomly|on the spot|by lot|by (?:a )?draw|by the (?:group|team|inspectors?))\b"
    r"|\b(?:the )?(?:group|team|inspectors?) (?:will )?(?:decides?|chooses?|picks?|selects?|draws?) the (?:sites?|places?"
    r"|premises|route|locations?)\b)"
)


# A visit or an inspection named in the reason (督查, 检查, 走访): its place is where the inspectors choose.
_VISIT_WORD = re.compile(_WALK)
_WAITING_FOR_THEM = re.compile(
    r"等候|迎候|迎接|接待|(?i:\b(?:wait|be waiting|stand by|meet|greet|receive)\b)"
)


def in_person_reason_in_text(text: str) -> str:
    """A reason for meeting in person the notice gives itself (因需现场演练…、实地观摩), unless put aside."""
    reasons = chain(
        IN_PERSON_REASON_PATTERN.finditer(text),
        PRESENT_BY_NATURE.finditer(text),
        ON_A_WALK.finditer(text),
        WALK_THROUGH.finditer(text),
        HANDED_OVER.finditer(text),
    )  # lazily: the first reason not put aside is enough
    for m in reasons:
        clause_start = max((c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())), default=0)
        if DEMAND_NEGATION.search(text, clause_start, m.end()) or _activity_ruled_out(text, m.group(0)):
            continue
        if m.re is ON_A_WALK and _WALK_PLANNED.search(text, clause_start, m.start()):
            continue
        if (
            _GOING_ALONG_WORD.match(m.group(0))
            or _WAITING_FOR_THEM.search(m.group(0))
            or (m.re in (ON_A_WALK, WALK_THROUGH, PRESENT_BY_NATURE) and _VISIT_WORD.search(m.group(0)))
        ) and _SITES_LEFT_OPEN.search(text):
            # going along with (or waiting at the gate for) inspectors who pick the sites, or any visit of theirs the
            # text tells of (到各社区开展入户督查, 对辖区…开展检查) when they pick its sites on the day: no place is named
            continue
        if m.re is IN_PERSON_REASON_PATTERN and NO_REASON.search(m.group(0)):
            rest = NO_REASON.sub("", m.group(0))
            if not _PRESENT_ACTIVITY_WORD.search(rest):
                continue  # 因部分社区网络信号不稳定，故线下召开: a no-reason given as the cause
        if m.re is IN_PERSON_REASON_PATTERN and m.group(0).lower().endswith("because"):
            end = _SENTENCE_END.search(text, m.end())
            cause = text[m.end() : end.start() if end else len(text)]
            if NO_REASON.search(cause) and not in_person_reason_in_text(NO_REASON.sub("", cause)):
                continue  # held in person because it includes breakout sessions: the cause is a no-reason
        if _PLAN_OF_IT.match(text, m.end()):
            continue
        if m.re is PRESENT_BY_NATURE and _HANDOUTS_COLLECTED.search(m.group(0)):
            continue  # leaflets and posters collected, however signed for: materials handed out
        if m.re is HANDED_OVER and _HANDOUTS_COLLECTED.search(
            text, max((c.end() for c in _SENTENCE_END.finditer(text, 0, m.start())), default=0), m.start()
        ):
            continue  # …the sheet signed for them later in the sentence (领取宣传折页，在签收单上签字)
        return m.group(0)
    return ""


# What is no reason to bring people in, even when declared as one: the leaders' wish to see them (领导希望与社区负责人
# 面对面交流, leaders wish to meet the heads face to face), a sign-in, photos, a dress code.
_HANDOUTS = (
    r"(?:宣传|学习|培训)?[^，。；,;、]{0,8}?(?:材料|资料|讲义|折页|手册|宣传品|宣传单|单页|读本|教材|课本|书籍|学习用品|海报|宣传画|挂图"
    r"|汇编|选编|口袋书|小册子|宣传册|画册|图册|明白纸)"
)
NO_REASON = re.compile(
    r"(?:领导|上级)[^，。；,;]{0,4}?(?:希望|要求|想)[^，。；,;]{0,12}?(?:面对面|见面|当面|见一见)"
    r"|[^，。；,;]{0,8}?(?:希望|想要|想)[^，。；,;]{0,12}?(?:面对面|见面|见一见)"
    r"|(?:^|(?<=[，,；;、]))(?:为了?)?(?:便于|方便)?[^，。；,;、]{0,8}?面对面(?:地)?(?:深入|充分|互动)*(?:交流|沟通|座谈|研讨|互动)(?=$|[，,；;、])"
    # …or interaction as such, face to face unsaid (便于互动, 加强交流互动, 增进沟通)
    r"|(?:^|(?<=[，,；;、]))(?:为了?)?(?:便于|方便|加强|增进|促进|利于|有利于|更好(?:地)?)(?:学员|大家|相互|彼此|双向|现场)*"
    r"(?:互动|交流|沟通)(?:交流|互动|沟通)?(?=$|[，,；;、])"
    # sign-in, roll call or photos, however required (需现场签到, 会议实行签到制, 须到场签到拍照留档)
    r"|(?:^|(?<=[，,；;、]))(?:会议|本次会议|会上|培训)?(?:需要?|须|要|必须|实行|实施|进行|严格)*(?:会场|现场|当场|到场|统一|便于|方便|进行|本人)*"
    r"(?:签到|点名|考勤|拍照|合影|留档)+(?:制|制度|登记|表|簿)?(?=$|[，,；;、])|着正装"
    # group discussion however said (含分组讨论环节, 需安排小组讨论); group work in a training class stays a reason
    r"|(?:^|(?<=[，,；;、]))(?:上午|下午|晚上|当天|次日|第二天|会上|会议|会中|会后|届时)*(?:需要?|须|要|有|含|包括|设|设置|安排|进行|开展)*(?:分组|小组)(?:讨论|座谈)"
    r"(?:交流)?(?:环节)?(?=$|[，,；;、])"
    # questions answered on the spot, seats by name card, a poor network somewhere, interpretation on site
    r"|(?:^|(?<=[，,；;、]))(?:便于|方便)?(?:现场|当场|当面)(?:答疑|解答|解疑|提问|释疑)(?:解惑)?(?=$|[，,；;、])"
    r"|(?:按|凭)(?:桌签|座签|座次|座位表|指定(?:区域|座位))(?:入座|就座|就坐)|对号入座|座次(?:安排|表)"
    r"|网络(?:信号|条件|状况|环境)?(?:不稳定|不稳|不好|较差|差|不畅|不佳)|信号(?:不稳定|不好|较差|差|弱)"
    r"|(?:无法|难以|不能)保障线上(?:参会|会议|培训)?效果|同声传译|同传|(?:现场|会场)(?:翻译|口译)|翻译服务"
    r"|(?:便于|方便)(?:统一)?(?:管理|组织)(?=$|[，,；;])"
    # the meeting is big or is held all together, however said (研讨会规模较大，需集中召开; 参会人数较多)
    r"|(?:^|(?<=[，,；;、]))[^，,；;、]{0,8}?(?:规模|人数|参会人员|人员)(?:较|很|比较|特别|相对|众)?(?:大|多|广)(?=$|[，,；;、])"
    r"|(?:^|(?<=[，,；;、]))[^，,；;、]{0,8}?(?:需|须|需要|要|宜|应|必须)?(?:集中|统一)(?:召开|举办|举行|进行)(?=$|[，,；;、])"
    r"|(?:会议室|会场|场地|培训室|教室)(?:已|已经)?(?:预订|预定|订好|定好|借好|安排好)|已(?:经)?(?:预订|预定|订好|定好|借好)(?:了)?(?:会议室|会场|场地)"
    r"|(?:发放|分发|印发|领取)[^，。；,;、]{0,14}?(?:材料|资料|讲义|折页|手册|宣传品|宣传单|单页|读本|教材|课本|书籍|学习用品"
    r"|汇编|选编|口袋书|小册子|宣传册|画册|图册|明白纸)(?:[（(][^（()）]{1,12}[）)])?(?![^，。；,;]{0,6}?签)|^(?:会上|会议)?(?:需|需要|要)?分组讨论$"
    # printed matter collected and signed for is still handouts (现场领取宣传折页、海报并签收; dev39), unlike kits
    rf"|(?:现场|当场)?(?:领取|领回|签领|取回){_HANDOUTS}(?:[、和及与]{_HANDOUTS})*"
    r"(?:[^，。；,;]{0,4}?并?(?:在[^，。；,;]{0,10}?上)?签(?:收|字|名)(?:单)?)?"
    # …whatever is handed out to wear or read (会上统一发放督导马甲, 发放工作证): no reason unless signed for or counted, and
    # unlike supplies or kits the communities take away (现场发放宣传物资, 应急包, 慰问品)
    r"|(?:^|(?<=[，,；;、]))(?:会上|会议|现场|当场|届时)?(?:需要?|须|要|将)?(?:统一|集中)?(?:发放|分发)"
    r"(?![^，。；,;、]{0,12}?(?:物资|物品|慰问|器材|装备|资金|补贴|设备|工具|包|金))[^，。；,;、签清点]{1,12}(?=$|[，。；,;、])"
    r"|(?:材料|资料|讲义)[^。；;]{0,8}?(?:现场|当场)?(?:发放|分发|领取)|(?:^|(?<=[，,；;]))(?:集中|统一)(?:培训|学习|授课|面授|听课|开会|观看|收看)[^，,；;]{0,10}?(?=$|[，,；;])"
    r"|(?i:\bleaders? (?:wish|wants?|would like|hopes?) to (?:meet|see)\b|^(?:sign-in|photos?|dress code)$"
    r"|\b(?:wish(?:es)?|wants?|would like|hopes?) to (?:meet|see|thank|greet)\b[^.;]{0,60}?\bface[- ]to[- ]face\b"
    r"|\b(?:build|building|make|making|strengthen)\b[^.;]{0,20}?\b(?:networks?|contacts|connections|relationships)\b"
    r"[^.;]{0,10}?\bface[- ]to[- ]face\b|\bsign-in (?:sheet|list)s?\b"
    r"|\b(?:room|venue|hall|space)s? (?:has |have )?(?:already )?(?:been |is |are )?(?:booked|reserved)\b"
    r"|\b(?:printed |paper )?(?:materials|handouts|booklets|handbooks|brochures|manuals|leaflets|guides|packs|kits"
    r"|copies)\b[^.;]{0,30}?\b(?:handed|given|passed|sent) out\b"
    # face to face as a preference (face-to-face exchange preferred by the leadership, the leadership wishes to meet…)
    r"|\bface[- ]to[- ]face\b[^.;]{0,30}?\b(?:preferred|wanted|wished|requested|desired)\b"
    r"|\b(?:leadership|leaders?|director(?:-general)?|mayor)\b[^.;]{0,12}?\b(?:wish(?:es)?|wants?|would like|hopes?"
    r"|prefers?)\b[^.;]{0,12}?\b(?:to (?:meet|see|talk)|face[- ]to[- ]face|in person)\b"
    r"|\bhand(?:ing)? out (?:printed |paper )?(?:materials|handouts)\b|^(?:for )?group discussions?$"
    # group or breakout discussions however said (it includes breakout group discussions); handouts as such
    r"|\b(?:(?:small[- ])?(?:breakout|break-out|group|table|panel)[- ](?:group )?(?:discussions?|sessions?|rooms?|groups?)"
    r"|discussions? in (?:small )?groups)\b|\b(?:printed |paper )?handouts\b"
    r"|\bsign-ins?\b(?! (?:of|for) (?:the )?(?:contracts?|agreements?|documents?))|\broll[- ]calls?\b"
    r"|\battendance (?:checks?|registers?|records?|taking|sheets?)\b|\btak(?:e|ing) attendance\b"
    r"|\b(?:materials|handouts|booklets|name cards|business cards)\b[^.;]{0,40}?\b(?:distributed|circulated|exchanged)\b"
    r"|\b(?:distribut(?:e|es|ing)|circulat(?:e|es|ing)|exchang(?:e|es|ing)) (?:the )?(?:printed |paper )?"
    r"(?:materials|handouts|booklets|name cards|business cards)\b"
    r"|\b(?:better|best|nicer|good|great|prefer\w*|rather|like|want|wish|hope)\b[^.;]{0,20}?\bmeet\w*\b[^.;]{0,10}?"
    r"\b(?:face[- ]to[- ]face|in person)\b"
    r"|^(?:to |for )?(?:meet(?:ing)? )?face[- ]to[- ]face(?: (?:exchange|communication|discussion|contact|talks?))?$"
    r"|\b(?:poor|unstable|unreliable|weak|patchy) (?:internet|network|connection|signal|wi-?fi)s?\b"
    r"|\b(?:simultaneous |consecutive )?interpret(?:ation|ing|ers?)\b|\bq ?& ?a\b|\bquestions? and answers?\b)"
)


_PRESENT_ACTIVITY_WORD = re.compile(_PRESENT_ACTIVITY)
_HANDOUTS_COLLECTED = re.compile(rf"(?:领取|领回|签领|取回){_HANDOUTS}")


# Content that may not go over a network (内容涉密，不宜通过视频传输; confidential case files): a reason only an organiser
# declares, the text's own 涉密 being a topic as often as a cause.
_NOT_OVER_A_NETWORK = re.compile(
    r"涉密|保密|敏感(?:信息|内容|数据)|不(?:宜|得|能|便)(?:通过)?(?:视频|网络|线上)"
    r"|(?i:\b(?:confidential|classified|sensitive (?:data|information|files|cases))\b)"
)


def declared_reason(reason: str) -> str:
    """The organiser's reason for meeting in person when it names something that needs presence (需现场演练,
    signed in person, 内容涉密): what the organiser declares is no reason unless it says so. A cause that only says
    the meeting is big, booked or face to face (总结表彰大会需集中召开, 礼堂已预订, 面对面交流效果较好) is none."""
    reason = reason.strip()
    rest = NO_REASON.sub("", reason)  # what the reason says besides the no-reasons (已订会议室，需现场演练)
    if (
        in_person_reason_in_text(rest)
        or _PRESENT_ACTIVITY_WORD.search(rest)
        or _NOT_OVER_A_NETWORK.search(rest)
    ):
        return reason
    return ""


def _activity_ruled_out(text: str, phrase: str) -> bool:
    """The notice says elsewhere that this meeting has none of it (本次会议不安排观摩)."""
    activity = re.escape(phrase[-2:])
    return bool(re.search(rf"(?:不安排|不组织|不进行|不含|不包括|没有)[^，。；,;]{{0,4}}{activity}", text))


# Meetings the intake's rules are not about: communities told to stay away (街道机关周例会，各社区不参加), a
# community's own meeting with its residents (居民代表会议、楼栋长会、居民议事会，欢迎居民参加; open to residents), or
# a unit's meeting of its own staff (机关干部例会、科室会). The rules govern meetings sent down to communities.
COMMUNITIES_EXCLUDED = re.compile(
    r"(?<![其余他])(?:各|所有|全体)?社区(?:工作人员|干部)?(?:均|都|一律)?"
    r"(?:不参加|不参会|不出席|无需参加|无须参加|无需参会|无须参会|不用参加|不需参加|不用来)|不涉及社区"
    r"|(?i:\bcommunit(?:y|ies)(?: are| is)? not (?:needed|required|invited|attending|involved)\b"
    r"|\bno community (?:staff|workers|heads|offices) (?:are |is )?(?:invited|needed|required)\b"
    r"|\b(?:section chiefs|bureau staff|street (?:office )?staff|officials) only\b"
    r"|\bcommunities (?:do not|don't|will not|won't|need not) (?:attend|take part)\b"
    r"|\bcommunity (?:offices|staff|heads|workers) (?:are |is )?not invited\b|(?<!community )\bstaff only\b|\bno communities (?:attend|are invited|take part)\b"
    r"|\b(?:street|district) (?:office )?staff only\b)"
)
RESIDENT_AUDIENCE = re.compile(
    r"居民代表|楼栋长|楼栋(?:居民)?代表|业主代表|各位居民(?!区)|居民朋友|广大居民|党员代表大会"
    # a residents' meeting held, not one that is a topic (居民会议选举工作培训)
    r"|(?:居民(?:议事|协商|恳谈|说事|座谈)?(?:会议|大会|议事会|恳谈会|协商会|说事会|座谈会)"
    r"|(?:议事|民主)协商会|协商议事会|楼长会|院落会|坝坝会)(?!选举|工作|培训|制度|规则|规程|指导)"
    r"|欢迎[^，。；,;]{0,8}?(?:居民|群众|业主|家长|老人)|(?:居民|群众|业主)[^，。；,;]{0,6}?(?:踊跃|自愿|均可)参加"
    r"|(?i:\bbuilding representatives\b|\bresidents'? (?:council|meeting|assembly|forum)s?\b|\bblock (?:wardens|leaders)\b"
    r"|\ball residents\b(?!['’])|\bopen to (?:all |local )?(?:residents|the public|everyone)\b|\bresidents (?:are )?(?:welcome|invited)\b"
    r"|\b(?:all|everyone) (?:are |is )?welcome\b"
    r"|\b(?:coffee mornings?|open days?|tea part(?:y|ies)|get-togethers?|gatherings?|socials?|forums?|sessions?|briefings?"
    r"|meetings?|talks?|events?) for (?:local |our |all |the )?residents\b(?!['’]))"
    r"|邀请(?:辖区)?[^，。；,;]{0,10}?(?:居民|群众|家属|家长|老人|业主)"
)
# Residents the communities are told to bring or send (每个社区再带2名居民代表, 各社区选派3名楼栋长参加): the meeting is
# still one sent down to the communities, not theirs with their residents.
_BROUGHT_BY_COMMUNITIES = re.compile(
    rf"(?:{_COMMUNITY}|书记|主任)[^，。；,;]{{0,6}}?(?:带|带领|带上|组织|选派|推选|推荐|派)[^，。；,;]{{0,6}}$"
    r"|(?i:\b(?:communit(?:y|ies)|directors?|secretar(?:y|ies)|heads?)\b[^.;,]{0,16}?\b(?:bring|brings|send|sends)\b[^.;,]{0,12}$)"
)
# A unit's meeting of its own staff (机关干部例会、各科室负责人参加、班子会), when it names no community nor its heads.
OWN_STAFF = re.compile(
    r"机关(?:全体)?(?:干部|工作人员|党员)|机关(?:干部)?例会|内部(?:工作)?(?:例会|会议)|(?:各|全体)科室|科室(?:负责人|长)"
    r"|科室会|科务会|局务会|处务会|主任办公会|班子(?:成员)?(?:会议|例会|会)|班子成员参加|中层(?:以上)?干部|处室负责人"
    r"|召开[^，。；,;]{0,6}?(?:党工委|党组|机关党?支部)(?:扩大)?(?:会议|例会|会)"
    r"|(?i:\binternal (?:staff )?meetings?\b|\b(?:street|district|bureau) office (?:staff|section chiefs|department heads)\b"
    r"|\bsection chiefs\b|\bleadership team meetings?\b|\b(?:office|bureau) staff meetings?\b)"
)
# A street office's or bureau's meeting of its own sections (街道机关各科室, all sections of the sub-district office).
OWN_SECTIONS_AUDIENCE = re.compile(
    r"机关(?:各)?(?:科室|部门|处室|中心)|机关全体|机关干部|各科室(?:负责人|长)|机关(?:周|月)?例会"
    r"|(?i:\ball sections of the\b|\b(?:sections|departments) of the (?:[\w-]+ )?(?:sub-district|street|district) office\b)"
)
COMMUNITY_NOT_INVOLVED = re.compile(
    r"社区(?:工作人员|干部)?(?:均|都)?不(?:参与|涉及)"
    r"|(?i:\bcommunity (?:staff|offices|workers|colleagues) (?:are|is) not (?:involved|needed|required|attending)\b)"
)
_SENT_DOWN = re.compile(r"各(?:社区|居民区)|(?i:\beach community\b|\ball communities\b|\bcommunities\b)")
_NAMES_COMMUNITY = re.compile(r"社区|居民区|(?i:\bcommunit(?:y|ies)\b)")


# A list of several meetings, each item from its number to the next (1. 7月8日…推进会…沿线各社区书记…；2. 7月15日，机关
# 党建工作例会（机关内部，社区不参加）).
_LIST_ITEM_START = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[．.、](?!\d)", re.MULTILINE
)


def _excluded_from_another_item(text: str, excluded: re.Match[str]) -> bool:
    """The communities are excluded from one meeting of a list while another item of it summons their heads."""
    starts = [m.start() for m in _LIST_ITEM_START.finditer(text)]
    if len(starts) < 2:
        return False
    items = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    own = next((n for n, a in enumerate(starts) if a <= excluded.start() < a + len(items[n])), None)
    return own is not None and any(n != own and HEAD_PATTERN.search(item) for n, item in enumerate(items))


def not_for_communities(text: str) -> str:
    """Why a notice is not a meeting sent down to communities, or "" when it is."""
    excluded = COMMUNITIES_EXCLUDED.search(text) or COMMUNITY_NOT_INVOLVED.search(text)
    if excluded and not _excluded_from_another_item(text, excluded):
        return excluded.group(0)
    if _SENT_DOWN.search(text):
        return ""
    own_sections = OWN_SECTIONS_AUDIENCE.search(text)
    if own_sections and not _NAMES_COMMUNITY.search(text) and not HEAD_PATTERN.search(text):
        return own_sections.group(0)
    for audience in RESIDENT_AUDIENCE.finditer(text):
        if not _BROUGHT_BY_COMMUNITIES.search(text, max(0, audience.start() - 16), audience.start()):
            return audience.group(0)
    staff = OWN_STAFF.search(text)
    if staff and not _NAMES_COMMUNITY.search(text) and not HEAD_PATTERN.search(text):
        return staff.group(0)
    return ""


# Others than the heads named in the clause of a listening word (其余社区各派一名安全员旁听, other communities send one
# safety officer to observe): it says nothing of the heads' part.
_OTHER_ATTENDEES = re.compile(
    r"安全员|专干|网格员|工作人员|联络员|志愿者|楼栋长|派员|派人|派专人|(?i:\b(?:officers?|staff|workers?|volunteers|liaisons?|wardens)\b)"
)


_ROLL_LABEL_AFTER = re.compile(r"\s*[:：]")


def accompany_words_in_text(text: str) -> list[str]:
    """The words saying someone only listens (列席、旁听、observe), unless said of others than the heads."""
    found = []
    for m in ACCOMPANY_PATTERN.finditer(text):
        # a roll's label opens a line or follows the roll before it (出席：…；列席：…)
        line_start = max(text.rfind(c, 0, m.start()) for c in "\n；;") + 1
        ends = [at for at in (text.find(c, m.end()) for c in "\n；;") if at >= 0]
        line_end = min(ends, default=len(text))
        if (
            not text[line_start : m.start()].strip()
            and _ROLL_LABEL_AFTER.match(text, m.end())
            and not HEAD_PATTERN.search(text, m.end(), line_end)
        ):
            continue  # 列席：…… in a meeting's minutes: who sat in, none of them the heads
        clause_start = max((c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())), default=0)
        clause = text[clause_start : m.start()]
        if _OTHER_ATTENDEES.search(clause) and not HEAD_PATTERN.search(clause):
            continue
        found.append(m.group(0))
    return list(dict.fromkeys(found))


# A deputy is not the head (Deputy directors of communities, vice-chairs).
_DEPUTY_BEFORE = re.compile(r"(?i:\b(?:deputy|vice|assistant)[- ]?$)")


def heads_in_text(text: str) -> list[str]:
    return list(
        dict.fromkeys(
            m.group(0)
            for m in HEAD_PATTERN.finditer(text)
            if not _DEPUTY_BEFORE.search(text, max(0, m.start() - 10), m.start())
        )
    )


# "附件：1.XX表 2.YY表" on one line: split before each further number.
_INLINE_ITEMS = re.compile(
    r"\s+(?=(?:\d+|[一二三四五六七八九十]+)\s*[．.、])|[；;](?=\s*(?:\d+|[一二三四五六七八九十]+)\s*[．.、])"
    # English names listed on one line (Attachments: Course poster (PDF); Course Enrolment Form (Word))
    r"|\s*[；;]\s*(?=[A-Z])"
)


def attachments_in_text(text: str) -> list[str]:
    """Attachment names listed in a pasted notice ("附件：1.XX表 2.YY表" or one per line)."""
    names: list[str] = []
    lines = text.splitlines()
    in_list = False
    for line in lines:
        m = ATTACHMENT_LINE.match(line)
        if m:
            in_list = True
            for part in _INLINE_ITEMS.split(m.group(1)):
                item = ATTACHMENT_ITEM.match(part)
                names.append(item.group(1) if item else part)
            continue
        if in_list:
            item = ATTACHMENT_ITEM.match(line)
            if item:
                names.append(item.group(1))
                continue
            in_list = False
    return [n.strip("《》 ") for n in names if n.strip("《》 ")]


# A questionnaire is filled in like a form (居民家庭消费情况调查问卷, Visitor Satisfaction Survey); a list of contacts or a
# paper sent for reference is read, not filled in (联系人清单, 名单（供查阅）, Contact list).
QUESTIONNAIRE_NAME = re.compile(
    r"问卷(?:[（(][^）)]*[）)])?$|(?i:\b(?:survey|questionnaire)s?\s*(?:\([^)]*\))?$)"
)
REFERENCE_NAME = re.compile(
    r"(?:联系人|联络员|通讯)(?:清单|名单|名录|录)(?:[（(][^）)]*[）)])?$|[（(](?:仅)?供?(?:查阅|参考|参阅|参照|阅知|了解|学习)[）)]$"
    r"|[（(][^（()）]{0,12}?(?:仅供|供)[^（()）]{0,8}?(?:参考|参阅|查阅)[^（()）]{0,12}?[）)]$|[（(][^（()）]{0,16}?(?:无需|无须|不需|不用)填(?:写|报)[^（()）]{0,8}?[）)]$"
    r"|(?:联系|应急|咨询|服务|值班)电话(?:号码)?(?:一览表|清单)$"
    r"|(?i:\bcontact (?:list|details)$|\(for reference\)$|\b(?:emergency |contact )?(?:phone|telephone) (?:list|directory)$)"
)


def is_form(name: str) -> bool:
    stem = name.strip()
    lower = stem.lower()
    if lower.endswith(FORM_EXTENSIONS):  # a spreadsheet is filled in, unless it is sent for reference
        return not REFERENCE_NAME.search(re.sub(r"\.[A-Za-z]{2,5}$", "", stem).strip())
    for ext in (".docx", ".doc", ".pdf", ".wps", ".ofd", ".txt"):
        if lower.endswith(ext):
            stem = stem[: -len(ext)]
    stem = stem.strip()
    if REFERENCE_NAME.search(stem):
        return False
    return bool(FORM_NAME_PATTERN.search(stem) or QUESTIONNAIRE_NAME.search(stem))


# An attachment the text says is only read (附件2为待核实企业名单，仅供走访参考，无需填写; the list is for reference only).
_READ_ONLY_AFTER = re.compile(
    r"[^。；;\n]{0,16}?(?:仅供[^，。；,;]{0,8}?(?:参考|参阅|查阅|使用)|(?:无需|无须|不需|不用|不必)填(?:写|报)"
    r"|(?i:\bfor reference only\b|\b(?:need|needs) not be (?:filled|completed|returned)\b|\bno need to (?:fill|complete|return)\b))"
)


def _read_only_in_text(name: str, text: str) -> bool:
    stem = re.sub(r"\.[A-Za-z]{2,5}$", "", name.strip()).strip("《》 ")
    if len(stem) < 4:
        return False
    return any(_READ_ONLY_AFTER.match(text, m.end()) for m in re.finditer(re.escape(stem), text))


def form_key(name: str) -> str:
    """A form's name for matching: no extension, no year, no brackets' content, folded."""
    stem = name.strip()
    stem = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", stem)
    stem = re.sub(r"^\s*附件\s*\d*\s*[：:．.、]?", "", stem)
    stem = re.sub(r"(?:19|20)\d{2}\s*年(?:度)?|[（(][^）)]*[）)]|[《》“”\"]", "", stem)
    return fold(stem)


_GLOSS = re.compile(r"[（(]([^（()）]+)[）)]")


def catalog_match(name: str, catalog: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The catalog form an attachment is (its catalog name), or None; an English name glossed with a catalog
    name (Safety Hazard Inspection Form (社区安全隐患排查表)) is that form."""
    for gloss in _GLOSS.findall(name):
        if _CJK.search(gloss) and FORM_NAME_PATTERN.search(gloss.strip()):
            glossed = _catalog_entry(gloss, catalog)
            if glossed:
                return glossed
    return _catalog_entry(name, catalog)


def _catalog_entry(name: str, catalog: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    key = form_key(name)
    if not key:
        return None
    best: tuple[float, str] | None = None
    for entry, aliases in catalog:
        for candidate in (entry, *aliases):
            other = form_key(candidate)
            if not other:
                continue
            if other == key:
                return entry
            ratio = fuzz.ratio(key, other)
            if ratio >= FORM_MATCH_RATIO and (best is None or ratio > best[0]):
                best = (ratio, entry)
    return best[1] if best else None


def text_length(text: str) -> int:
    """Characters of a document, as counted for the caps: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())


# The length a document says it has when only an excerpt is pasted (全文约5300字, 正文约4500字, about 5,600 characters),
# with what else it counts said beside the text (正文及附件填报说明共约4,300字, 本通知连同附件约4800字).
# …its number written any way (5,300, 5 300 as a scan spaces it, 五千六百, 六千几), the size said colloquially with no
# subject (份嘢好长，成六千几字; 足足五千多字), or as pages of a stated size (正文9页，每页约五百字: 4,500).
_LENGTH_NUMBER = r"(\d{1,3}(?:[,，  ]\d{3})+|\d{3,7}|[一二两三四五六七八九十][百千万][一二两三四五六七八九十百千零〇几]{0,6})"
_ABOUT = r"(?:共|约|计|共计|大约|合计|总计|逾|近|超过|足有|足足|差不多|差唔多|成)*"
STATED_LENGTH = re.compile(
    r"(?:全文|正文|原文|本(?:通知|文件|方案|文|意见))\s*(?:共?[^，。；,;\d（()）\n]{1,8}?(?:部分|章|节|条)[，,、]\s*)?(?:(?:及|和|与|连同|加上?|并)[^，。；,;\d（()）\n]{1,12}?)?\s*(?:[（(][^（()）\n]{1,30}[）)])?\s*"
    + _ABOUT
    + r"\s*"
    + _LENGTH_NUMBER
    + r"\s*(?:余|多|几)?\s*字"
    + r"|(?:成|足有|足足|差不多|差唔多)\s*"
    + _LENGTH_NUMBER
    + r"\s*(?:余|多|几)?\s*字"
    + r"|(?i:\b(?:full text|in full)?\s*(?:about|approx\.?|approximately|around|some|runs? to|totals?|totalling)"
    r"(?:\s+(?:about|approximately|around|some))?\s+(\d[\d,]{2,6})\s+(?:chinese\s+)?characters\b)"
)
_PAGES_OF = re.compile(
    r"(?:全文|正文|原文)(?:共|约)?\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*页[，,、\s]*每页"
    + _ABOUT
    + r"\s*"
    + _LENGTH_NUMBER.replace("\\d{3,7}", "\\d{2,7}")
    + r"\s*字"
)
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def _length_number(word: str) -> int:
    """A length as written: digits with or without separators, or a Chinese numeral (五千六百, 六千几: 6,000)."""
    digits = re.sub(r"[,，  ]", "", word)
    if digits.isdigit():
        return int(digits)
    total, pending = 0, 0
    for ch in word:
        if ch in _CN_UNITS:
            total += (pending or 1) * _CN_UNITS[ch]
            pending = 0
        else:
            pending = CHINESE_DIGITS.get(ch, 0) if ch != "十" else 10
    return total + pending


def stated_length(text: str) -> int:
    """The longest length the text itself states (0 when none)."""
    found = [0]
    for m in STATED_LENGTH.finditer(text):
        found.append(_length_number(next(g for g in m.groups() if g)))
    for m in _PAGES_OF.finditer(text):
        found.append(_length_number(m.group(1)) * _length_number(m.group(2)))
    return max(found)


# ---------------------------------------------------------------------------------------------
# Meetings


@dataclass(frozen=True)
class MeetingInput:
    title: str
    text: str = ""
    heads: bool = False  # the notice summons community heads (书记/主任)
    heads_have_agenda: bool = False  # …and they report, speak or are briefed on their own work
    minutes: int = 0  # declared length
    mode: str = ""  # MeetingMode or "" (read from the text)
    in_person_reason: str = ""
    approved_by: str = ""  # the approving authority (e.g. 区委办公室), its reference in approval_ref
    approval_ref: str = ""

    @property
    def full_text(self) -> str:
        return f"{self.title}\n{self.text}"


# A few communities named or counted as the speakers (锦华社区、东湖社区作交流发言, 甲社区、乙社区主任, 三个观摩点社区书记作
# 交流发言), or a few heads counted (3名第一书记作典型发言, two community directors), while the heads of every community
# are summoned (各社区党组织书记): the rest sit through, the part is not theirs.
# …however long the name (光禄坊片区社区, 安泰河沿岸社区)
_COMMUNITY_NAME = r"(?:(?![各每本全该其])[\u4e00-\u9fff]){1,6}|[XxＸ×*＊]{1,3}|[A-Z]{1,3}"
# …or one community named as the speaker (XX社区书记作典型发言, 东湖社区作交流发言), not one said of any (所在社区, 相关社区)
_ONE_NAMED_COMMUNITY = (
    r"(?:(?<![\u4e00-\u9fffA-Za-z])|(?<=[由请])|(?<=[街镇乡]))(?:[XxＸ×*＊]{2,3}|[甲乙丙丁戊己庚辛]|[A-Z]|(?!所在|相关|有关|辖区|城市|农村|涉及|所属|各个|部分|全部|其他|其余|示范|试点|重点|广大|基层"
    rf"|全区|本区|两|二|三|四|五|六|十)(?:(?![各每本全该其])[\u4e00-\u9fff]){{2,3}}){_COMMUNITY}"
    r"(?=(?:党组织|党委|党总支|党支部)?(?:书记|主任|负责人)?(?:(?:作|进行|代表)[^，。；,;、]{0,16}?|[^，。；,;、]{0,6}?)(?:发言|汇报|介绍|交流|分享|讲解|讲述|作报告))"
    # …in English: the speaker is the head of one named community (sharing by the Party secretary of Community A)
    r"|(?<=\bby the )(?i:(?:party )?(?:secretary|director|head|chair))(?= of Community [A-Z]\b)"
)
# …with or without a gloss in brackets after the name (Community A (Haidian), Community B (Renmin Road))
_EN_NAMED = r"(?:\bCommunity [A-Z][\w'’-]*|\b[A-Z][\w'’-]* Community\b)(?:\s*\([^()\n]{1,40}\))?"
_A_FEW_COMMUNITIES = re.compile(
    rf"(?:(?:{_COMMUNITY_NAME}){_COMMUNITY}、)+(?:{_COMMUNITY_NAME}){_COMMUNITY}|{_ONE_NAMED_COMMUNITY}"
    # (not the communities the notice is sent to, said back: 上述五个社区, 以上三个社区 are all it summons)
    rf"|(?<![每各第])(?<!上述)(?<!以上)(?<!前述)(?<!上列)(?<!这)(?:[两二三四五]|[2-5])个[^，。；,;、各每全]{{0,6}}?{_COMMUNITY}"
    r"|(?<![每各第\d])(?:[两二三四五]|[2-5])\s*(?:名|位)[^，。；,;、各每全其]{0,8}?(?:书记|主任)"
    # rules38: one or two for each of a few named units (塘桥、洋泾两街道各一个居民区书记, 每个街道推荐1名社区书记)
    rf"|(?:(?:(?<=街道)|(?<=[镇乡])|(?<=片区))各|每个?(?:街道|镇|乡|片区|街镇)(?:推荐|选派|选|派)?)(?:一|1|两|2)\s*(?:个|名|位)[^，。；,;、各每全]{{0,6}}?(?:{_COMMUNITY}|书记|主任)"
    r"|(?i:\b(?:two|three|four|five|\d) (?:selected |model |pilot )?(?:communities|community (?:directors|secretaries|heads))\b)"
    # named in English (Community A, Community B and Community C; Jinqiao and Nanyuan communities)
    rf"|{_EN_NAMED}(?:(?:,\s*|,?\s+and\s+){_EN_NAMED})+"
    r"|\b[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?(?:,\s*[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)*,?\s+and\s+[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?\s+communities\b"
    r"|\bCommunit(?:y|ies) [A-Z]\b(?:(?:,\s*|,?\s+and\s+)[A-Z]\b)+"
)
_EVERY_COMMUNITYS_HEADS = re.compile(
    # …of the whole district, city, county, town or street, counted or not (全市42个社区党组织书记, 全镇各村社书记)
    rf"(?:各|全(?:区|市|县|镇|乡|旗|街道?)|全体|所有)[^，。；,;、]{{0,4}}?{_COMMUNITY}[^，。；,;、]{{0,8}}?(?:书记|主任|负责人)"
    # …or the heads said to come all of them (书记主任全部上线, 书记、主任一律参会)
    r"|(?<![区市县省委局镇办部科])(?:书记|主任)(?:、|和|及)?(?:书记|主任)?(?:全部|全体|一律|统统|都要|均须|均要)"
    # (rules38: …or all the others, while a few are named: All other community Party secretaries … listen)
    r"|(?i:\b(?:all|every|each) (?:the )?(?:other |remaining )?communit(?:y|ies)['’]?s?\b[^.;]{0,12}?\b(?:secretar(?:y|ies)|directors?|heads?)\b"
    r"|\b(?:secretar(?:y|ies)|directors|heads) of (?:all|every|each) (?:the )?(?:[\w-]+ |\d+ ){0,2}(?:communit(?:y|ies)"
    r"|residents['’]? committees?|neighbou?rhood committees?)(?!\w))"
)


_ALL_TAKE_PART = re.compile(
    r"分组(?:讨论|研讨|交流)|集体讨论|(?:自由|互动)(?:发言|交流|讨论)"
    r"|(?i:\b(?:group|open|plenary|round-table) discussions?\b|\bbreakout (?:groups?|sessions?)\b)"
)


# …an item of the programme, not the purpose a reason for meeting in person gives (便于与会同志面对面互动交流).
_PURPOSE_BEFORE = re.compile(r"(?:便于|方便|以便|利于|有利于|为了|为便于|促进|加强)[^，。；,;]{0,10}$")


def _all_take_part(text: str) -> bool:
    return any(
        not _PURPOSE_BEFORE.search(text, max(0, m.start() - 16), m.start())
        for m in _ALL_TAKE_PART.finditer(text)
    )


# …and the rest after them (其余各社区书记每人2分钟发言, 其他社区主任逐一汇报, the other directors each report): what is said
# after the rest are named is said of every community, not of the few.
_THE_REST = re.compile(
    rf"(?:其余|其他|其它|剩余|剩下(?:的)?|余下(?:的)?|另外(?:的)?|其他各|其余各)(?:各|的|每个|每)?{_COMMUNITY}"
    r"|(?i:\b(?:the )?(?:other|remaining|rest of the) (?:[\w-]+ ){0,2}(?:communities|directors|secretaries|heads)\b"
    r"|\bthe rest\b)"
)


# (an English line broken inside a sentence: the next starts in lower case, or indented as its continuation)
_BROKEN_LINE = re.compile(r"(?<=[A-Za-z,])\n(?:[ \t]+(?=[A-Za-z(])|(?=[a-z(]))")


def _joined_lines(text: str) -> str:
    return _BROKEN_LINE.sub(" ", _HARD_WRAP.sub("", text))


def _said_of_a_few(text: str, word: str) -> bool:
    """The heads' part is said in a sentence whose speakers are a few named or counted communities (and not of
    the rest named after them)."""
    # (a line broken inside the sentence, as a PDF or a scan breaks it, read joined up: rules38)
    text, word = _joined_lines(text), _joined_lines(word)
    for sentence in _SENTENCE.findall(text):
        at = sentence.find(word)
        few = _A_FEW_COMMUNITIES.search(sentence)
        if at >= 0 and few and few.start() < at + len(word):
            rest = _THE_REST.search(sentence, few.end())
            if (
                rest
                and rest.start() <= at + len(word)
                and not _A_FEW_COMMUNITIES.search(sentence, rest.end(), at)
            ):
                continue  # said of the rest: every community has it
            return True
    return False


def _few_speak(text: str) -> list[str]:
    """The speaking words of a few named or counted communities (Community A and Community B present their
    experience, 甲社区书记介绍建设经验), not of the rest named after them."""
    found = []
    for few in _A_FEW_COMMUNITIES.finditer(text):
        end = _SENTENCE_END.search(text, few.end())
        stop = min(end.start() if end else len(text), few.end() + 40)
        verb = _OWN_PART.search(text, few.end(), stop)
        if verb and not _THE_REST.search(text, few.end(), verb.start()):
            found.append(verb.group(0))
    return found


# The notice's roll of participants (参会人员：…, Participants: …) naming others and no head at all (各社区分管副主任、
# 残疾人专职委员; 专干, 网格员, liaison officers): read when the text names no head anywhere else either.
_ROLL_OF_OTHERS = re.compile(
    r"(?:参会|参加|与会|出席|参训|培训)(?:人员|对象|范围)\s*[：:]"
    r"(?=[^。\n]{0,60}?(?:副主任|专干|专职|委员|网格员|联络员|工作人员|社工|指导员|信息员))"
    r"(?![^。\n]{0,60}?(?<!副)(?:书记|主任|负责人|两委))"
    r"|(?i:\b(?:participants|attendees|invitees)\s*:(?=[^.\n]{0,60}?\b(?:liaisons?|staff|officers?|workers?|deput(?:y|ies))\b)"
    r"(?![^.\n]{0,60}?\b(?:directors?|secretar(?:y|ies)|heads?|chairs?)\b))"
)


def check_meeting(meeting: MeetingInput, limits: Limits = DEFAULT_LIMITS) -> Result:
    text = unspaced(meeting.full_text)
    findings: list[Finding] = []
    heads_found = heads_in_text(text)
    accompany_words = accompany_words_in_text(text)
    declared = meeting.approved_by.strip()
    # rules38: the text saying who approved it, and no body (经中心管理委员会会议研究同意, As agreed by our Centre's
    # management committee meeting), outweighs a declared body, as the text outweighs the ticked heads
    text_authority = approving_body(text)
    declared_ok = is_approving_body(declared) and not is_the_issuer(declared, text)
    if declared_ok and not text_authority and _approved_by_no_body(text):
        declared_ok = False
    authority = (declared if declared_ok else "") or text_authority
    text_minutes = minutes_in_text(text)
    minutes = max(int(meeting.minutes or 0), text_minutes)
    online_words = online_in_text(text)
    mode = meeting.mode or (MeetingMode.ONLINE if online_words else MeetingMode.IN_PERSON)
    if not meeting.mode and online_words and switched_to_in_person(text):
        mode = MeetingMode.IN_PERSON
    # A video meeting (as its organiser declares it) that the community still travels to: 到片区分会场收看.
    # …or one some of whose communities come to the main venue (甲社区书记作典型发言（到主会场）), whatever was declared
    if _travels_to_watch(text) or _TO_THE_MAIN_VENUE.search(text):
        mode = MeetingMode.IN_PERSON
    # …or whose text puts the on-line way aside and names none of its own (本次不开视频): the text outweighs the field
    if mode == MeetingMode.ONLINE and not online_words and ONLINE_PUT_ASIDE.search(text):
        mode = MeetingMode.IN_PERSON
    reason = declared_reason(meeting.in_person_reason)
    if reason and _GOING_ALONG_WORD.match(reason) and _SITES_LEFT_OPEN.search(text):
        reason = ""  # going along with inspectors who pick the sites on the day: no place is named
    reason = reason or in_person_reason_in_text(text)
    if reason and _GOING_ALONG_WORD.match(reason) and _SITES_LEFT_OPEN.search(text):
        reason = (
            ""  # …whether the visit is declared or read from the text (实地督查, 点位由督查组现场随机确定)
        )
    own_part = (
        heads_own_part_in_text(text) + heads_role_in_text(text) + heads_hand_over_in_person(text, reason)
    )
    agenda_words = agenda_words_in_text(text) + own_part
    only_a_few_speak = False
    if _EVERY_COMMUNITYS_HEADS.search(text):
        said_of_a_few = [w for w in agenda_words if _said_of_a_few(text, w)]
        own_part = [w for w in own_part if w not in said_of_a_few]
        agenda_words = [w for w in agenda_words if w not in said_of_a_few]
        # the organiser's "the heads have an item" is true of the few, not of the heads summoned, unless the
        # programme has an item every one of them takes part in (分组讨论, open discussion)
        # …and so when the programme's only speakers are a few named communities, whatever their verb
        only_a_few_speak = (
            not agenda_words and not _all_take_part(text) and bool(said_of_a_few or _few_speak(text))
        )
    if own_part:  # going along with an inspection group, then reporting themselves, is no 陪会
        accompany_words = [w for w in accompany_words if not _GOING_ALONG.fullmatch(w)]
    detected = {
        "heads": heads_found,
        "heads_agenda_in_text": agenda_words,
        "accompany_words": accompany_words,
        "minutes": minutes,
        "minutes_in_text": text_minutes,
        "mode": str(mode),
        "in_person_reason": reason,
        "approved_by": authority,
        "not_for_communities": "" if meeting.heads else not_for_communities(text),
    }
    if detected["not_for_communities"]:
        return Result((), detected)

    # 1. approval: every notice here is aimed at communities (the grassroots)
    if not authority:
        findings.append(
            Finding(
                Rule.MEETING_NO_APPROVAL,
                _(
                    "未注明批准机关：%(rules)s第二部分规定，未经批准不得直接开会到基层（含视频会议）。"
                    "请注明批准机关和批准文号后重新提交。"
                )
                % {"rules": RULES_2024},
            )
        )
    # 2. 陪会
    # the text excusing the heads in so many words (社区书记、主任无需参加) outweighs a ticked "heads summoned", and so
    # does its roll of participants naming no head (参会人员：各社区分管副主任、残疾人专职委员)
    ticked = meeting.heads and (bool(heads_found) or not _ROLL_OF_OTHERS.search(text))
    summoned = (ticked or bool(heads_found)) and not heads_excused_in_text(text)
    agenda = (meeting.heads_have_agenda and not only_a_few_speak) or bool(agenda_words)
    if summoned and (accompany_words or not agenda):
        who = "、".join(heads_found) or _("社区负责人")
        how = (
            _("要求「%(words)s」") % {"words": "、".join(accompany_words)}
            if accompany_words
            else _("会议没有社区负责人本人的议题")
        )
        findings.append(
            Finding(
                Rule.MEETING_ACCOMPANY,
                _(
                    "通知要求%(who)s参会，%(how)s：%(rules)s第二部分规定，不得要求基层负责人陪会。"
                    "请取消对社区负责人的参会要求，或改为只请有议题的社区、由其本人汇报。"
                )
                % {"who": who, "how": how, "rules": RULES_2024},
                tuple(heads_found + accompany_words),
            )
        )
    # 3. length
    if minutes > limits.meeting_max_minutes:
        findings.append(
            Finding(
                Rule.MEETING_TOO_LONG,
                _(
                    "会议时长%(minutes)s分钟，超过上限%(cap)s分钟：%(rules)s第二部分要求开短会，"
                    "一般不超过半天。请压缩议程。"
                )
                % {"minutes": minutes, "cap": limits.meeting_max_minutes, "rules": RULES_2024},
            )
        )
    # 4. on-line preferred (a warning)
    if mode == MeetingMode.IN_PERSON and not reason:
        findings.append(
            Finding(
                Rule.MEETING_IN_PERSON,
                _("线下会议未说明理由：能线上开的会议应线上召开，减少基层往返。"),
            )
        )
    return Result(tuple(findings), detected)


# ---------------------------------------------------------------------------------------------
# Documents


@dataclass(frozen=True)
class DocumentInput:
    title: str
    text: str = ""
    scope: str = DocumentScope.SPECIAL
    length: int = 0  # declared characters (when only an excerpt is pasted)
    attachments: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return f"{self.title}\n{self.text}"


def check_document(
    document: DocumentInput,
    catalog: Sequence[tuple[str, Sequence[str]]] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Result:
    text = unspaced(document.full_text)
    findings: list[Finding] = []
    length = max(int(document.length or 0), text_length(document.text), stated_length(text))
    cap = (
        limits.comprehensive_max_chars
        if document.scope == DocumentScope.COMPREHENSIVE
        else limits.special_max_chars
    )
    attachments = list(dict.fromkeys([*document.attachments, *attachments_in_text(unspaced(document.text))]))
    forms = [a for a in attachments if is_form(a) and not _read_only_in_text(a, text)]
    matched = {a: catalog_match(a, catalog) for a in forms}
    report_back = demands_in_text(text, REPORT_BACK_KINDS)
    matching = demands_in_text(text, MATCHING_KINDS)
    detected = {
        "length": length,
        "attachments": attachments,
        "forms": [{"name": a, "catalog": matched[a]} for a in forms],
        "report_back": report_back,
        "matching": matching,
    }
    if length > cap:
        findings.append(
            Finding(
                Rule.DOCUMENT_TOO_LONG,
                _(
                    "文件%(n)s字，超过%(scope)s上限%(cap)s字：%(rules)s第一部分规定综合性文件不超过5000字、"
                    "专项工作文件不超过4000字。请精简。"
                )
                % {
                    "n": f"{length:,}",
                    "scope": DocumentScope(document.scope).label,
                    "cap": f"{cap:,}",
                    "rules": RULES_2024,
                },
            )
        )
    if report_back:
        findings.append(
            Finding(
                Rule.DOCUMENT_REPORT_BACK,
                _(
                    "文件要求「%(words)s」：%(rules)s第一部分规定，不得要求基层报送贯彻落实情况。请删除该要求。"
                )
                % {"words": "」「".join(dict.fromkeys(report_back)), "rules": RULES_2024},
                tuple(report_back),
            )
        )
    if matching:
        findings.append(
            Finding(
                Rule.DOCUMENT_MATCHING,
                _(
                    "文件要求「%(words)s」：%(rules)s第一部分规定，不得要求基层制定配套文件，"
                    "防止上下一般粗。请删除该要求。"
                )
                % {"words": "」「".join(dict.fromkeys(matching)), "rules": RULES_2024},
                tuple(matching),
            )
        )
    outside = [a for a in forms if matched[a] is None]
    if outside:
        findings.append(
            Finding(
                Rule.DOCUMENT_FORM_NOT_IN_CATALOG,
                _(
                    "附件表格不在本年度报表目录（实施目录清单）内：%(forms)s。目录外的表格须先经减负办"
                    "“一事一报”审批列入目录；能由居民库提供的数据不再让社区填报。"
                )
                % {"forms": "、".join(f"「{a}」" for a in outside)},
                tuple(outside),
            )
        )
    return Result(tuple(findings), detected)
