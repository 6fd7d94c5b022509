"""The kinds of wording by which Chinese (and English) notices say each breach of 指尖上的形式主义.

Each `Kind` is one *family* of wording for a code — the ways notices, apps and grid workers say the same
thing (facts §1, §2, §8.5; the 2023 opinions on 指尖上的形式主义 and the 2024 rules 整治形式主义为基层
减负若干规定) — written as a few patterns over word classes, not as sentences:

- check_in: attendance (打卡/签到/签退/考勤/人脸识别/到岗拍照/点“到岗”/到岗率), location (定位/轨迹/位置
  共享/电子围栏), 在岗自拍/到岗照, patrol tags (刷NFC, tap the RFID tags), who is at work today reported in
  the group (报“今日在岗人员”, report who is on duty today), a photo at the post (每天早中晚三个点在岗拍照, a selfie at
  their post), patrol plaques at each point (刷那个点位牌子, scan the checkpoint codes) — not a tourists' check-in map or trail, nor
  residents or volunteers signing in at an event they attend, nor a check-in app that is the residents' own
  (给居民自己用的健康打卡, 老人可以打卡, 给独居老人弄了个健康打卡小程序…老人自己用的, 不是考我们的) in a sentence naming no
  worker, nor residents scanning a point's code, nor a person under supervision reporting in themselves (社区矫正对象本人
  每日定位报到, parolees check in); presence reported as a quoted word (报“在岗”, 回“已到岗”) and absence or lateness counted
  (视为缺勤, 记为迟到, marked late, recorded as absent), inside the fence on the map, are check-ins, as is presence posted as
  a quoted word in English (posts 'on duty', types "arrived") and the worker's own location recorded at checkpoints (must
  record their location at five fixed checkpoints, a missed checkpoint); nor a residents' safety tap (老人每天点一下报平安,
  老人家自己点, a daily 'I'm OK' button for older residents, who choose whether to join) — the worker who only follows up on
  who did not tap (网格员就上门敲门看看, calls round) checks in nothing —, nor volunteers or donors signing in at an event
  with a step between (scan a QR code to sign in at the blood-donation drive); nor a holiday duty list (值班在岗人员), nor a track measured in hours (巡查轨迹不少于2小时:
  time spent, online_time);
- ranking: rank words (排名/排序/末位/倒数/红黑榜/晾晒/积分榜/后进榜/倒排, not 倒排工期/league table/bottom of
  the list), points with a use (the use itself not put aside: 积分…不排名 is none), naming (通报/点名/表态发言
  of who lags behind; 没转的月底点名, 谁没发…点名, 会上挨个点名, 迟到的念名字, read out by name, the latecomers are
  read out — not 点名表扬 or a roll call, nor a roll call put aside: 不搞…点名), each unit's figure shown to the
  others at a meeting or in the group (在例会上公布各社区关注率, each centre's rate is shared at the monthly meeting, see
  who needs to catch up), named at a meeting of any kind (第二天早会就点名, 晨会上挨个点名, 班前会直接点名 — not 点名表扬)
  or with who failed after 点名 (点名，说哪几个人没回), in a group or at a meeting named by its owner (在街道党建群点名),
  named in a report (has their name posted in the group chat) (名字挂在群里,
  your name shows up in the monthly report, posts the names of workers who missed — not to thank them, not
  winners or duty officers), units that lag named in a circular with its owner between (… and named in the district's
  monthly circular — not an app named in a report) or shown in red below a line (communities below 50% are shown in
  red, 低于60%的社区标红 — not flood zones on a map, not stock in a pharmacy), the slowest or least active listed (the ten
  slowest responders are listed, 回复最慢的三名网格员在群里公布 — not 最低生活保障), the list of who failed made public
  (统计未转发人员名单并在群内公布, a list of the staff who have not forwarded it is posted — not 未成年人, nor a list kept
  for follow-up: 未接种的老人名单由家庭医生随访; not 一表通报送, a name ending in 通 before 报送); points lost or deducted in an
  appraisal (loses points in the appraisal, 扣分) are a penalty, no points system, nor is the appraisal's own score
  or a metric's weight in it (the performance score, carries 5 points in the assessment, a line in the year-end
  appraisal worth 5 points, 考核得分), the lowest few shown in red (the three lowest highlighted in red) are named, nor a place
  called a point (patrol points);
- online_time: online state (在线率/保持在线/离线/stays logged in), activity (活跃度/日活/已读率, in-app
  activity, message read rate; minutes online counted on the worker, a worker reported idle — not an account or a
  server idle), log-ins (登录天数/次数), time spent (学习/浏览/停留/轨迹 时长, 巡查轨迹不少于 N 小时, 每天…满 N 分钟,
  线上学习不少于 N 学时, 20 hours of online learning, 每季度学习 N 小时以上, 20 hours per quarter on the online
  academy, viewing time logged, the minutes each worker spends in the app, active minutes, it logs how many minutes she
  reads; read rates checked on the members — not an article's; minutes of video watched, a target of minutes a day per
  staff member), steps — not residents'
  usage figures, nor a venue's viewing time, nor online round the clock (24小时在线, stay online 24/7 or 7x24: the
  standby, after_hours — online at all times of every worker's account stays online_time);
- forced_use: mandatory use (强制/必须/全员 下载…), rates and volumes (下载量/注册率/关注率/转发量/阅读量/
  参与率/覆盖率), counts put to use (注册数/关注数/转发截图数 ranked, named or with a quota — a bare count is
  none), quotas (…不少于 N, 任务, 指标, 纳入考核, 转到3个群, 要拉10户进群; a quota of minutes is time spent,
  not use), mobilising (动员/督促/每户 … 下载/注册, spoken 下那个app/求人装), a service on condition of use
  (先下载再办理/不注册不予受理), a quota of problem reports or posts through an app (每周通过“随手拍”上报问题不少于
  20条, report at least 15 issues a month through the app), a quota of votes in an app's contest (投票不少于500票, 拉票
  任务300票, get at least 400 votes, a voting target — not an election's turnout, 投票率达到92%) — not an account's
  report of its own figures (周报：新增关注…) unless put to use; in English a read rate or count only of articles or
  posts (article read rate, the read rate of our account's posts), a notice's read rate being online_time;
- trace_screenshot: screenshots and traces (截图/截个图/晒图/留痕/佐证材料), photos and videos as proof of work
  (拍照/拍个照/录段视频 with a proof context: 每接待一位…拍一张, a photo in the centre's group every time you
  help someone, the record of your service hours; 清之前拍一张, 带水印, 水印相机, time-stamped shots; the work
  counted only with them: 发群里才算干了, 没照片等于没干, does not count unless) — not residents posting photos
  of what they spot, nor a photo sent through the app's hazard report (拍了张照片…点“隐患上报”, 拍张照片在“网格通”里
  报事件, 照片就是报的隐患本身, 拍了张照片直接在隐患上报里传上去 — not a photo to a 问题上报群 as the work's trace), whose location
  is the hazard's, no check-in either; nor a selfie taken at the office door or the post (the worker at the post:
  check_in — with a word of proof, 证明人在岗, the photos kind still finds it);
- after_hours: a standing duty (24小时/24小时有人值守/随时/N分钟内回复/不得关机/不管几点都要回), times outside
  work with a duty (夜间/周末/下班后/当晚/晚上九点前/周日前/节假日也要/假期 + 回复/报送/必须报/发到群…) — not a
  duty only in a declared emergency, not a rota or a stand-in, not a message that waits for the next working
  day (第二天上班再处理, 第二日上班, 听日返工, 星期一上班再回复), not a service residents may use at any hour (居民可随时查看), not a group residents
  built for themselves (团购群), not a system that posts by itself in the evening, not an evening that is the
  event itself (the cultural evening, a film night, 今晚是社区文艺晚会, 当晚有露天电影); a rota named does not relieve anyone when everyone must
  still reply, nor when the duty officers named must themselves be online round the clock with no turns
  (值班人员须保证7×24小时在线, duty officers who must stay online 7x24); the weekend worked (周六周日在家加班) and a task sent on Friday evening due first
  thing on Monday are times outside work (however long the sentence between), as is a bare ten or eleven o'clock with tomorrow's task after it
  (10点20@全体，让11点前把明儿的名单报上去; not 上午10点); a 24-hour duty under a warning that is then lifted
  (预警解除就撤了, once the alert is lifted) is the emergency's; an upload, a form sent or handed in and a deadline
  with its verb are duties (周末照常上传, 周五下午发个表…周一早上九点前交); an evening that is the worker's own shift
  of the work (每晚7点至9点督导期间, during their evening shift) is the working time, as an evening event is; an evening
  hour on Friday with a Monday-morning deadline (every Friday at 6 p.m. … by 9 a.m. on Monday; back by, a deadline with
  its verb) is a time outside work; the speaker's own way of fitting a task in, two things at once (我都是晚上边煮饭边挂起,
  I leave it running in the evenings while I cook), is no duty; a group that its members set up themselves (the group
  the dancers set up themselves, 几个嬢嬢自己建了个群) is no work group for the whole description;
- repeat_reporting: duplicates (重复/多头/分别报送/各要一份), the same fields asked again (字段基本相同 +
  填报…), again (再报/重新填报/再…录入一遍, re-key; in English again or twice only of what is reported or asked for before
  it in the sentence — not "Saturday morning again"), data already held
  or reported (系统已有/已报送过/已在居民库, records they already maintain in the population database),
  what the worker had entered before into the register with a request in the sentence (details he had entered into
  the register in March), plus the data dictionary (in rules.check), whose fields a form or template may ask for (asks for full name, ID number…;
  索要, 要求提供) — not when they come pre-filled.

Widened on dev22–dev23 (digital37; jianfu/digital/DECISIONS.md): check_in — a code posted at each place of the round
scanned as the visit's record (每周每栋扫码一次, 扫了才算巡过), presence quoted in 「」 or in Chinese inside English (回一次「在岗」,
post '已到岗'), an event's desk asking those who come to sign in, a worker named only in the clause that denies the check-in
is theirs (不是对我们工作人员的打卡要求); WHO others for themselves — older neighbours named as kin in any dialect (依伯, 阿婆,
大爷 …) and what they do themselves (自己建了个群, 自己在群里发照片), for the steps and the photos kinds too; ranking — the points
word inside an app's quoted name (「党建积分」平台) is a name; online_time — 日活/月活 not in 月活动, log-ins counted on the worker;
forced_use — follower or subscriber numbers, followers brought to the account, how many posts each worker forwarded;
trace_screenshot — a photo that makes up for a missed act; after_hours — a bare evening hour on the 24-hour clock (21:00), an
emergency limit in its own sentence however long the condition, and an English limit denied (not only during typhoon alerts);
repeat_reporting — already sent/uploaded/handed in.

Widened on dev24–dev25 (digital38; jianfu/digital/DECISIONS.md): check_in — a photo of oneself at the place of work
(发一张自己在社区门口的照片); not a track measured in hours with words between (轨迹每天累计巡查够四个小时, 轨迹时长), nor the
online time put to use as attendance (在线时长…作为考勤依据), nor the location an event report carries without 仅 (定位上报功能用于
上报事件发生的位置); ranking — 排个名, who failed said with any negation and named aloud (冇回的 = 没有回的…念名字), a list of who
missed sent round and names shown in red (English); online_time — the online state of people watched (后台能看见谁在线谁离线),
not a state shown only for dispatch with no measure put to use (OPERATIONAL_ONLY); forced_use — every post with the demand and
whom it is laid on between (每篇推文都要求网格员转发), every issue of a study campaign, a penalty for not using the app, a count of
new users per worker (每人每月新增50户), residents made to scan and fill in with a count between; trace_screenshot — not a bracket
noting the text's own source (（截图转录）), an account named for its videos (视频号), the event reported named before the photo, nor
the photo of a document (身份证照片); after_hours — an hour count (24小时) names no period, a season of months limits the duty
only when not everyone is on call (SEASON_ONLY), the evening when who failed is named is no duty; repeat_reporting — 重新/又 with
any verb of sending (重新上传, 又让报一遍), a time gone by with 过 (上礼拜刚报过), held said with a word of time (系统里早就有了),
sameness said any way (一模一样, 信息都一样).

Text is normalised first (jianfu.digital.rules.normalise): full-width punctuation becomes ",", ":", ";".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One family of wording for a code: trigger patterns, optionally only with a context in the
    same sentence, never with an excluding phrase around the trigger."""

    code: str
    family: str
    triggers: tuple[str, ...]  # regular expressions on the normalised text
    context: tuple[str, ...] = ()  # at least one must occur in the same sentence
    exclude: tuple[str, ...] = ()  # a phrase containing the trigger that is something else
    exempt: tuple[str, ...] = ()  # the text says this is allowed (e.g. only for emergencies)
    exempt_here: tuple[str, ...] = ()  # the same sentence says so (a rota, "next working day")


def _en(*words: str) -> tuple[str, ...]:
    return tuple(rf"\b{w}" for w in words)


def _unless(patterns: tuple[str, ...], unless: tuple[str, ...]) -> tuple[str, ...]:
    """One sentence-level pattern: any of `patterns`, in a sentence where none of `unless` occurs."""
    return (rf"^(?!.*(?:{'|'.join(unless)})).*?(?:{'|'.join(patterns)})",)


# A word of `unless` that is itself negated right before it (没给指标也没排名, no one set a target, there is no quota)
# does not occur.
NEGATED = r"(?<!没)(?<!不)(?<!无)(?<!未)(?<!没给)(?<!没有)(?<!不设)(?<!未设)(?<!没设)(?<!没下)(?<!没搞)(?<!不搞)(?<!no one set a )(?<!nobody set a )(?<!there is no )(?<!with no )(?<!no )"


# A clause that denies the use before the word (未下达关注或阅读任务, 未纳入任何考核, not used in any appraisal), with
# whom it is aimed at between (不向社区下达关注指标).
DENIED_USE = (
    r"(?:未|不|没有?|并未|从未|从不|均未|也未|也不)(?:曾)?(?:[向对给][^,;:。]{1,6}?)?(?:下达|纳入|列入|计入|用于|作为|作|设置?|设定|搞|进行|开展|布置|派|分配|挂钩|与)"
    r"|\b(?:not|never|no longer) (?:be )?(?:used|set|given|tied|linked|included|counted)\b"
)


def _unless_affirmed(patterns: tuple[str, ...], unless: tuple[str, ...]) -> tuple[str, ...]:
    """As _unless, but a word of `unless` negated right before it (NEGATED), or in a clause that denies the use before
    it (DENIED_USE), does not count."""
    affirmed = rf"(?:^|[,;:。])(?:(?!{DENIED_USE})[^,;:。])*?{NEGATED}(?:{'|'.join(unless)})"
    return (rf"^(?!.*?{affirmed}).*?(?:{'|'.join(patterns)})",)


IN_CLAUSE = r"[^,。;!?\n]"  # a character of the same clause
NUMBER = r"(?:\d+|[一二两三四五六七八九十百千半]+)"
# The verbs of a task a worker fails (未转发, 没接龙, 不回复): who failed, when a list of them is made public.
FAILED_TASK = "转发|转|回复|回|接龙|报送|上报|报|提交|交|打卡|签到|到岗|学习|阅读|已读|读|达标|参会|参加|完成|发|下载|注册|关注|上传|截图"

# Who a use target is aimed at, and the verbs of using an app (forced_use).
# 关注 alone is also "pay attention to" (关注独居老人): as an app verb only with an account.
USE_APP = (
    "下载|安装|注册|激活|绑定|实名认证|实名注册|入群|进群|订阅|扫码关注|关注(?:公众号|账号|视频号|抖音|微博|号)"
    '|关注[“"][^”"]{1,16}[”"](?:公众号|账号|视频号|抖音号|微博|号)'
    # spoken: 下个app / 装上那个软件, and people asked to put it on (求人装, 让老人下)
    "|(?:(?<![以如之上一地线底天乡在两])下|装)(?:上|好|完|了)?(?:个|那个|这个|一个)?(?:app|应用|软件|客户端)"
    "|(?:求|让|叫|劝|逼|催)(?:着)?(?:人|居民|群众|大家|住户|他们|老人|邻居)(?:去|都)?(?:装|下)(?![^,。;]{0,2}(?:楼|来|班|雨))"
)
USE = f"{USE_APP}|关注|实名"
SHARE = "转发|分享|阅读|点赞|点击|浏览|评论|答题"
USE_VERBS = f"(?:{USE_APP})"
QUOTA_WORDS = (
    r"(?:任务|指标|目标|不少于|不低于|至少|达到|达成|完成率|比例|纳入[^,。;]{0,6}(?:考核|评比|评优|绩效|年终|年度)|计入"
    r"|挂钩|作为考核)"
)
# A report of an account's or app's own figures (周报：本周新增关注1203人，累计阅读量3.2万次) puts no count to use …
REPORT_OF_COUNTS = (
    r"(?:周报|月报|季报|年报|运营报告|运营月报|运营周报|运营分析|运营数据|运营统计|数据简报)",
    r"(?:本周|本月|今年|累计|共计|新增)[^,。;]{0,4}(?:关注|阅读|下载|注册|转发|浏览|用户)[^,。;]{0,3}\d",
    r"\b(?:weekly|monthly|quarterly|annual) (?:report|summary|stats|statistics|figures)\b",
    # the account's own summary (这是小编自己做的月度小结), our own figures for this report
    r"(?:自己|自行|自主)(?:做|写|整理|统计|汇总)的[^,。;]{0,4}(?:小结|总结|统计|汇总|报告|周报|月报)",
    r"\b(?:our|its|their) own (?:figures|numbers|statistics|stats|count)\b",
)
# … unless the sentence also makes it a quota, an assessment or a ranking.
PUT_TO_USE = (
    "考核", "指标", "任务", "通报", "排名", "排序", "不少于", "不低于", "至少", "达到", "挂钩", "约谈", "扣", "目标", "末位", "倒数",
    r"\btarget", r"\bquota", r"\bassess", r"\brank", r"\bat least", r"\bbottom",
)  # fmt: skip
MOBILISE = r"(?:动员|发动|要求|组织|督促|确保|保证|推动|每户|户户|人人|挨家挨户|逐户|入户|全员|全体|下达)"

PROOF_CONTEXT = (
    "证明", "佐证", "为证", "留存", "存档", "备查", "留痕", "证据", "完成情况", "工作情况", "已完成",
    "已到", "到岗", "在岗", "到场", "值守", "走访", "入户", "巡查", "巡逻", "每天", "每日", "每次",
    "每周", "每月", "考核", "检查", "代替", "替代", "依据", "成绩", "计入", "计分", "数量", "为准", "每处",
    rf"{NUMBER}\s*张", "附", "配", "发群", "发到群", "群里", "群内", "上传至群", "工作群", "参会",
    "会议画面", "学习", "上报", "报送", "提交", r"(?:视为|算作|按)[^,。;]{0,6}未", r"没有(?:视频|照片|图片)",
    r"\bproof", r"\bprove", r"\bevidence", r"\bshow (?:that|they)", r"\bto show (?:it|that|they|the)",
    r"\bafter (?:each|every)", r"\bevery (?:visit|day|patrol|shift)",
    r"\bdaily\b", r"\bweekly\b", r"\bdocument (?:their|each|every)", r"\binstead of", r"\bin the group",
    r"\bto the group", r"\bpost(?:ed|ing)? (?:in|to)", r"\bvisit", r"\bpatrol", r"\battend",
    # one photo for each person served, kept as the record of the work: every time you help…, our record of your service hours
    r"\bin the [\w' -]{0,30}group\b", r"\b(?:every|each) time (?:you|they|staff|workers|volunteers|we)\b",
    r"\b(?:per|for each|for every) (?:person|resident|household|visit|case|client|call) (?:helped|served|visited|handled|seen)",
    r"\brecords? of (?:your|their|our|the) (?:work|service|visits?|hours|duty)", r"(?:服务|工作|值班)(?:时长|工时)",
    rf"每(?:服务|帮助|接待|帮|办理|走访|处理)[^,。;]{{0,6}}(?:一|1|{NUMBER})\s*(?:人|位|户|次|件|个)",
    # the work counts only with the photo: 发群里才算干了, 没照片等于没干, it only counts as done with a photo
    r"才(?:算|能算|作数|认|给算)", r"没有?(?:视频|照片|图片|图)", r"\bonly counts? (?:as|if|when|once)",
    r"\b(?:does not|doesn'?t|won'?t|will not) count (?:as|unless|until)", r"\bnot counted (?:as|unless|until)",
    # the photo stands in for a missed act (every missed tag must be made up with an uploaded photo; 漏刷的补拍照片)
    r"\b(?:be|is|are|gets?|got) made up (?:for )?with\b", r"\bmake up for\b", r"补(?:拍|传|发|交|录)",
)  # fmt: skip
DUTY_WORDS = (
    "值守", "值班", r"在线(?!时长|时间|率|人数|天数|统计|考核|学习|办理|预约|咨询|服务|培训)", "待命", "开机", "响应", "回复", "签收", "接单", "回应", "应答", "接收", "接听", "处理",
    "报送", "上报", "反馈", "接龙", "发送", "发布", "发消息", "发通知", "派发", "收到", "随叫随到",
    "保持畅通", "办理", "完成", "提交", "汇报", "报告", "发群", "作答", "开会", "参会", "会议", "查看",
    "到岗", "加班", r"组织(?:活动|开展)", r"(?:发|报|传)(?:到|至|进|在)[^,。;]{0,4}群", r"(?:报|交|发|填|传)(?:一遍|一次|上来|过来)",
    # spoken: 必须报, 在群里报, 报个数; a confirmation asked for (当晚完成确认)
    r"(?:必须|务必|都得|还得|就得|也得|也要|得要|须|需|要|得|让|叫)(?:在[^,。;]{0,8})?报(?![名销废警刊纸酬道备])",
    r"(?:盯|守)(?:着)?[^,。;]{0,4}群", r"(?:要|得|须|必须|还要|还得|需要|又要|都要)(?:去|到|出去|在)[^,。;]{0,12}(?:扫码|打卡|签到|巡|转|值守|走访|入户|上门|站岗|守|刷)", r"开[^,。;]{0,3}会", r"催(?:报|交|要|促|办|着|表|数|进度)", r"(?:要|得|须|必须|马上|立刻|立即|及时|秒)回(?![家去来访收执到老])",
    r"(?:群里|群内|群中)(?:报|发|交|传|接龙|回)", "报数", "报个数", "确认", r"\bconfirm",
    # sent up, or everyone @-mentioned: 把名单报上去, 又@全体了
    r"(?:报|交|发|传|填)上去", r"@(?:全体|所有人)",
    # an upload or a form to fill or hand in, and a deadline with its verb: 周末照常上传, 发个表, 九点前交
    "上传", "上交", "填报", "录入", r"(?:发|填|交|报)(?:个|张|一张|份|一份)?表(?!扬|彰|态|演|示|达)",
    r"(?:前|之前|以前|截止)(?:要|须|需|得|必须|务必)?(?:交|报|发|传|填|提交|完成|回)",
    r"\bdue\b", r"\bdeadline", r"\b(?:back|returned) (?:by|before)\b", r"\bmust be (?:in|back|done|finished|handed in)\b", r"\bhand(?:ed)? in\b",
    r"\bmeeting", r"\brepl", r"\brespon", r"\banswer", r"\bon call", r"\bon duty", r"\bavailable",
    r"\breport", r"\bonline", r"\bmessag", r"\bsubmit", r"\bsend", r"\bsent\b", r"(?<!name )(?<!names )\bpost",  # (has their name posted: a naming, not a duty)
    r"\backnowledg", r"\bcheck (?:the|their) (?:group|phone)", r"\bhandle", r"\breachable",
)  # fmt: skip
# A duty only in a declared emergency, or a rota, is not an after-hours requirement.
# (IN FORCE: the limit denied in English — not only during typhoon alerts, not just in emergencies — keeps the duty)
_NOT_ONLY = r"(?<!not )(?<!not only )(?<!not just )(?<!not merely )(?<!not simply )(?<!not limited to )(?<!not only in )(?<!not just in )"
EMERGENCY_ONLY = (
    # (IN FORCE: a limit denied keeps the duty — 该要求不限于应急状态, not limited to emergencies)
    r"(?:(?<!不)仅|只|除|(?<!不)(?<!不仅)限于|以外|外).{0,12}(?:应急|紧急|突发|防汛|抢险|灾害|险情|台风|预警)",
    r"(?:应急|紧急|突发|防汛|抢险|灾害|险情).{0,12}(?:除外|时启用|期间启用|方可)",
    r"(?:如遇|遇有|如有|发生)[^。;]{0,16}(?:突发|紧急|火情|火灾|险情|泄漏|事故)",
    # (not the time outside it: 非应急响应期间亦执行 — the duty stands outside emergencies too; not the hour of a count, 24小时:
    # 防汛群全员24小时开机 names no period — digital38)
    r"(?<!非)(?:台风|暴雨|暴雪|寒潮|预警|应急响应|险情|灾情|地震|疫情|流调|封控)[^,。;]{0,10}(?:期间|时段|(?<!小)时)",
    # (the limit in its own sentence, however long the condition: activated only when the district declares a level i-ii
    # emergency; not a limit denied: not only during typhoon alerts, not just in emergencies)
    rf"{_NOT_ONLY}\b(?:only|except)\b[^.;]{{0,60}}\b(?:emergenc|disaster|flood|typhoon|storm|alert)",
    rf"{_NOT_ONLY}\b(?:during|in) (?:a|an|the)? ?(?:emergenc|disaster|flood|typhoon|storm|red alert)",
    # while a warning is in force, during a warning, flood season: the duty is the warning's
    rf"{_NOT_ONLY}\b(?:only|except|while|whilst|during)\b.{{0,40}}\b(?:warnings?|alerts?)\b(?: \w+){{0,2}} (?:is|are) (?:in force|in effect|issued|active|on)",
    rf"{_NOT_ONLY}\bduring (?:a|an|the) (?:[\w-]+ ){{0,2}}(?:warning|alert|emergency response)s?\b",
    r"\b(?:flood|typhoon|storm|rainy)[- ]season\b.{0,60}\b(?:only|closed|disbanded|stood down)",
    # the warning or response lifted, and the duty with it: 今早9点预警解除就撤了, once the alert is lifted
    # — not when the duty is said to go on after it, with 后 or a contrast (预警已经解除了，但是…仍然要…24小时开机; digital39)
    r"(?:预警|应急响应|响应|警报|险情)(?:一|已|已经|正式)?(?:解除|撤销|结束|终止)"
    r"(?![^。;]{0,4}后[^。;]{0,6}(?:仍|还|依然|依旧|继续|照样|照常))"
    r"(?![^。;]{0,4}[,，]?(?:但是|但|可是|可|却)[^。;]{0,16}(?:仍|依然|依旧|继续|照样|照常))",
    r"\b(?:warnings?|signals?|alerts?|emergency|response) (?:is |are |was |were |has |have )?(?:since |now |already |just )?(?:been )?(?:lifted|cancell?ed|withdrawn|called off|stood down)\b(?![^.;]{0,30}\bstill\b)",
)
# A season of the year (防汛期间, 汛期, 森林防火期) limits a duty as an emergency does — unless the duty is on everyone
# (全体网格员仍须保持24小时在线): a season of months with every worker on call is a standing duty, not an emergency's (digital38).
SEASON_ONLY = (r"(?<!非)(?:防汛|汛期|抗旱|森林防火|防火期)[^,。;]{0,10}(?:期间|时段|(?<!小)时)",)
# everyone on call in one clause (全体网格员仍须保持24小时在线, 全员24小时开机) — not everyone's ordinary duty (其他人员每人须正常上班)
EVERYONE_ON_CALL = (
    r"(?:全体|全员|所有人|所有网格员|所有工作人员|每个人|人人|大家)[^,。;]{0,10}(?:24|二十四)\s*小时",
    r"(?:全体|全员|所有人|所有网格员|所有工作人员|每个人|人人|大家)[^,。;]{0,8}(?:须|必须|都要|均须|仍须|都得)[^,。;]{0,6}(?:在线|开机|待命|值守|随叫随到)",
)
# A group that is no work group, or a message that is not work: 居民自建的团购群, 跟工作没关系.
# A sentence that says what it describes has nothing to do with the work (跟我们工作莫得关系, nothing to do with our work).
NO_RELATION_TO_WORK = (
    # (a degree word before the denial, and the worker's assessment as the work: 跟工作完全没关系, 跟我们社工的考核无关 — digital39)
    r"(?:跟|与|和|同)(?:我们|咱们|我|社区|街道|网格员|网格|社工|的){0,4}(?:工作|业务|考核)(?:完全|根本|压根儿?|一点儿?|都|也)?"
    r"(?:没有?|无|毫无|不相?|莫得|没得|冇)(?:什么|任何|啥|半毛钱)?(?:关系|关联|相关|关)",
    r"\b(?:nothing to do with|not related to|unrelated to|not about) (?:(?:our|my|their|the) )?(?:work|the job|my job|jobs)\b",
)
NOT_WORK = (
    *NO_RELATION_TO_WORK,
    r"(?:不是|并非|并不是|非)工作群|(?:团购|购物|拼单|私人|家庭|亲友|同学|兴趣)群",
    r"(?:居民|业主|邻居|住户|群众)(?:们)?自(?:己|发|行)?(?:建|组建|拉|成立)的?[^,。;]{0,4}群",
    # residents named any way who built it themselves (几个嬢嬢自己建了个“广场舞群”) — not we, the community or the office
    r"(?<!我们)(?<!社区)(?<!街道)(?<!网格员)(?<!咱们)自(?:己|发|行)(?:建|组建|拉|成立|搞)了?(?:个|一个)?[^,。;]{0,3}[‘“'\"]?[^,。;]{0,8}群",
    r"\b(?:group|chat)s? (?:that|which) (?:the )?(?!community|street|office|district|staff|workers)[\w' -]{1,30}? (?:set up|created|started|built|made|run) (?:\w+ )?themselves\b",
    r"\b(?:residents'|neighbours'|neighbors'|family|personal|private|shopping|group-buying) (?:own )?(?:group|chat)s?\b",
)
# The duty is on every member even with a rota named (any staff member who is @-mentioned must acknowledge).
EVERYONE_MUST = (
    r"(?:所有人|全体|每个人|每人|任何人|人人|全员|大家)[^,。;]{0,10}(?:必须|须|都要|都得|均需|均须|一律)",
    # the requirement laid on everyone, the verb before them (群规要求全体成员周六上午报“在岗”)
    r"(?:要求|规定|责令)(?:所有人|全体|每个人|每人|任何人|人人|全员|大家)",
    r"\b(?:any|every|each|all) (?:staff|members?|workers?|colleagues?|employees?|one)\b[^.;]{0,40}\bmust\b",
    r"(?:作为|当作|用作)[^,。;]{0,6}(?:24|二十四)\s*小时[^,。;]{0,4}值(?:班|守)(?:渠道|群)",
    r"\bserves? as (?:the|a|our) (?:24/7|24-hour|round-the-clock) (?:duty )?(?:channel|line|group)",
    # the duty officers named must themselves be online round the clock (no turns): 值班人员须保证7×24小时在线
    r"值班(?:人员|员|干部)(?:须|需|必须|要|应|应当|均须|都要)(?:保证|保持|确保|做到)?(?:7\s*[×x\*]\s*24|24|二十四)\s*小时[^,。;]{0,4}(?:在线|待命|开机|响应|回复|畅通)",
    r"\bduty[- ]officers?'?\b[^.;]{0,40}\b(?:has to|have to|must|needs? to|is required to|are required to|is expected to)\b[^.;]{0,60}\b(?:24/7|7 ?[x×*] ?24|24 ?[x×*] ?7|24 hours a day|around the clock|round the clock|at all times|day and night)",
    r"值班(?:人员|员|干部)[^,。;]{0,10}(?:须|需|必须|要|得|都要|均须)[^,。;]{0,8}(?:7\s*[×x\*]\s*24|24|二十四)\s*小时[^,。;]{0,4}(?:在线|待命|开机|响应|回复|畅通)",
    # no turns said outright (指定一名值班干部…全天随叫随回，不安排轮换): the one named answers all the time himself, as a duty
    # officer's own round-the-clock week (digital39)
    r"(?:不安排|不设|没有|无|不)(?:轮换|轮班|轮值|轮流|换班)",
    r"\bduty (?:officers?|staff|colleagues?)\b[^.;]{0,20}\bmust (?:be|stay|remain|keep) (?:\w+ )?(?:online|available|reachable|on call) (?:24/7|7 ?[x×*] ?24|24 ?[x×*] ?7|24 hours a day|around the clock|round the clock|at all times)",
)
# A system that posts or sends something itself in the evening lays no duty on the workers.
AUTOMATED = (
    r"\b(?:system|app|platform|bot|dashboard|software|module|tool)\b[^.;]{0,100}\b(?:posts|sends|pushes|publishes|generates|circulates|emails)\b[^.;]{0,60}\b(?:every|each) (?:evening|night)\b",
    r"(?:系统|平台|后台|app|机器人)(?:会)?(?:于|在)?(?:每晚|每天晚上|夜间|晚上)[^,。;]{0,4}自动",
    r"(?:每晚|每天晚上|夜间)[^,。;]{0,4}(?:由)?(?:系统|平台|后台)(?:自动)?(?:推送|生成|发送|汇总|统计|备份)",
)
# A message outside working hours that may wait for the next working day is no after-hours duty.
DEFERRED = (
    r"(?:下一?个?工作日|次日|第二天|翌日|周一|上班后|工作时间内)[^,。;]{0,4}?(?:再|统一)?(?:处理|回复|办理|答复|反馈|查看)",
    # the next day named any way with the return to work (第二日上班再处理, 明天上班后回复, 星期一上班再办) — not a deadline
    # with an hour (明天7点前回复: no 上班)
    r"(?:第二[天日]|次日|翌日|明[天日]|周一|星期一|礼拜一)(?:一)?(?:上班|返工|返岗)(?:后|时)?(?:再|统一|才|就)?(?:处理|回复|办理|答复|反馈|查看|回|办|看)",
    r"\bnext (?:working|business) day",
)
# A service residents may use at any hour is no duty of the workers (居民可随时查看, residents can book at any time):
# the phrase must reach into the trigger.
RESIDENTS_MAY = (
    r"(?:(?:居民|群众|市民|用户|您|申请人|办事人|老人|家属)[^,。;]{0,6}(?:可|可以|能|也可)|(?:支持|方便|便于|允许)(?:居民|群众|市民|用户|老人)[^,。;]{0,6}?)"
    r"(?:在|于)?(?:随时|全天|晚上?|夜间|周末|节假日|双休日|下班后|\d)",
    r"\b(?:(?:residents|citizens|users|applicants|the public|people|you|families) (?:can|may)|lets? (?:residents|citizens|users|people|the public|families))\b"
    r"[^,;]{0,40}?\b(?:at any|any time|at night|in the evening|on (?:the )?weekends?|after|24/7|around the clock)",
)
ROTA = (
    r"轮值|轮流值班|轮流值守|轮班值守|轮岗值班|值班表|排班表|排班|值班安排",
    r"(?:安排|由|指定)[^,。;]{0,10}值班",
    r"值班(?:人员|员|干部)(?:负责|处理|接收|回复|轮流)",
    r"(?:由值班人员|值班人员负责|值班员负责)",
    r"(?:由|请)[^,。;]{0,6}代(?:为|理|办)|(?:顶岗|交接给|转交)",  # someone stands in for the one away
    r"\bduty (?:officer|rota|roster)s?\b",
    r"\b(?:rota|roster)\b",
    r"\btake turns\b",
)
REQUEST_VERBS = (
    "报送", "上报", "填报", "录入", "填写", "收集", "统计", "登记", "提交", "采集", "汇总", "接龙",
    "补录", "报给", "报至", "再报", "重报", "核报", "摸底", "导入", "再填", "报",
    # a bare 填 with the duty before it (表里要填低保证号): the fields asked for
    r"(?:要|须|需|得|必须|需要|还要|都要)填(?![好完满])",
    r"\breport", r"\bsubmit", r"\benter", r"\bre-?enter", r"\bfill", r"\bcollect", r"\bupload",
    r"\bcompile", r"\bprovide", r"\bsend (?:in|us)", r"\btype in",
    # a template or form that asks for the fields (asks for full name, ID number…; 索要, 要求提供)
    r"\bask(?:s|ed|ing)? (?:\w+ )?for\b", "索要", "索取", "要求提供",
)  # fmt: skip
PREFILLED = (
    "自动获取", "自动带出", "自动生成", "自动调取", "预填", "从居民库", "居民库直接", "共享获取",
    "共享调取", "系统自动", "数据共享", "系统推送",
    r"\bpre-?filled", r"\bprefill", r"\bautomatically", r"\bpulled from", r"\bfrom the registry",
    r"\bshared from",
)  # fmt: skip

# A check-in app that is the residents' own (健康打卡小程序，是给居民自己用的), in a sentence that names no worker.
RESIDENTS_OWN_CHECK_IN = (
    r"(?:给|供|为|让|面向)(?:社区|辖区)?(?:独居|空巢|高龄|失能|留守|困难|残疾)?(?:居民|老人|老年人|群众|市民|患者|家长|孩子|学生)(?:们|家)?(?:自己|自行|自主)?(?:用|使用|参与|记录)",
    # made for them (给独居老人弄了个健康打卡小程序), their own (是老人自己用的), and not the workers' appraisal (不是考我们的)
    r"(?:给|为|替)(?:社区|辖区)?(?:独居|空巢|高龄|失能|留守|困难|残疾)?(?:居民|老人|老年人|群众|患者|孩子|学生)(?:们|家)?(?:弄|做|搞|建|开发|设计|上线|开通)了?(?:个|一个|一款)",
    # (with where they do it between: 居民自己在小程序里打卡报平安)
    r"(?:居民|老人|老年人|群众|市民|患者|家长|孩子|学生)(?:们|家)?(?:自己|自行|自主)(?:在[^,。;]{0,8}?)?(?:用|使用|参与|打卡|签到)",
    # what they use, said as theirs: 那些老年人用的“健康打卡”小程序, 居民在用的打卡程序
    r"(?:居民|老人|老年人|老人家|群众|市民|患者|家长|孩子|学生)(?:们|家)?(?:平时|日常)?(?:在)?(?:用|使用)的",
    r"不是(?:用来)?(?:考|考核|考评|管|查)(?:我们|社工|网格员|工作人员|干部)",
    # a safety tap of the residents (给独居老人每天点一下报平安的, 老人家自己点, 老人每天早上点一下报个平安)
    r"(?:居民|老人|老年人|老人家|群众|患者|家长|孩子|学生)(?:们|家)?(?:自己|自行|自主|每天|每日|早上|每天早上){0,2}(?:点|按|戳)(?:一下|一次)?(?:[^,。;]{0,4}报(?:个)?平安)?(?![^,。;]{0,2}(?:名|赞|单|评))",
    r"(?:给|供|为|让|面向)(?:社区|辖区)?(?:独居|空巢|高龄|失能|留守|困难|残疾)?(?:居民|老人|老年人|群众|患者)(?:们|家)?[^,。;]{0,8}报(?:个)?平安",
    # a button or a feature for older residents, who choose to join (a daily 'I'm OK' button for older residents who live alone)
    r"\b(?:button|feature|service|function|reminder|tool|mini-program|programme|program)s? for (?:the )?(?:older |elderly |senior |lonely |vulnerable )?(?:residents|people|patients|the elderly|seniors|pensioners|families)\b",
    r"\b(?:residents|older people|seniors|pensioners|families|users) (?:choose|decide|can choose|may choose) whether to (?:join|use|sign up|take part)",
    r"\b(?:for|meant for|used by) (?:the )?(?:residents|patients|older people|the elderly|families|pupils|the public) (?:themselves|only|to use)",
    r"\bnot (?:used )?(?:to (?:assess|rate|check on|monitor)|for assessing|for rating) (?:us|the staff|staff|workers|the workers)\b",
)
# WHO (shared): the act is others' own — residents, older people, volunteers doing it for themselves (老人自己量自己打,
# 义工签到表是给义工自己签的, 志愿者给自己参加的活动扫码签到) or for a reward of their own (换积分换鸡蛋, 签够服务时长,
# 计义工时, 打满一个月送体检) — in a sentence that names no staff (STAFF: the workers, volunteers not among them).
# (older neighbours named as kin, in any dialect — 依伯, 依姆 (Fuzhou), 阿伯, 阿婆, 大爷, 大妈, 嬢嬢 —, and their own
# associations: 老年协会)
OTHERS = (
    "居民|老人|老人家|老年人|长者|群众|市民|患者|家长|孩子|学生|义工|志愿者|业主|住户|邻居|街坊|村民"
    "|依伯|依姆|依嬷|阿伯|阿婆|阿公|阿嬷|大爷|大妈|大娘|婆婆|爹爹|嬢嬢|老伯|老年协会|老年人协会|老协"
)
OTHERS_FOR_THEMSELVES = (
    # (what they do themselves, the place between: 自己建了个群, 自己在他们的群里发照片)
    rf"(?:{OTHERS})(?:们|家)?[^。;]{{0,16}}?(?:给|为)?自己(?:在[^,。;]{{0,10}}?)?(?:参加|参与|量|签|打|按|点|用|报名|记录|做|建|组建|拉|玩|发|晒|比|搞|组织|办)",
    rf"(?:{OTHERS})(?:们|家)?[^。;]{{0,40}}?(?:(?:换|兑换|领)(?:积分|鸡蛋|米|油|礼品|纪念品|奖品)"
    r"|(?:计|算|记|签够|攒|累计)(?:义工|志愿|服务)(?:服务)?(?:时|时长|时数)|满[^,。;]{0,4}送)",
)
STAFF = (
    "网格员", "社工", "工作人员", "干部", "职工", "员工", "书记", "主任", "社区工作者", "楼栋长",
    r"\b(?:staff|workers?|cadres?|officers?|employees?)\b",
)  # fmt: skip
WORKERS = (
    "网格员", "社工", "工作人员", "干部", "职工", "员工", "书记", "主任", "社区工作者", "楼栋长", "志愿者",
    r"\b(?:staff|workers?|cadres?|officers?|employees?|volunteers?)\b",
)  # fmt: skip
# A worker who follows up on a resident who did not check in (我们网格员就上门敲门看看, a grid worker calls round) checks
# in nothing: the worker word does not count against the residents' own check-in.
FOLLOW_UP = r"(?![^,。;]{0,4}(?:上门|敲门|去看|去问|入户|电话|打电话|联系|回访|跟进|核实))(?! (?:\w+ ){0,2}(?:calls? round|visits?|knocks?|phones?|follows? up|goes round))"
# Nor does a worker named only in the clause that denies the check-in is theirs (不是对我们工作人员的打卡要求, 不是考网格员
# 的, not meant for the staff): the denial says whose it is not.
STAFF_DENIED = (
    r"(?:不是|并非|并不是|而非)(?:用来|用于)?(?:对|给|针对|面向|考|考核|考评|管|查|要求)|不(?:针对|面向)"
    r"|\bnot (?:for|on|aimed at|meant for|a requirement (?:on|for)|used (?:to assess|on|for))\b"
)
_CLAUSE_NOT_DENYING = rf"(?:^|[,;:。])(?:(?!{STAFF_DENIED})[^,;:。])*?"
WORKERS_CHECKED = tuple(_CLAUSE_NOT_DENYING + w + FOLLOW_UP for w in WORKERS)
# A person under supervision who reports in themselves (社区矫正对象本人每日定位报到, parolees check in by phone): the
# check-in is the supervised person's, not the staff's — the phrase must reach from the person into the trigger.
SUPERVISED_SELF = (
    r"(?:社区矫正对象|矫正对象|社区服刑人员|社区戒毒人员|社区康复人员|戒毒康复人员|刑满释放人员|监管对象|被监管人员|取保候审人员)"
    r"(?:本人)?[^,。;]{0,12}?(?:定位|报到|打卡|签到|位置)",
    r"\b(?:parolees?|probationers?|people on (?:probation|parole)|(?:offenders?|persons?|people) (?:under|on) (?:community )?"
    r"(?:correction|supervision|probation|parole))\b[^.;]{0,40}?\b(?:check(?:s|ed|ing)?[- ]?in|report(?:s|ed|ing)? in|location)",
)
# A track measured in hours, whatever comes between in the clause (巡查轨迹累计满4个小时, 开着轨迹每天要求累计巡查够四个小时):
# time spent (online_time), not where the worker is (digital38).
# (not a gap in the track: 轨迹断点超过1小时视为脱岗 is the check-in's absence)
# A track counted by the hour (巡查轨迹现在系统按小时算 — 按钟头算 in Hokkien, read as 小时) is the same measure (digital39).
TRACK_IN_HOURS = (
    r"轨迹(?:时长|时间)?(?:[^,。;断停离缺空]{0,12}?(?:不少于|不低于|至少|满|够|足|达到|不足|超过)\s*"
    + NUMBER
    + r"\s*个?\s*(?:小时|分钟|钟头)|[^,。;断停离缺空]{0,12}?按\s*(?:小时|分钟|钟头)\s*(?:算|计|统计|计算|考核))"
)
# The online-time measure put to use as attendance (在线时长由系统自动统计，作为月度考勤依据; 轨迹时长不够记一次缺勤): the attendance
# word names the measure's use, no attendance act (digital38).
ONLINE_MEASURE_AS_ATTENDANCE = (
    r"(?:在线|登录|学习|轨迹|观看|浏览|挂机)(?:时长|时间|天数|次数)[^。;]{0,16}(?:作为|计入|纳入|记|算|按|视为)[^。;]{0,6}"
    r"(?:考勤|缺勤|出勤|旷工|迟到)"
)
# A photo of oneself at the place of work (发一张自己在社区门口的照片, 本人站在岗位上的照片): the worker at the post, the check-in
# (as 到岗照 and a selfie at the office door; digital38).
PHOTO_OF_SELF_AT_WORK = (
    r"(?:自己|本人)(?:站)?(?:在|于)[^,。;]{0,8}?(?:门口|门前|大门|岗位|岗|点位|办公室|单位|服务站|网格)(?:上|前|里|内|外)?(?:的)?"
    r"(?:照片|照|自拍|合影|视频)"  # (not a photo one took there: 居民自己在小区门口拍的照片)
)
CHECK_IN: tuple[Kind, ...] = (
    Kind(
        "check_in",
        "attendance",
        (
            "打卡", "签到", "签退", "考勤", "巡更", "刷脸", "人脸识别", "人脸比对", "人脸验证", "活体检测", "查岗",
            r"(?:到岗|上岗|上班|在岗|岗位|点位|岗点)[”\"]?(?:自拍|照)",
            # patrol tags: 刷NFC, 碰一下巡更标签
            r"(?:刷|碰|贴|扫)(?:一下)?(?:nfc|rfid)|(?:nfc|rfid)[^,。;]{0,4}(?:标签|巡更|巡检|打点|签到|卡)",
            r"到岗(?:拍照|签到|确认|报到|打点)", r"(?:点位|巡查点|巡更点|指定点)[^,。;]{0,6}扫码", "扫码打点",
            # a photo that shows the worker at the post (每天早中晚三个点在岗拍照发到群里, 上岗拍张照)
            r"(?:到岗|在岗|上岗)(?:自拍|合影|拍(?:个|张|一张)?(?:照|照片|合影|视频))",
            # patrol plaques tapped or scanned at each point (刷那个点位牌子, 巡更牌贴一下, 扫巡查点的码)
            r"(?:刷|碰|贴|扫|打)(?:一下)?(?:那个|这个|每个|一个)?(?:点位|巡更|巡查点|巡逻点|巡检点)(?:牌|牌子|卡|码|标签|二维码)",
            r"(?:点位|巡更|巡查|巡逻|巡检)(?:牌|牌子|卡|标签)[^,。;]{0,8}(?:刷|碰|贴|扫)",
            # a code posted at each place of the round, scanned as the record of the visit (每周每栋扫码一次, 扫了系统才算巡过)
            # — not a code scanned to follow, register or join (扫码关注)
            r"(?:每栋|每幢|每座|每个楼栋|每个楼|每处|每个点位|每个点|每个巡查点|每个场所|每家店|每个店)[^,。;]{0,4}扫(?:码|二维码|一下)(?!关注|注册|下载|进群|入群|登记|领)",
            r"扫(?:码|了|完|过)?[^,。;]{0,6}(?:才算|才能算|才当|才记|才认|视为|算作)[^,。;]{0,2}(?:巡|到岗|到过|来过|签到)",
            r"(?:点击|点选|记录|记下|统计|登记)[^,。;]{0,2}[“\"]?(?:到岗|在岗|上岗)", r"(?:点|报|回|回复|发|打)(?:个|一个|一次|一下|一遍|一声)?[“\"‘'「『](?:已)?(?:到岗|在岗|上岗)",
            r"(?:到岗|在岗|上岗)(?:次数|率|天数|记录|按钮|键)", PHOTO_OF_SELF_AT_WORK,
            # a roll call of arrival in a group (接龙“已到岗”) and lateness counted from it
            r"接龙[^,。;]{0,4}[“\"]?(?:已到岗|到岗|已上岗|在岗|已到)", r"(?:到岗|在岗|上岗|报到|签到)接龙", r"(?:记|算|按|视为|算作|记为|按照)(?:迟到|缺勤|旷工|脱岗)",
            # who is at work today reported in the group: 每天早上报“今日在岗人员” (not a holiday duty list: 值班在岗人员)
            r"(?<!值班)(?:报|报送|上报|接龙|发|晒|汇报)[^,。;]{0,4}[“\"]?(?:今日|今天|当日|当天|每日|每天)(?:的)?(?:在岗|到岗|上岗)(?:人员|人数|情况|名单)",
            *_en(
                r"check(?:s|ed|ing)?[- ]?ins?\b", r"check(?:s|ed|ing)? in\b", r"clock(?:s|ed|ing)?[- ]?(?:in|out)\b",
                r"sign(?:s|ed|ing)?[- ]in\b", r"sign-?ins?\b", r"attendance",
                # lateness or absence marked on the worker from an app's record (I'm marked late), as 记迟到, 视为缺勤
                r"(?:marked|recorded|logged|counted|treated) (?:as )?(?:an? )?(?:late|absent|tardy|absence|late arrival|no-show)\b",
                # a face scanned on the app (scan their faces on the app before 8:30)
                r"scan(?:s|ned|ning)? (?:their|his|her|your|my|the workers'?|staff'?s?) faces?\b", r"face[- ]scan",
                r"punch(?:es|ed|ing)? (?:in|the clock)", r"fac(?:e|ial) (?:recognition|scan)",
                r"scan (?:a|the) (?:qr )?code at", r"selfie (?:at|when|on) (?:the start|arriv|start|clocking)",
                r"(?:on-duty|at-post|on-the-job) (?:selfie|photo)s?",
                r"tap(?:s|ped|ping)? (?:the |their |an? )?(?:nfc|rfid|patrol)\b", r"(?:nfc|rfid) (?:tags?|checkpoints?|patrol)",
                r"(?:tap|scan|swipe)(?:s|ped|ned|ping|ning)? (?:the |their |a |each |every )?(?:patrol |check)?(?:point|checkpoint) (?:tags?|plaques?|codes?|cards?|badges?)",
                r"(?:photo|picture|selfie)s? (?:of (?:themselves|herself|himself|yourself) )?at (?:their|her|his|your) (?:posts?|duty points?)\b",
                r"(?:report|post|list|send)\w* (?:in the group )?(?:who is|who's|which staff are|the staff) (?:on duty|at (?:their )?posts?|at work) (?:today|each (?:day|morning)|every (?:day|morning))",
                # presence posted as a quoted word (each staff member posts 'on duty', replies "at post"), as 报“在岗”
                # (the word quoted in Chinese too: every member must post '已到岗' in a roll call)
                r"(?:post|send|repl|type|report|answer)\w* ['\"‘“「](?:on duty|at (?:my |the )?post|at work|arrived|present|here|in position|已?(?:到岗|在岗|上岗)|已到)['\"’”」]",
            ),
        ),
        exclude=(
            *SUPERVISED_SELF,
            "打卡点", "打卡地", "网红打卡", "打卡景点", "打卡胜地", "打卡墙", "签到簿", r"(?:人脸识别|刷脸|人脸比对)认证", "刷脸支付",
            r"(?:人脸识别|刷脸|人脸比对|人脸验证)[^,。;]{0,6}(?:仅|只)(?:用于|供|限于)[^,。;]{0,3}(?:居民|群众|办事|业务|老人|身份|实名)",
            r"(?:人脸识别|刷脸|人脸比对|人脸验证)[^,。;]{0,10}(?:身份核验|身份验证|核验身份|验证身份|实名核验|核实身份)",
            r"fac(?:e|ial) (?:recognition|scan)\w*(?: \w+){0,4} (?:to verify|verif\w*|for) (?:the )?(?:residents?'?|applicants?'?|identity)",
            "打卡地图", r"打卡(?:路线|线路)", ONLINE_MEASURE_AS_ATTENDANCE,
            # an app's name in a ledger's name field (应用名称：社区网格员考勤系统｜使用要求：…) is no requirement: the
            # requirement field says what is asked
            r"(?:应用|系统|app|平台|小程序|程序|软件)(?:名称|名字)[:：]?[^|,。;:]{0,16}?(?:考勤|打卡|签到)",
            # a sign-in sheet of an event handed in as a copy (签到表扫描件作为佐证材料上传) is proof of the event, not a check-in
            r"签到(?:表|册|单)(?:的)?(?:扫描件|复印件|照片|原件|拍照|图片)",
            # residents or volunteers at an event named before them (周六“清洁家园”活动，来的志愿者在门口签到表上签个名)
            r"(?:活动|义诊|讲座|演出|比赛|培训班|服务日)[^。;]{0,16}(?:居民|群众|游客|志愿者|参与者|参加者|市民|来宾|家长)[^,。;]{0,10}(?:签到|签退|打卡|签个名|签名)",
            # how many came to an event (attendance totals appear in the event summary, event attendance) is a count of those
            # who came, no worker checked in
            r"\battendance (?:totals?|numbers?|counts?|headcounts?)\b", r"\b(?:event|activity|session|workshop|class|festival|fair) attendance\b",
            r"\b(?:at|for|during) (?:the |our |a |an |each |every |community |their )*[\w' -]{0,30}?(?:events?|activit(?:y|ies)|fairs?|sessions?|drives?|clean-?ups?|workshops?|festivals?|classes|days?)\b,? (?:the )?(?:volunteers|residents|visitors|participants|attendees|guests|donors|families|parents)\b[^.;]{0,40}?\b(?:sign|check)(?:s|ed|ing)? in\b",
            # residents or volunteers signing in at an event they attend (to count their own hours)
            r"(?:居民|群众|游客|志愿者|参与者|参加者|市民)[^,。;]{0,10}(?:参加|参与|报名)?[^,。;]{0,6}(?:活动|服务)[^,。;]{0,6}?(?:时|现场)?(?:扫码)?(?:签到|签退|打卡)(?:[、和及与/](?:签到|签退))?", r"活动(?:当[天晚日])?(?:现场)?签到", r"签到领(?:取)?(?:纪念品|礼品|奖品|物资)",
            # residents who may check in for themselves: 老人量了血压可以打卡
            r"(?:居民|老人|老年人|群众|市民|患者)(?:们)?[^,。;]{0,12}(?:可以|可|自己|自愿|自行)[^,。;]{0,4}(?:打卡|签到)", r"(?:游客|旅客|游人)[^,。;]{0,8}(?:打卡|签到)",
            r"\bcheck-?in (?:spot|point|desk|counter|map|trail|route|stamp)s?", r"photo spot",
            r"\b(?:volunteers?|residents?|visitors?|tourists?) (?:may|can) (?:sign|check) in",
            # (in English: 86 volunteers signed in at our health fair; the app asks older residents to check in)
            r"\b(?:volunteers|residents|visitors|participants|attendees|guests|people|families|parents|donors)\b (?:\w+ )?(?:(?:scan|tap|use|fill|show|complete|enter)\w*(?: [\w-]+){1,4} (?:to|and) )?(?:signed|checked|sign|check|signing|checking) in (?:at|for|to) (?:the |our |a |an |their |this |each )?[\w' -]{0,30}?(?:fair|event|activity|activities|session|class|workshop|festival|talk|clinic|party|screening|day|drive|campaign|lecture|exhibition|market|concert|ceremony|camp|course|training|gathering)\b",
            r"\b(?:asks?|asked|reminds?|reminded|invites?|invited|lets?|allows?|helps?|for) (?:the )?(?:older |elderly |senior |lonely )?(?:residents|people|patients|users|the elderly|seniors|neighbou?rs)(?: who live alone)? to (?:check|sign) in\b",
            # an event's desk asking those who come to sign in (the chamber's volunteer desk asked me to sign in when I arrived;
            # 志愿者服务台让我们签到) — the participants' sign-in, not the staff's
            r"\b(?:volunteer|event|registration|welcome|reception|sign-?in|information) (?:desk|table|tent|team|coordinators?|organi[sz]ers?)\b[^.;]{0,30}?\b(?:asked|asks|ask|told|tells|tell|wants|wanted|reminded|reminds) (?:me|us|them|everyone|everybody|people|volunteers|participants|residents|visitors|guests) to (?:sign|check) in\b",
            r"(?:志愿者|志愿|活动|报名|签到)(?:服务台|接待台|报到处|签到处|工作人员)[^,。;]{0,6}(?:让|叫|请|要)(?:我|我们|大家|居民|志愿者|参加者|来宾)[^,。;]{0,4}(?:签到|签个名|登记)",
            # residents scanning a point's code to read about it (居民扫点位二维码了解垃圾分类)
            r"(?:居民|群众|游客|市民|访客)[^,。;]{0,6}(?:刷|扫|贴)[^,。;]{0,4}(?:点位|巡更|巡查点|巡逻点|巡检点)",
        ),
        exempt_here=(
            *_unless(RESIDENTS_OWN_CHECK_IN, WORKERS_CHECKED),
            *_unless(OTHERS_FOR_THEMSELVES, tuple(w + FOLLOW_UP for w in STAFF)),
        ),
    ),
    Kind(
        "check_in",
        "location",
        (
            "定位", "轨迹", "位置共享", "共享位置", "实时位置", "共享实时位置", "位置截图", "发送位置",
            "发位置", "上传位置", "电子围栏", "行踪", r"(?:展示|显示|报告|拍摄|发送)(?:自己|本人|其)?的?(?:所在|实时)位置", r"(?:巡查|巡逻|走访|步行|轨迹)里程", r"(?:上报|上传|汇报|报告|发送|共享|报)[^,。;]{0,4}位置",
            r"(?:记录|采集|获取|追踪|跟踪)(?:你|您|其|本人|个人|网格员|社工|工作人员)的?(?:位置|行程|行踪)",
            r"离开(?:辖区|网格|岗位|责任区)[^,。;]{0,8}(?:报警|提醒|告警|预警)",
            *_en(
                r"(?:gps|location) (?:track|check|report|shar)", r"gps\b",
                r"share (?:their|your|real-time) location", r"live location", r"geo-?fenc",
                r"(?:inside|within|outside) (?:the|my|their|his|her|your) (?:electronic |virtual |digital )?fence\b",
                r"(?:route|movement) (?:tracks?|traces?|logs?)\b", r"(?:send|post|share)s? (?:their|a|your) (?:location|position)",
                r"location (?:screenshot|pin)s?", r"track(?:s|ed|ing)? (?:each|every) (?:worker|staff member|cadre)'?s? (?:route|location|movement|position)s?",
                r"(?:leaves?|leaving|left) (?:the|their|his|her) (?:grid|patrol area|post)", r"report (?:their|its|his|her) (?:position|location)",
                r"(?:position|location)s? (?:is |are )?(?:reported|sent|uploaded|logged|recorded) (?:every|each|automatically)",
                # the worker's own location recorded at checkpoints (must record their location at five fixed checkpoints)
                r"(?:record|log|register|confirm|mark)(?:s|ed|ing)? (?:their|his|her|your|each worker's|the worker's) (?:gps )?(?:location|position)s?\b",
                r"(?:missed|skipped) (?:a |the |any )?checkpoints?\b", r"track(?:s|ed|ing)? (?:their|workers'?|staff'?s?) (?:location|movement)",
            ),
        ),
        exclude=(
            *SUPERVISED_SELF,
            "职能定位", "功能定位", "角色定位", "定位为", "定位于", "精准定位", "目标定位", "发展定位",
            "定位准确", "定位清晰", "发展轨迹", "人生轨迹", "附近", "导航",
            # a track measured in hours is time spent (online_time's 轨迹时长), not where the worker is: 巡查轨迹不少于2小时
            TRACK_IN_HOURS, r"轨迹(?:累计)?时长",
            r"(?:老人|老年人|儿童|居民|手环|车辆|孩子)[^,。;]{0,6}定位", r"定位(?:手环|手表|器|老人|设备)",
            r"定位(?:事件|问题|隐患|事发|地点)", r"(?:事件|问题|隐患|事发)[^,。;]{0,6}定位",
            r"(?:事件|问题|隐患|事发|故障|案件|设施)(?:发生)?(?:的)?(?:所在)?(?:位置|地点)",
            # the location a hazard report carries (拍了张照片带定位…点“隐患上报”), not the worker's
            r"(?:照片|图片|拍照|视频)[^,。;]{0,3}(?:带|附|含|加)(?:上)?(?:定位|位置)(?=[^。;]{0,20}(?:隐患|问题|事件|险情|故障)(?:上报|报告|报修|举报))",
            r"(?:隐患|问题|事件|险情|故障)(?:上报|报告|报修|举报)[^,。;]{0,10}(?:带|附|含|加)(?:上)?(?:定位|位置)",
            # a photo stamped with time and place (照片要带时间和定位水印, 带时间水印和定位, geotagged photos): the photo's
            # stamp is proof of the work (trace_screenshot), not where the worker checks in
            r"(?:照片|图片|相片|视频|拍照)[^。;]{0,10}(?:带|附|含|加|显示|打)(?:上|有)?[^,。;]{0,6}?(?:定位|位置|gps)",
            r"(?:带|附|含|加|打)(?:上|有)?(?:时间|日期)?(?:水印)?(?:和|及|与|、|加)(?:定位|位置)(?:水印|信息)?",
            r"(?:定位|位置)(?:水印|信息水印)", r"水印(?:和|及|与|、)(?:定位|位置)",
            r"\b(?:time|date)?(?:-?stamp)?(?: and )?(?:gps|location) (?:watermarks?|stamps?|tags?)\b", r"\bgeo-?tagged (?:photos?|pictures?|images?)",
            # a location function kept only to mark where an event or a problem is (定位功能仅用于事件上报时自动标注发生地点)
            # (with or without 仅: “定位上报”功能用于网格员上报事件发生的位置 — not a use that names the attendance between)
            r"(?:定位|位置)(?:上报|功能|信息|服务)?[”\"']?(?:功能)?[^,。;]{0,4}(?:仅|只)?(?:用于|用来|供|限于|作)[^,。;考勤打卡签到岗]{0,10}?"
            r"(?:事件|问题|隐患|险情|故障|案件|导航|地点|地址|标注|上报)",
        ),
    ),
)  # fmt: skip

# A person's own name shown where the others see it (your name shows up in the monthly report) — not to thank them.
NAMED_IN_A_REPORT = Kind(
    "ranking",
    "named in a report",
    (
        r"(?:名字|大名)[^,。;]{0,4}(?:出现在|上了|挂在|挂到|登上|被挂)",
        r"被挂(?:在|到)?(?:群|网上|榜|墙|大屏)",
        *_en(
            # has their name posted in the group chat, got her name read out
            r"(?:has|have|gets?|got|had) (?:their|his|her|your|my) names? (?:posted|listed|read out|put up|published|circulated|shown|called out)\b",
            r"(?:your|their|his|her|my|the worker'?s?|the staff member'?s?) names? (?:shows? up|turns? up|pops? up|appears?|is listed|are listed|gets? listed|is posted|are posted|is read out|are read out|goes up|is put up)",
            r"names? (?:of (?:those|workers|staff|communities) who (?:fail|miss|do not|don'?t|haven'?t)).{0,40}(?:listed|posted|published|read out|circulated|shown)",
            r"(?:posts?|posted|posting|publish\w*|circulat\w*|shares?|shared|lists?|listed|reads? out|sends?|sent|shows?) (?:out )?(?:the |their )?names of (?:the )?(?:workers|staff|those|people|communities|members|cadres|anyone|everyone|colleagues)\b[^.;]{0,20}\b(?:who|with|that|whose) (?:miss|missing|fail|failed|did not|didn'?t|do not|don'?t|haven'?t|have not|skipp|lag|are late|were late|came last|incomplete|no |without)",
        ),
    ),
    exempt_here=(
        r"表扬|感谢|致谢|光荣榜|先进|获奖|表彰|荣誉|优秀|奖励|中奖",
        r"\b(?:thank|prais|commend|honou?r|congratulat|well done|winners?\b|prize)",
    ),
)
RANKING: tuple[Kind, ...] = (
    Kind(
        "ranking",
        "rank words",
        (
            "排名", "排行", "排位", "名次", "排序", "红黑榜", "红榜", "黑榜", "曝光台", "晾晒", "亮晒", "比晒",
            # points put in order (按积分从高到低推荐 — the order is the ranking; digital39)
            r"按[^,。;]{0,6}(?:积分|分数|得分|分值)(?:的)?(?:从高到低|由高到低|从低到高|由低到高|高低)",
            # (spoken with a word between: 按关注数排个名, 排一下名, 排了个序 — digital38)
            r"排(?:个|一下|一个|了|了个)(?:名|序)(?!单|字|额|义|册|片|言|气)",
            "末位", "倒数", "垫底", "积分榜", "龙虎榜", "擂台", "比学赶超", "打分排队", "排队通报", "赛马",
            r"晒(?:成绩|分|数据|进度)", r"按[^,。;]{0,12}(?:高低|多少|快慢|优劣)(?:排|分|进行|依次)",
            r"红黄[绿蓝][”\"']?(?:灯|牌|三色|管理|榜|亮灯)|亮(?:红|黄)灯|(?:红|黄)灯(?:社区|单位|网格|街道)",
            r"(?:从|由)(?:高到低|低到高|多到少|少到多|快到慢|优到劣)[^,。;]{0,8}(?:排(?!查)|评|列出|公布|公示|通报|展示|分档|等次)",
            rf"(?:前|后){NUMBER}名", rf"(?<![号码数证])末\s*{NUMBER}\s*(?:名|位)(?!数|号)", "后进榜", "落后榜", "曝光榜", "排座次",
            r"倒排(?!工期|时间|计划|节点|任务|进度|倒逼|时序|日程)",
            *_en(
                r"rank(?:s|ed|ing|ings)?\b", r"leader ?boards?", r"score ?boards?",
                r"graded\b.{0,40}\b(?:circulated|published|posted|announced|named)", r"grades? (?:are|is) (?:circulated|published|posted)", r"league tables?", r"bottom (?:three|five|ten|\d+)",
                r"top (?:three|five|ten|\d+) (?:and|communit|worker|street)", r"points? tables?",
                r"red(?: and |/)black list", r"(?:lowest|worst|last)[- ]placed",
                r"(?:sorted|ordered) by (?:performance|score|completion|the number)",
                r"(?:put|listed|placed|arranged|sorted) in order of (?:completion|performance|score|results|progress|the number|how)",
                r"bottom of the (?:list|table|league|ranking|rankings|leaderboard|chart)", r"(?:worst|lowest|poorest)[- ](?:performing|scoring|ranked)",
                r"(?:came|come|comes|coming|finish(?:es|ed)?) (?:in )?last\b(?! (?:week|month|year|night|time|weekend|summer|winter|spring|autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
            ),
        ),
        exclude=(
            "排名不分先后", "排名不分前后", r"\bin no particular order", "倒数计时", "倒计时",
            # a light on one figure against its own target, a status shown to the one it measures (您本月在线时长…低于…要求的
            # 30小时，已亮黄灯; 【红黄绿灯预警】…注册率31%（目标80%），红灯): the target's warning, no order among workers — a list of
            # the red-light people made public stays the naming (digital39)
            r"(?:低于|未达到?|不足|少于)[^。;]{0,14}?已(?:经)?亮(?:红|黄)灯",
            r"红黄[绿蓝]灯预警",
            r"[一两几满整齐]排(?:位置|位子|座位)",
            r"按[^,。;]{0,10}(?:时间|日期|拼音|笔画|首字母|姓氏|音序|距离|类别|编号)[^,。;]{0,4}排序", "排序显示", "姓氏笔画",
        ),
    ),
    Kind(
        "ranking",
        "points with a use",
        ("积分", "得分", "分数", *_en(r"points?\b", r"scores?\b", r"scoring")),
        context=(
            "考核", "通报", "排", "比拼", "评比", "公布", "公示", "展示", "大屏", "扣", "达标", r"不(?:可以|能|得|应|准)?(?:低于|少于)", "挂钩",
            r"\bassess", r"\bappraisal", r"\bpublish", r"\bcompar", r"\bcompet", r"\bpenal", r"\bdeduct",
            r"\bminimum", r"\bat least", r"\bearn", r"\bper (?:day|week|month)",
        ),
        exclude=(
            "积分超市", "积分商城", "积分兑换", "兑换积分", r"\bvolunteer points? (?:shop|store)", r"\bredeem",
            # the points word inside an app's quoted name (「党建积分」平台, the 'Party Points' app): a name, no points measure
            r"[「『“\"‘'][^」』”\"’',。;]{0,10}积分[^」』”\"’',。;]{0,10}[」』”\"’'](?:平台|app|小程序|公众号|系统|软件|程序|群)",
            r"['\"‘“][^'\"’”,.;]{0,20}\bpoints?\b[^'\"’”,.;]{0,20}['\"’”] (?:app|platform|mini-?program|account|system)\b",
            # points lost or deducted in an appraisal are a penalty (扣分), no points system: loses points in the appraisal
            r"\b(?:lose|loses|lost|losing|deduct(?:s|ed|ing)?|dock(?:s|ed|ing)?) (?:\w+ )?points?\b", r"\bpoints? (?:are |is |will be |get )?(?:deducted|docked|taken off|lost)\b",
            # the appraisal's own score is the appraisal, no points system (makes up 10% of the monthly performance score; 考核得分)
            r"\b(?:performance|appraisal|assessment|evaluation|kpi) scores?\b", r"(?:绩效|考核|考评)(?:得分|分数)",
            # the weight of a metric in an appraisal: the rate carries 5 points in the year-end assessment
            r"\b(?:carr(?:y|ies|ied)|worth|weigh(?:s|ted)?(?: at)?|counts? for|makes? up|accounts? for) (?:\d+|\w+) points?\b[^.;]{0,12}\b(?:in|of|toward|towards|within) (?:the |their |its )?(?:[\w-]+ ){0,2}(?:assessment|appraisal|evaluation|review|performance)",
            r"\b(?:assessment|appraisal|evaluation|review|scorecard)s? (?:is |are )?(?:worth|carrying|weighted at) (?:\d+|\w+) points?\b",
            r"\ba (?:line|item|indicator|row) in (?:the |their |its )?(?:[\w-]+ ){0,2}(?:assessment|appraisal|evaluation|review|scorecard) worth (?:\d+|\w+) points?\b",
            # places, not points scored: patrol points, check points, the bin points
            r"\b(?:patrol|check|inspection|collection|pick-?up|drop-?off|service|meeting|bin|scan|tag|nfc|qr|access|entry|duty|sign-?in|check-?in|contact|distribution|charging|assembly|water) points?\b",
        ),
        # WHAT: a score of online activity (an Activity Score of minutes online and log-ins, 活跃度得分) is the online-time
        # measure (online_time), not points, wherever the text names it and then speaks of "the score" — unless points,
        # a rank or a leaderboard are named too
        exempt=_unless(
            (r"\bactivity scores?\b", "活跃度(?:得分|分值|评分)"),
            (r"\bpoints?\b", r"\brank", r"\bleader ?boards?", "排名", "排行", "积分"),
        ),
    ),
    Kind(
        "ranking",
        "naming",
        (
            "通报", r"点名(?:批评|通报|道姓|曝光)|被点名|予以点名|(?:会上|大会上|群里|群内|全区|全街道)(?:挨个|逐个|逐一|一个个|一个一个)?点名(?!表扬|册|签到|答到)",
            # named as the consequence of a failure or at a fixed time: 没转的月底点名, 未完成的例会上点名
            r"(?:月底|月末|周末|年底|年终|每周|每月|例会上?|周会上?|会议上|公开|当众|全镇)点名(?!表扬|册|签到|答到)",
            # in a group or at a meeting named by its owner (在街道党建群点名, 到区里的调度会上点名)
            r"(?:在|到|于)[^,。;]{0,12}(?:群|会)(?:里|内|中|上)?(?:挨个|逐个|逐一|一个个|公开|当众)?点名(?!表扬|册|签到|答到)",
            # at a meeting of any kind, with an adverb between: 第二天早会就点名, 晨会上挨个点名, 班前会直接点名
            r"(?:早会|晨会|班前会|碰头会|调度会|周例会|月例会|推进会|点评会|大会|会上)(?:上|里)?(?:就|又|都|还|要|会|直接|当众|挨个|逐个|逐一|一个个)?点名(?!表扬|册|签到|答到)",
            r"点名[^。;]{0,3}(?:说|念|讲|指出|问)?(?:出)?(?:谁|哪个|哪几个|哪些|哪家)[^。;]{0,8}(?:没|未|不)(?!搞|再|设|要求|需|用|必)",
            # who failed (没接龙的…挨个点名) — not a prohibition of the roll call itself (也不搞每天早上的在岗点名)
            r"(?:没|未|不)(?!搞|再|设|要求|需|用|必|得|准|许|开展|进行|组织|作|做|统计|考核|通报|公布|以|将|把|对|会)[^。;]{0,12}(?:的|者)[^。;]{0,16}点名(?!表扬|册|签到|答到)",
            # their names read out: 迟到的在周例会上念名字
            # (the failure said with any negation and a task's verb: 冇回的 = 没有回的第二天早会上念名字 — digital38)
            rf"(?:迟到|缺勤|落后|(?:没有?|未|不)(?:{FAILED_TASK}|到))的?[^。;]{{0,12}}(?:念名字|念名单|念出来|读出名字|报名字)",
            # the reading before who failed: 隔天早会直接念没回的人的名字 (Taiwanese 唸, simplified 念; digital39)
            rf"(?:念|读|报|点)出?(?:没有?|未|不)(?:{FAILED_TASK}|到)的(?:人|人员|同事)?的?(?:名字|名单)",
            r"(?:谁|哪个|哪些|哪家)[^。;]{0,4}(?:没|未|不)[^。;]{0,14}点名(?!表扬|册|签到|答到)",
            # the list of who failed made public (统计未转发人员名单并在群内公布, 把没接龙的名单晒到群里, 公布未完成的社区名单) —
            # a task's verb failed, not 未成年人 or 未婚; a list kept for follow-up and not shown (统计未接种人员名单) is none
            rf"(?:未|没有?|不)(?:{FAILED_TASK})[^,。;]{{0,10}}?名单[^。;]{{0,12}}?(?:公布|公示|通报|晾晒|晒|挂|曝光|发到群|发群|发在群|念)",
            rf"(?:公布|公示|通报|晾晒|晒出?|曝光|挂出)[^,。;]{{0,6}}(?:未|没有?|不)(?:{FAILED_TASK})[^,。;]{{0,10}}?名单",
            # who came late or was absent, listed and made public (每月公布迟到人员名单, 缺勤名单挂到群里)
            r"(?:迟到|缺勤|缺岗|脱岗|旷工)(?:人员|者|的人|的)?(?:名单|名字)[^。;]{0,12}?(?:公布|公示|通报|晾晒|晒|挂|曝光|发到群|发群|念)",
            r"(?:公布|公示|通报|晾晒|晒出?|曝光|挂出)[^,。;]{0,6}(?:迟到|缺勤|缺岗|脱岗|旷工)(?:人员|者|的人|的)?(?:名单|名字)",
            "公开曝光", "曝光",
            r"(?:靠后|落后|末|垫底|较差|较低|最低|最少|偏低|少的|低的|差的|慢的)[^。;]{0,16}(?:表态发言|作检讨|检讨|说明原因)",
            # the slowest or worst by a count shown to all: 回复最慢的十名网格员每月在平台公布
            # (not 最低生活保障 or 最低气温: the slowest or worst of the workers or units)
            rf"(?:最慢|最差|最少|排最后)的?(?:{NUMBER}\s*(?:名|个|位|家))?(?:网格员|社区|网格|社工|单位|人员|工作人员|同志|科室|街道|村)[^,。;]{{0,10}}(?:公布|公示|通报|晾晒|挂出|列出|上榜|标红)",
            # units below a line marked red (低于50%的社区标红; not 库存不足的药品标红)
            r"(?:低于|不足|未达|没达到|未完成)[^,。;]{0,10}的?(?:社区|网格|单位|街道|村|网格员|社工|人员)[^,。;]{0,4}标红",
            # each unit's figure shown at a meeting or in the group: 在例会上公布各社区注册率, 各网格完成率在群里晒
            r"(?:例会|会上|会议上|工作群|群里|群内|大屏)[^,。;]{0,6}(?:公布|公示|展示|晒|亮|念|讲评|比对)(?:一下|出)?各(?:个)?(?:社区|网格|小区|单位|科室|网格员|街道|村)(?:的)?[^,。;]{0,10}(?:率|数|进度|完成情况|得分|成绩)",
            r"各(?:个)?(?:社区|网格|小区|单位|科室|网格员|街道|村)(?:的)?[^,。;]{0,10}(?:率|进度|完成情况|得分|成绩)[^,。;]{0,4}(?:在|于|拿到)(?:例会|会上|会议上|工作群|群里|群内|大屏)[^,。;]{0,6}(?:公布|公示|展示|晒|亮|念|讲评|比对)",
            *_en(
                r"named and shamed", r"name and shame",
                r"(?:are|is|be|get|gets|were) named (?:publicly|in (?:the |a )?(?:group|weekly|monthly|meeting|bulletin|circular))",
                # who lags named or listed in a circular or at a meeting, with its owner between (… below 50% are shown in red and
                # named in the district's monthly circular; those who did not were named at Monday's meeting; communities below
                # 95% read are listed in the Monday bulletin) — a unit or people before, not an app named in a report
                r"\b(?:communit(?:y|ies)|centres?|centers?|grids?|streets?|units?|teams?|workers?|staff|offices?|stations?|those|anyone|laggards)\b[^.;]{0,60}\b(?:are|is|be|get|gets|were|and|or) named in (?:the |a |their )?(?:(?:[\w-]+ )?[\w-]+'s? )?(?:(?:weekly|monthly|quarterly|daily|staff|work) )?(?:group|meeting|bulletin|circular|newsletter|briefing|chat)\b",
                r"\b(?:communit(?:y|ies)|centres?|centers?|grids?|streets?|units?|teams?|workers?|staff|offices?|stations?|those|anyone|laggards)\b[^.;]{0,60}\b(?:are|is|be|get|gets|were|was|and|or) (?:named|listed|read out|called out) (?:in|at) (?:the |a |their |our )?(?:[\w'-]+ ){0,3}(?:meeting|bulletin|circular|newsletter|briefing)s?\b",
                # the lowest few named by a list (a list goes up naming the three communities with the lowest registration rate)
                r"\b(?:nam|list)(?:e|es|ed|ing) (?:the )?(?:\w+ )?(?:communit(?:y|ies)|centres?|centers?|grids?|streets?|units?|teams?|workers?|staff|offices?|stations?) with the (?:lowest|worst|poorest|fewest|slowest|least)\b",
                # units below a line shown in red where the others see it: communities below 50% are shown in red on the dashboard
                # (not flood zones shown in red on a map: a shortfall is named)
                r"\b(?:communit(?:y|ies)|centres?|centers?|grids?|streets?|units?|teams?|workers?|staff|offices?|stations?|those|accounts?)\b[^.;]{0,10}\b(?:below|under|behind|lagging|fail\w*|miss\w*|late|short of|not (?:yet )?(?:met|reached|meeting|reaching))\b[^.;]{0,30}\b(?:are|is|get|gets|will be) (?:shown|marked|highlighted|flagged|coloured|colored|listed) (?:in )?red\b",
                # the lowest or last few shown in red (with the three lowest highlighted in red), as 最低的…标红
                r"\b(?:the )?(?:\w+ )?(?:lowest|bottom|worst|last)\b(?: \w+){0,2} (?:are |is |were |was )?(?:highlighted|marked|shown|coloured|colored|flagged) (?:in )?red\b",
                # the slowest or least active listed or named: the ten slowest responders are listed on the portal
                r"\b(?:slowest|least (?:active|responsive)|lowest[- ](?:scoring|rated)|poorest[- ]performing)\b (?:\w+ )?(?:responders|repliers|workers|staff|communities|centres|centers|grids|teams|accounts|officers|members|units|streets|colleagues|cadres)\b (?:are|is|get|will be|gets) (?:listed|named|posted|published|shown|read out|circulated|announced)",
                r"publish(?:es|ed)? (?:the )?names", r"critici[sz](?:ed|es|e) (?:by name|at the|in the|publicly)", r"called out",
                # a list or table of who missed sent round (the monthly table of who missed the quota goes to the whole team), and
                # names shown in red (with the names in red — digital38)
                r"\b(?:lists?|tables?|sheets?|rosters?|charts?|spreadsheets?) (?:of|showing|naming|with) (?:(?:the )?(?:staff|workers|people|communities|colleagues|those|everyone) )?(?:who|that) (?:missed|miss|failed|fail|did not|didn'?t|have not|haven'?t|fell short|fall short|lag)\b[^.;]{0,60}\b(?:goes|go|went|sent|circulated|posted|published|shared|shown|read out|put up|emailed|distributed|displayed)\b",
                r"\bnames? (?:are |is )?(?:in|marked in|shown in|highlighted in|printed in|written in) red\b",
                # the list of those who failed made public: a list of the staff who have not forwarded it is posted in the group
                r"\blists? of (?:the )?(?:latecomers|late-comers|laggards|absentees|stragglers|non-?responders|no-?shows|defaulters|those who (?:came|arrived|were) late)\b[^.;]{0,40}?\b(?:published|posted|circulated|shared|announced|read out|put up|sent round|displayed)\b",
                r"(?:publish|post|circulat|shar|announc|display|read)\w* (?:out )?(?:a |the )?(?:\w+ )?lists? of (?:the )?(?:latecomers|late-comers|laggards|absentees|stragglers|non-?responders|no-?shows|defaulters)\b",
                r"\blists? of (?:the )?(?:workers|staff(?: members)?|those|people|communities|colleagues|members|cadres|units)\b[^.;]{0,6}\b(?:who|that) (?:have not|haven'?t|has not|hasn'?t|did not|didn'?t|failed|missed)\b[^.;]{0,40}\b(?:is|are|was|were|gets?|will be) (?:posted|published|circulated|shared|announced|read out|put up|sent)",
                r"(?:listed|named|read out|called|posted|circulated|published|shown|mentioned|criticised|criticized) (?:out )?by name\b",
                # those who failed read out or named at a meeting or in the group: the latecomers are read out at the staff meeting
                r"\b(?:latecomers|late-comers|laggards|absentees|stragglers|non-?responders|no-?shows|defaulters|the late ones)\b[^.;]{0,12}\b(?:are|is|will be|get|gets|were|being) (?:read out|named|called out|listed|posted|shamed)",
                # each unit's figure shown to the others at a meeting or in the group (通报 of a metric): each centre's
                # registration rate is shared at the monthly meeting; so colleagues can see who needs to catch up
                r"\b(?:each|every) (?:\w+ ){0,2}(?:centre|center|community|committee|grid|street|office|unit|team|worker|station|district)'s (?:[\w-]+ ){0,2}(?:rates?|scores?|figures?|numbers?|results?|progress|counts?|totals?|completion)\b (?:is |are |will be |gets? )?(?:shared|circulated|announced|read out|shown|presented|reported|displayed|put up|compared)\b (?:at|in|to|on|during|with)\b",
                r"\bsee who (?:needs to catch up|has to catch up|is (?:lagging|behind|falling behind|slowest)|lags behind|is at the bottom)",
            ),
        ),
        exclude=(
            "通报会", "情况通报", "通报情况", "疫情通报", "通报精神", "会议通报", "信息通报", "通报有关",
            # a name ending in 通 before 报送/报备 (已通过一表通报送, 网格通报备) or 一表通 before 报过 (上个月已在一表通报过:
            # reported through the system): no 通报 at all
            "通报送", "通报备", r"一表通报(?:过|了|完)",
            "通报如下", "通报了", "通报工作", "曝光隐患", r"通报[^,。;]{0,10}(?:形势|动态|天气|政策|精神)",
            r"[站地网景节要重]点名",
            r"\bnames? of (?:the )?(?:winners?|prize-?winners|awardees|honou?rees|best|top|outstanding|duty officers?|volunteers who helped)",
        ),
    ),
    NAMED_IN_A_REPORT,
)  # fmt: skip

# Figures only the worker sees are no requirement (facts §8: the breach is using them to assess or rank).
# Usage figures kept only for the product itself or anonymously (后台统计各模块使用时长，仅用于优化产品) are
# not tracked on workers either.
PRODUCT_ONLY = (
    r"仅(?:用于|供|作)[^,。;]{0,8}(?:优化|改进|完善|产品|系统性能|技术|运维|故障排查)",
    r"匿名(?:统计|汇总|分析)|不(?:区分|关联|对应|落到|精确到)(?:到)?(?:个人|具体人员|具体个人)",
    r"\bonly (?:used )?(?:to|for) (?:improv|optimi[sz]|product|technical|debug|fix)",
    r"\banonymi[sz]ed",
    r"\bnot (?:linked|tied|attributed) to (?:any )?(?:individual|person|staff|worker)",
)
# A state shown only for an operational use (仅供调度员了解谁方便接单; only used to dispatch jobs), with no measure put to use in the
# sentence (不统计时长，不排名，不纳入考核): no online-time measure (digital38).
OPERATIONAL_ONLY = (
    r"(?:仅|只)(?:用于|供|作|为|是)[^,。;]{0,10}(?:调度|派单|接单|分派|派工|联络|联系|找人|对接)",
    r"\bonly (?:used )?(?:for|to) (?:dispatch|assign|coordinat|contact|reach)",
)
RESIDENTS_FIGURES = (
    r"(?:居民|群众|市民|游客|访客|用户)(?:的)?(?:活跃用户|活跃度|日活|月活|使用时长|浏览时长|访问量|人均使用|在线人数)",
    r"\b(?:residents'?|citizens'?|visitors'?|the public'?s?) (?:usage|activity|active users|time spent|screen time)",
)
ONLY_FOR_SELF = (
    r"仅(?:供|限)?(?:个人|本人|自己|用户本人)(?:查看|参考|使用|可见)",
    r"只有?(?:个人|本人|自己)(?:能|可以|可)?(?:看到|看见|看得到|查看|可见)",
    r"\bonly (?:the worker|the user|they|you|workers) (?:can )?see",
    r"\bfor (?:the worker'?s?|your|their) own (?:use|reference)",
)
ONLINE_TIME: tuple[Kind, ...] = (
    Kind(
        "online_time",
        "online state",
        (
            r"在线(?:时长|时间|时段|率|状态|人数|情况|统计|天数|考核)", "统计在线", r"(?:保持|全员|全程|始终|时刻)在线",
            # the state kept shown online (状态一直显示在线 — digital39)
            r"(?:一直|始终|时刻|全程|随时)(?:显示|保持|处于)在线",
            "挂机", r"离线(?:超过|时长|提醒|告警|即|的)",
            # the online state of people watched (后台能看见谁在线谁离线, 领导随时查看网格员是否在线; shows who is online — digital38)
            r"(?:看见|看到|看得到|看得见|查看|显示|盯着?|监控|掌握)[^,。;]{0,6}?(?:谁|哪个|哪些人|每个人|各人|网格员|工作人员|社工|大家|你)(?:是否|在不在)?(?:在线|离线)",
            *_en(
                r"online[- ](?:time|hours|rate|status|duration)", r"time (?:spent )?online", r"hours online",
                # the app kept open, its name between (keep the 'Service Link' app open), and the online state shown
                r"stay online", r"remain online", r"keep (?:the |their |its )?(?:['\"‘“][^'\"’”]{1,30}['\"’”] )?(?:app|application|platform|software) (?:open|running|on)",
                r"(?:show|shows|shown|showing|appear|appears) as ['\"‘“]?online\b",
                r"offline for", r"(?:stay|stays|stayed|remain|remains|staying) logged[- ]in",
                r"(?:see|sees|shows?|displays?|monitors?|checks?|watch(?:es)?) (?:who is|who's|whether (?:each |every )?\w+ (?:is|are)) (?:online|offline)\b",
                # the minutes online counted on the worker, and idleness reported (counts her minutes online, idle for more than an hour)
                r"(?:counts?|counted|counting|records?|recorded|tracks?|tracked|logs?|logged|measures?|monitors?|totals?) (?:(?:her|his|their|your|each worker's|every worker's|staff|workers'?) )?(?:minutes|hours|time) online",
                # (a worker idle, not an account or a machine: accounts idle for a year are deleted)
                r"\b(?:she|he|they|you|workers?|staff(?: members?)?|cadres?|officers?|employees?|colleagues?)\b (?:has|have|had|is|are|was|were|goes|go|went|stays?) (?:been )?idle\b",
                r"logged[- ]in (?:time|hours|duration|minutes)", r"(?:hours|minutes) logged[- ]in",
            ),
        ),
        exempt_here=ONLY_FOR_SELF + PRODUCT_ONLY + RESIDENTS_FIGURES + _unless_affirmed(OPERATIONAL_ONLY, PUT_TO_USE)
        # online kept through a weekend or after work (本周六、周日…请全体网格员保持在线) is the standby outside work
        # (after_hours), as 24小时在线 is — no time counted (digital39)
        + (r"(?:周末|周六|周日|节假日|休息日|双休日|下班后|下班以后)[^。;]{0,30}(?:保持|全员|全程|始终|时刻)在线(?![^。;]{0,8}时长)",),
        exclude=(
            r"(?:24|二十四)\s*小时[^,。;]{0,4}在线", r"全天(?:保持)?在线", "在线办理", "在线预约", "在线咨询",
            "在线服务", "在线时间为",
            # the English form: online round the clock is the standby (after_hours), as 24小时在线 is — not online at all times
            # counted on the worker (an account must stay online at all times)
            r"\b(?:stay|stays|staying|remain|remains|be|keep|kept) online (?:(?:in|on) (?:the |their |its )?[\w-]+(?: [\w-]+)? )?(?:24/7|7 ?[x×*] ?24|24 ?[x×*] ?7|24 hours a day|around the clock|round the clock)",
            r"\b(?:24/7|7 ?[x×*] ?24|24-hour|round-the-clock|around-the-clock) online\b",
        ),
    ),
    Kind(
        "online_time",
        "activity",
        (
            # (日活, 月活: daily or monthly actives — not 敬老月活动, 节日活动: an activity of the month or the day)
            "活跃度", "活跃率", "活跃值", r"(?:日|月)活(?!动)", "活跃用户", "活跃天数", "不活跃", "僵尸账号", "已读率",
            r"(?:消息|通知)已读(?:情况|统计|人数)",
            *_en(
                r"activity (?:rate|score|level)s?", r"(?:daily |weekly |monthly )?active (?:rate|time|days|users|minutes|hours)", r"daily active",
                r"(?:in-app|app|platform|online) activity", r"activity (?:in|on) the (?:app|platform)", r"engagement (?:score|rate|level|metric)s?",
                r"(?:message|notice|notification)s? read (?:rate|receipt|status)s?", r"(?:notices|messages|notifications) read\b",
                # (the read rate put on the notice: a read rate for every notice, the read rates of our notices)
                r"read (?:rate|receipt|status)s? (?:for|of|on) (?:every|each|all|the|our|its) (?:work )?(?:notices?|messages?|notifications?)\b",
                # a bare read rate checked on the members (read rates will be checked every Monday) — not an article's or post's
                r"(?<!article )(?<!articles' )(?<!post )(?<!posts' )(?<!account )(?<!story )read (?:rates?|receipts?) (?:are |is |will be |get |gets |would be )?(?:checked|monitored|tracked|reviewed|inspected|audited)\b",
                # the read rate among (or of) the staff, as a notice's is: it shows the read rate among community staff
                r"read (?:rate|receipt|status)s? (?:among|of|by|for) (?:the |all |each |every )?(?:community |grid |street )?(?:staff|workers?|cadres|officers|colleagues|employees)\b",
            ),
        ),
        exempt_here=ONLY_FOR_SELF + PRODUCT_ONLY + RESIDENTS_FIGURES + _unless_affirmed(OPERATIONAL_ONLY, PUT_TO_USE),
    ),
    Kind(
        "online_time",
        "log-ins",
        (
            r"登录(?:次数|时长|天数|率|情况|频次|频率|记录)", "连续登录", r"(?:打开|访问)(?:次数|频次|频率)",
            r"(?:未|没有?|长期未|长时间未)登录(?:超过|满|的|天数|\d)",
            rf"每(?:天|日|周)(?:至少|须|需|要|必须)?登录{IN_CLAUSE}{{0,12}}(?:满|不少于|不低于|至少|{NUMBER}\s*次)",
            rf"(?:打开|登录)[^,。;]{{0,10}}(?:不少于|不低于|至少|满)\s*{NUMBER}\s*次",
            *_en(
                r"log-?in (?:count|time|frequency|days|rate|streak)s?", r"(?:number of |count of )log-?ins",
                r"log in (?:every|each) day", r"how often (?:they|workers|staff|each \w+) (?:log in|open|use)",
                # the log-ins counted on the worker (counts each officer's log-ins and minutes online)
                r"(?:counts?|counted|counting|records?|recorded|tracks?|tracked|logs?|logged|monitors?|monitored|totals?) (?:(?:each|every|the) [\w-]+'s|(?:the |their |her |his )?(?:staff|workers'?|officers'?|cadres'?|users'?|members'?)) log-?ins\b",
            ),
        ),
        exempt_here=ONLY_FOR_SELF + PRODUCT_ONLY + RESIDENTS_FIGURES + _unless_affirmed(OPERATIONAL_ONLY, PUT_TO_USE),
    ),
    Kind(
        "online_time",
        "time spent",
        (
            r"(?:学习|浏览|观看|阅读|停留|使用|在线|收看|收听|答题|刷)\S{0,2}时长", r"(?:轨迹|定位|在线巡查|挂机)时长",
            rf"(?:线上|在线|网络|网上|平台)(?:学习|培训|课程|学时)[^,。;]{{0,6}}(?:不少于|不低于|至少|满|达到|完成)\s*{NUMBER}\s*个?\s*(?:分钟|小时|学时)", r"(?:学习|浏览|观看|阅读|停留)时间", r"(?:学习|浏览|观看|阅读|在线|使用)(?:分钟|小时)数",
            rf"(?:学|看|听|刷|挂|学习|观看|收看)(?:满|够|足|足够)\s*{NUMBER}\s*个?\s*(?:分钟|小时|钟头)",
            rf"每(?:天|日|周|月|季度|季|年)(?:学习|观看|在线|使用|浏览|阅读)\s*{NUMBER}\s*个?\s*(?:分钟|小时)(?:以上|及以上)",
            rf"每(?:天|日|周|月|季度|季|年)(?:使用|打开|学习|在线|登录|挂|观看|浏览|阅读)\S{{0,8}}(?:不少于|不低于|至少|满|达到)\s*{NUMBER}\s*个?\s*(?:分钟|小时)",
            rf"(?:学习|观看|收看|收听|在线|浏览|阅读|挂机)[^,。;]{{0,8}}(?:不少于|不低于|至少|满|达到|不足)\s*{NUMBER}\s*个?\s*(?:分钟|小时|钟头)",
            # a track measured in hours: 每日巡查轨迹不少于2小时 (the time on the move logged, as 轨迹时长)
            TRACK_IN_HOURS,
            *_en(
                r"usage (?:time|hours|duration|minutes)", r"screen time", r"time spent (?:in|on) the app",
                r"(?:\d+|\w+) (?:hours|minutes) of (?:online|e-|in-app|platform|app-based) ?(?:study|learning|reading|viewing|watching|training|courses?|classes|lessons)",
                r"(?:track|tracking|trajectory|patrol-track|gps) (?:time|duration|hours)",
                r"minutes (?:of study|spent)", r"study time", r"watch(?:ing)? time",
                r"(?:minutes|hours) of (?:videos?|lectures?|courses?|lessons?|classes|study|reading) (?:watched|viewed|studied|read|completed)",
                r"(?:target|minimum|quota) (?:is |of )?(?:\d+|\w+) (?:minutes|hours) (?:a |per |each |every )(?:day |week )?(?:per |for each |for every )?(?:staff|worker|member|cadre|employee|person)",
                # viewing or reading time logged on the workers (not a venue's viewing time): the platform logs viewing time
                r"(?:log|record|track|count|measure|monitor)(?:s|ed|ing)? (?:(?:each|every|the|their|staff|workers'?|officers?'?|cadres?'?) )*(?:\w+'s )?(?:studying|learning|viewing|reading|browsing|listening) time",
                r"(?:studying|learning|viewing|reading|browsing|listening) time (?:is |are )?(?:logged|recorded|tracked|counted|measured|monitored)",
                # a number of hours on an online platform per period: 20 hours per quarter on the online academy
                r"(?:\d+|\w+) (?:hours|minutes) (?:a|per|each|every) (?:day|week|month|quarter|term|year) (?:on|in) (?:the |our )?(?:[\w-]+ ){0,3}(?:platform|app|academy|portal|course|classroom|e-?learning)",
                r"(?:study|reading|viewing|watching|online|learning) (?:minutes|hours)",
                r"(?:use|using|stay on|be on|be in) (?:the )?(?:app|platform) (?:for )?(?:at least|a minimum of) \d+",
                r"how long (?:they|workers|staff|each \w+|everyone) (?:read|study|stay|spend|are online|watch|use)",
                r"how many (?:minutes|hours) (?:each|every) (?:[\w-]+ ){1,3}?(?:spends|is online|studies|uses)",
                # the time logged on one worker, with a pronoun (it logs how many minutes she reads each day, records how long he studies)
                r"(?:logs?|logged|records?|recorded|counts?|counted|tracks?|tracked|measures?|monitors?) how (?:many (?:minutes|hours)|long) (?:she|he|they|you|i|each \w+|every \w+|workers|staff)\b (?:\w+ )?(?:reads?|stud(?:y|ies)|spends?|is online|are online|stays?|uses?|watch(?:es)?|listens?|learns?)\b",
                r"(?:minutes|hours) (?:each|every) (?:[\w-]+ ){1,3}?(?:spends|spent) (?:in|on|using) (?:the |our )?(?:app|platform|system|portal)",
            ),
        ),
        exempt_here=ONLY_FOR_SELF + PRODUCT_ONLY + RESIDENTS_FIGURES + _unless_affirmed(OPERATIONAL_ONLY, PUT_TO_USE),
    ),
    Kind(
        "online_time",
        "steps",
        ("步数", "走步", "健步走", *_en(r"step counts?", r"steps? (?:per day|a day|daily)", r"daily steps")),
        # (WHO: others' own contest, in a sentence naming no staff — 依伯他们老年协会自己建了个群…比谁走路步数多)
        exempt_here=(
            *ONLY_FOR_SELF, *PRODUCT_ONLY, *RESIDENTS_FIGURES,
            *_unless(OTHERS_FOR_THEMSELVES, tuple(w + FOLLOW_UP for w in STAFF)),
        ),
    ),
)  # fmt: skip

FORCED_USE: tuple[Kind, ...] = (
    Kind(
        "forced_use",
        "mandatory use",
        (
            rf"(?:强制|必须|务必|一律|全员|全部|硬性|都得|都要|都必须|必须得|非得|一定要|硬要)(?:要求)?{USE_VERBS}",
            rf"(?:必须|务必|一律)在?{IN_CLAUSE}{{0,8}}(?:前|内|之内|以内){USE_VERBS}",
            # each worker (or household) must put it on, with what comes between: 每名工作人员须完成本人及家属注册
            rf"(?:每名|每位|每个|每一名|每一位|全体|所有)(?:社区)?(?:工作人员|社工|社区工作者|网格员|干部|党员|职工|员工|居民|住户|家庭|户)[^,。;]{{0,4}}(?:(?:须|需|必须|务必|要|应|应当)(?:完成|做好|落实)?|完成(?!了|后))"
            rf"{IN_CLAUSE}{{0,10}}?(?:{USE_APP})", r"强制(?:使用|转发|推广)", "摊派", "拉新",
            r"硬性(?:任务|指标)", r"(?:下载|注册|推广|关注)任务", "集赞", "涨粉", r"粉丝(?:数|量|任务|指标)",
            # every post read, liked or shared by order (每篇推文必须阅读, 每条视频都要点赞)
            # (the demand said 要求, with whom it is laid on between: 每篇推文都要求网格员转发 — digital38)
            rf"(?:每篇|每条|每期|每个|所有|全部)(?:推文|文章|信息|稿件|视频|帖子|作品)[^,。;]{{0,4}}(?:必须|务必|都要|都得|均须|须|一律|要)(?:求)?"
            rf"(?:[^,。;]{{0,6}}?(?:网格员|社工|工作人员|社区工作者|干部|党员|职工|员工|大家|全员|我们|俺们|社区))?(?:{SHARE})",
            # every issue of an online study campaign by order (青年大学习每期须完成, 每期课程都要看完 — digital38)
            rf"(?:学习|大学习|课程|答题|直播)(?:每期|每节|每课|每场)[^,。;]{{0,4}}(?:必须|务必|都要|都得|均须|须|一律|要)(?:完成|学习|观看|收看|参与|答题|{SHARE})",
            # a penalty for not using it (不装那个app的月底考核直接冇得分, 没注册的扣绩效; who do not install it lose points): the use is
            # demanded (digital38)
            rf"(?:不|没有?|未)(?:{USE_APP})[^。;]{{0,8}}?(?:的|者)[^。;]{{0,12}}?(?:考核|绩效|扣|不得分|没有?得分|零分|通报|约谈|问责|批评)",
            r"(?:完成|发展|新增)[^,。;]{0,8}(?:注册用户|实名用户|用户数|粉丝)",
            *_en(
                r"(?:mandatory|compulsory|forced|required) (?:download|install|registration|sign-?up|use)",
                r"(?:must|required to|have to|has to|forced to|obliged to) (?:download|install|register|sign up|follow|subscribe)",
                r"(?:every|each|all) (?:resident|household|family|families|residents|households)s? (?:must|should|to) (?:download|install|register|sign up|follow)",
                r"(?:must|required to|have to|has to|obliged to|expected to) (?:open and )?(?:read|like|share|forward|repost|comment on) (?:every|each|all) (?:new )?(?:posts?|articles?|push(?:es)?|stor(?:y|ies)|videos?)\b",
                r"\b(?:who|that|those) (?:do not|don'?t|did not|didn'?t|fail to|have not|haven'?t) (?:download|install|register|sign up)\w*\b[^.;]{0,40}\b(?:lose|penali[sz]|deduct|docked|marked down|scores? zero|appraisal|assessment)",
            ),
        ),
        exclude=("自愿",),
    ),
    Kind(
        "forced_use",
        "a service on condition of use",
        (
            rf"(?:先|须先|必须先|要先|需先)[^,。;]{{0,6}}(?:{USE_APP})[^。;]{{0,24}}(?:再|才|方可|才能|才可)(?:予以)?(?:办理|受理|服务|办|领取)",
            rf"不(?:{USE_APP})[^,。;]{{0,10}}(?:不予|不给|不能|无法|不)(?:办理|受理|服务|办|领取|发放|报销|审批|审核)",
            rf"(?:{USE_APP})[^,。;]{{0,6}}(?:作为|是)[^,。;]{{0,10}}(?:前提|条件|门槛)",
            *_en(r"(?:only|not) (?:be )?(?:served|processed|helped|handled) (?:unless|until|after) (?:they|residents|people) (?:download|install|register)"),
        ),
    ),
    Kind(
        "forced_use",
        "rates and volumes",
        (
            rf"(?:{USE})(?:率|量)", rf"(?:{SHARE}|参与|覆盖|装机|签约注册|推广|使用)(?:率|量)",
            rf"(?:{USE})(?:人数|户数|数量)", r"转发[^,。;]{0,6}(?:次数|数量|人数|篇数)", r"参学(?:率|人数)",
            *_en(
                # (the act or who does it: follow rate, follower numbers, subscriber count)
                r"(?:download|install|registration|sign-?up|follow(?:er)?|subscri(?:ption|ber)|activation|adoption|participation|coverage|share|forward|view|click|like) (?:rate|target|quota|count|numbers?|volume)s?",
                r"(?:view|click|like|share) counts?", r"page views",
                # a target said with its figure before the act: a target of 90% registration, a quota of 500 downloads
                r"(?:target|quota|goal) of (?:\d+ ?%|\d+|[\w-]+ (?:percent|per cent)) (?:of )?(?:\w+ )?(?:registrations?|downloads?|installs?|sign-?ups?|followers?|subscriptions?|activations?)\b",
                # a read rate or count only of articles or posts (a notice's or message's read rate is online_time)
                r"(?:article|post|push|story|stories|account)s?'? read (?:rate|target|quota|count|numbers?|volume)s?",
                r"read (?:rate|target|quota|count|volume)s? (?:of|for|on) (?:the |our |each |every |its )?(?:articles?|posts?|push|stories|account)",
                r"read (?:target|quota)s?",
                r"number of (?:app )?(?:downloads|registrations|installs|installations|sign-?ups|followers|subscribers)",
                r"(?:fewer|less|more) than \d+ (?:registered|downloads|registrations|followers|users|installs|sign-?ups)",
                # a number of users as a target (a count alone, "3,000 registered users so far", is none)
                r"(?:at least|a minimum of|no fewer than|target of|quota of|reach|get|aim for) \d[\d,]* (?:registered|active|new) (?:residents|users|households|followers)",
                r"(?:target|quota|kpi)s? of (?:\d[\d,]*|\w+ (?:hundred|thousand)) (?:\w+ )?(?:downloads|installs|installations|registrations|sign-?ups|followers|subscribers|users|forwards|shares|accounts)",
                # (a word before the noun, and the worker said or not, in any tense: how many official posts each forwarded)
                r"how many (?:[\w-]+ )?(?:articles|posts|times|messages|stories|pushes) (?:each|every)(?: [\w-]+)? (?:shares|shared|forwards|forwarded|reposts|reposted|reads|likes|liked)\b",
            ),
        ),
        exclude=(
            "下载率先", "使用量大", "用水量", "用电量", r"(?:消息|通知)(?:的)?阅读(?:率|量)",
            r"\b(?:message|notice|notification)s? read (?:rate|count)s?",
        ),
        exempt_here=_unless_affirmed(REPORT_OF_COUNTS, PUT_TO_USE),
    ),
    Kind(
        "forced_use",
        "counts put to use",
        (
            # use and forwarding only: a count of likes or posts ranked is the workers' activity, not use
            rf"(?:{USE}|转发|推广|拉新)(?:数|次数|篇数|条数|用户数|截图数)(?!据|字|码)", r"转发截图(?:数|数量|张数)",
            *_en(r"(?:downloads|registrations|installs|sign-?ups|followers|subscribers|shares|forwards|reposts) (?:per|by|of each|for each) (?:community|worker|grid|staff member|street)"),
        ),
        context=(
            "通报", "排名", "排序", "排行", "公布", "公示", "晾晒", "考核", "任务", "指标", "不少于", "不低于", "至少",
            "达到", "完成率", "挂钩", "点名", "评比", "末位", "倒数", "垫底", "低于", "少于", "红黑榜", rf"(?:前|后){NUMBER}名",
            r"\brank", r"\bbottom", r"\btarget", r"\bquota", r"\bpublish", r"\bnamed\b", r"\bassess", r"\bat least",
        ),
    ),
    Kind(
        "forced_use",
        "quotas",
        (
            rf"(?:{USE}|{SHARE}|推广){IN_CLAUSE}{{0,10}}{QUOTA_WORDS}",
            rf"(?:不少于|不低于|至少|每户|户户|人人|每人|人均|户均){IN_CLAUSE}{{0,10}}(?:{USE}|转发|分享|点赞)",
            # forwarded to a number of groups or friends: 转发到3个居民群
            rf"(?:转发|分享|转)(?:到|至|给|进)[^,。;]{{0,4}}{NUMBER}\s*个(?:以上)?[^,。;]{{0,4}}(?:群|好友|朋友)",
            # a quota of votes in an app's contest (发动居民投票不少于500票, 每人每天助力3次) — a count of votes asked for,
            # not an election's turnout (投票率达到90%)
            rf"(?:投票|拉票|打榜|助力|点赞)[^,。;]{{0,6}}(?:不少于|不低于|至少|达到|满|任务|指标)\s*{NUMBER}\s*(?:票|次|个赞|人|户|名)",
            # a quota of reports or posts through an app (a participation quota): 每周通过“随手拍”上报问题不少于20条
            rf"(?:通过|在|用|利用)[^,。;]{{0,16}}(?:app|小程序|平台|公众号|随手拍|[”\"])[^,。;]{{0,4}}(?:上报|提交|发布|反映|发帖|拍)(?:问题|线索|隐患|事件|案件|帖子|随手拍)[^,。;]{{0,4}}(?:不少于|不低于|至少|达到|满)\s*{NUMBER}\s*(?:条|件|个|次|篇)",
            # a count of new users per worker or per period, the use verb before it (要帮居民注册，每人每月新增50户 — digital38)
            rf"(?:{USE_APP})[^。;]{{0,16}}?(?:每人|人均|每名|每位|每个网格|每月|每周|每天)[^,。;]{{0,4}}(?:新增|发展|拉|完成)\s*{NUMBER}\s*(?:户|人|名|位|个)",
            # (said per worker with the verb after 新增: 每个网格员每月新增关注200人 — not an account's report of its counts, 本周新增关注1203人)
            rf"(?:每人|人均|每名|每位|每个(?:网格员|网格|社区|社工))[^,。;]{{0,4}}(?:新增|发展|拉来?)(?:{USE})(?:用户|居民|人数|粉丝)?\s*{NUMBER}\s*(?:户|人|名|位|个)",
            # a number of households or people each worker must bring on: 楼栋长要拉10户进群关注公众号
            rf"(?:要|须|需|必须|得|务必|负责)(?:拉|发展|动员|邀请|带动|完成)?{NUMBER}\s*(?:户|人|名|位)[^,。;]{{0,6}}(?:{USE_APP})",
            rf"(?:拉|发展|动员|邀请|带动|吸引)\s*{NUMBER}\s*(?:个|户|人|名|位)(?:居民|群众|用户|粉丝|住户|人|好友)?[^,。;]{{0,6}}(?:{USE_APP}|关注|粉丝|用户)",
            # (the count per worker after the act, past a comma: 要拉邻居关注「…」公众号，一人五十个; 拉居民注册，每人每月二十个 — digital39)
            rf"(?:拉|发展|动员|邀请|带动)[^,。;]{{0,8}}(?:{USE_APP}|关注|注册)[^。;]{{0,16}}?(?:一人|每人|人均|每名|每位)[^,。;]{{0,4}}?{NUMBER}\s*(?:个|户|人|名|位)",
            *_en(
                r"(?:download|install|register|sign up|follow|share|forward|repost)\w*.{0,30}\b(?:target|quota|kpi|counts? toward)",
                r"(?:share|forward|repost|like)\w* (?:\w+ ){0,3}at least", r"\d+\s?% of (?:residents|households).{0,30}(?:download|install|register|sign|follow)",
                # a number of forwards, groups or friends: forward the articles to at least three resident groups
                r"(?:share|forward|repost)\w*\b.{0,60}?\b(?:at least|no fewer than|a minimum of|minimum of) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)",
                r"(?:share|forward|repost)\w*\b.{0,60}?\b(?:\d+|two|three|four|five|ten) (?:\w+ )?(?:groups|chats|friends|contacts|times) (?:a|per|each|every) (?:day|week)",
                # a quota of votes: each community must get 500 votes, a voting target
                r"(?:get|collect|gather|secure|drum up|bring in|win|rais)\w* (?:residents to cast )?(?:at least |no fewer than |a minimum of )?(?:\d[\d,]*|\w+ (?:hundred|thousand)) (?:online )?votes\b",
                r"\b(?:vote|voting) (?:targets?|quotas?)\b",
                # a quota of issues reported through the app: report at least 20 issues a week through the app
                r"(?:report|submit|post|upload|flag)\w* (?:at least|no fewer than|a minimum of) (?:\d+|\w+) (?:issues|problems|hazards|cases|tips|posts|reports)\b[^.;]{0,40}\b(?:through|via|on|in|using) (?:the |our )?(?:app|platform|mini-?program|account)",
                r"(?:through|via|using) (?:the |our )?(?:app|platform|mini-?program)\b[^.;]{0,30}\b(?:at least|no fewer than|a minimum of) (?:\d+|\w+) (?:issues|problems|hazards|cases|tips|posts|reports)\b",
            ),
        ),
        # 阅读不少于10分钟 is a quota of time spent (online_time), not of use
        exclude=("自愿", rf"(?:{SHARE}|使用|打开){IN_CLAUSE}{{0,4}}(?:不少于|不低于|至少|达到|满)\s*{NUMBER}\s*个?\s*(?:分钟|小时)"),
    ),
    Kind(
        "forced_use",
        "mobilising",
        (
            rf"{MOBILISE}[^,。;不无自]{{0,12}}{USE_VERBS}",
            # people pressed one by one to put the app on: 逼着让老人下那个软件, 求人装
            # (with a count between, and a code scanned to fill in or sign up: 让至少20个居民扫码填 — digital38)
            rf"(?:求|让|叫|劝|逼|催)(?:着)?(?:至少|不少于|不低于|最少)?\s*(?:{NUMBER}\s*(?:个|名|位|户))?(?:人|居民|群众|大家|住户|他们|老人|邻居|每户|家家户户)(?:去|都|们)?"
            r"(?:" + USE_VERBS + r"|扫码(?:填|填写|答题|答卷|参与|评价|打分|注册|绑定|投票))",
            *_en(
                r"(?:get|make|push|urge|ask|require|persuade|mobili[sz]e) (?:(?:at least|no fewer than|a minimum of) )?(?:every|all|each|residents|households|\d+|\w+ (?:hundred|thousand)).{0,40}(?:download|install|register|sign up|follow|subscribe|onto (?:the |our )?(?:app|mini-?program|platform|account))",
                r"(?:every|each|all) (?:households?|famil(?:y|ies)|homes?|flats?) (?:must|should|has to|have to|needs? to) have (?:at least )?(?:one|a|\d+) (?:member|person|resident|people)s? (?:registered|signed up|using|on)",
                # (a number however written: 2,000)
                r"(?:sign up|enrol+|recruit|onboard|bring in) (?:(?:at least|no fewer than|a minimum of) )?(?:\d[\d,]*|\w+ (?:hundred|thousand)) (?:new )?(?:residents|users|followers|households|people|subscribers)",
                # followers or users brought to the account (bring 2,000 followers to its public account — not people to a meeting)
                r"bring (?:(?:at least|no fewer than|a minimum of) )?(?:\d[\d,]*|\w+ (?:hundred|thousand)) (?:new )?(?:followers|subscribers|users|registrations|sign-?ups)\b",
            ),
        ),
        exclude=("自愿", "可自愿", "居民可"),
    ),
)  # fmt: skip

# Documents whose photo or scan is the document itself (身份证, 户口本 …).
DOCUMENTS = (
    "身份证|户口本|户口簿|户籍证明|证件|残疾证|低保证|结婚证|离婚证|房产证|不动产证|营业执照|驾驶证|行驶证|社保卡|医保卡|银行卡|存折"
    "|出生证|准生证|病历|诊断书|体检表"
)
# A photo that is itself the report of what was found (看到有人充电，我拍了照片上报，消防第二天就来处理了;
# 照片本身就是隐患上报) is no proof of work.
PHOTO_IS_THE_REPORT = (
    # (the event reported named before the photo: APP就是用来上报事件，比如井盖丢了…，拍张照报上去 — digital38; not with a word of
    # proof after it)
    r"(?:上报|报)(?:个|一个)?(?:事件|隐患|问题|险情|故障)[^。;]{0,30}?(?:拍照|拍张|拍个|拍一张|拍下|照片)[^,。;]{0,3}?(?:上报|报|传)(?:上去|上来|了|一下)?"
    r"(?![^。;]{0,12}(?<![不没未])(?:留痕|佐证|证明|备查|考核))",
    r"(?:发现|看到|看见|遇到|碰到|撞见|注意到)[^。;]{0,30}(?:拍照|拍了|拍下|拍个|拍张|照片|拍摄)[^。;]{0,24}(?:上报|报告|反映|报修|举报)[^。;]{0,20}(?:处理|处置|派单|整改|修好|维修|来修|解决|清理|清走|拆除|查处|跟进|到场|上门)",
    r"(?:照片|拍照|图片|视频)(?:本身)?(?:就是|即是|即为|就算|就当|作为)[^,。;]{0,6}(?:隐患|问题|事件|险情)?(?:上报|报告|报修|举报|工单)",
    # the photo sent through the app's hazard report (拍了张照片…在app里点“隐患上报”, 拍照上报隐患)
    r"(?:拍照|拍摄|照片|拍了|拍下|视频|图片)[^。;]{0,20}(?:点|点击|选|通过|用|走|在|进|到|至|往)[“\"]?(?:隐患|问题|事件|险情|故障)(?:上报|报告|报修|举报)(?!群|台账|材料)(?![^。;]{0,12}(?:留痕|佐证|证明|备查|考核))",
    r"(?:照片|拍照|图片|视频)[^,。;]{0,6}(?:上报|报告|报修|举报)(?:隐患|问题|险情|故障)",
    # the photo records the hazard itself (照片用于记录隐患本身并作为整改依据): the object, not the worker's work
    r"(?:照片|图片|视频)[^,。;]{0,4}(?:用于|用来|只用于|仅用于|是)?记录(?:隐患|问题|事件|险情|故障|违章)(?:本身)?",
    # a bare 报 with what is reported (在“网格通”里报事件, 报个隐患), and the photo said to be the hazard itself
    r"(?:拍照|拍摄|照片|拍了|拍下|拍张|拍个|视频|图片)[^。;]{0,20}(?<![情汇简周月年])报(?:个|一个|了|一下)?(?:事件|隐患|问题|险情|故障|案件|工单)",
    r"(?:照片|拍照|图片|视频)(?:本身)?(?:就是|即是|即为|就算|就当)[^,。;]{0,6}(?:隐患|问题|事件|险情|故障)(?:本身)?",
    # the photo is the report (or the ticket) itself: 照片就是报件本身, 照片即工单本身, the photo is the report itself
    r"(?:照片|拍照|图片|视频)(?:本身)?(?:就是|即是|即为)[^,。;]{0,6}(?:报件|报单|工单|案件|事件单|上报件|报告)(?:本身)?",
    r"(?:照片|图片|视频)(?:本身)?即(?!时|可|刻)[^,。;]{0,6}(?:报件|报单|工单|案件|事件单|上报件)(?:本身)?",
    r"\b(?:the |a |your )?(?:photo|picture|image)s? (?:itself |themselves )?(?:is|are|becomes?) (?:the |a )?(?:report|ticket|case|work order)s?(?: itself| themselves)?\b",
    r"(?:拍照|拍摄|照片|拍了|拍下|拍张|拍个|视频|图片)[^。;]{0,24}(?:上报|报告|反映|报修|举报|报)给?(?:了)?(?:区|市|县|镇|街道)?(?:城管|物业|市政|12345|热线|派出所|消防|供电|自来水|燃气|环卫|住建)",
    r"(?:拍照|拍摄|照片|拍了|拍下|拍张|拍个|视频|图片)[^,。;]{0,12}(?:在|用|通过|发到|传到)[‘“'\"]?随手拍",
    r"\b(?:photos?|pictures?|snaps?)\b[^.;]{0,40}\b(?:reported|sent|flagged) (?:it |them )?(?:to|through) (?:the )?(?:city|district|council|street|municipal)? ?(?:management|services|hotline|12345|maintenance|property)",
)
TRACE_SCREENSHOT: tuple[Kind, ...] = (
    Kind(
        "trace_screenshot",
        "screenshots and traces",
        (
            "截图", "截屏", r"截(?:个|张|一张|几张|一下|了|好)(?:图|屏)", "晒图", "晒照", "留痕", "工作照", "打卡照", "现场照", "台账照片", "佐证照片",
            "佐证材料", "痕迹材料", "痕迹管理", "合影留念上传", "现场自拍", "自拍", "录屏", "美篇",
            *_en(
                r"screen ?shots?", r"screen ?captures?", r"screen ?grabs?", r"selfies?", r"photo (?:proof|evidence)",
                r"(?:proof|evidence) photos?", r"paper trail",
            ),
        ),
        exclude=(
            "截图反馈故障", "截图报修", r"screenshots? of (?:the )?(?:error|bug)", "不留痕迹",
            # the worker's own selfie at the post, with presence reported (发送本人在责任网格内的自拍一张…报一下在岗情况): the
            # check-in only, as the selfie at the office door (digital34) — proof said (证明) keeps trace (digital39)
            r"本人在[^,。;]{0,10}(?:内|里|门口|岗位上?)的?自拍(?![^。;]{0,20}(?:证明|佐证|留痕))",
            # the form of the text itself, a heading in brackets (【网格群截图，文字版】, [screenshot of the group chat]):
            # what the writer shows, no screenshot asked of anyone
            r"【[^】]{0,12}(?:截图|截屏)[^】]{0,12}】", r"\[(?:a )?(?:screenshot|screen ?grab|screen ?capture)[^\]]{0,40}\]",
            # (any bracket that notes the text's own source: 群规（截图转录）, (截屏整理), (screenshot transcribed) — digital38)
            r"[(\[【][^)\]】,。;]{0,8}?(?:截图|截屏|翻拍)(?:转录|转写|文字版|整理|摘录|原文|节选|内容如下|如下)[^)\]】]{0,8}[)\]】]",
            r"\((?:a )?(?:screenshot|screen ?grab|screen ?capture)s? (?:transcribed|transcript|copied|retyped)\)",
            # (a bracket saying how the notice reached the writer: （同事截图发到我们小群，配了个哭脸） — the notice passed on,
            # no screenshot asked of anyone; digital39)
            r"[(\[【](?:同事|有人|朋友|群友|网友|别人|领导)(?:把[^)\]】,。;]{0,8})?(?:截图|截屏|截了图)(?:发到|发在|发给|转到|转发到|转给|发了)",
            # a selfie taken at the office door or the post: the worker at the post is the check-in (a selfie said to
            # prove it, as dev6's 在岗自拍…证明人在岗, stays trace too: the photos kind)
            r"\bselfies? (?:taken |snapped )?(?:at|in front of|outside|by) (?:the |their |her |his |your )?(?:office|post|door|desk|entrance|gate|workplace|station|duty point)",
        ),
        # a selfie at the point or post (并发一张点位自拍) is the worker at the post: the check-in — unless the sentence says
        # it proves something or asks for another trace (dev6's 在岗自拍…证明人在岗 stays trace too)
        exempt_here=_unless(
            (r"(?:点位|岗位|岗点|在岗|到岗|上岗)(?:的)?[“\"]?自拍",),
            ("证明", "佐证", "为证", "留痕", "备查", "截图", "截屏", "截个图", "晒图", "晒照", "工作照", "现场照", "录屏", "美篇"),
        ),
    ),
    Kind(
        "trace_screenshot",
        "photos and videos as proof of work",
        (
            "拍照", "照片", "拍摄", r"拍(?:个|张|一张|几张|了|下|一下|好)照", r"(?:拍|录)(?:个|段|一段|条)视频", "照个相", "录视频", "录制", "拍视频", "视频上传", "上传视频", "小视频", "视频", "图片",
            "合影", "合照", "对比照", "前后对比", "图文",
            # a bare count of shots (清之前拍一张、清完再拍一张) and a photo stamped with time and place (带水印, 水印相机)
            r"拍(?:一|两|三|几|\d)张", r"水印(?:相机|照片|时间)|带水印|加水印",
            *_en(
                r"photo(?:s|graph|graphs)?\b", r"pictures?\b", r"videos?\b", r"film(?:ed|ing)?\b", r"images?\b",
                r"(?:time-?stamped|watermarked|geo-?tagged) (?:shots?|snaps?)\b",
            ),
        ),
        context=PROOF_CONTEXT,
        # WHAT: the photo asked is the worker at the post (拍摄‘在岗照片’发到工作群，照片须带时间和定位水印) — the check-in,
        # and "the photo" after it is that photo — unless the sentence says it proves something or asks for another trace
        exempt_here=(
            *PHOTO_IS_THE_REPORT,
            # WHO: others posting their own photos, in a sentence naming no staff (依伯依姆们自己在他们的群里发照片)
            *_unless(OTHERS_FOR_THEMSELVES, tuple(w + FOLLOW_UP for w in STAFF)),
            *_unless(
                (r"(?:在岗|到岗|上岗)(?:自拍|合影)?(?:照片|照)", PHOTO_OF_SELF_AT_WORK),
                ("证明", "佐证", "为证", "留痕", "备查", "截图", "截屏", "工作照", "现场照", "视频", r"\b(?:proof|evidence)"),
            ),
        ),
        exclude=(
            "随手拍", "居民拍照", "居民上传", "群众拍照", "群众上传", "证件照", "照片墙", "老照片", "视频会议",
            "视频通话", "视频会", "视频连线",
            # an account or a platform named for its videos (区里视频号, 短视频平台): a place, no video asked (digital38)
            r"(?:短)?视频(?:号|账号|平台|直播间|app|客户端)",
            # a photo or a scan of a document is the document asked for, not the work's trace (身份证和户口本照片, 残疾证复印件):
            # what is asked again is repeat_reporting's (digital38)
            rf"(?:{DOCUMENTS})(?:(?:[和及与、/]|以及)(?:{DOCUMENTS}))*(?:的)?(?:正反面|首页|原件)?(?:照片|图片|扫描件|拍照|翻拍)",
            # a photo of the worker at the post is the check-in (附值班人员在岗照片: check_in), not proof of work
            r"(?:在岗|到岗|上岗)(?:自拍|合影)?(?:照片|照|视频)", r"\b(?:on-duty|at-post) (?:photo|picture)s?",
            r"\b(?:photo|picture)s? of (?:themselves|herself|himself|yourself|the staff|staff|workers) at (?:their|her|his|your) posts?",
            r"(?:观看|收看|学习|播放)[^,。;]{0,6}视频", "课程视频", "视频课程",
            # videos watched for study points (看视频攒积分, 刷视频): watching, no video of the work (digital39)
            r"(?<![查])(?:看|刷)视频",
            "教学视频", "视频监控", "监控视频", "视频调度", "宣传视频", "宣传片",
            r"发现.{0,12}(?:拍照|拍摄|照片|视频)",
            r"(?:隐患|问题线索|反映问题|报修|违章|占道).{0,12}(?:拍照|拍摄|照片|视频)",
            r"(?:拍照|拍摄|照片|视频).{0,8}(?:反映|报修|举报)",
            r"\b(?:spot|find|found|notice)\w*.{0,30}\b(?:photo|picture)", r"\bvideo (?:call|conference|meeting)",
            r"\bresidents? (?:can |may )?(?:upload|send|take)", r"\bvolunteers? (?:post|upload|share)",
            r"\b(?:residents?|citizens?|the public|neighbou?rs?|parents|patients)\b (?:can |may |are welcome to |are invited to )?(?:post|upload|send|take|share)\w* (?:a |an |their |the |any )?(?:photos?|pictures?|videos?|images?)",
        ),
    ),
)  # fmt: skip

AFTER_HOURS: tuple[Kind, ...] = (
    Kind(
        "after_hours",
        "standing duty",
        (
            "全天候", "全时段", "不分昼夜", "白加黑", r"(?:一周|每周)(?:七|7)天", r"全年\s*365\s*天",
            rf"(?:回复|响应|回应)[^,。;]{{0,4}}(?:不超过|不得超过|不超)\s*{NUMBER}\s*分钟", r"5\s*\+\s*2", "全年无休", "节假日无休", "随叫随到",
            # answered whenever called, all day (工作群消息全天随叫随回 — digital39)
            "随叫随回",
            r"随时(?:随地)?(?:回复|响应|回应|待命|在线|接听|报送|上报|汇报|查看|听候|到岗)", "秒回", "立即回复",
            # whatever the hour: 不管几点都要回, 再晚也得报, 任何时候都要接
            r"(?:任何时候|任何时间|不管几点|无论几点|不论几点|无论多晚|不管多晚|不论多晚|再晚|多晚|白天黑夜|不管白天晚上|不分白天黑夜)[^,。;]{0,4}(?:都|也|均)[^,。;]{0,6}?(?:回|接|报|填|交|发|处理|到岗|在线|待命|响应|确认)",
            "即时回复", "第一时间回复", "手机不离身", r"(?:不得|禁止|不许|不能|不准|严禁)关机", "保持开机",
            r"全天(?:24小时)?(?:在线|开机|待命|值守)",
            rf"{NUMBER}\s*分钟(?:之内|内|以内)(?:必须|须|要|得)?(?:回复|响应|回应|答复|接龙|反馈|到岗|上报|报告|回(?![家去来访收执到老]))",
            r"(?:24|二十四)\s*(?:小时|h|×7|x7|\*7)\s*(?:值守|值班|在线|待命|响应|回复|开机|畅通|不间断|轮班|接听|联系)",
            r"(?:24|二十四)\s*小时(?:均|都|必须|需|要)?(?:保持)?(?:在线|待命|值守|响应|回复|开机|畅通)",
            r"(?:24|二十四)\s*小时(?!内|以内|之内)[^,。;]{0,8}?(?:有人|留人|安排人)[^,。;]{0,6}(?:值守|值班|在线|待命|盯守|守候)",
            r"7\s*[×x\*]\s*24",
            *_en(
                r"24/7", r"24 ?x ?7", r"24[- ]hours? (?:a day|duty|on[- ]call|standby|online|response|reply)",
                r"round[- ]the[- ]clock", r"around the clock", r"(?:seven|7) days a week",
                r"(?:reply|respond|answer|acknowledge)\w* (?:immediately|at once|at any time|instantly)",
                r"(?:reply|respond|answer|acknowledge)\w* within (?:\d+|five|ten|fifteen|thirty) minutes",
                r"always (?:be )?(?:online|available|reachable|on call)", r"at any (?:time|hour)",
                r"no matter (?:how late|what time|the hour|when)", r"however late", r"whatever the hour", r"any hour of the (?:day|night)",
                r"never switch off", r"phones? (?:on|switched on) at all times",
            ),
        ),
        exclude=RESIDENTS_MAY,
        exempt=(*EMERGENCY_ONLY, *_unless(SEASON_ONLY, EVERYONE_ON_CALL), *NOT_WORK),  # (a group that is no work group: the whole description is about it)
        exempt_here=(*_unless(ROTA, EVERYONE_MUST), *DEFERRED),
    ),
    Kind(
        "after_hours",
        "times outside work with a duty",
        (
            "下班后", "下班以后", "下班时间", "夜间", "每晚", "每天晚上", "深夜", "凌晨", "半夜", "晚上", "晚间",
            "昨晚", "今晚", "当晚", "前晚", "当天晚上", "夜里", "连夜", "通宵", "除夕", "大年三十", "年三十", r"大年初[一二三四五六七]",
            r"(?:休假|年假|探亲假|病假)(?:期间|时也|也)", r"休息(?:期间|的时候)",
            # after the end of the day: 六点下班，七点半还要开会
            r"下班[^。;]{0,10}(?:还要|还得|还让|又要|又得|还在)",
            "午休", "节假日", "法定假日", "假期", "周末", "双休日", "休息日", "休息时间", "非工作时间",
            "工作时间以外", "工作时间外", "八小时以外", "8小时以外", "8小时外", "睡前",
            r"(?:周六日|周六|周日|星期六|星期日|星期天|礼拜六|礼拜天|礼拜日)(?:也|照常|照样|都|均|不例外|同样|亦同|一样)",
            # a weekend day the demand names for the work (要求社区工作者周六、周日在平台组织活动)
            r"要求[^,。;]{0,12}(?:周六|周日|星期六|星期日|星期天|礼拜六|礼拜天)(?:[、和与及]\s*(?:周日|星期日|星期天|礼拜天))?(?:在|到|去)",
            # a deadline on a weekend day: 周日前报送, 星期六中午之前
            r"(?:周六|周日|星期六|星期日|星期天|礼拜六|礼拜天|礼拜日)(?:上午|中午|下午|晚上)?\s*\d{0,2}\s*(?:点|时)?(?:前|之前|以前|截止)",
            # the weekend worked: 周六周日在家加班填; a task sent on Friday evening due first thing on Monday
            r"(?:周六|周日|星期六|星期日|星期天|礼拜六|礼拜天|双休日)(?:[、和与及]?(?:周日|星期日|星期天|礼拜天))?[^,。;]{0,4}加班",
            r"(?:周五|星期五|礼拜五)(?:下午|晚上|傍晚|下班|(?:1[7-9]|2[0-3])\s*(?:时|点|:))[^。;]{0,80}?(?:下?周一|下?星期一|下?礼拜一)(?:上午|早上|早晨|一早|一上班)?\s*(?:\d{1,2}|[七八九十])?\s*(?:点|时|:\d\d)?(?:前|之前|以前|截止)", r"(?:早上?|清晨|凌晨)\s*[4-7]\s*(?:点|时)",
            r"(?:春节|国庆|中秋|元旦|五一|清明|端午|长假|小长假|黄金周)节?(?:期间|假期|放假|[^,。;]{0,2}天假|那几天|这几天|当天)",
            r"(?:晚|夜里)\s*\d{1,2}\s*(?:点|:|时)", r"(?:2[0-3]|19)\s*(?::|点|时)\s*\d{0,2}\s*(?:以后|之后|后|前|以前|之前|截止)",
            # an evening hour on the 24-hour clock, bare (每日18:00、21:00各拍一张…发群; posted at 22:40)
            r"(?<![\d:.])(?:19|2[0-3])\s*:\s*[0-5]\d(?!\d)",
            r"(?:晚上?|夜里?|夜间)\s*(?:[七八九十]|十一|十二)\s*(?:点|时)",
            # a bare ten or eleven o'clock with tomorrow's task after it is the evening before: 10点20@全体，让11点前把明儿的名单报上去
            # (not 上午10点, 明天10点, 今天10点前报明天的)
            r"(?<![上早今白明\d])(?<!上午|早上|早晨|今天|今日|白天|明天|明早|明日)(?:10|11|十|十一)\s*(?:点|时)[^。;]{0,30}?(?:明儿|明天|明早|明日|明个)",
            *_en(
                r"after (?:work|hours|office hours|working hours|\d{1,2} ?(?:pm|p\.m\.))",
                r"outside (?:of )?(?:working|office|work) hours", r"out of hours", r"at night",
                r"late (?:at night|evening|evenings)", r"midnight", r"weekends?", r"(?:public )?holidays",
                r"nights?\b", r"overnight", r"evenings?\b", r"(?:the same|that) (?:night|evening)", r"days off", r"lunch break", r"before (?:7|8|6) ?(?:am|a\.m\.)",
                r"(?:sundays?|saturdays?)\b", r"(?:[7-9]|1[01])(?::\d\d)? ?(?:pm|p\.m\.)",
                r"friday (?:afternoon|evening|night)\b.{0,120}?\b(?:by|before) monday (?:morning|\d)",
                # (the hour named: every friday at 6 p.m. … by 9 a.m. on monday)
                r"friday (?:at |from |after )?(?:about |around )?(?:[4-9]|1[01])(?::\d\d)? ?(?:pm|p\.m)\b.{0,200}?\b(?:by|before) (?:(?:[6-9]|10)(?::\d\d)? ?(?:am|a\.m\.?) (?:on )?)?monday\b",
            ),
        ),
        context=DUTY_WORDS,
        exclude=(
            *RESIDENTS_MAY, *AUTOMATED, r"(?:活动|晚会|演出|比赛|庆典|联欢会|放映|开幕式)(?:的)?(?:当晚|当天晚上)",
            # the app's own night reminders, which the user may switch off (夜间提醒可以在“设置-免打扰”中关闭): a setting, no duty
            # (digital39)
            r"(?:夜间|晚上|夜里)(?:的)?(?:提醒|推送|消息提醒|通知提醒)[^,。;]{0,16}(?:关闭|免打扰|静音)",
            # the evening is the event (今晚是社区文艺晚会, 今晚系歌圩晚会, 当晚有露天电影) — the hour of the event, not of a duty
            r"(?:今晚|今天晚上|当晚|晚上)(?:是|系|有|搞|办|举办|举行|开)[^,。;]{0,8}?(?:晚会|演出|联欢会|放映|电影|音乐会|歌会|歌圩|灯会|庆典|文艺)",
            # the evening of the sanction on who failed (未按时报到者当晚群内通报; those who missed it are named that evening): the
            # naming's time, no duty of the workers then (digital38)
            r"(?:者|的)(?:在)?(?:当晚|当天晚上|晚上|夜间|今晚)[^,。;]{0,4}(?:通报|点名|公布|公示|曝光|批评|念名字|约谈)",
            r"\b(?:named|listed|read out|called out|critici[sz]ed|posted) (?:that|the same|in the) (?:evening|night)\b",
            # an evening that is the worker's own shift of the work (每晚7点至9点督导期间, during the night patrol shift): the
            # working time itself, as an evening event is
            r"(?:每晚|每天晚上|晚上|夜间|夜里)[^,。;]{0,12}(?:督导|巡查|巡逻|执勤|值勤|劝导|营业|开放)(?:期间|时段|时)",
            r"\bduring (?:the |their |his |her |each |every )?(?:evening|night) (?:shifts?|patrols?)\b",
            # the worker's own way of coping, two things at once in the evening (我都是晚上边煮饭边挂起, I leave it running at
            # night while I cook): how the speaker fits a requirement in, not a duty set for the evening
            r"(?:我|她|他|我们|大家)(?:都|一般|通常|经常|往往|就)?(?:是)?(?:晚上|夜里|半夜|下班后|周末)(?:在家)?(?:一)?边",
            r"\b(?:i|she|he|we|they) (?:usually |often |just |always |simply )?(?:leave|leaves|left|run|runs|keep|keeps|kept) (?:it|them|the app|the videos?) (?:running |on |open |playing )?(?:at night|in the evenings?|overnight) while\b",
            # an evening that is the event itself (the Mid-Autumn cultural evening, a film night), no hour of work
            r"\b(?:cultural|gala|festival|party|concert|film|movie|music|social|quiz|talent|awards?|variety|celebration|lantern|mid-autumn|moon|new year'?s?|karaoke|games|open) (?:evening|night)s?\b",
            r"\b(?:evening|night) (?:event|party|gala|show|concert|performance|celebration|market|programme|program)s?\b",
        ),
        exempt=(*EMERGENCY_ONLY, *_unless(SEASON_ONLY, EVERYONE_ON_CALL), *NOT_WORK),  # (a group that is no work group: the whole description is about it)
        exempt_here=(*_unless(ROTA, EVERYONE_MUST), *DEFERRED),
    ),
)  # fmt: skip

# sameness and its degree (repeat_reporting, digital38)
_SAME = r"(?:相同|一致|一样|一模一样|重复|雷同)"
_DEGREE = r"(?:基本|大体|大致|大多|几乎|完全|差不多|都|全都|全|也都)"
# the verbs of sending data up, in Chinese (报送, 上传, 交 …), for "again" and "already reported" (digital38: 重新上传)
_SEND_ZH = "报送|上报|填报|录入|填写|提交|采集|统计|登记|上传|上交|导入|报|填|录"
REPEAT_REPORTING: tuple[Kind, ...] = (
    Kind(
        "repeat_reporting",
        "duplicates",
        (
            r"重复(?:填报|上报|报送|录入|提交|采集|统计|登记|填写|报)", r"多头(?:填报|报送|上报|统计)",
            "多平台", "多个平台", "多个系统", "多个app", "多套系统", r"分别(?:报送|上报|填报|录入)", "各报一次",
            "线上线下各", "纸质和电子", "纸质版和电子版", "一式两份", "一式多份",
            r"分别(?:要|索要|收集|统计)", r"各(?:要|索要|收|报|录|填|交)一(?:次|遍|份)", "誊抄", "誊录", "二次录入", "二次填报", "手工转录",
            *_en(
                r"(?:several|multiple|two|three|different) (?:systems|platforms|apps|departments)\b.{0,40}(?:report|submit|enter|fill|upload)",
                r"(?:report|submit|enter|fill|upload)\w*.{0,40}(?:several|multiple|two|three|different|each of the) (?:systems|platforms|apps|departments)",
                r"each department separately", r"separately to", r"duplicat\w* (?:report|entry|entries|data|submission)",
                r"both (?:on paper|paper) and (?:online|in the app|electronically)",
            ),
        ),
    ),
    Kind(
        "repeat_reporting",
        "the same fields asked again",
        (
            # (sameness said any way — 一模一样, 差不多一样, 一个字不差 —, and the looser nouns 信息, 数据, 表 with a word of degree:
            # 俩系统字段一模一样, 三家三张表…信息都一样 — digital38)
            rf"(?:字段|内容|数据项|信息项|项目|表头)(?:{_DEGREE}?(?:一模一样|一个字不差|没区别)|{_DEGREE}{_SAME}|重复)",
            r"(?:信息|数据|表格|名单)(?:都|全都|完全|也都|都是|全是)(?:一样|相同|一致|一模一样|重复)",
            *_en(
                r"(?:fields|columns|items) (?:are |that are )?(?:(?:almost|nearly|largely|mostly|all) )?(?:the same|identical|duplicated)",
                r"(?:(?:almost|nearly|largely|mostly) )?the same (?:fields|columns|items)",
            ),
        ),
        context=(*REQUEST_VERBS, "都要", "也要", "还要", "各要", "再"),
    ),
    Kind(
        "repeat_reporting",
        "again",
        (
            rf"再(?:次)?{IN_CLAUSE}{{0,12}}?(?:报送|上报|填报|录入|填写|提交|采集|统计|登记|报|填|录)",
            # (a manner between: 请重新逐项填写 — digital39)
            rf"重新(?:逐项|逐一|逐条|全部|手工|手动)?(?:{_SEND_ZH}|传|交)", "重报", "重填", "重录",
            # 又 with a count of one more time (又让报一遍, 又要填一次 — digital38)
            rf"又(?:让|要|叫|得|来|喊|要求)?{IN_CLAUSE}{{0,6}}?(?:{_SEND_ZH}|交|传)(?:一|1)(?:遍|次|回)",
            r"另行(?:填报|报送|上报|录入)",
            # English again, twice: of what is reported or asked for earlier in the sentence (fill in again, asked us again,
            # the names … of tenants again — not "Saturday morning again at the centre")
            *_en(
                r"(?:report|submit|enter|fill|collect|upload|send|sent|provid|typ|key|input|record|list|ask|want|request|hand"
                r"|give|form|spreadsheet|table|data|figures|details|names)\w*\b[^.;!?]{0,60}?\b(?:again|twice|a second time)\b",
                r"re-?(?:enter|submit|report|collect|upload|type|key|input|record)(?:s|ed|ing)?\b",
            ),
        ),
        exclude=(
            "再生", r"再(?:由|交|转)", r"再(?:晚|忙|累|难|苦|多|早|远)(?:也|都)",  # 再晚也得报: however late
            # again at another moment of the same act (check in on arrival, and again when leaving)
            r"\bagain (?:when|on|upon|before|after|at the end)\b", r"\btwice (?:a|in a|per|each|every) (?:day|week|month|year|quarter)",
            r"再次?(?:提醒|强调|重申|通知|明确|要求|督促)",
            # presence reported again the same day (晚上九点还要再报一次‘今日在岗人员’) is the check-in, not data asked again
            r"[再又](?:要|让|得|叫)?(?:报|发|接龙|上报)(?:一次|一遍|一轮)?[^,。;]{0,2}[“\"‘']?(?:今日|今天|当日|当天)?(?:的)?(?:在岗|到岗|上岗)",
            # 再 as "then", after a step or a condition, not "again": 汇总后再报, 先自查，再报, 发现问题再报告
            r"后再", r"先[^。;]{0,16}再", r"(?:发现|如有|若有|如遇|出现|遇到|确认|核实|需要时|必要时)[^,。;]{0,8}再",
        ),
    ),
    Kind(
        "repeat_reporting",
        "already reported",
        (
            r"已(?:经)?(?:报送|上报|填报|录入|提交|采集)过", rf"(?:此前|(?<![点时半分刻号日\d])之前|上月|上次|前期|曾)已?(?:经)?(?:在{IN_CLAUSE}{{0,8}})?(?:报送|上报|填报|录入|提交|报)过?",
            "报过的", "填过的", "已有数据",
            # a time gone by, said any way, and the verb with 过 (这数上礼拜刚报过, 昨天才填过 — digital38)
            rf"(?:上个?月|上周|上星期|上个?礼拜|上次|上回|前几天|前天|昨天|去年|年初|月初)(?:才|刚|刚刚|就|都|早就|已经?)?(?:在{IN_CLAUSE}{{0,8}})?(?:{_SEND_ZH}|交)过",
            # 已经报过一次了, 填第三遍, 又让填第二遍: the same thing asked for a second (third…) time
            r"(?:已|也|都|早就?|曾)(?:经)?(?:报|填|录|交)过(?:一次|一遍|两次|两遍|了)",
            r"(?:填|报|录|交)(?:了)?第\s*[二三四五六两2-9]\s*(?:遍|次|回)", "已掌握的数据", "同一批数据", "同一张表",
            # the same form named (同一张流动人口登记表) and the one thing keyed in several times (我一个人录三回 — digital39)
            r"同一张[^,。;]{1,8}表", r"(?:录|填|誊|抄)\s*(?:[两三四五六七八九十]|[2-9])\s*(?:回|遍)",
            r"(?:同样|相同|同一)的?(?:数据|名单|表格|信息|材料|台账|内容)",
            r"(?:数据|内容|信息)(?:相同|一样|不变|无变化|一致)(?:也|仍|的也)",
            r"(?:没有|无|未有)(?:新增|变化|变动|新情况)[^,。;]{0,4}(?:也|仍)(?:要|需|须|得)?[^,。;]{0,4}报",
            r"(?:与|和|同)(?:上周|上月|上次|上期|上季度|上年|去年|前期)[^,。;]{0,6}(?:相同|一样|不变|无变化|一致|没有变化)[^,。;]{0,3}(?:也|仍|还)",
            *_en(
                # (the verb of any sending: we already sent through the one-form system, already uploaded, handed in)
                r"already (?:reported|submitted|collected|entered|provided|sent|uploaded|filed|given|gave|handed (?:in|over)|keyed in|typed in|filled in|holds?|has|held|on file|in the (?:system|registry|database))",
                r"same (?:\w+ )?(?:data|figures|information|form|list|numbers|details|records|survey|spreadsheet|table|questionnaire)s?",
                r"all over again",
                # records the workers (or the registry) already keep in a database: the records they already maintain in the population database
                r"already (?:maintain|keep|hold|store|record|manage)(?:s|ed|ing)?\b.{0,40}\b(?:database|registry|system|platform|register)\b",
            ),
        ),
        # 同一数据项只填报一次 (最多报一次) states the rule, it does not break it
        exclude=(
            r"(?:同样|相同|同一)的?(?:数据|名单|表格|信息|材料|台账|内容)\S{0,3}(?:只|仅|最多|至多)(?:需|要)?(?:填报|报送|上报|填写|录入|采集|报|填|录)一次",
            r"\bsame (?:\w+ )?(?:data|information|details)\b.{0,20}\b(?:only once|just once|once only)",
        ),
        # "the registry already holds it, so communities no longer submit it": held, and not asked for
        exempt_here=(
            # (in the passive too: no longer have to be re-entered by community staff)
            r"\b(?:no longer|not|never|don'?t|do not) (?:need to |have to |has to |required to |asked to )?(?:be )?(?:submit|report|enter|re-?enter|re-?key|re-?type|re-?submit|re-?report|re-?send|re-?fill|fill|send|provide)",
            r"\b(?:only once|just once|once only)\b",
        ),
    ),
    Kind(
        "repeat_reporting",
        "already held",
        (
            r"(?:系统|居民库|人口库|基础库|数据库|平台|信息库|台账)(?:里|中|内|上)?(?:已有|已掌握|已存|已登记|已录入|已采集|现有)",
            # (held said with a word of time or certainty: 系统里早就有了, 库里明明有, 平台上本来就有 — digital38)
            r"(?:系统|居民库|人口库|基础库|数据库|平台|信息库|台账|库)(?:里|中|内|上)?(?:早就|早已|早都|本来就|本就|明明|都已经?|已经)(?:有|存有|掌握|录入|登记)",
            # (seen or held in the back office, said any way: 注册数后台明明看得到, 卫健那边系统里都有 — 系统头都有 in Southwest
            # Mandarin — digital39)
            # — the figure itself held, not the back office watching who is online (后台能看到谁几点登录)
            r"(?:数|数据|人数|名单|信息)[^,。;]{0,5}(?:系统|后台|平台|数据库)(?:里|中|内|上)?(?:都|也|明明|早就|本来就)?"
            r"(?:看得到|看得见|能看到|查得到|查得出|都有)",
            rf"已(?:在|存于|录入|纳入){IN_CLAUSE}{{0,10}}(?:库|系统|平台)",
            rf"已(?:通过|经|从){IN_CLAUSE}{{0,10}}(?:共享|获取|掌握|采集|汇集|推送)", r"已在(?:居民库|系统|平台|人口库)登记",
            rf"(?:与|和|同){IN_CLAUSE}{{0,10}}(?:系统|库|平台)(?:中|里|内)?(?:的)?(?:数据|信息|名单)?(?:一致|相同|重复|一样)",
            *_en(r"(?:registry|system|database) already (?:holds|has)", r"already in the (?:registry|system|database)"),
        ),
        # (the request said as coming to ask us for it: 每回都来问我们要 — digital39)
        context=(*REQUEST_VERBS, r"(?:问|找|跟|向)(?:我们|社区|基层|网格员|我)要"),
    ),
    # what the worker had entered before into the register, asked for again (the form asked for … details he had entered
    # into the register in March): the earlier entry named in the past, with a request in the sentence
    Kind(
        "repeat_reporting",
        "entered before",
        _en(
            r"(?:had|has|have|'d|'ve) (?:already )?(?:entered|keyed in|typed in|recorded|submitted|reported|uploaded|filled in|registered)\b"
            r"[^.;]{0,40}?\b(?:in|into|to|on|onto) (?:the |our |their |his |her |my )?(?:\w+ )?(?:register|registry|system|database|platform)\b",
        ),
        context=_en(
            r"ask(?:s|ed|ing)? (?:for|again|us|them|him|her|me)\b", r"forms?\b", r"spreadsheets?\b", r"templates?\b",
            r"again\b", r"request", r"want(?:s|ed)?\b", r"due\b", r"re-?enter",
        ),
    ),
)  # fmt: skip

KINDS: tuple[Kind, ...] = (
    *CHECK_IN, *RANKING, *ONLINE_TIME, *FORCED_USE, *TRACE_SCREENSHOT, *AFTER_HOURS, *REPEAT_REPORTING,
)  # fmt: skip
