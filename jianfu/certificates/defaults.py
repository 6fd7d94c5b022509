"""Default wording of each certificate the community may issue (the head may override it).

Placeholders: see `PLACEHOLDERS`. Anything else in braces is refused when a template is saved.
"""

from django.utils.translation import gettext_lazy as _

PLACEHOLDERS: dict[str, object] = {
    "name": _("姓名"),
    "gender": _("性别"),
    "id_number_masked": _("身份证号（遮蔽）"),
    "birth_date": _("出生日期"),
    "address": _("现住址"),
    "since": _("居住起始时间"),
    "purpose": _("用途"),
    "community": _("社区名称"),
    "date": _("出具日期"),
}

_CLOSING = "\n\n特此证明。"

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "CM01": (
        "居住证明",
        "兹证明{name}（{gender}，公民身份号码：{id_number_masked}）自{since}起在本社区{address}居住至今。"
        "\n\n此证明仅用于{purpose}。" + _CLOSING,
    ),
    "CM02": (
        "社区活动情况证明",
        "兹证明{name}（公民身份号码：{id_number_masked}）自{since}起参与{community}社区治理及社区活动。"
        "\n\n此证明仅用于{purpose}。" + _CLOSING,
    ),
    "CM03": (
        "社区实践活动证明",
        "兹证明{name}同学自{since}起在{community}参加社区实践活动，表现良好。\n\n此证明仅用于{purpose}。"
        + _CLOSING,
    ),
    "CM04": (
        "生活困难证明",
        "兹证明{name}（公民身份号码：{id_number_masked}）现住本社区{address}。据其本人书面说明及社区了解，"
        "其家庭生活困难。\n\n此证明仅用于{purpose}（申请缓交、减交、免交诉讼费或司法救助）。" + _CLOSING,
    ),
    "CM05": (
        "生活困难证明",
        "兹证明{name}（公民身份号码：{id_number_masked}）现住本社区{address}。据其本人书面说明及社区了解，"
        "其家庭生活困难。\n\n此证明仅用于{purpose}。" + _CLOSING,
    ),
    "CM06": (
        "住宅专项维修资金使用证明",
        "兹证明{address}住宅专项维修资金的使用事项已按规定征询业主意见。\n\n此证明仅用于{purpose}。"
        + _CLOSING,
    ),
    "CM07": (
        "在职党员到社区报到情况反馈",
        "{name}同志自{since}起到{community}报到，参加社区组织的活动。\n\n此反馈仅用于{purpose}。" + _CLOSING,
    ),
    "CM08": (
        "发展党员外调证明",
        "经了解，{name}（公民身份号码：{id_number_masked}）现住本社区{address}，"
        "在社区居住期间未发现有违反社区公约的情况。\n\n此证明仅用于{purpose}。" + _CLOSING,
    ),
    "CM09": (
        "收养人情况证明",
        "兹证明{name}（公民身份号码：{id_number_masked}）现住本社区{address}。\n\n此证明仅用于{purpose}。"
        + _CLOSING,
    ),
}
GENERIC_TEMPLATE = (
    "证明",
    "兹证明{name}（公民身份号码：{id_number_masked}）现住本社区{address}。"
    "\n\n此证明仅用于{purpose}。" + _CLOSING,
)


def default_template(code: str, item_name: str = "") -> tuple[str, str]:
    if code in DEFAULT_TEMPLATES:
        return DEFAULT_TEMPLATES[code]
    return (item_name[:100] or GENERIC_TEMPLATE[0], GENERIC_TEMPLATE[1])
