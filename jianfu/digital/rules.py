"""The rule check of 指尖上的形式主义: which rules of 2023 and 2024 a description of an app, a group or a
meeting breaks (facts §2, §8.5). A pure function of the text and the data dictionary: no database.

`check(text)` → `CheckResult(violations=[code…], reasons=[…], hits=[…])`.

How it reads a description (Chinese or English):
1. The text is normalised (full-width → half-width, traditional → simplified, regional and dialect words in
   their standard Mandarin form, jianfu.digital.varieties — 冇回嘅 → 没有回的, 阮 → 我们, 毋免 → 不用, 長官 → 领导, 莫得 → 没有 —,
   lower case) and cut
   into sentences (。；！？ newline, "; ! ?", and ". " in English too — not after p.m., a.m., e.g., no. —, so that a
   negation in one English sentence does not reach into the next) and those into clauses (，, and an emoji closing a chat message's
   clause; 、 kept inside).
2. Each code has *kinds* of wording, not sentences: trigger words and their synonyms (签到/打卡/定位
   签到/钉钉打卡…), some only in a context (拍照 counts as 留痕 only with 留存、佐证、每次走访…;
   24小时 only with 值守、在线、待命…; a data field of the dictionary only with 报送、填报、录入…).
3. A trigger is cancelled by a prohibition or exemption governing it: before it in the same clause
   (不要求、无需、禁止、不得、取消、不再、自愿… / no, not required, never, without, banned…), right
   after it (打卡不再纳入考核, screenshots are not required), or for the whole sentence after a colon
   (禁止以下做法：打卡、排名…). A contrast (但、而是、改为 / but, instead) ends a prohibition's reach.
   Words describing a failure (未打卡的、不按时签到、打卡不及时 / who fail to, who do not, does not count
   unless) do not cancel: they describe how the rule is enforced, which is the breach itself. A breach
   named as the problem being put right (针对督查指出的“每日签到”问题, in response to the check-in issue, a
   rectification ledger's 问题：… — the whole field, up to the row's next ｜ field, in a row with 措施/时限/责任人 or
   Issue: … | Action: …) is no requirement either, nor is what was asked formerly and has since been
   removed (以前…每天要打卡，…不再要求: a past marker opening the clause, a removal later in the sentence; used to …
   dropped). A deferral right after a trigger (顺延至次日, the next morning) puts aside only an after-hours duty: those
   who have not replied are listed by name the next morning is still a naming. A list continued after the trigger is put aside as a whole by the words after it (积分排名、在线时长统计、
   打卡签到三项功能已下线; the leaderboard, online duration and attendance modules have been removed; in English also a
   list of things named with their article and no module noun: the staff sign-in, the points leaderboard and the
   online-time counter have been removed — not a verb: workers must sign in, and the old forms have been removed). A
   question asked (I asked whether I had to clock in; 问要不要打卡) states no requirement. Spoken and
   dialect negations count (莫得, 没得, 冇; 拿掉, 撤掉), and a finding's 未向/未将/未下达… (未向社区下达关注任务) —
   unless a 的 or 者 before the trigger makes it who failed (未向街道报送台账的社区予以通报), as it does after a bare
   不/没有 and its verb (不回的明天通报, 没交的月底点名). A rhetorical question
   (那不就是喊我们周末加班嘛, 岂不是) affirms: no negation. A source's request not to be named (a grid worker, who asked
   not to be named) negates nothing the sentence then reports; a remedy word before 前/后 (点位整治前后对比照片, 治理后拍照)
   names the moment of the work, not a remedy aimed at the trigger; a feature removed on a date (板块已于2026年9月下线,
   taken offline) is put aside; disabled residents (残疾人) are no switch-off. A removal in the next sentence puts aside
   what was asked formerly (The app used to have a check-in. It was removed in May.); a feature retired (retired the
   daily sign-in function) or spoken 撤了 (打卡功能也给撤了) is put aside; "optional" covers its own noun only (an optional
   video, stored as evidence); a prohibition after the trigger stops at a ledger row's next ｜ field (后台统计登录次数｜
   整改意见：取消安装率考核: the proposal names another requirement, this one stays in force). A sentence that says what it
   describes has nothing to do with the work (跟我们工作莫得关系, it has nothing to do with our work — the sentence before
   too, when this one speaks of "it", 那, 这), with no contrast, reports no requirement. A clue record (问题线索台账:
   反映问题：…｜核查情况：…) is read as a whole: its allegation stands only when the finding affirms it (属实, substantiated);
   an app review's row whose conclusion retires the app (评估结论：注销, not 拟注销) puts aside what it describes; a text
   headed FAQ answers its questions (… Is that the check-in? No.). 非 naming a time outside something (非应急响应期间也要求…)
   negates nothing, and a list of denials after a 未 (未排名、未通报) is no consequence of a failure. What was asked
   formerly is marked by any word of a time gone by (去年, 曾, 前几年, 当初, the former 原“…”), after a colon too, and its
   removal may be said 停止; a feature named by the trigger (“每日打卡”功能) is put aside by a removal opening the very next
   clause (，已于10月15日下线); a claim others make (老有人说…排名) denied later of the same word (真没有排名) states no
   requirement; nobody said in Chinese after the trigger (下班以后群里基本没人发消息了) puts it aside as "nobody" does.
4. Each code found gives one reason citing the document and its words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _

from jianfu.core.text import to_simplified
from jianfu.digital.varieties import to_standard
from jianfu.digital.wording import KINDS, NO_RELATION_TO_WORK, PREFILLED, REQUEST_VERBS, Kind

CODES = (
    "check_in",
    "ranking",
    "online_time",
    "forced_use",
    "trace_screenshot",
    "after_hours",
    "repeat_reporting",
)

DOC_2023 = "《关于防治“指尖上的形式主义”的若干意见》（2023年）"
DOC_2024 = "《整治形式主义为基层减负若干规定》（2024年8月6日）"


def rule_text(code: str) -> tuple[str, str, str]:
    """(short label, document(s), the rule's words) for a code — the citation shown with a breach."""
    rules = {
        "check_in": (
            _("打卡签到"),
            f"{DOC_2023}；{DOC_2024}第五部分",
            _("面向基层的政务应用程序不得设置打卡签到功能；不得以打卡签到考核基层。"),
        ),
        "ranking": (
            _("积分排名"),
            f"{DOC_2023}；{DOC_2024}第五部分",
            _("不得设置积分排名，不得滥用排名、通报排名。"),
        ),
        "online_time": (
            _("在线时长"),
            f"{DOC_2023}；{DOC_2024}第五部分",
            _("不得统计、考核在线时长（活跃度、在线率等）。"),
        ),
        "forced_use": (
            _("强制使用"),
            f"{DOC_2023}；{DOC_2024}第五部分",
            _("不得强制下载使用，不得设定注册率、关注率等指标。"),
        ),
        "trace_screenshot": (
            _("截图留痕"),
            f"{DOC_2024}第五部分、第三部分",
            _("工作群不得要求以截图、录视频代替实地工作；留痕不作为衡量工作的标准。"),
        ),
        "after_hours": (
            _("24小时值守"),
            f"{DOC_2024}第五部分",
            _("工作群不作为24小时值班渠道，不得要求工作时间以外随时回复、在线待命。"),
        ),
        "repeat_reporting": (
            _("重复报送"),
            f"{DOC_2024}第五部分；{DOC_2023}",
            _("同一事项的数据最多报一次（最多报一次），不得多头填报；已掌握的数据不得要求基层重复报送。"),
        ),
    }
    return rules[code]


# ---------------------------------------------------------------------------------------------
# Wording


# characters before 别 that make it the end of a word (类别, 级别, 区别, 分别, 性别 …), not "don't"
_BIE_COMPOUND = frozenset("类级区分性识鉴辨差个特告派组判离甄")
# Words that put the requirement aside (longest first when matched). Before the trigger, in its clause.
# spoken removals, before or after what they remove: 打卡那个按钮都拿掉了, 把排名撤掉
SPOKEN_REMOVALS = (
    "拿掉",
    "撤掉",
    "砍掉",
    "去除",
    "拆掉",
    "撤下",
    "关了",
    "关掉",
    "停掉",
    "删掉",
    "删了",
    r"(?<![撤下])撤了",
    r"(?:已经|已|早就|早已|都)停(?:了|掉了|用了)",
    "下掉",
)
PROHIBIT_BEFORE = (
    "不要求",
    "不再要求",
    "不作要求",
    "不做要求",
    "不强制",
    "不强求",
    "无需",
    "无须",
    "毋需",
    "毋须",
    "不需要",
    "不需",
    "不必",
    "不用",
    "禁止",
    "严禁",
    "不得",
    "不准",
    "不许",
    "不可",
    "不能",
    "不应",
    "不宜",
    "杜绝",
    "取消",
    "取缔",
    "叫停",
    "废止",
    "废除",
    "停止",
    "停用",
    "关闭",
    "关掉",
    "下线",
    "删除",
    "删去",
    "去掉",
    "移除",
    "撤销",
    "撤除",
    *SPOKEN_REMOVALS,
    "不再",
    "不搞",
    "没搞",
    "没有搞",
    "不设",
    "不设置",
    "未设置",
    "未设",
    "未开通",
    "未要求",
    # a finding or a self-check that says what was not done (未向社区下达关注任务, 未将使用情况纳入考核) — not
    # who failed (未向街道报送的社区予以通报: a 的 or 者 before the trigger makes it the failing subject)
    "未向",
    "未对",
    "未将",
    "未把",
    "未以",
    "未下达",
    "未设定",
    "未纳入",
    "未列入",
    "未作",
    "未做",
    "未开展",
    "未组织",
    "未强制",
    "未统计",
    "未考核",
    "未通报",
    "未公布",
    "从未",
    "从不",
    "不开展",
    "不进行",
    "不组织",
    "不以",
    "不将",
    "不把",
    "不对",
    "不会",
    "不作",
    "不做",
    "不纳入",
    "不列入",
    "不计入",
    "不统计",
    "不考核",
    "不通报",
    "不公布",
    "不收集",
    "不采集",
    "不涉及",
    "不包含",
    "不含",
    "没有",
    # spoken and dialect forms of 没有 (现在莫得哪个再喊我们打卡, 冇人要求打卡)
    "没得",
    "莫得",
    "冇",
    "木有",
    "并无",
    "无任何",
    "免于",
    "免除",
    "避免",
    "防止",
    # a purpose or a remedy aimed at the breach word itself (at most 4 characters before it, the end of
    # the text looked at): 为减少重复填报, 整治多头报送, 解决重复录入问题 — not 环境整治…拍照, 人数减少的社区被通报
    # (a remedy word followed by 前/后 names the moment of the work, not a remedy: 点位整治前后对比照片, 治理后拍照)
    r"(?:减少|减轻|压减|精简|整治|治理|纠正|破解|化解|根治|遏制|解决|清除|取代|替代|代替)(?!前|后|之[前后]|以[前后])(?=[^,。;]{0,4}$)",
    r"\b(?:reduc\w*|eliminat\w*|cut(?:s|ting)? down on|put an end to|tackl\w*|curb\w*|replac\w*)(?=(?: \w+){0,2} ?$)",
    "反对",
    "拒绝",
    "自愿",
    "可自愿",
    "自主",
    "鼓励",
    "倡导",
    "欢迎",
    r"\bencourag",
    r"\binvit",
    r"\bwelcome",
    "可选",
    "非必须",
    "非强制",
    "勿",
    # spoken 莫 as "don't" (武汉话, 重庆话: 大家莫再拍照片了, 莫要发), not 莫得/莫有 (= 没得, 没有), 莫名, 莫非, 莫来头, 莫斯科
    r"莫(?=再|要|去|搞|发|拍|报|填|打|催|等|急)",
    # 别 as "don't", not inside 类别/级别/区别/分别/性别/识别/个别/特别/告别, nor 别人/别的/别处
    rf"(?<![{''.join(sorted(_BIE_COMPOUND))}])别(?![人的处称名墅])",
    "无",
    "非",
    "不",
    r"\bno\b",
    r"\bnot\b",
    r"\bnever\b",
    r"\bwithout\b",
    r"\bnor\b",
    r"\bneither\b",
    r"\bnone\b",
    r"\b(?:nobody|no one|no-one)\b",
    r"\bdon'?t\b",
    r"\bdoesn'?t\b",
    r"\bwon'?t\b",
    r"\bisn'?t\b",
    r"\baren'?t\b",
    r"\bcannot\b",
    r"\bcan'?t\b",
    r"\bno longer\b",
    r"\bprohibit",
    r"\bforbid",
    r"\bban(?:s|ned)?\b",
    r"\babolish",
    r"\bremov",
    # a feature retired (the district retired the points leaderboard and the daily sign-in function) — not retired people
    r"\bretir(?:e|es|ed|ing) (?=the |its |their |this |that |these |those |both )",
    # (switched off — not disabled people, a disabled resident, disability: 残疾人)
    r"\bdisabl(?!ed (?:residents?|people|persons?|veterans?|children|adults?|elderly|older|members?|neighbou?rs?|users?|"
    r"applicants?|workers?|persons|household|families|family)\b|ed [\w-]+'s\b|ed and\b|ilit)",
    r"\bstop",
    r"\bavoid",
    r"\binstead of\b",
    r"\brather than\b",
    r"\bfree from\b",
    r"\bvoluntar",
    # "optional" as an adjective covers its own noun only (an optional 15-second video, stored as evidence: the evidence
    # is not optional); "optional:" or "optional for staff" before the trigger still governs it
    r"\boptional(?=(?:\s+[\w'-]+){0,3}\s*$|\s*(?::|for\b))",
    r"\bexempt",
    r"\bscrapp",
    r"\bdrop(?:s|ped)?\b",
    r"\bturn(?:s|ed)? off\b",
    r"\bswitch(?:es|ed)? off\b",
    r"(?<!-)\bend(?:s|ed)?\b",  # not year-end, month-end (a time, not "ends")
    r"\bnothing\b",
    # a question asked, not a requirement stated: I asked whether I had to clock in; 问要不要打卡
    # (not what they are asked to do: workers are asked if they can …)
    r"(?<!are )(?<!is )(?<!was )(?<!were )(?<!be )\b(?:asked|ask|asks|asking|wondered|wonder|wondering|enquired|inquired|queried)"
    r"(?: \w+){0,2} (?:whether|if)\b",
    r"(?<![访提询])问(?!题|卷)(?:过|了|一下)?[^,。;]{0,6}(?:要不要|用不用|需不需要|是不是要|是否(?:需要|要|必须|得))",
)
# Right after the trigger: the requirement is put aside (打卡不再纳入考核, screenshots are not required).
PROHIBIT_AFTER = (
    "暂停",
    "停止",
    "休息",
    "不办公",
    "不再",
    "不作为",
    "不作",
    "不做",
    "不是必须",
    "不是必需",
    "非必须",
    "非必需",
    "非强制",
    "不强制",
    "不纳入",
    "不计入",
    "不列入",
    "不与",
    "不和",
    "不挂钩",
    "已取消",
    "已关闭",
    "已停用",
    "已删除",
    "已下线",
    # removed on a date: 原“学习时长排行”板块已于2026年9月下线, 已在去年底取消
    r"已(?:经)?(?:于|在|从)[^,。;]{0,12}?(?:取消|关闭|停用|删除|下线|撤销|撤除|废止)",
    *SPOKEN_REMOVALS,
    # the module or function is switched off with it: 签到模块同步关闭, 排名功能一并取消
    r"(?:模块|功能)(?:同步|一并|同时|也|均|随之)?(?:关闭|停用|下线|删除|取消)|(?:同步|一并|随之)(?:关闭|停用|下线|删除|取消)",
    "取消",
    # changed to voluntary (签到改成自愿的, 打卡改为非强制; made optional, is now voluntary): the change is of its mode, no
    # contrast with something else that is asked instead
    r"(?:改为|改成|变为|变成|调整为|转为)(?:了)?(?:自愿|可选|非强制|非必须|选填|自主|不强制)",
    r"\b(?:is|are|was|were|has been|have been|became|becomes|become) (?:now )?(?:made )?(?:optional|voluntary)\b",
    "功能已",
    "不做要求",
    "不作要求",
    "不要求",
    "不需要",
    "无需",
    "自愿",
    "可选",
    "一律取消",
    "全部取消",
    "禁止",
    "不得",
    "不允许",
    "不被",
    "均不",
    "都不",
    "不",
    "勿",
    r"\bis not (?:required|needed|mandatory|used|counted|collected|tracked|recorded|compulsory|allowed|permitted|expected)",
    r"\bare not (?:required|needed|mandatory|used|counted|collected|tracked|recorded|compulsory|allowed|permitted|expected)",
    r"\bis no longer",
    r"\bare no longer",
    r"\bnot (?:required|needed|mandatory|counted|tracked|recorded|allowed|permitted|expected)",
    r"\bis optional",
    r"\bare optional",
    r"\bis voluntary",
    r"\bare voluntary",
    # (a setting shown switched off: 'ranking' was greyed out, 排名按钮已置灰)
    r"\b(?:is|are|was|were|have been|has been) (?:banned|prohibited|forbidden|removed|abolished|disabled|dropped|scrapped|switched off|turned off|taken (?:offline|down)|discontinued|withdrawn|retired|gr[ae]yed[- ]out|deactivated)",
    "置灰",
    "灰掉",
    r"\bwill not\b",
    r"\bwon'?t\b",
    r"\b(?:nobody|no one|no-one)\b",
    # (DEMANDED, digital38: nobody said in Chinese as in English — 下班以后群里基本没人发消息了 —, not who failed, 没人回的点名, nor
    # a condition, 没人回复就打电话催)
    r"(?:基本|几乎|都|也|再|就)?(?:没人|没有人|无人|没谁)(?![^,。;]{0,6}(?:的|者|就|便|则))",
)
# Words right after a trigger that defer it to the next working day (夜间消息顺延至次日处理, replies wait until the next
# morning): they put aside only an after-hours duty, not what else the sentence does then (those who have not replied are
# listed by name the next morning, 未完成的次日通报: the naming happens the next morning).
DEFER_AFTER = (
    "顺延",
    "次日",
    "下一工作日",
    "下个工作日",
    r"\bnext (?:working|business) day",
    r"\bthe next (?:day|morning)",
)
# A failure to comply is not a prohibition: it describes enforcement, i.e. the breach itself.
FAILURE = (
    "未按时",
    "未按要求",
    "未及时",
    "未完成",
    "不按时",
    "不按要求",
    "不及时",
    # a minimum, however its modal is said (不少于, 不得低于, 不能少于, 不可以低于 — Cantonese 唔可以低过): one construction
    r"不(?:得|能|应|可以|可|准|许)?(?:少于|低于|小于|短于)",
    "不超过",
    "不间断",
    "不停",
    "不定期",
    "不定时",
    "不论",
    "不管",
    "不分",
    "不限",
    "不断",
    "不同",
    "不仅",
    "不但",
    "不久",
    "不时",
    "不一",
    "不少",
    "不小心",
    "不论",
    "不到位",
    "不清晰",
    "不完整",
    "不规范",
    "不合格",
    "不达标",
    "不足",
    "不够",
    "不全",
    "不满",
    "漏",
    "迟",
    # 不 that is no negation: 不然/要不然 (otherwise), 周六周日不例外, 周末也不让歇 (no rest: the duty itself)
    "不然",
    "要不然",
    # a rhetorical question affirms (那不就是喊我们周末加班嘛, 岂不是要24小时在线): no negation
    r"不就(?:是)?",
    "岂不",
    "难道不",
    "不也是",
    "不还是",
    "不都是",
    # 完不成的/达不到的/交不上的: failing to do it (a potential complement), which is enforcement
    r"(?:完|做|达|办|交|报|打|跟|赶|考|拿|凑|签|传)不(?:成|到|上|完|齐|够|了|及格)",
    "不例外",
    r"不(?:让|能|得|许|准)?(?:歇|休息|休假|放假)",
    r"\botherwise\b",
    r"\bno exception",
    r"\bfail(?:s|ed|ing)? to\b",
    r"\bwho (?:do|does|did) not\b",
    r"\bwho don'?t\b",
    r"\bwho (?:has|have|had) not\b",
    r"\bwho (?:hasn'?t|haven'?t|hadn'?t)\b",
    r"\bthose (?:not|who haven'?t)\b",
    r"\bnot (?:on time|in time|promptly)\b",
    r"\bif (?:they|you|staff|workers) (?:do not|don'?t)\b",
    r"\bmiss(?:es|ed|ing)?\b",
    r"\blate\b",
    # the work is not counted unless the proof is there: a clean-up does not count unless the photos are in the group
    r"\b(?:does not|doesn'?t|won'?t|will not|is not|isn'?t|are not|aren'?t) (?:be )?(?:count|counted|accepted|recorded|considered|treated)\b[^.;]{0,20}?\b(?:unless|until|without)\b",
)
CONSEQUENCE = (
    "的",
    "者",
    "将",
    "扣",
    "通报",
    "问责",
    "批评",
    "视为",
    "记",
    "算",
    "约谈",
    "处理",
    "罚",
    r"\bwill be\b",
    r"\bare (?:named|penali)",
    r"\blose",
    r"\bpenal",
)
CONTRAST = (
    "但是",
    "但",
    "然而",
    "不过",
    "却",
    "而是",
    "改为",
    "改成",
    "换成",
    "转而",
    "反而",
    "仍然",
    "仍需",
    "仍要",
    "仍",
    "还要",
    "还需",
    "只是",
    "而要",
    "而需",
    r"\bbut\b",
    r"\bhowever\b",
    r"\byet\b",
    r"\bstill\b",
    r"\bwhereas\b",
    r"\binstead\b(?! of)",
    r"\balthough\b",
    r"\bthough\b",
)
# "instead of X, Y" puts aside X, not Y: these reach only to the next comma.
UP_TO_COMMA = re.compile(r"\binstead of\b|\brather than\b")
# A source's own request not to be named (a grid worker, who asked not to be named; 不愿具名的网格员) negates only
# the naming of the speaker, not the requirement the sentence then reports.
_ANONYMOUS = re.compile(
    r"\b(?:asked|asking|wished|wishing|preferred|requested|spoke on condition|speaking on condition)\b[^.;]{0,12}?"
    r"\b(?:not to be (?:named|identified|quoted by name)|of anonymity)"
    r"|(?:不愿|不肯|要求不|不便)(?:具名|透露姓名|透露身份|署名)"
)
AFTER_WINDOW = 8  # characters after a trigger in which a prohibition counts
# characters around a trigger in which an excluding phrase is looked for (English words are longer, and an
# English description is often one sentence: "the system … posts the names … every evening" needs 120)
EXCLUDE_PAD = 16
EXCLUDE_PAD_EN = 120
# An English sentence is one without Chinese characters, whatever its punctuation (an em dash, curly quotes: FAQ — The
# chamber's volunteer desk asked me to sign in …)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _english(sentence: str) -> bool:
    return sentence.isascii() or not _CJK.search(sentence)


# English is cut at ". " too (a negation in one sentence does not reach into the next: "… who live alone. family members
# are alerted if there is no check-in by noon"), not after an abbreviation (p.m., a.m., e.g., mr., no., st.)
_ABBREVIATIONS = r"(?<!\bp\.m)(?<!\ba\.m)(?<!\be\.g)(?<!\bi\.e)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bno)(?<!\bst)(?<!\bvs)(?<!\betc)(?<!\bapprox)(?<!\bnos)(?<!\bfig)"
SENTENCE_RE = re.compile(
    r"[。；;！!？?\n]+|(?<![0-9a-z])\.(?=\s|$)|(?<=[a-z)'\"’”%])" + _ABBREVIATIONS + r"\.(?=\s)"
)
# an emoji closes a clause of a chat message as a comma does (没发的中午在群里点名🙃 换汤不换药: the 不 after it is
# another clause's)
CLAUSE_RE = re.compile(
    r"[，,]+|[\U0001F300-\U0001FAFF\u2600-\u27BF][\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]*"
)
# A breach word named as the problem being put right is no requirement: 针对督查指出的“每日签到”问题 (before it, and
# 问题/现象/做法 right after it), in response to the check-in finding; and in a rectification ledger (整改措施, 已整改,
# 完成情况) the row's 问题：… names the finding, not what is asked now.
_REMEDY_HEAD = re.compile(
    r"(?:针对|对照|整改|纠正|关于|解决|就)[^,。;]{0,12}$"
    r"|\b(?:in response to|to address|to rectify|to fix|to resolve|regarding|following) the (?:[\w\"'-]+ ){0,3}$"
)
_PROBLEM_AFTER = re.compile(
    r"[^,。;”\"]{0,4}[”\"']?(?:的)?(?:问题|现象|做法)|[\w\"'-]* ?(?:issue|problem|finding|complaint)s?\b"
)
# The 问题 field runs to the next field of the row (｜, or another label's colon): 序号3｜问题：“XX”小程序设有网格员每日
# 定位打卡功能，打卡记录与月度考核挂钩｜措施：已关闭打卡模块 — every breach word in it names the finding (Issue: … | Action: …).
_LEDGER_PROBLEM = re.compile(
    r"(?:问题|存在问题|问题描述|问题表现|督查问题)\s*:[^:|]*$|\b(?:issue|problem|finding)s?\s*:[^:|]*$"
)
# a rectification ledger: its words, or a row with a field of measures, a deadline or who is responsible
_LEDGER = re.compile(
    r"整改(?:措施|情况|结果|完成)|已整改|完成情况"
    r"|(?:^|\|)\s*(?:整改)?(?:措施|时限|责任人|责任单位|责任部门)\s*:"
    r"|\|\s*(?:measures?|actions?(?: taken)?|rectification|remed(?:y|ies)|deadline|responsible(?: \w+)?)\s*:"
)
# What was asked formerly and has since been removed is no requirement: 以前…每天要打卡，…不再要求打卡签到 (a past
# marker opening the trigger's clause, and a removal after the trigger in the same sentence); used to … no longer.
# A bare negation with its verb and 的 or 者 (不回的, 没交表的, 冇报者) names who failed, not a prohibition.
# 非 naming a time outside something (非应急响应期间, 非汛期时段, 非工作日) is a time, not a negation.
_OUTSIDE_TIME = re.compile(
    r"(?:应急|紧急|汛期|防汛|工作|上班|办公|值班|节假|当班|预警|响应)[^,。;]{0,6}?(?:期间|时间|时段|时期|日|时)"
)
# Items of a list of denials (…、未通报、未纳入任何考核): what they name is denied, no consequence of a failure.
_DENIED_ITEMS = re.compile(r"[、/和及与]\s*(?:未|不|没有?|无|非)[^、,。;]*")
_BARE_NEGATION = frozenset({"不", "没有", "没得", "莫得", "冇", "木有"})
_WHO_FAILED = re.compile(r"[^的者,。;:|不没]{1,6}(?:的|者)")
# An English relative clause between a trigger and its removal: the trigger's noun opens it (the leaderboard that ranked
# communities … was removed) or the trigger stands in it (… that ranked communities … was removed).
_REL_OPEN = re.compile(r"^\s*(?:that|which)\b[^,.;]*$")
_REL_HEAD = re.compile(r"\b(?:that|which)\s+$")


def _relative_between(sentence: str, start: int, between: str) -> bool:
    return bool(
        _REL_OPEN.match(between)
        or (_REL_HEAD.search(sentence, max(0, start - 8), start) and "," not in between)
    )


# (IN FORCE, digital38: the past marker is any word of a time gone by — 以前, 曾, 去年, 前几年, 当初, 上个月, the former
# 原“…” —, opening the clause or the words after a colon: 说个好事儿：去年那个APP要定位打卡，今年…给取消了; 承认曾在后台设置…
# 排名…，现已停止通报; 周报中原“活跃度”一栏已改为“事件办结数”)
_PAST_HEAD = re.compile(
    r"(?:^|:)[^,。;:]{0,4}?(?:以前|过去|原来|原先|从前|早先|先前|曾经|曾|往年|以往|当初|原(?=[“\"‘'「])"
    # (a year or a month gone by, not the start of what still stands: 去年起, 上个月开始, 前几年以来)
    r"|(?:去年|前年|前几年|前些年|早些年|上个?月|上半年)(?![^,。;]{0,2}(?:开始|起|以来|至今|到现在|到今天)))(?!的)"
    r"|\b(?:used to|previously|formerly|in the past|until (?:last|this|recently)|last year)\b"
)
_REMOVED_LATER = re.compile(
    # (取消 of a reward is a penalty, no removal: 取消评优资格)
    r"不再|取消(?![^,。;]{0,4}(?:资格|评优|评先|奖金|绩效|补贴))|拿掉|去掉|撤掉|砍掉|停用|停止|关闭|下线|删除|删掉|撤销|叫停|没有了|不用了|改为|改成|换成"
    r"|\b(?:no longer|removed|dropped|scrapped|abolished|discontinued|switched off|turned off|has stopped|have stopped)\b"
)
# A feature named right after the trigger (打卡功能, “每日打卡”功能, 排名模块) and a clause right after it that opens with its
# removal, no subject between (，已于10月15日下线, ，现已关闭, ，后来已经取消).
_FEATURE_AFTER = re.compile(
    r"(?:[^,。;”\"'’」』]{0,4}[”\"'’」』])?(?:这个|那个|的)?(?:功能|模块|板块|栏目|按钮|一栏)"
)
_REMOVED_CLAUSE = re.compile(
    r"[,;]\s*(?:现|目前|现在|如今|后来|随后|当前|并|且|但|也|均|都)?(?:[\d一二三四五六七八九十]+月(?:[\d一二三四五六七八九十]+日)?)?"
    r"(?:已经?|已被|早已|早就)(?:于|在|从|被)?[^,。;]{0,12}?(?:下线|关闭|取消|停用|删除|撤销|撤除|废止|移除|停止|关停|拿掉|去掉|撤掉)"
    r"(?:了)?\s*(?=[,。;]|$)"  # (the removal closes its clause: no object of its own after it, 已关闭旧的签到表)
)
# A claim others make (老有人说, 听说, 据说), denied later in the sentence of the same word (真没有排名, 不排名): the
# sentence reports the claim to deny it.
_HEARSAY = re.compile(
    r"(?:老|总|常|经常|一直)?(?:有人|人家|别人|外面|外边|网上|大家)(?:都|老|总|常|也)?(?:说|讲|传|反映)|听说|听人说|人们说|据说|传言|传说"
)
_DENIAL_OF = r"(?:没有|没|不|并无|无|非)[^,。;]{0,4}"
# A list continued after the trigger up to the words that put the whole list aside: 积分排名、在线时长统计、打卡签到三项
# 功能已下线; the leaderboard, online duration and attendance modules have been removed.
_LIST_ITEMS = r"[^、,。;和及与]{0,8}(?:(?:[、/]|和|及|与|以及)[^、,。;]{1,12}?)+(?:等)?(?:[一二两三四五六七八九十\d]+(?:项|个|类|种))?"
_LIST_ITEMS_ZH = re.compile(_LIST_ITEMS)  # the list alone, when the words after it begin 功能已…, 模块已…
_LIST_REST = re.compile(
    _LIST_ITEMS + r"(?:功能|模块|做法|要求|指标|按钮|栏目|统计|考核)(?:均|都|全部|一律|一并|同步|也)?"
    r"|[\w'-]*(?:\s*(?:,\s*(?:and\s+|or\s+)?|\band\s+|\bor\s+|&\s*|/\s*)(?:the\s+|its\s+|their\s+)?[a-z][\w'-]*"
    r"(?:\s+[a-z][\w'-]*){0,2}){1,5}\s+(?:modules?|features?|functions?|tools?|tabs?|pages?|options?|settings?|buttons?"
    r"|requirements?|statistics|stats|tracking)\s*"
)
# An English list of things named with their article, put aside as a whole by the words right after it, even with no
# module noun: the staff sign-in, the points leaderboard and the online-time counter have been removed — the trigger itself
# a thing named (the, its, their … before it), not a verb (workers must sign in, and the old forms have been removed)
_LIST_REST_NAMED = re.compile(
    r"[\w'-]*(?:\s+[a-z][\w'-]*){0,2}?(?:\s*(?:,\s*(?:and\s+|or\s+)?|\band\s+|\bor\s+|&\s*|/\s*)(?:the|its|their|our|any)\s+[a-z][\w'-]*"
    r"(?:\s+[a-z][\w'-]*){0,2}){1,5}\s*"
)
_NAMED_HEAD = re.compile(r"\b(?:the|its|their|our|any)(?:\s+[a-z][\w'-]*){0,2}\s*$")


def _alt(patterns: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(patterns), key=lambda p: -len(p))
    return re.compile("|".join(f"(?:{p})" for p in ordered))


_PROHIBIT_BEFORE = _alt(PROHIBIT_BEFORE)
_PROHIBIT_AFTER = _alt(PROHIBIT_AFTER)
_PROHIBIT_OR_DEFER_AFTER = _alt((*PROHIBIT_AFTER, *DEFER_AFTER))
_FAILURE = _alt(FAILURE)
_CONSEQUENCE = _alt(CONSEQUENCE)
_CONTRAST = _alt(CONTRAST)
_REQUEST = _alt(REQUEST_VERBS)
_PREFILLED = _alt(PREFILLED)
_NO_RELATION_TO_WORK = _alt(NO_RELATION_TO_WORK)


@dataclass(frozen=True)
class _Compiled:
    kind: Kind
    trigger: re.Pattern[str]
    context: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    exempt: re.Pattern[str] | None
    exempt_here: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Compiled, ...]:
    return tuple(
        _Compiled(
            kind,
            _alt(kind.triggers),
            _alt(kind.context) if kind.context else None,
            _alt(kind.exclude) if kind.exclude else None,
            _alt(kind.exempt) if kind.exempt else None,
            _alt(kind.exempt_here) if kind.exempt_here else None,
        )
        for kind in KINDS
    )


# Regional words (Cantonese, Min, Taiwanese Mandarin, Southwest Mandarin, Wu, northern varieties …) are read in their
# standard Mandarin form before any rule reads the text: the table is jianfu.digital.varieties. 系 is the Cantonese
# copula 是 only opening a clause or after 就/都/先/仲/又 (系居民自己打卡, 就系…) and never before 统/列/数 (系统).
_YUE_COPULA = re.compile(r"(?:^|(?<=[,;:!?\s]|[就都先仲又]))系(?![统列数])")


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), simplified characters, regional and dialect words in their standard
    Mandarin form (jianfu.digital.varieties), lower case; spaces kept (English)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = to_simplified(text).lower()
    text = to_standard(text)
    if "系" in text:
        text = _YUE_COPULA.sub("是", text)
    return re.sub(r"[ \t\r\f\v]+", " ", text)


# ---------------------------------------------------------------------------------------------
# Negation


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence; after a colon the clauses share the colon's governing words.
    English lists are written with commas ("no check-ins, rankings or …"): an English sentence is
    one clause (a contrast still ends a prohibition's reach)."""
    if sentence.isascii():
        return [(0, len(sentence))]
    spans, start = [], 0
    for m in CLAUSE_RE.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return spans


def _is_failure_at(text: str, start: int, end: int) -> bool:
    m = _FAILURE.match(text, start)
    return bool(m and m.start() == start)


def _prohibited(
    sentence: str, start: int, end: int, *, deferrable: bool = False, following: str = ""
) -> bool:
    """Whether the trigger at [start, end) is put aside by a prohibition governing it (or, for an after-hours
    duty, `deferrable`, by a deferral right after it: DEFER_AFTER). `following` is the next sentence, where a removal
    of what was asked formerly may stand (The app used to have a check-in. It was removed in May.)."""
    spans = _clauses(sentence)
    clause_start, clause_end = next(((a, b) for a, b in spans if a <= start < b + 1), (0, len(sentence)))
    colon = max(sentence.rfind("：", 0, clause_start), sentence.rfind(":", 0, clause_start))
    scopes = [(clause_start, start)]
    if colon >= 0:  # 禁止以下做法：打卡，排名，… — the words before the colon govern the list
        head_start = next((a for a, b in spans if a <= colon < b + 1), 0)
        scopes.insert(0, (head_start, colon))
    prohibited = False
    head = sentence[clause_start:start]
    # (the anchored look after the trigger first: most triggers are followed by no 问题, issue …)
    named_problem = bool(_PROBLEM_AFTER.match(sentence, end) and _REMEDY_HEAD.search(head))
    head_all = sentence[:start]
    in_ledger = bool(
        ("问题" in head_all or ":" in head_all)
        and _LEDGER_PROBLEM.search(head_all)
        and _LEDGER.search(sentence)
    )
    if named_problem or in_ledger:
        prohibited = True
    for scope_start, scope_end in scopes:
        before = sentence[scope_start:scope_end]
        contrast = [m.end() for m in _CONTRAST.finditer(before)]
        if contrast and scope_end == start:
            before = before[contrast[-1] :]
        elif contrast:  # a contrast in the colon's head ends its reach
            continue
        # a failure phrase that begins a little earlier covers its negation: "if you don't log in …"
        failures: list[tuple[int, int]] | None = None  # looked for only once a prohibition is found
        for m in _PROHIBIT_BEFORE.finditer(before):
            offset = scope_end - len(before) + m.start()
            if _is_failure_at(sentence, offset, end):
                continue
            if failures is None:
                shift = scope_end - len(before)
                failures = [(f.start() + shift, f.end() + shift) for f in _FAILURE.finditer(before)]
            if any(a <= offset < b for a, b in failures):
                continue
            word = m.group(0)
            if word in ("不", "无", "非", "别", "勿") and offset + len(word) == start:
                continue
            if word == "非" and _OUTSIDE_TIME.match(sentence, offset + 1):
                continue  # 非应急响应期间也要求…: a time outside the emergency, no negation of what is asked
            if word.startswith("未") and re.search("[的者]", sentence[offset + len(word) : start]):
                continue  # 未向街道报送的社区予以通报: who failed, the subject of the enforcement
            if word in _BARE_NEGATION and _WHO_FAILED.match(sentence, offset + len(word), start):
                continue  # 不回的明天通报, 没交的月底点名: a bare negation, a verb and 的/者 — who failed
            if UP_TO_COMMA.fullmatch(word) and "," in sentence[offset:start]:
                continue
            if any(x.start() <= offset < x.end() for x in _ANONYMOUS.finditer(sentence, 0, start)):
                continue  # who asked not to be named: the speaker's anonymity
            prohibited = True
        # a bare 不/未 just before the trigger: "不打卡、不排名" prohibits; "不打卡的扣分" enforces
    bare = sentence[max(clause_start, start - 1) : start]
    if bare == "别" and sentence[max(0, start - 2) : start - 1] in _BIE_COMPOUND:
        bare = ""  # 类别再填: the end of a word, no "don't"
    if bare in ("不", "无", "勿", "别", "非", "没"):
        rest = sentence[end:clause_end]
        if _CONSEQUENCE.match(rest.lstrip()) is None:
            prohibited = True
    after = sentence[end : min(clause_end, end + AFTER_WINDOW + (120 if sentence.isascii() else 60))]
    if (
        "|" in after
    ):  # a ledger row's next field (…后台统计登录次数｜整改意见：取消安装率考核) is another field's words
        after = after[: after.index("|")]
    post = (_PROHIBIT_OR_DEFER_AFTER if deferrable else _PROHIBIT_AFTER).search(after)
    if (
        post
        and (
            post.start() <= (AFTER_WINDOW if not after[: post.start()].isascii() else 30)
            or _LIST_REST.fullmatch(after[: post.start()])
            or (
                after.isascii()
                and post.start() <= 100
                and _relative_between(sentence, start, after[: post.start()])
            )
            or (
                _LIST_REST_NAMED.fullmatch(after[: post.start()])
                and _NAMED_HEAD.search(sentence, max(0, start - 40), start)
            )
            or (
                post.group(0).startswith(("功能", "模块")) and _LIST_ITEMS_ZH.fullmatch(after[: post.start()])
            )
        )
        and not _is_failure_at(after, post.start(), post.end())
        and not _CONTRAST.search(after[: post.start()])
    ):
        prohibited = True
    if (
        not prohibited
        and _PAST_HEAD.search(sentence[clause_start:start])
        and (_REMOVED_LATER.search(sentence, end) or (following and _REMOVED_LATER.search(following)))
    ):
        prohibited = True
    # a feature named by the trigger and removed in the very next clause, which has no subject of its own (“每日打卡”功能
    # 确实存在，已于10月15日下线): the removal is the feature's
    if not prohibited and _FEATURE_AFTER.match(sentence, end) and _REMOVED_CLAUSE.match(sentence, clause_end):
        prohibited = True
    # a claim others make, denied later in the sentence of the same word (老有人说APP排名，俺们那个真没有排名)
    if (
        not prohibited
        and _HEARSAY.search(head)
        and re.search(_DENIAL_OF + re.escape(sentence[start:end]), sentence[end:])
    ):
        prohibited = True
    if prohibited:
        # 未打卡者通报 / workers who fail to check in are named: enforcement, so a breach
        if _FAILURE.search(sentence[max(clause_start, start - 12) : min(clause_end, end + 6)]):
            return False
        # (a list of denials after it is no consequence: 未下达指标、未排名、未通报、未纳入任何考核)
        if re.search(
            r"(?:未|没有?|没得|莫得|冇)\S{0,2}$", sentence[clause_start:start]
        ) and _CONSEQUENCE.search(_DENIED_ITEMS.sub("", sentence[end:clause_end])):
            return False
    return prohibited


# ---------------------------------------------------------------------------------------------
# The check


@dataclass(frozen=True)
class Hit:
    code: str
    word: str
    sentence: str
    fields: tuple[str, ...] = ()


@dataclass
class CheckResult:
    violations: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "violations": list(self.violations),
            "reasons": list(self.reasons),
            "rules": [
                {"code": code, "document": rule_text(code)[1], "rule": rule_text(code)[2]}
                for code in self.violations
            ],
        }


@dataclass(frozen=True)
class DictionaryTerm:
    term: str  # normalised
    code: str
    name: str
    strong: bool  # a field that alone identifies a person (ID number, 低保证号…)


# A filing record (备案事项：…；使用对象：…；数据采集项：…；审核意见：…) is one statement: its review field rules on the
# fields before it (审核意见：仅作运营统计，不下达关注指标; 系统自动带出上述字段，无需重新填写), so its ；-fields are read as
# clauses of one sentence, not as sentences of their own (IN FORCE and DEMANDED, shared by every code).
_FILING_REVIEW = re.compile(r"(?:审核|审批|审查|备案)意见\s*:")


# A clue record (问题线索台账: 反映问题：…｜核查情况：…｜处理结果：…; Allegation: … | Finding: …) is read as a whole for IN
# FORCE: its allegation field reports what someone said, and it stands only when the finding affirms it (属实, 基本属实,
# 经查属实, 查实; substantiated, confirmed, upheld). A finding that does not (不属实, 系反映人误读, 未下达指标…, 符合规定;
# unfounded, not substantiated) leaves the finding's own words, read as any text: the allegation field is put aside. A
# remedy after a finding that affirms (处理结果：责令关停) puts nothing aside: the practice was found.
_FIELD_END = r"(?=\||;\s*[\u4e00-\u9fff]{2,8}\s*:|$)"
_CLUE_ALLEGATION = re.compile(
    r"((?:反映问题|反映内容|反映情况|举报内容|举报问题|投诉内容|投诉问题|来信内容|线索内容|问题描述)\s*:)"
    r"|(\b(?:allegations?|complaints?|reported issues?|issues? reported|tip-?offs?)\s*:)"
)
_CLUE_FINDING = re.compile(
    r"(?:核查情况|核实情况|调查情况|查核情况|核查结果|核实结果|调查结果|核查结论|调查结论|核查意见)\s*:(.*?)"
    + _FIELD_END
    + r"|\b(?:findings?|verification|investigation|check result|result of (?:the )?(?:check|investigation))\s*:(.*?)"
    + _FIELD_END
)
_TO_FIELD_END = re.compile(r".*?" + _FIELD_END, re.S)
_AFFIRMED = re.compile(
    r"(?<![不未])(?:属实|查实|确有其事|情况存在)"
    r"|(?<!not )(?<!never )(?<!not been )\b(?:substantiated|confirmed|upheld|verified|founded)\b"
)


# An app review's row (序号1｜「…」小程序｜评估结论：注销｜理由：…; Assessment conclusion: decommissioned) is read as a whole for
# IN FORCE: a conclusion that retires the app (注销, 关停, 停用, 下线, 撤销 — not 拟注销, 建议关停, 保留, 整合, 限期整改, and
# not a disposal opinion, 处置意见：关停, nor a clue's 处理结果, a remedy after the fact) puts aside what the row describes of
# it, unless a contrast after it says something still stands (但…仍要求, still).
_RETIRED_BY_REVIEW = re.compile(
    r"(?:评估|清理|审查|梳理)(?:结论|结果)\s*:\s*(?:已|予以|已经)?(?:注销|关停|停用|下线|撤销|撤除|取缔|废止|解散|关闭)"
    r"(?=\s*(?:\||;|,|。|\(|$))"
    r"|\b(?:assessment|review|audit) (?:conclusion|result|outcome|decision)\s*:\s*(?:decommissioned|retired|removed|closed"
    r"|shut down|withdrawn|deregistered|discontinued)\b"
)


def _retired_by_review(normal: str) -> bool:
    m = _RETIRED_BY_REVIEW.search(normal)
    return bool(m and not _CONTRAST.search(normal, m.end()))


def _clue_read(normal: str) -> str:
    """The text with a clue record's allegation fields put aside when its finding does not affirm them (see above)."""
    if not (_CLUE_ALLEGATION.search(normal) and _CLUE_FINDING.search(normal)):
        return normal
    findings = [m.group(1) or m.group(2) or "" for m in _CLUE_FINDING.finditer(normal)]
    if any(_AFFIRMED.search(finding) for finding in findings):
        return normal
    out, at = [], 0
    for m in _CLUE_ALLEGATION.finditer(normal):
        end = _TO_FIELD_END.match(normal, m.end())
        out.append(normal[at : m.end()])
        at = end.end() if end else m.end()
    out.append(normal[at:])
    return "".join(out)


def _sentences(text: str) -> list[str]:
    if ";" in text and _FILING_REVIEW.search(text):
        text = text.replace(";", ",")
    return [s.strip() for s in SENTENCE_RE.split(text) if s and s.strip()]


# A question answered with a denial (Q: Do staff have to clock in? A: No. / 问:要打卡吗?答:不用) states no requirement —
# unless the question itself asks for a release (Can I skip the check-in? No.: the denial affirms the duty).
_QUESTION = re.compile(r"([^。;!?\n]+)\?\s*(?=((?:a|answer|答|回答)\s*:\s*)?(?:no\b|nope\b|不|没有|否|无需))")
_QUESTION_ANSWERED = re.compile(r"(?:^|\s)(?:q|question|问)\s*:|(?:a|answer|答)\s*:")
_RELEASE = re.compile(
    r"\b(?:skip|avoid|turn off|switch off|opt out|not|without|exempt|stop)\b|n't\b|[不免关停别]"
)


# A text headed as an FAQ (FAQ — Is that the 'check-in' …? No.; 常见问题：…？不是。) answers its questions: a bare "No" after
# one is the answer.
_FAQ_HEAD = re.compile(r"^\W*(?:faqs?|q\s*&\s*a|常见问题|问答)\b")


def _denied_questions(normal: str) -> set[str]:
    """The sentences that are questions answered with a denial (see _QUESTION)."""
    out = set()
    faq = bool(_FAQ_HEAD.match(normal))
    for m in _QUESTION.finditer(normal):
        question = m.group(1).strip()
        if not (m.group(2) or faq or _QUESTION_ANSWERED.search(question)):
            continue  # a bare question and "No" after it in running text: not an FAQ's answer
        if _RELEASE.search(question.split(":", 1)[-1]):
            continue
        out.add(question)
        # (the question is its own English sentence: "… tree-planting. Is that the 'check-in' …? No.")
        out.add(SENTENCE_RE.split(question)[-1].strip())
    return out


# A sentence that says what it describes has nothing to do with the work, with no contrast (但、却, but), reports no
# requirement; so does the sentence before one that says it of "it", "this", 那, 这.
_BACK_REFERENCE = re.compile(r"(?:it|this|that|these|those|all this|all of this)\b|那|这")


def _not_work(sentence: str) -> bool:
    return bool(_NO_RELATION_TO_WORK.search(sentence)) and not _CONTRAST.search(sentence)


def _held_fields(sentence: str, terms: Sequence[DictionaryTerm]) -> tuple[list[DictionaryTerm], int]:
    """Dictionary fields named in the sentence (longest terms first, no overlaps) and where the
    first request verb is (-1 when none)."""
    taken: list[tuple[int, int]] = []
    found: dict[str, DictionaryTerm] = {}
    for term in terms:
        if term.term not in sentence:  # most terms are absent: skip the pattern (same result)
            continue
        for m in re.finditer(
            re.escape(term.term) if not term.term.isascii() else rf"\b{re.escape(term.term)}", sentence
        ):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.setdefault(term.code, term)
    verb = _REQUEST.search(sentence)
    return list(found.values()), (verb.start() if verb else -1)


def _in_context(context: re.Pattern[str], sentence: str, *, deferrable: bool = False) -> bool:
    """A context word the sentence does not put aside (积分……不对社区排名: no use of the points)."""
    return any(
        not _prohibited(sentence, m.start(), m.end(), deferrable=deferrable)
        for m in context.finditer(sentence)
    )


def check(text: str, *, dictionary: Sequence[DictionaryTerm] | None = None) -> CheckResult:
    """The rules a description breaks, with reasons citing them (see the module docstring)."""
    terms = shipped_dictionary() if dictionary is None else dictionary
    normal = _clue_read(normalise(text))
    result = CheckResult()
    found: dict[str, Hit] = {}
    if _retired_by_review(normal):
        return result
    denied = _denied_questions(normal) if "?" in normal else set()
    sentences = _sentences(normal)
    for index, sentence in enumerate(sentences):
        if sentence in denied:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        if _not_work(sentence) or (_BACK_REFERENCE.match(following) and _not_work(following)):
            continue  # 那是她们自己耍的，跟我们工作莫得关系; …; it has nothing to do with our work: nothing asked of the staff
        for compiled in _compiled():
            kind = compiled.kind
            if kind.code in found:
                continue
            pad = EXCLUDE_PAD_EN if _english(sentence) else EXCLUDE_PAD
            # the sentence-wide conditions are looked at only once a trigger stands (same answers, less work)
            for m in compiled.trigger.finditer(sentence):
                if compiled.exclude is not None and any(
                    x.start() <= m.start() < x.end() or m.start() <= x.start() < m.end()
                    for x in compiled.exclude.finditer(sentence, max(0, m.start() - pad), m.end() + pad)
                ):
                    continue
                deferrable = kind.code == "after_hours"
                if _prohibited(sentence, m.start(), m.end(), deferrable=deferrable, following=following):
                    continue
                if compiled.context is not None and not _in_context(
                    compiled.context, sentence, deferrable=deferrable
                ):
                    break
                if compiled.exempt is not None and compiled.exempt.search(normal):
                    break  # e.g. a group used only in emergencies: its duty is the emergency's
                if compiled.exempt_here is not None and compiled.exempt_here.search(sentence):
                    break  # e.g. a rota for holidays, or messages that wait for the next working day
                found[kind.code] = Hit(kind.code, m.group(0).strip(), sentence)
                break
        if "repeat_reporting" not in found and terms:
            fields, verb = _held_fields(sentence, terms)
            strong = any(t.strong for t in fields)
            if verb >= 0 and (len(fields) >= 2 or strong) and not _PREFILLED.search(sentence):
                verb_match = _REQUEST.search(sentence)
                assert verb_match is not None
                if not _prohibited(sentence, verb_match.start(), verb_match.end()):
                    found["repeat_reporting"] = Hit(
                        "repeat_reporting",
                        verb_match.group(0),
                        sentence,
                        tuple(t.name for t in fields),
                    )
    for code in CODES:
        hit = found.get(code)
        if hit is None:
            continue
        result.violations.append(code)
        result.hits.append(hit)
        result.reasons.append(reason_for(hit))
    return result


def reason_for(hit: Hit) -> str:
    label, document, words = rule_text(hit.code)
    if hit.fields:
        said = _("要求报送居民库已掌握的数据（%(fields)s）") % {"fields": "、".join(hit.fields)}
    else:
        said = _("含「%(word)s」") % {"word": hit.word}
    return _("%(label)s：%(said)s，违反%(document)s：“%(words)s”") % {
        "label": label,
        "said": said,
        "document": document,
        "words": words,
    }


# ---------------------------------------------------------------------------------------------
# The data dictionary: fields the registry holds (最多报一次)

# Words too common to mean a data field on their own in a description.
WEAK_TERMS = frozenset(
    {
        "电话",
        "手机",
        "备注",
        "地址",
        "照片",
        "年龄",
        "性别",
        "民族",
        "单位",
        "职业",
        "周岁",
        "关系",
        "联系人",
        "网格",
        "栋",
        "室",
        "门牌",
        "单元",
        "小区",
        "婚姻",
        "申请人",
        "联系方式",
        "sex",
    }
)
STRONG_CODES = frozenset({"id_number", "dibao_number", "disability_number", "household_number", "birth_date"})
ENGLISH_TERMS: dict[str, tuple[str, ...]] = {
    "name": ("names", "full name", "full names", "name of each"),
    "id_number": ("id number", "id numbers", "id card number", "id card numbers", "identity card"),
    "phone": ("phone number", "phone numbers", "mobile number", "mobile numbers", "telephone number"),
    "birth_date": ("date of birth", "dates of birth", "birthdays", "birth date", "birth dates"),
    "gender": ("gender", "sex"),
    "ethnicity": ("ethnicity",),
    "address": ("home address", "home addresses", "addresses", "address"),
}


def dictionary_terms(rows: Iterable[tuple[str, str, Sequence[str]]]) -> tuple[DictionaryTerm, ...]:
    """Terms from (code, name, synonyms) rows of the data dictionary, longest first."""
    terms: dict[str, DictionaryTerm] = {}
    for code, name, synonyms in rows:
        for raw in [name, *(synonyms or ()), *ENGLISH_TERMS.get(code, ())]:
            term = normalise(raw).strip()
            if len(term) < 2 or term in WEAK_TERMS:
                continue
            terms.setdefault(term, DictionaryTerm(term, code, name, code in STRONG_CODES))
    return tuple(sorted(terms.values(), key=lambda t: -len(t.term)))


@lru_cache(maxsize=1)
def shipped_dictionary() -> tuple[DictionaryTerm, ...]:
    """The data dictionary jianfu ships (jianfu.registry.dictionary), no database needed."""
    from jianfu.registry.dictionary import CORE_ATTRIBUTES, TAGS

    rows = [(a["code"], a["name"], a.get("synonyms", [])) for a in CORE_ATTRIBUTES]
    rows += [(f["code"], f["name"], f.get("synonyms", [])) for tag in TAGS for f in tag.get("fields", [])]
    return dictionary_terms(rows)


def fields_in(text: str, *, dictionary: Sequence[DictionaryTerm] | None = None) -> list[tuple[str, str]]:
    """(code, name) of every dictionary field a text names, in dictionary order."""
    terms = shipped_dictionary() if dictionary is None else dictionary
    fields, _verb = _held_fields(normalise(text), terms)
    return [(t.code, t.name) for t in fields]
