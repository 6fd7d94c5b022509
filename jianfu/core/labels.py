"""Form labels without a trailing colon (docs/style-zh.md: 表单字段标签不加冒号).

Django appends `_(":")` to every `label_tag`; Django's Simplified Chinese catalogue leaves it an ASCII
colon, so Chinese pages read "类型:". The project's forms get an empty suffix by default; a form or a
call that passes `label_suffix` explicitly keeps its own.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.forms.forms import BaseForm

DJANGO_INIT = BaseForm.__init__


def install() -> None:
    if getattr(BaseForm.__init__, "_jianfu_no_colon", False):
        return

    @wraps(DJANGO_INIT)
    def init(self: BaseForm, *args: Any, label_suffix: str | None = None, **kwargs: Any) -> None:
        DJANGO_INIT(self, *args, label_suffix="" if label_suffix is None else label_suffix, **kwargs)  # type: ignore[misc]

    init._jianfu_no_colon = True  # type: ignore[attr-defined]
    BaseForm.__init__ = init  # type: ignore[method-assign]
