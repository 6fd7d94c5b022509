"""Regional Mandarin and dialect words in their standard Mandarin form, for the digital rule check (rules.normalise).

A data table, read after full-width → half-width, traditional → simplified and lower case, before any rule reads the
text: a community worker who writes 阮 for 我们, 毋免 for 不用, 暗时 for 晚上, 長官 for 领导 or 莫得 for 没有 is read as
one who writes Mandarin, so every kind's negation, nominaliser and who-failed reading applies to her as well.

Each entry is (word, standard, only_before, not_before, not_after, only_after): the word is replaced by its standard
form only where it is followed by `only_before` (a regex, when given), not followed by `not_before`, not preceded by
`not_after` and preceded by `only_after` (each a regex of the characters around the word, "" = no guard; a lookbehind's
alternatives of one length). Only words that are unambiguous in the
domain (work groups, apps and reports of community workers) are listed; words that are also ordinary Mandarin with
another sense here (返工 = redo work, 整 in 整改, 卡 = card in 打卡, 额 in 金额/名额, 中 = middle, 撒 in 撒谎) are left out
or guarded. The longest word is tried first at a place.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (word, standard, only_before, not_before, not_after, only_after)
Entry = tuple[str, str, str, str, str, str]


def _w(
    word: str,
    standard: str,
    only_before: str = "",
    not_before: str = "",
    not_after: str = "",
    only_after: str = "",
) -> Entry:
    return (word, standard, only_before, not_before, not_after, only_after)


# A person (or people) someone is told to do something: 喊 is 叫 before one (喊我们周末加班, 喊居民下载) — not a shout
_PERSON = r"我|你|他|她|大家|居民|群众|网格员|社工|各|每|全|人家|业主|同事|干部|志愿者|老人|党员"

VARIETIES: dict[str, tuple[Entry, ...]] = {
    # Cantonese (粤语): function words and a few verbs written only in Cantonese (嘅, 喺, 咗, 哋, 嗰, 唔, 冇, 听日 …).
    # 系 as the copula is handled in rules.normalise (it needs the start of a clause).
    "cantonese": (
        _w("唔该", "请"),
        _w("唔使", "不用"),
        _w("唔洗", "不用"),
        _w("唔驶", "不用"),
        _w("唔需要", "不需要"),
        _w("唔好", "不要"),
        _w("唔系", "不是"),
        _w("系咪", "是不是"),
        _w("唔", "不"),
        _w("冇", "没有"),
        _w("嘅", "的"),
        _w("喺", "在"),
        _w("咗", "了"),
        _w("哋", "们"),
        _w("嗰", "那"),
        _w("\U00020bb6", "那"),  # 𠮶, the simplified form to_simplified gives 嗰
        _w("佢", "他"),
        _w("畀", "给"),
        _w("俾", "给"),
        _w("揿", "按"),
        # 影 is 拍 with a photo (影相, 影张合照, 影低): 每个点都要影相发上群做佐证 = 拍照发上群做佐证
        _w("影相", "拍照"),
        _w("影张", "拍张"),
        _w("影低", "拍下"),
        # 低过/少过 is 低于/少于 (学习积分唔可以低过300分 = 不可以低于300分: a minimum)
        _w("低过", "低于"),
        _w("少过", "少于"),
        _w("睇", "看"),
        _w("嚟", "来"),
        _w("啲", "些"),
        _w("听日", "明天"),
        _w("听朝", "明早"),
        _w("琴日", "昨天"),
        _w("而家", "现在"),
        _w("乜嘢", "什么"),
        _w("点解", "为什么"),
        _w("边个", "谁"),
        _w("放工", "下班"),
    ),
    # Fuzhou (闽东): 伓 is 不 (伓是我们要求的 = 不是我们要求的); the night said 暝 (昨暝, 今暝, 暝晡 = 昨晚, 今晚, 晚上)
    "fuzhou": (
        _w("伓使", "不用"),
        _w("伓", "不"),
        _w("昨暝", "昨晚"),
        _w("今暝", "今晚"),
        _w("暝晡", "晚上"),
    ),
    # Hokkien / Minnan (闽南, Xiamen, Quanzhou, Zhangzhou; Taiwanese Hokkien). 阮 is 我们 (a surname 阮书记 read as 我们书记
    # changes no code: who is named is the same party); 伊 only before a verb of saying or asking (not 伊犁, 伊朗, 伊斯兰);
    # 无 is the question particle only before a question mark (有收到无? = 有收到吗?); 拢 is 都 only before a verb
    # (not 拉拢, 靠拢); 卡 (= 比较 in 卡轻松) is left alone: 卡 is a card and 打卡.
    "hokkien": (
        _w("阮", "我们"),
        _w("汝们", "你们"),
        _w("汝", "你"),
        _w("\U0002a736", "他们"),  # 𪜶
        _w("伊", "他", only_before=r"讲|说|叫|问|要|讲过|讲的|们"),
        _w("毋免", "不用"),
        _w("毋通", "不要"),
        _w("毋是", "不是"),
        _w("毋知", "不知道"),
        _w("毋好", "不好"),
        _w("免", "不用", only_before=r"即时|马上|回复|回覆|回|报|交|打卡|签到|截图|拍照|下载|注册"),
        _w("袂使", "不能"),
        _w("袂晓", "不会"),
        _w("暗时", "晚上"),
        _w("暗暝", "晚上"),
        _w("下昏", "晚上"),
        _w("明仔载", "明天"),
        _w("明仔", "明天"),
        _w("今仔日", "今天"),
        _w("昨昏", "昨天"),
        _w("无", "吗", only_before=r"\?"),
        _w("厝边头尾", "邻居"),
        _w("厝边", "邻居"),
        _w("拢", "都", only_before=r"在|是|要|有|无|没|不|会|得", not_after=r"拉|靠|合|聚|收|围|归"),
        _w("歹势", "不好意思"),
        _w("按呢", "这样"),
        _w("佮", "和"),
    ),
    # Taiwanese Mandarin (台湾国语): the work vocabulary written differently (traditional characters are simplified
    # before this table: 長官 → 长官, 訊息 → 讯息, 群組 → 群组).
    "taiwanese_mandarin": (
        _w("长官", "领导"),
        _w("登入", "登录"),
        _w("登出", "退出登录"),
        _w("讯息", "消息"),
        _w("简讯", "短信"),
        _w("群组", "群"),
        _w("影片", "视频"),
        _w("视讯", "视频"),
        _w("录影", "录像", not_before=r"片"),
        _w("萤幕", "屏幕"),
        _w("荧幕", "屏幕"),
        _w("帐号", "账号"),
        _w("网路", "网络"),
        _w("软体", "软件"),
        _w("应用程式", "应用程序"),
        _w("程式", "程序"),
        _w("纪录", "记录"),
        _w("回覆", "回复"),
        _w("丢", "发", only_before=r"讯息|消息|信息|通知|到群|群里"),
        _w("唸", "念"),
    ),
    # Southwest Mandarin (西南官话: Sichuan, Chongqing, Yunnan, Guizhou). 要得 (= 好) only closing a clause (not 需要得到);
    # 耍 is 玩 except in 耍赖, 耍花招, 耍威风 …; 头 after 系统/平台/群 before 都/有 is 里 (系统头都有 = 系统里都有).
    "southwest": (
        _w("莫得", "没有"),
        _w("没得", "没有", not_before=r"说|比|选"),
        _w("莫要", "不要"),
        _w("莫来头", "没关系"),
        _w("啥子", "什么"),
        _w("晓不得", "不知道"),
        _w("晓得", "知道"),
        _w("要得", "好", only_before=r"[,.;!?~。\s]|$", not_after=r"需|还|只|就|也|想"),
        _w("喊", "叫", only_before=_PERSON),
        _w(
            "耍",
            "玩",
            not_before=r"赖|花|滑|威|手段|心眼|流氓|大牌|嘴|弄|笔|把戏|酒疯|小聪明|脾气|态度",
            not_after=r"玩|戏",
        ),
        _w("啷个", "怎么"),
        _w("咋个", "怎么"),
        _w("勒个", "这个"),
        _w("娃儿", "孩子"),
        _w("头", "里", only_before=r"都|有|也|已|就", only_after=r"系统|平台|软件"),
    ),
    # Northeastern Mandarin (东北话). 整 (= 弄) is left alone: 整改, 整理, 整治.
    "northeastern": (
        _w("嘎哈", "干什么"),
        _w("干哈", "干什么"),
        _w("咋整", "怎么办"),
        _w("贼", "很", only_before=r"多|累|烦|忙|快|难|麻烦|费劲|折腾"),
        _w("老鼻子", "很多"),
        _w("黑天", "晚上"),
        _w("明个", "明天"),
        _w("今个", "今天"),
        _w("备不住", "说不定"),
        _w("唠嗑", "聊天"),
    ),
    # Wu (吴语: Shanghai, Zhejiang). 阿拉 is 我们 except before 伯 (阿拉伯); 伐 is the question particle only before a
    # question mark (步伐, 采伐 untouched); 勿 only in the spoken words (请勿 is Mandarin and stays).
    "wu": (
        _w("阿拉", "我们", not_before=r"伯|斯加|丁"),
        _w("侬", "你"),
        _w("伊拉", "他们"),
        _w("覅", "不要"),
        _w("勿要", "不要"),
        _w("勿是", "不是"),
        _w("勿晓得", "不知道"),
        _w("勿来事", "不行"),
        _w("呒没", "没有"),
        _w("呒啥", "没什么"),
        _w("夜到", "晚上"),
        _w("夜里厢", "晚上"),
        _w("明朝", "明天"),
        _w("辰光", "时候"),
        _w("哪能", "怎么"),
        _w("搿个", "这个"),
        _w("搿", "这"),
        _w("伐", "吗", only_before=r"\?"),
    ),
    # Wuhan / Hubei and Hunan (江淮、西南官话与湘语). 哒 (Hunan 了) not in 么么哒, 嘀哒.
    "hubei_hunan": (
        _w("冇得", "没有"),
        _w("么斯", "什么"),
        _w("么子", "什么"),
        _w("么样", "怎么样"),
        _w("何解", "为什么"),
        _w("伢们", "孩子们"),
        _w("哒", "了", not_after=r"么|嘀|滴|哒"),
    ),
    # Shaanxi / Gansu (中原官话秦陇片、兰银官话). 额 is 我 only opening a clause before a verb (额们, 额也要): never 金额,
    # 名额, 额度, 额外.
    "shaanxi_gansu": (
        _w("额们", "我们", not_after=r"[\u4e00-\u9fff]"),
        _w("额", "我", only_before=r"是|也|就|不|没|要|说|都|给|天天|每天", not_after=r"[\u4e00-\u9fff]"),
        _w("嫑", "不要"),
        _w("没麻达", "没问题"),
        _w("谝闲传", "聊天"),
        _w("尕", "小"),
    ),
    # Hebei / Tianjin / Beijing colloquial (北京话、天津话、冀鲁官话). 介 (Tianjin 这) only in 介个/介么 (介绍 untouched);
    # 搁 (= 在) only before a place (not 搁置).
    "hebei_tianjin_beijing": (
        _w("甭", "不用"),
        _w("倍儿", "很"),
        _w("忒", "太"),
        _w("介个", "这个"),
        _w("介么", "这么"),
        _w("今儿个", "今天"),
        _w("明儿个", "明天"),
        _w("昨儿个", "昨天"),
        _w("今儿", "今天"),
        _w("明儿", "明天"),
        _w("昨儿", "昨天"),
        _w("赶明儿", "以后"),
        _w("搁", "在", only_before=r"群|这|那|家|单位|手机|网上"),
    ),
    # Shandong (冀鲁、胶辽、中原官话). 夜来 is 昨天; 俺 is 我.
    "shandong": (
        _w("俺们", "我们"),
        _w("俺", "我"),
        _w("夜来", "昨天"),
        _w("后晌", "下午"),
        _w("头晌", "上午"),
        _w("黑夜", "晚上"),
        _w("拉呱", "聊天"),
        _w("嘎么", "干什么"),
    ),
    # Henan (中原官话). 恁 is 你/你们; 中 (= 行) only in 中不中 and a clause-final 不中 (不中断, 不中用 untouched).
    "henan": (
        _w("恁", "你们"),
        _w("弄啥嘞", "干什么"),
        _w("弄啥", "干什么"),
        _w("中不中", "行不行"),
        _w("不中", "不行", only_before=r"[,.;!?~。\s]|$"),
        _w("夜儿个", "昨天"),
        _w("黑间", "晚上"),
        _w("黑价", "晚上"),
    ),
    # Shared by several northern and southern varieties (and spoken Mandarin): the hour, the week, "what" and "how".
    "common_spoken": (
        _w("钟头", "小时"),
        _w("礼拜天", "周日"),
        _w("礼拜日", "周日"),
        # 礼拜 is the week after 上/下/这/本/每/个/两/几 or before a day's number (礼拜一), not a service of worship
        _w("礼拜", "周", only_before=r"[一二三四五六]"),
        _w("礼拜", "周", only_after=r"[上下这本每个两几一二三四五六七八九十]"),
        _w("啥", "什么"),
        _w("咋", "怎么", not_before=r"舌"),
        _w("木有", "没有"),
    ),
}


def _pattern(entry: Entry) -> str:
    word, _standard, only_before, not_before, not_after, only_after = entry
    pattern = re.escape(word)
    if not_after:
        pattern = f"(?<!{not_after})" + pattern
    if only_after:
        pattern = f"(?<={only_after})" + pattern
    if only_before:
        pattern += f"(?={only_before})"
    if not_before:
        pattern += f"(?!{not_before})"
    return pattern


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    entries = sorted(
        (e for table in VARIETIES.values() for e in table), key=lambda e: len(e[0]), reverse=True
    )
    regex = re.compile("|".join(f"({_pattern(e)})" for e in entries))
    # The words alone, without their guards: searching for them is some 400 times cheaper than the guarded
    # alternation (0.002 against 0.8 ms a text), and most texts hold none of them.
    any_word = re.compile("|".join(dict.fromkeys(re.escape(e[0]) for e in entries)))
    return regex, any_word, tuple(e[1] for e in entries)


def to_standard(text: str) -> str:
    """The text with every regional word of VARIETIES in its standard Mandarin form (text already simplified,
    half-width and lower case)."""
    regex, any_word, standards = _compiled()
    if not any_word.search(text):
        return text
    return regex.sub(lambda m: standards[(m.lastindex or 1) - 1], text)
