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
        "sensitivity": "special",
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


@dataclass(frozen=True)
class HeaderMatch:
    code: str | None
    score: float
    how: str  # exact | synonym | fuzzy | none


def match_header(header: object, vocabulary: dict[str, str], threshold: float = 85.0) -> HeaderMatch:
    """Match a header to an attribute code.

    `vocabulary` maps each normalized name or synonym to its attribute code (see
    `jianfu.registry.selectors.header_vocabulary`).
    """
    key = normalize_header(header)
    if not key:
        return HeaderMatch(None, 0.0, "none")
    if key in vocabulary:
        return HeaderMatch(vocabulary[key], 100.0, "exact")
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
