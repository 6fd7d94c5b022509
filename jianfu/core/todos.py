"""What waits for the signed-in user: the home page's to-do list.

Each app that can leave work for someone has a `todos.py` with `todos(actor) -> list[Todo]`,
counting only what `restrict()` lets that actor see. The home page shows the non-empty ones, most
urgent first, each with its count, the part that is overdue or due soon, and a link to the page
where the work is done. Providers are listed here rather than discovered, so the order of the list
is one decision in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

PROVIDERS = (
    "jianfu.gate.todos",
    "jianfu.sharing.todos",
    "jianfu.inspections.todos",
    "jianfu.casework.todos",
    "jianfu.ledgers.todos",
    "jianfu.burden.todos",
    "jianfu.campaigns.todos",
    "jianfu.digital.todos",
    "jianfu.meetings.todos",
)


@dataclass(frozen=True)
class Todo:
    """One kind of waiting work: "3 tasks await your approval, 1 overdue, the next due 5 Dec"."""

    label: str
    count: int
    url: str
    overdue: int = 0
    next_due: dt.date | None = None
    note: str = ""


def _providers() -> list[Callable[[Any], list[Todo]]]:
    return [import_module(path).todos for path in PROVIDERS]


def todos_for(actor: Any) -> list[Todo]:
    """The actor's non-empty to-dos: overdue ones first, then by the nearest due date."""
    if not getattr(actor, "is_authenticated", False):
        return []
    found = [todo for provider in _providers() for todo in provider(actor) if todo.count > 0]
    far = dt.date.max
    return sorted(found, key=lambda t: (t.overdue == 0, t.next_due or far))
