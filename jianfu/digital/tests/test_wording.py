"""Each kind of wording (jianfu.digital.wording) finds its breach in new words and leaves its
look-alikes, negations and exemptions alone."""

import pytest

from jianfu.digital.rules import check
from jianfu.digital.wording import KINDS

# (code, family) → sentences that must breach the code
BREACHES = {
    ("check_in", "attendance"): [
        "上班须在门口刷脸考勤",
        "到岗拍照发群",
        "每天到巡查点扫码",
        "Staff clock out via facial recognition",
    ],
    ("check_in", "location"): [
        "网格员全天开启手机定位",
        "上传每日工作轨迹",
        "设置电子围栏，离开网格超过10分钟告警",
        "The app logs GPS tracks of each worker",
    ],
    ("ranking", "rank words"): [
        "按完成率排序后印发",
        "每月亮晒各社区得分",
        "后五名的社区书记作说明",
        "Communities are placed on a league table",
    ],
    ("ranking", "points with a use"): ["学习积分与评优挂钩", "Workers must earn 20 points per week"],
    ("ranking", "naming"): [
        "整改慢的社区被点名批评",
        "未完成的社区在全区通报",
        "数量最少的网格员作检讨",
        "Late communities are named in the weekly bulletin",
    ],
    ("online_time", "online state"): [
        "要求全员保持在线",
        "统计各社区在线率",
        "离线超过半小时提醒站长",
        "Workers must stay online all day",
    ],
    ("online_time", "activity"): ["按月统计账号活跃度", "清理不活跃账号并通报"],
    ("online_time", "log-ins"): ["统计每月登录天数", "每天至少登录3次", "Log-in days are counted"],
    ("online_time", "time spent"): ["观看时长计入考核", "每天学习不少于40分钟", "Study time is recorded"],
    ("online_time", "steps"): ["每天步数须达到一万步"],
    ("forced_use", "mandatory use"): ["全员下载安装政务App", "强制转发宣传文章", "下达推广任务"],
    ("forced_use", "rates and volumes"): [
        "每周统计阅读量",
        "参与率纳入考核",
        "关注人数每周汇总",
        "The share count is reported monthly",
    ],
    ("forced_use", "quotas"): [
        "每人转发不少于5次",
        "每户至少安装一部",
        "Each worker must share the post at least five times",
    ],
    ("forced_use", "mobilising"): ["督促居民注册小程序", "动员辖区商户扫码关注公众号"],
    ("trace_screenshot", "screenshots and traces"): [
        "每项工作上传佐证材料",
        "转发后截屏发群",
        "Screenshots of each visit are required",
    ],
    ("trace_screenshot", "photos and videos as proof of work"): [
        "每次入户拍3张照片",
        "拍摄值守视频证明在岗",
        "Upload a photo of every visit as proof",
    ],
    ("after_hours", "standing duty"): [
        "群消息须5分钟内响应",
        "手机24小时开机",
        "随时在线接听语音",
        "Replies are expected at any time",
    ],
    ("after_hours", "times outside work with a duty"): [
        "凌晨也要回复群消息",
        "周末须报送当日数据",
        "Reports are due every evening",
    ],
    ("repeat_reporting", "duplicates"): ["同一张表分别报送民政和卫健", "多头填报三个系统"],
    ("repeat_reporting", "again"): [
        "按新模板再报一遍",
        "每季度重新登记一次",
        "需另行填报纸质表",
        "Communities enter the list again",
    ],
    ("repeat_reporting", "already reported"): [
        "上月已报送过的数据",
        "此前已在系统报过的也要交",
        "The same list goes to each bureau",
    ],
    ("repeat_reporting", "already held"): [
        "人口库中已有的数据仍要求社区填报",
        "The registry already holds it, yet communities must submit it",
    ],
}

# sentences that look like a code's words but do not breach it
LOOK_ALIKES = {
    "check_in": [
        "为独居老人配发定位手环",
        "协助老人完成人脸识别认证",
        "明确社区职能定位",
        "社区网红打卡点介绍",
    ],
    "ranking": [
        "事项按办理时间排序显示",
        "街道印发工作情况通报",
        "排名不分先后",
        "The officials named in the notice attend",
    ],
    "online_time": ["居民可在线预约办理", "群消息须24小时在线回复"],
    "forced_use": ["重点关注独居老人", "居民可自愿下载使用", "不承担注册任务", "参加人数不限"],
    "trace_screenshot": [
        "居民拍照上传身边隐患",
        "观看课程视频学习政策",
        "不再要求发整改前后对比照",
        "召开视频会议",
    ],
    "after_hours": [
        "汛期和台风预警期间社区主任须24小时保持手机畅通",
        "节假日安排一名工作人员值班，其他人员正常休假",
        "晚上发布的通知可在下一个工作日处理",
        "The emergency group is staffed around the clock by the duty officer during a typhoon red alert",
    ],
    "repeat_reporting": [
        "社区初审后再报街道审核",
        "再生资源回收站点登记",
        "核对系统已有的名单，只改变动项",
        "不再另行填报",
    ],
}


# More words of the same families, added with the second batch of dev descriptions.
MORE_BREACHES = {
    ("check_in", "attendance"): ["街道随机视频查岗"],
    ("check_in", "location"): ["外出须报备行踪", "每天上报到岗位置", "统计每月巡查里程"],
    ("ranking", "rank words"): ["按得分高低分为三档", "每周晒成绩单"],
    ("ranking", "naming"): ["长期未登录的在会上点名"],
    ("online_time", "log-ins"): ["记录打开次数"],
    ("online_time", "time spent"): ["每天学满30分钟"],
    ("forced_use", "mandatory use"): ["转发朋友圈集赞", "公众号涨粉任务分解到社区"],
    ("forced_use", "quotas"): ["注册情况纳入文明社区评比"],
    ("after_hours", "standing duty"): [
        "回复不超过10分钟",
        "一周七天保持联系",
        "Workers must be reachable seven days a week",
    ],
    ("after_hours", "times outside work with a duty"): ["春节期间每天报送人数", "周六日也照常回复"],
    ("repeat_reporting", "duplicates"): ["民政、残联分别要一套名单", "纸质表还要誊抄到系统"],
    ("repeat_reporting", "already reported"): ["名单与上周无变化也要报"],
    ("repeat_reporting", "already held"): ["须报送人口变动情况，该数据已通过公安系统共享"],
}
MORE_LOOK_ALIKES = {
    "ranking": ["登记回收站点名称", "街道每月通报一次全区安全生产形势"],
    "online_time": ["在线时间为工作日9点至17点"],
    "after_hours": ["政务服务网节假日暂停服务"],
    "repeat_reporting": ["再次提醒商户按时报送自查表"],
}
# A third batch, written with the kinds widened after dev3 (the second unseen part): new sentences of
# each widened kind, and near misses of the same kind that must stay clean.
THIRD_BREACHES = {
    ("check_in", "attendance"): [
        "网格员进入网格后在App上点击“在岗”，后台留存时间",
        "街道按月统计各网格员的到岗率",
        "App记录每名社工的上岗天数",
    ],
    ("online_time", "online state"): [
        "The platform records how many hours each cadre stays logged in every day",
        "Logged-in time is exported weekly for every community",
    ],
    ("forced_use", "a service on condition of use"): [
        "居民到窗口办事须先扫码注册小程序才能办理",
        "老人不激活医保电子凭证的不予报销",
        "将下载App作为办理居住证的前提条件",
        "Residents are only served after they download the app",
    ],
    ("forced_use", "quotas"): ["每天阅读不少于10篇文章"],
    ("trace_screenshot", "photos and videos as proof of work"): [
        "Instead of a written log, every visit is proven with a photo posted to the group",
        "Rather than a visit report, workers post a selfie with each resident",
        "每处整改点位拍摄照片，以照片为准",
    ],
    ("after_hours", "standing duty"): [
        "节日期间要求每个网格24小时留人在群里值守",
        "要求社区24小时安排人在线盯守群消息",
    ],
    ("after_hours", "times outside work with a duty"): [
        "每晚10点后把当日台账发到群里",
        "下班后将统计表发至工作群",
    ],
    ("repeat_reporting", "duplicates"): ["民政、残联两个部门各要一份困难家庭名单"],
    ("repeat_reporting", "the same fields asked again"): [
        "两张表格字段基本相同，社区都要填报",
        "三个系统的数据项完全一样，每个都要录入",
        "The two forms have almost the same fields and communities fill in both",
    ],
    ("ranking", "points with a use"): ["学习积分每月在群里公布"],
    ("ranking", "rank words"): [
        "按走访户数从高到低公布各网格",
        "A scoreboard of street offices is posted weekly",
    ],
    ("check_in", "location"): ["Phones report their location every five minutes"],
    ("online_time", "time spent"): ["党员每月观看视频课程不少于8小时", "在线学习不足2小时的扣分"],
    ("online_time", "log-ins"): ["每天打开App不少于5次"],
    ("online_time", "activity"): ["统计工作人员消息已读率"],
    ("repeat_reporting", "again"): ["请把已录入系统的低保人员信息再以Excel表格形式报一份"],
    ("repeat_reporting", "already reported"): ["没有新增也要每天上报"],
    ("repeat_reporting", "already held"): ["每月报一次商户名单，名单与登记系统中的一致"],
    ("forced_use", "rates and volumes"): ["统计各社区参学率", "每月统计各社区转发文章的次数"],
}
for _key, _texts in {
    ("ranking", "rank words"): [
        "按完成率对社区实行“红黄绿”三色管理",
        "完成率低的亮红灯",
        "Streets are graded A to E and the grades are published monthly",
    ],
    ("check_in", "location"): [
        "要求网格员拍摄所在位置发群",
        "视频连线时展示自己的实时位置",
        "The app tracks every worker's route on patrol",
        "An alert goes off when a worker leaves the grid",
    ],
    ("online_time", "time spent"): ["Daily reading minutes are exported for each cadre"],
    ("repeat_reporting", "already reported"): ["Each bureau asks for the same survey every quarter"],
}.items():
    THIRD_BREACHES[_key] = [*THIRD_BREACHES[_key], *_texts]
THIRD_LOOK_ALIKES = {
    "check_in": [
        "城市漫步打卡地图：游客在老街各景点集章",
        "游客可在景区入口签到领取纪念品",
        "Heritage check-in trail for visitors along the riverside",
        "请工作人员按时到岗",
        "每天8点到岗，下午5点半下班",
    ],
    "online_time": ["The app does not track how long anyone stays logged in"],
    "forced_use": [
        "每天阅读学习文章不少于20分钟",
        "每天浏览公众号至少半小时",
        "居民不下载App也可在窗口办理",
        "无需先下载App再办理",
        "不以下载App作为办理条件",
    ],
    "trace_screenshot": ["Instead of screenshots, visits are recorded in the work-order system"],
    "after_hours": [
        "不要求24小时有人值守群消息",
        "防汛期间24小时有人值守",
        "下班后无需把材料发到群里",
        "请于24小时内安排人员回复",
        "下班后群里的通知第二天上班再处理即可",
        "周末收到的消息翌日回复即可",
        "晚上发的通知周一上班后统一处理",
    ],
    "repeat_reporting": [
        "各部门各司其职",
        "确保上报数据一致准确",
        "两个系统字段完全一致，数据自动同步，无需重复录入",
    ],
    "ranking": ["志愿服务积分只用于兑换礼品，不公布、不排名", "学习积分不与考核挂钩", "楼层从高到低依次排查"],
}
# and more near misses of the kinds widened in the same batch
for _code, _texts in {
    "check_in": [
        "Residents can report the location of a pothole",
        "志愿者可自主签到领取服务时长",
        "Volunteers may sign in on the app when they arrive",
        "The map shows the route of the new bus line",
        "请在工单中报告问题所在位置",
    ],
    "online_time": ["每年参加线下培训不少于40学时", "每月入户走访不少于4次", "不统计消息已读率"],
    "trace_screenshot": ["居民发现隐患可拍照上报，以照片为准"],
    "after_hours": ["疫情期间要求24小时待命，疫情结束后恢复正常"],
    "ranking": ["路口红黄绿信号灯维护", "Eggs are graded by size at the market"],
    "forced_use": ["不统计参学率"],
    "repeat_reporting": [
        "The registry already holds the data, so communities no longer submit it",
        "Workers who forget to check in twice in a month lose their bonus",
        "没有新增的无需上报",
        "系统数据与居民库一致，无需另报",
        "审核通过后再由街道统一报送",
        "街道汇总各社区数据后再按区里要求的格式统一上报",
        "请社区先自查，发现问题再按程序报告",
    ],
}.items():
    THIRD_LOOK_ALIKES[_code] = [*THIRD_LOOK_ALIKES[_code], *_texts]
# A fourth batch, written with the kinds widened after dev4 (the third unseen part): my own sentences of
# each widened kind, and near misses that must stay clean.
FOURTH_BREACHES = {
    ("check_in", "attendance"): [
        "每天上班后在工作群接龙报“已到岗”",
        "早上8点半前在群里接龙到岗，晚于8点半的算迟到",
        "社工到社区后在群里接龙“已到”并写上时间",
    ],
    ("check_in", "location"): [
        "入户时打开小程序，系统全程记录网格员的行程",
        "平台会自动采集社工的位置，每小时一次",
        "Workers post their location and a selfie every hour",
    ],
    ("after_hours", "times outside work with a duty"): [
        "The daily report is due between 8 and 9 pm",
        "Send the visit figures to the group by 10 p.m.",
    ],
    ("online_time", "time spent"): ["街道每周统计各社工的学习分钟数", "按人均在线小时数给社区打分"],
    ("forced_use", "mandatory use"): [
        "全体网格员必须在月底前安装“网格通”并完成认证",
        "社工务必于三日内下载政务App",
    ],
    ("forced_use", "quotas"): ["每个楼栋要动员不少于50户关注“幸福社区”公众号"],
    ("trace_screenshot", "photos and videos as proof of work"): [
        "巡河结束后上传一段视频，没有视频的视为未巡河",
        "每次走访须拍照上传，无照片的按未走访处理",
    ],
}
FOURTH_LOOK_ALIKES = {
    "check_in": [
        "已关闭打卡功能，签到模块一并下线",
        "接龙报名参加周六的志愿活动",
        "居民接龙预约疫苗接种时间",
        "本平台记录事件发生的位置，便于派单",
    ],
    "online_time": [
        "学习时长统计仅供本人查看，不作考核",
        "在线时长只有自己能看到，街道不汇总",
        "统计的在线时长只有本人能看见，不通报",
        "培训课程共90分钟",
    ],
    "forced_use": ["居民可自愿关注“幸福社区”公众号", "下载App后可在线预约"],
    "trace_screenshot": ["居民可拍视频反映噪音问题"],
    "after_hours": [
        "夜间如遇燃气泄漏等突发情况，请拨打应急电话",
        "下班后如发生火灾等紧急事件，可在群里报告，日常工作不在群里布置",
    ],
    "repeat_reporting": [
        "Staff sign in on arrival and again when they leave the building",
        "Scan the badge on entry and again at the end of the shift",
    ],
}
# Two families added after dev5 (the fourth unseen part); the rest of that batch is in test_rules.py.
FOURTH_BREACHES[("forced_use", "counts put to use")] = [
    "每周通报各网格的注册数，后三名约谈",
    "统计各社区转发截图数，少于10张的扣分",
    "Registrations per community are published weekly and the bottom three are named.",
]
FOURTH_BREACHES[("ranking", "named in a report")] = [
    "谁没完成，名字就挂在群里",
    "完成得慢的网格员会被挂到群里",
    "If you miss the target your name appears in the weekly circular.",
]
FOURTH_LOOK_ALIKES["forced_use"] += ["后台显示注册数为1200人", "统计本月App下载数，供平台运维参考"]
FOURTH_LOOK_ALIKES["ranking"] = [
    "志愿者名字出现在感谢信里",
    "Volunteers' names appear in the monthly newsletter to thank them.",
]
# A family added after dev14 (the thirteenth unseen part): what was entered before into the register, asked for again.
FOURTH_BREACHES[("repeat_reporting", "entered before")] = [
    "The district wants a form with every tenant's ID number and address again, though staff have uploaded them onto "
    "the housing database in spring.",
]
FOURTH_LOOK_ALIKES["repeat_reporting"] = [
    *FOURTH_LOOK_ALIKES.get("repeat_reporting", []),
    "Staff had entered the visits into the system by Friday afternoon.",
]
for _key, _texts in FOURTH_BREACHES.items():
    THIRD_BREACHES[_key] = [*THIRD_BREACHES.get(_key, []), *_texts]
for _code, _texts in FOURTH_LOOK_ALIKES.items():
    THIRD_LOOK_ALIKES[_code] = [*THIRD_LOOK_ALIKES.get(_code, []), *_texts]
for _key, _texts in THIRD_BREACHES.items():
    MORE_BREACHES[_key] = [*MORE_BREACHES.get(_key, []), *_texts]
for _code, _texts in THIRD_LOOK_ALIKES.items():
    MORE_LOOK_ALIKES[_code] = [*MORE_LOOK_ALIKES.get(_code, []), *_texts]
for _key, _texts in MORE_BREACHES.items():
    BREACHES[_key] = [*BREACHES.get(_key, []), *_texts]
for _code, _texts in MORE_LOOK_ALIKES.items():
    LOOK_ALIKES[_code] = [*LOOK_ALIKES[_code], *_texts]


def test_every_family_has_examples():
    families = {(kind.code, kind.family) for kind in KINDS}
    assert families == set(BREACHES)


@pytest.mark.parametrize(
    "code,family,text", [(code, family, text) for (code, family), texts in BREACHES.items() for text in texts]
)
def test_family_finds_new_words(code, family, text):
    assert code in check(text).violations, (family, text)


@pytest.mark.parametrize("code,text", [(code, text) for code, texts in LOOK_ALIKES.items() for text in texts])
def test_look_alikes_are_not_breaches(code, text):
    assert code not in check(text).violations, text


@pytest.mark.parametrize(
    "text",
    [
        "不要求开启定位",
        "不再按活跃度排名",
        "无需统计登录天数",
        "不搞下载量考核",
        "不统计转发量",
        "已取消截图留痕要求",
        "非工作时间不要求回复",
        "数据从居民库自动获取，无需重新填报",
    ],
)
def test_negations_put_every_family_aside(text):
    assert check(text).violations == [], text


def test_a_rota_exempts_its_own_sentence_only():
    assert check("节假日安排一人值班，其余人员正常休息。").violations == []
    text = "节假日安排一人值班，其余人员正常休息。另要求全体人员晚上10点前回复群消息。"
    assert check(text).violations == ["after_hours"]


def test_an_emergency_only_duty_exempts_the_whole_text():
    text = "防台风群仅在台风预警期间启用。启用后要求24小时值守。"
    assert "after_hours" not in check(text).violations


def test_a_worker_who_follows_up_leaves_the_residents_own_check_in():
    from jianfu.digital.wording import WORKERS, WORKERS_CHECKED

    assert len(WORKERS_CHECKED) == len(WORKERS)  # every worker word, with the follow-up after it left out
    assert check("老人每天在小程序里点一下报平安，没点的由社工电话联系。").violations == []
    # a worker who must check in there too is still a check-in
    assert "check_in" in check("老人每天点一下报平安，社工每天也要在里面打卡签到。").violations


@pytest.mark.parametrize(
    "text",
    [
        "几个退休阿姨自己搞了个“合唱群”，每天在里面打卡，跟社区工作没关系。",
        "The residents' photo club ranks members by likes; this is not related to our work.",
    ],
)
def test_a_sentence_saying_it_is_no_work_asks_nothing(text):
    assert check(text).violations == [], text


def test_no_work_said_with_a_contrast_still_asks():
    text = "这个群跟工作没关系，但街道要求网格员每天在群里打卡。"
    assert "check_in" in check(text).violations
