"""Default wording of every notification, with its placeholders; a Template row overrides it."""

import string
from typing import Any

from django.utils.translation import gettext_lazy as _

# code → (subject, body). Placeholders: {number} {category} {status} {due} {department} {link}
# {reply} {original} {level} {reason}
DEFAULTS: dict[str, tuple[Any, Any]] = {
    "request.accepted": (
        _("诉求已受理"),
        _("您的诉求{number}（{category}）已受理，将于{due}前办结。查看进展：{link}"),
    ),
    "request.replied": (
        _("诉求已办理，请确认"),
        _("您的诉求{number}办理结果：{reply}。请确认是否解决并评价：{link}"),
    ),
    "request.closed": (_("诉求已办结"), _("您的诉求{number}已办结，感谢您的反馈。评价：{link}")),
    "request.merged": (
        _("诉求已合并"),
        _("您的诉求{number}与{original}为同一问题，已合并办理，进展会继续告知您：{link}"),
    ),
    "request.dispatched": (_("新派单"), _("诉求{number}（{category}）派至本社区，{due}前办结：{link}")),
    "request.whistled": (
        _("吹哨报到"),
        _("{department}：社区就诉求{number}（{category}）吹哨，请{due}前签收并按时到场报到：{link}"),
    ),
    "request.returned": (_("部门退回"), _("{department}退回诉求{number}：{reason}。请重新派单：{link}")),
    "request.rework": (_("诉求未解决，需重办"), _("诉求{number}经核实未解决，请继续办理：{link}")),
    "request.reopened": (_("诉求重办"), _("诉求{number}已重办：{link}")),
    "request.escalated": (_("督办提醒"), _("诉求{number}（{category}）已转{level}：{reason}。{link}")),
    "request.status": (_("诉求进展"), _("诉求{number}状态：{status}。{link}")),
}


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, context: dict[str, Any]) -> tuple[str, str]:
    from jianfu.notify.models import Template

    row = Template.objects.filter(code=code).first()
    subject, body = (row.subject, row.body) if row else (str(DEFAULTS[code][0]), str(DEFAULTS[code][1]))
    values = _Missing({k: "" if v is None else str(v) for k, v in context.items()})
    return subject.format_map(values)[:200], body.format_map(values)
