"""The navigation a user sees: only the places their role may go."""

from typing import Literal

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action, may
from jianfu.inspections import labels as inspection_labels
from jianfu.workdays.views import may_edit_calendar

# (url name, label, who may see it: a scope action, "public", or "calendar" (district administrators))
NAV_ITEMS: list[
    tuple[str, Promise, Action | Literal["public", "calendar", "sharing", "tokens", "unlock"]]
] = [
    ("registry:person_list", _("居民库"), "view"),
    ("ledgers:import_list", _("台账导入"), "change"),
    ("ledgers:review_queue", _("待核对"), "review"),
    ("fills:fill_list", _("一表通填表"), "export"),
    ("gate:task_list", _("任务准入"), "view"),
    ("burden:dashboard", _("负担台账"), "view"),
    ("certificates:desk", _("证明窗口"), "change"),
    ("casework:board", _("接诉即办"), "view"),
    ("casework:report", _("我要反映"), "public"),
    ("catalog:public_lists", _("工作清单"), "public"),
    ("core:audit_list", _("审计日志"), "audit"),
    ("workdays:calendar", _("工作日历"), "calendar"),
    ("sharing:home", _("数据共享"), "sharing"),
    ("inspections:list", inspection_labels.INSPECTIONS, "view"),
    ("activities:list", inspection_labels.ACTIVITIES, "view"),
    ("feedback:index", _("数据质量"), "view"),
    ("meetings:notice_list", _("会议文件"), "view"),
    ("campaigns:index", _("创建挂牌与借调"), "view"),
    ("digital:register", _("指尖减负"), "view"),
    ("accounts:tokens", _("API 令牌"), "tokens"),
    ("accounts:lockouts", _("登录锁定"), "unlock"),
    ("scorecard:page", _("减负评分表"), "view"),
]


# The navigation is grouped by what people do, so it fits one line at 1366 px and reads as a short
# menu on a phone. A group is chosen by the URL namespace; a page named here goes elsewhere.
NAV_GROUPS: list[tuple[str, Promise]] = [
    ("people", _("居民与数据")),
    ("duties", _("准入与减负")),
    ("service", _("为民服务")),
    ("public", _("公开")),
    ("admin", _("管理")),
]
NAV_GROUP_OF_NAMESPACE = {
    "registry": "people",
    "ledgers": "people",
    "fills": "people",
    "feedback": "people",
    "sharing": "people",
    "gate": "duties",
    "burden": "duties",
    "meetings": "duties",
    "campaigns": "duties",
    "digital": "duties",
    "scorecard": "duties",
    "inspections": "duties",
    "certificates": "service",
    "casework": "service",
    "activities": "service",
    "catalog": "public",
    "core": "admin",
    "workdays": "admin",
    "accounts": "admin",
}
NAV_GROUP_OF_PAGE = {"casework:report": "public"}


def grouped(items: list[dict]) -> list[dict]:
    """The visible items in their groups, in NAV_GROUPS order; an unknown namespace goes to 管理."""
    groups: dict[str, dict] = {key: {"key": key, "label": label, "items": []} for key, label in NAV_GROUPS}
    for item in items:
        name = item["name"]
        key = NAV_GROUP_OF_PAGE.get(name) or NAV_GROUP_OF_NAMESPACE.get(name.split(":", 1)[0], "admin")
        groups[key]["items"].append(item)
    return [group for group in groups.values() if group["items"]]


# reverse() of the same names on every page cost about 0.5 ms a request; the answers depend only on the
# URLconf (a test may override it) and the script prefix. None marks a page whose module is not installed.
_URLS: dict[tuple[str, str, str | None], str | None] = {}


def _url(name: str) -> str | None:
    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name)
        except NoReverseMatch:
            _URLS[key] = None  # that module's pages are not installed yet
    return _URLS[key]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    for name, label, needs in NAV_ITEMS:
        if needs == "calendar":
            if not may_edit_calendar(user):
                continue
        elif needs == "sharing":
            from jianfu.sharing.permissions import may_use_sharing

            if not may_use_sharing(user):
                continue
        elif needs == "tokens":
            from jianfu.accounts.permissions import may_use_tokens

            if user is None or not may_use_tokens(user):
                continue
        elif needs == "unlock":
            from jianfu.accounts.permissions import may_unlock

            if user is None or not may_unlock(user):
                continue
        elif needs != "public" and not may(user, needs):
            continue
        if (url := _url(name)) is not None:
            items.append({"url": url, "label": label, "name": name})
    return {"nav_items": items, "nav_groups": grouped(items)}
