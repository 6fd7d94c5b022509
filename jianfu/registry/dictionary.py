"""The shipped data dictionary and matching of column headers to it.

Import and template filling both call `match_header`, so a header means the same thing
wherever it appears.
"""

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

# code, name, synonyms, type, sensitivity, person_field, tag (parent), choices
CORE_ATTRIBUTES: list[dict] = [
    {
        "code": "name",
        "name": "姓名",
        "synonyms": ["名字", "居民姓名", "人员姓名", "老人姓名", "申请人姓名", "申请人"],
        "person_field": "name",
    },
    {
        "code": "id_number",
        "name": "公民身份号码",
        "synonyms": [
            "身份证号",
            "身份证号码",
            "身份证",
            "证件号码",
            "居民身份证号码",
            "身份证件号码",
            "公民身份证号",
        ],
        "sensitivity": "masked",
        "person_field": "id_number",
    },
    {"code": "gender", "name": "性别", "type": "choice", "choices": ["男", "女"], "person_field": "gender"},
    {
        "code": "birth_date",
        "name": "出生日期",
        "synonyms": ["出生年月", "出生年月日", "生日", "出生时间"],
        "type": "date",
        "person_field": "birth_date",
    },
    {"code": "age", "name": "年龄", "synonyms": ["周岁", "年龄（岁）"], "type": "number", "derived": True},
    {"code": "ethnicity", "name": "民族", "synonyms": ["族别"]},
    {
        "code": "phone",
        "name": "联系电话",
        "synonyms": ["手机号码", "电话", "手机", "联系方式", "手机号", "电话号码", "本人电话"],
        "sensitivity": "masked",
        "person_field": "phone",
    },
    {
        "code": "phone_other",
        "name": "其他联系电话",
        "synonyms": ["备用电话", "其他电话", "第二联系电话"],
        "sensitivity": "masked",
    },
    {"code": "name_note", "name": "姓名括注", "synonyms": ["姓名备注"]},
    {
        "code": "address",
        "name": "现住址",
        "synonyms": ["居住地址", "现居住地址", "住址", "家庭住址", "现居地址", "家庭地址", "居住地"],
    },
    {
        "code": "hukou_address",
        "name": "户籍地址",
        "synonyms": ["户籍所在地", "户口所在地", "户籍地", "户籍住址"],
    },
    {
        "code": "education",
        "name": "文化程度",
        "synonyms": ["学历"],
        "type": "choice",
        "choices": ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学", "文盲或半文盲"],
    },
    {
        "code": "political",
        "name": "政治面貌",
        "type": "choice",
        "choices": ["中共党员", "中共预备党员", "共青团员", "民主党派", "群众"],
    },
    {
        "code": "marital",
        "name": "婚姻状况",
        "synonyms": ["婚姻"],
        "type": "choice",
        "choices": ["未婚", "已婚", "离婚", "丧偶"],
    },
    {"code": "employer", "name": "工作单位", "synonyms": ["单位", "工作单位及职务", "就业单位", "所在单位"]},
    {"code": "grid", "name": "所属网格", "synonyms": ["网格", "网格名称", "网格号", "所在网格"]},
    {
        "code": "living",
        "name": "居住情况",
        "synonyms": ["居住状况", "居住方式"],
        "type": "choice",
        "choices": ["独居", "空巢", "与子女同住", "与配偶同住", "其他"],
    },
    {"code": "estate", "name": "小区", "synonyms": ["小区名称", "居住小区"]},
    {"code": "building", "name": "楼栋", "synonyms": ["楼栋号", "栋", "楼号"]},
    {"code": "unit", "name": "单元", "synonyms": ["单元号"]},
    {"code": "room", "name": "房号", "synonyms": ["门牌号", "房间号", "室"]},
    {
        "code": "dwelling",
        "name": "楼栋/单元/房号",
        "synonyms": ["楼栋单元房号", "门牌", "楼栋单元"],
        "derived": True,
    },
    {"code": "household_number", "name": "户号", "synonyms": ["户编号"]},
    {"code": "relation", "name": "与户主关系", "synonyms": ["户主关系", "与户主的关系", "关系"]},
    {
        "code": "guardian",
        "name": "紧急联系人",
        "synonyms": ["监护人", "监护人/紧急联系人", "联系人", "监护人姓名"],
    },
    {
        "code": "guardian_phone",
        "name": "紧急联系人电话",
        "synonyms": ["监护人电话", "监护人联系电话", "联系人电话", "紧急联系电话"],
        "sensitivity": "masked",
    },
]

# Special-population tags and the fields that belong to each.
TAGS: list[dict] = [
    {
        "code": "dibao",
        "name": "低保",
        "synonyms": ["低保户", "低保对象", "最低生活保障", "是否低保"],
        "fields": [
            {"code": "dibao_number", "name": "低保证号", "synonyms": ["低保证编号", "低保证件号"]},
            {
                "code": "dibao_people",
                "name": "保障人数",
                "synonyms": ["享受人数", "保障人口"],
                "type": "number",
            },
        ],
    },
    {"code": "tekun", "name": "特困", "synonyms": ["特困人员", "特困供养", "五保"]},
    {
        "code": "disabled",
        "name": "残疾",
        "synonyms": ["残疾人", "是否残疾"],
        # The tag is not a 综治 population: community staff serve disabled residents as a listed duty.
        # Its fields (card number, type, level) stay special and masked.
        "sensitivity": "masked",
        "fields": [
            {
                "code": "disability_number",
                "name": "残疾证号",
                "synonyms": ["残疾人证号", "残疾证编号"],
                "sensitivity": "special",
            },
            {
                "code": "disability_type",
                "name": "残疾类别",
                "synonyms": ["残疾类型"],
                "type": "choice",
                "choices": ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"],
                "sensitivity": "special",
            },
            {
                "code": "disability_level",
                "name": "残疾等级",
                "synonyms": ["残疾级别"],
                "type": "choice",
                "choices": ["一级", "二级", "三级", "四级"],
                "sensitivity": "special",
            },
        ],
    },
    {"code": "living_alone_elder", "name": "独居老人", "synonyms": ["独居"]},
    {"code": "empty_nest_elder", "name": "空巢老人", "synonyms": ["空巢"]},
    {"code": "advanced_age", "name": "高龄老人", "synonyms": ["高龄", "八十岁以上老人"]},
    {"code": "disabled_elder", "name": "失能老人", "synonyms": ["失能", "半失能"]},
    {
        "code": "veteran",
        "name": "退役军人",
        "synonyms": ["复员军人", "转业军人", "退伍军人"],
        "fields": [
            {"code": "enlist_date", "name": "入伍时间", "synonyms": ["入伍日期", "入伍年月"], "type": "date"},
            {
                "code": "discharge_date",
                "name": "退伍时间",
                "synonyms": ["退伍日期", "退役时间", "退役日期", "退伍年月"],
                "type": "date",
            },
        ],
    },
    {
        "code": "entitled",
        "name": "优抚对象",
        "synonyms": ["优抚"],
        "fields": [{"code": "entitled_category", "name": "优抚类别", "synonyms": ["优抚对象类别"]}],
    },
    {
        "code": "community_correction",
        "name": "社区矫正对象",
        "synonyms": ["社区矫正", "矫正对象"],
        "sensitivity": "special",
    },
    {
        "code": "released_prisoner",
        "name": "刑满释放人员",
        "synonyms": ["刑满释放", "安置帮教对象"],
        "sensitivity": "special",
    },
    {
        "code": "mental_disorder",
        "name": "严重精神障碍患者",
        "synonyms": ["严重精神障碍", "精神障碍患者"],
        "sensitivity": "special",
    },
    {
        "code": "drug_user",
        "name": "吸毒人员",
        "synonyms": ["社区戒毒", "社区康复人员"],
        "sensitivity": "special",
    },
    {"code": "key_youth", "name": "重点青少年", "synonyms": ["重点青少年群体"], "sensitivity": "special"},
    {"code": "left_behind_child", "name": "留守儿童", "synonyms": ["农村留守儿童"]},
    {"code": "distressed_child", "name": "困境儿童", "synonyms": []},
    {"code": "unemployed", "name": "就业困难人员", "synonyms": ["失业人员", "就业困难"]},
]

# Columns that describe the form rather than a resident: filled by jianfu, never mapped.
FORM_META_HEADERS = {
    "序号": "seq",
    "编号": "seq",
    "填表人": "filled_by",
    "填报人": "filled_by",
    "审核人": "reviewer",
    "填表日期": "fill_date",
    "填报日期": "fill_date",
    "备注": "remark",
}

_SPACES = re.compile(r"[\s\u3000]+")
_DECOR = re.compile(r"[（(][^）)]*[）)]|[*＊:：]")


def normalize_header(text: object) -> str:
    """Full-width to half-width, no spaces, no `(必填)`-style notes or asterisks."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = _SPACES.sub("", value)
    stripped = _DECOR.sub("", value)
    return stripped or value


# --- headers that name a role: 老人姓名 is the row's subject's name, 监护人电话 is someone else's phone ---

# The field a header ends with, after its role (longest first when matched).
ROLE_FIELDS: dict[str, str] = {
    "姓名": "name",
    "名字": "name",
    "公民身份号码": "id_number",
    "居民身份证号码": "id_number",
    "身份证件号码": "id_number",
    "身份证号码": "id_number",
    "公民身份证号": "id_number",
    "身份证号": "id_number",
    "身份号码": "id_number",
    "身份证": "id_number",
    "证件号码": "id_number",
    "证件号": "id_number",
    "联系电话": "phone",
    "联系方式": "phone",
    "手机号码": "phone",
    "电话号码": "phone",
    "移动电话": "phone",
    "手机号": "phone",
    "电话": "phone",
    "手机": "phone",
    "性别": "gender",
    "出生日期": "birth_date",
    "出生年月日": "birth_date",
    "出生年月": "birth_date",
    "年龄": "age",
    "民族": "ethnicity",
    "现住址": "address",
    "居住地址": "address",
    "家庭住址": "address",
    "住址": "address",
    "工作单位": "employer",
}
_ROLE_FIELD_SUFFIXES = sorted(ROLE_FIELDS, key=len, reverse=True)

# The row's subject, named by the role it has in this roster.
SUBJECT_ROLES: frozenset[str] = frozenset(
    {
        "本人",
        "居民",
        "人员",
        "个人",
        "成员",
        "家庭成员",
        "户籍人员",
        "户籍人口",
        "群众",
        "对象",
        "老人",
        "老年人",
        "残疾人",
        "优抚对象",
        "救助对象",
        "服务对象",
        "退役军人",
        "志愿者",
        "低保户",
        "低保对象",
        "保障对象",
        "特困人员",
        "供养对象",
        "救助人员",
        "受助人",
        "受助人员",
        "受助对象",
        "帮扶对象",
        "被帮扶人",
        "补贴对象",
        "享受对象",
        "享受人",
        "领取人",
        "持证人",
        "参保人",
        "参保人员",
        "申报人",
        "申请对象",
        "患者",
        "儿童",
        "学生",
        "妇女",
        "育龄妇女",
        "孕产妇",
        "军人",
        "党员",
        "矫正对象",
        "社区矫正对象",
        "安置帮教对象",
        "刑释人员",
        "被监护人",
        "被照料人",
        "被照护人",
        "受访人",
        "受访者",
        "走访对象",
        "困难群众",
        "就业困难人员",
        "失业人员",
        "青少年",
        "住宅",
        "家庭",
        "固定",
    }
    | {t["name"] for t in TAGS}
    | {s for t in TAGS for s in t.get("synonyms", []) if not s.startswith("是否")}
)
# A column headed only by one of these holds the subject's name (救助对象: 张三).
BARE_SUBJECT_ROLES: frozenset[str] = frozenset(
    {
        "救助对象",
        "服务对象",
        "受助人",
        "受助人员",
        "受助对象",
        "帮扶对象",
        "被帮扶人",
        "补贴对象",
        "享受人",
        "领取人",
        "持证人",
        "参保人",
        "申报人",
        "申请对象",
        "被监护人",
        "被照料人",
        "受访人",
        "走访对象",
        "保障对象",
        "供养对象",
    }
)
# The subject only when no other column names the subject (a household-member roster's 户主姓名 is the
# head's name; a 低保 roster's 户主姓名 is its subject's, who is then the head of the household).
CONDITIONAL_ROLES: frozenset[str] = frozenset({"户主", "申请人", "联系人"})
# Somebody else: never the subject's name, ID number or phone.
OTHER_ROLES: frozenset[str] = frozenset(
    {
        "监护人",
        "紧急联系人",
        "联络人",
        "配偶",
        "妻子",
        "丈夫",
        "子女",
        "儿子",
        "女儿",
        "父亲",
        "母亲",
        "父母",
        "亲属",
        "家属",
        "赡养人",
        "抚养人",
        "扶养人",
        "赡养义务人",
        "法定赡养人",
        "护理人",
        "护理人员",
        "照料人",
        "照护人",
        "陪护人",
        "代理人",
        "委托代理人",
        "受托人",
        "填表人",
        "填报人",
        "经办人",
        "审核人",
        "负责人",
        "责任人",
        "包保人",
        "包保责任人",
        "帮扶人",
        "帮扶责任人",
        "结对人",
        "网格员",
        "联系干部",
        "推荐人",
        "介绍人",
        "担保人",
        "见证人",
        "调查人",
        "走访人",
        "入户人员",
        "核查人",
        "工作人员",
        "签字人",
        "法定代表人",
        "户主配偶",
    }
)
# What a column about somebody else must never be mapped to.
PERSONAL_CODES: frozenset[str] = frozenset(
    {"name", "id_number", "phone", "gender", "birth_date", "age", "ethnicity", "address", "employer"}
)
# The role a column's subject has that is worth keeping as a fact.
ROLE_FACTS: dict[str, tuple[str, str]] = {"户主": ("relation", "户主")}

SUBJECT, CONDITIONAL, OTHER = "subject", "conditional", "other"
_NOTES = re.compile(r"[（(]([^）)]*)[）)]")


@dataclass(frozen=True)
class HeaderRole:
    role: str  # 老人, 监护人 …; "" for a plain header
    field: str  # the attribute code of what the header names about that person (name, phone …)
    kind: str  # subject | conditional | other


def _role_kind(role: str) -> str | None:
    """Classify a role by its longest known ending (被监护人 is a subject, 老人监护人 is not)."""
    best, best_len = None, 0
    for kind, roles in ((SUBJECT, SUBJECT_ROLES), (CONDITIONAL, CONDITIONAL_ROLES), (OTHER, OTHER_ROLES)):
        for term in roles:
            if role.endswith(term) and len(term) > best_len:
                best, best_len = kind, len(term)
    return best


def header_role(header: object) -> HeaderRole | None:
    """The person a header is about and the field it names: 残疾人姓名 → (残疾人, name, subject),
    监护人电话 → (监护人, phone, other), 姓名（户主） → (户主, name, conditional). None when the header
    names no role (姓名, 身份证号) or a role not known here."""
    raw = _SPACES.sub("", unicodedata.normalize("NFKC", str(header or "")))
    notes = [n for n in _NOTES.findall(raw) if n]
    base = _DECOR.sub("", raw)
    if base in ROLE_FIELDS:  # 姓名（监护人）: the role is in the note
        for note in notes:
            if kind := _role_kind(note):
                return HeaderRole(note, ROLE_FIELDS[base], kind)
        return None
    for suffix in _ROLE_FIELD_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            role = base[: -len(suffix)].removesuffix("的")
            kind = _role_kind(role)
            return HeaderRole(role, ROLE_FIELDS[suffix], kind) if kind else None
    if base in BARE_SUBJECT_ROLES:
        return HeaderRole(base, "name", SUBJECT)
    kind = _role_kind(base)
    if kind == OTHER or (kind == CONDITIONAL and base != "户主"):  # 监护人, 配偶, 联系人: that person's name
        return HeaderRole(base, "name", kind)
    return None


@dataclass(frozen=True)
class HeaderMatch:
    code: str | None
    score: float
    how: str  # exact | role | related | fuzzy | none
    role: str = ""  # the role the header names (老人, 监护人 …)
    kind: str = ""  # subject | conditional | other, when it names a role


def related_match(header: object, vocabulary: dict[str, str], role: HeaderRole) -> HeaderMatch:
    """A column about somebody else: a dictionary attribute that is not the subject's own (紧急联系人电话),
    or none (the column becomes its own attribute, e.g. 配偶身份证号)."""
    code = vocabulary.get(normalize_header(header))
    how = "exact"
    if code is None and role.field == "name":  # 紧急联系人姓名 → 紧急联系人
        code, how = vocabulary.get(normalize_header(role.role)), "related"
    if code is None or code in PERSONAL_CODES:
        return HeaderMatch(None, 0.0, "related", role.role, OTHER)
    return HeaderMatch(code, 100.0, how, role.role, OTHER)


def subject_demotions(columns: list[tuple[str | None, str, str]]) -> set[int]:
    """Which columns of one header describe somebody else after all, given (code, kind, role) per column.

    One column names the row's subject: a plain or subject-role name column (姓名, 老人姓名) wins over a
    conditional one (户主姓名, 申请人, 联系人), whose role's columns then describe somebody else (a
    household-member roster's 户主姓名 is the head's name). A second name column is never the subject's.
    Ledger mapping and template filling both settle their columns with this (demoted columns get
    their somebody-else meaning from `related_match`).
    """
    names = [i for i, (code, _kind, _role) in enumerate(columns) if code == "name"]
    firm = [i for i in names if columns[i][1] != CONDITIONAL]
    firm_roles = [
        i for i, (code, kind, _r) in enumerate(columns) if kind == SUBJECT and code in PERSONAL_CODES
    ]
    anchors = firm or firm_roles or names
    if not anchors:
        return set()
    subject = anchors[0]
    subject_role = columns[subject][2]
    demoted = set()
    for i, (code, kind, role) in enumerate(columns):
        if i == subject:
            continue
        if (kind == CONDITIONAL and role != subject_role) or code == "name":
            demoted.add(i)
    return demoted


def match_header(header: object, vocabulary: dict[str, str], threshold: float = 85.0) -> HeaderMatch:
    """Match a header to an attribute code.

    `vocabulary` maps each normalized name or synonym to its attribute code (see
    `jianfu.registry.selectors.header_vocabulary`). A header that names a role is about that person:
    the subject's (老人姓名 → name) or somebody else's (监护人电话: never the subject's phone).
    """
    key = normalize_header(header)
    if not key:
        return HeaderMatch(None, 0.0, "none")
    role = header_role(header)
    if role is not None and role.kind == OTHER:
        return related_match(header, vocabulary, role)
    if role is not None and (role.kind == CONDITIONAL or key not in vocabulary):
        # 联系人电话: the subject's phone unless another column names the subject (then the contact's:
        # ledgers.mapping.settle_subject falls back to `related_match`)
        return HeaderMatch(role.field, 100.0, "role", role.role, role.kind)
    if key in vocabulary:
        return HeaderMatch(
            vocabulary[key], 100.0, "exact", role.role if role else "", role.kind if role else ""
        )
    best_code, best_score = None, 0.0
    for term, code in vocabulary.items():
        score = fuzz.ratio(key, term)
        if len(term) >= 2 and (term in key or key in term):
            score = max(score, 90.0 * min(len(term), len(key)) / max(len(term), len(key)) + 10)
        if score > best_score:
            best_code, best_score = code, score
    if best_score >= threshold:
        return HeaderMatch(best_code, round(best_score, 1), "fuzzy")
    return HeaderMatch(None, round(best_score, 1), "none")
