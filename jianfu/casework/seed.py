"""The categories jianfu ships (a district edits them in the admin): whose duty, which catalog
items, how urgent, and each category's own fields (Open311 attributes)."""

from typing import Any


def _list(code: str, label: str, values: list[str], *, required: bool = False, order: int = 1) -> dict:
    return {
        "code": code,
        "label": label,
        "datatype": "singlevaluelist",
        "required": required,
        "order": order,
        "values": [{"key": f"{code}_{i}", "name": v} for i, v in enumerate(values, 1)],
    }


def _field(
    code: str, label: str, datatype: str = "string", *, required: bool = False, order: int = 2
) -> dict:
    return {"code": code, "label": label, "datatype": datatype, "required": required, "order": order}


# code, name, group, kind, urgency, duty, department, co-departments, catalog codes, hard, fields, keywords
CATEGORIES: list[dict[str, Any]] = [
    dict(
        code="street-lamp",
        name="路灯损坏",
        group="市政设施",
        kind="help",
        urgency="general",
        duty="department",
        dept="CGJ",
        catalog=["N04"],
        keywords="路灯,不亮,灯杆",
        fields=[
            _list("fault", "故障情况", ["不亮", "闪烁", "白天亮灯", "灯杆倾斜或破损"], required=True),
            _field("lamp_no", "灯杆编号"),
        ],
    ),
    dict(
        code="illegal-building",
        name="违章搭建",
        group="城市管理",
        kind="report",
        urgency="complex",
        duty="department",
        dept="CGJ",
        co=["ZJJ"],
        catalog=["N01", "N02"],
        hard=True,
        keywords="违建,搭建,加建,封阳台",
        fields=[
            _list(
                "structure", "搭建类型", ["屋顶加建", "阳台外扩", "院落搭建", "占用公共空间"], required=True
            ),
            _field("area", "估计面积（平方米）", "number"),
        ],
    ),
    dict(
        code="fire-lane",
        name="消防通道堵塞",
        group="公共安全",
        kind="report",
        urgency="emergency",
        duty="department",
        dept="YJJ",
        co=["CGJ"],
        catalog=["A19"],
        keywords="消防通道,堵塞,占用",
        fields=[
            _list("blocker", "堵塞物", ["机动车", "非机动车", "杂物", "摊位"], required=True),
            _field("plate", "车牌号（如有）"),
        ],
    ),
    dict(
        code="garbage",
        name="垃圾清运",
        group="环境卫生",
        kind="complaint",
        urgency="general",
        duty="department",
        dept="CGJ",
        catalog=["A28"],
        keywords="垃圾,清运,满溢,异味",
        fields=[_list("where", "位置", ["小区垃圾站", "道路两侧", "绿化带", "楼道"], required=True)],
    ),
    dict(
        code="corridor-clutter",
        name="楼道杂物堆放",
        group="环境卫生",
        kind="complaint",
        urgency="general",
        duty="community",
        catalog=["D15"],
        keywords="楼道,杂物,堆放",
    ),
    dict(
        code="noise",
        name="噪音扰民",
        group="环境卫生",
        kind="complaint",
        urgency="general",
        duty="department",
        dept="CGJ",
        keywords="噪音,扰民,施工,广场舞",
        fields=[
            _list("source", "噪音来源", ["夜间施工", "商铺经营", "娱乐活动", "邻里生活"], required=True),
            _field("time", "发生时段"),
        ],
    ),
    dict(
        code="water",
        name="供水故障",
        group="水电气热",
        kind="help",
        urgency="utility",
        duty="department",
        dept="ZJJ",
        catalog=["D09"],
        keywords="停水,水压,漏水,水管",
        fields=[_list("issue", "问题", ["停水", "水压低", "水质浑浊", "管道漏水"], required=True)],
    ),
    dict(
        code="power",
        name="供电故障",
        group="水电气热",
        kind="help",
        urgency="utility",
        duty="unclear",
        catalog=["D09"],
        keywords="停电,断电,跳闸",
        fields=[_list("issue", "问题", ["整栋停电", "单户停电", "电压不稳"], required=True)],
    ),
    dict(
        code="gas",
        name="燃气问题",
        group="水电气热",
        kind="help",
        urgency="emergency",
        duty="department",
        dept="ZJJ",
        co=["YJJ"],
        catalog=["D09"],
        keywords="燃气,煤气,漏气,异味",
        fields=[_list("issue", "问题", ["闻到燃气味", "停气", "燃气表故障"], required=True)],
    ),
    dict(
        code="heating",
        name="供暖问题",
        group="水电气热",
        kind="complaint",
        urgency="utility",
        duty="department",
        dept="ZJJ",
        catalog=["D09"],
        keywords="暖气,不热,供暖",
        fields=[_field("temperature", "室内温度（℃）", "number", order=1)],
    ),
    dict(
        code="dibao-consult",
        name="低保咨询",
        group="社会救助",
        kind="consult",
        urgency="general",
        duty="community",
        catalog=["A01"],
        keywords="低保,救助,特困,申请",
    ),
    dict(
        code="neighbour-dispute",
        name="邻里纠纷",
        group="矛盾调解",
        kind="help",
        urgency="general",
        duty="community",
        catalog=["D04"],
        keywords="纠纷,邻居,漏水,吵架",
    ),
    dict(
        code="property-service",
        name="物业服务",
        group="物业管理",
        kind="complaint",
        urgency="general",
        duty="community",
        catalog=["D10"],
        keywords="物业,电梯,门禁,保洁",
    ),
    dict(
        code="street-vending",
        name="占道经营",
        group="城市管理",
        kind="report",
        urgency="general",
        duty="department",
        dept="CGJ",
        catalog=["N04"],
        keywords="占道,摆摊,流动摊贩",
    ),
    dict(
        code="food-safety",
        name="食品安全",
        group="市场监管",
        kind="report",
        urgency="utility",
        duty="department",
        dept="SJJ",
        catalog=["A20"],
        keywords="食品,过期,餐馆,卫生",
    ),
    dict(
        code="elderly-care",
        name="养老服务",
        group="社会服务",
        kind="help",
        urgency="general",
        duty="community",
        catalog=["A22"],
        keywords="老人,养老,助餐,独居",
    ),
    dict(
        code="praise",
        name="表扬",
        group="其他",
        kind="praise",
        urgency="general",
        duty="community",
        keywords="表扬,感谢",
    ),
    dict(
        code="other",
        name="其他事项",
        group="其他",
        kind="consult",
        urgency="general",
        duty="unclear",
        keywords="",
    ),
]


def category_rows() -> list[dict[str, Any]]:
    rows = []
    for order, c in enumerate(CATEGORIES, 1):
        rows.append(
            {
                "code": c["code"],
                "name": c["name"],
                "group": c["group"],
                "default_kind": c["kind"],
                "urgency": c["urgency"],
                "duty": c["duty"],
                "department_code": c.get("dept", ""),
                "co_department_codes": c.get("co", []),
                "catalog_codes": c.get("catalog", []),
                "hard": c.get("hard", False),
                "fields": c.get("fields", []),
                "keywords": c.get("keywords", ""),
                "order": order * 10,
            }
        )
    return rows


def load_categories(Category: Any) -> int:
    created = 0
    for row in category_rows():
        code = row.pop("code")
        _obj, made = Category.objects.update_or_create(code=code, defaults=row)
        created += made
    return created
