"""Our lifecycle in Open311 terms: the standard open/closed, and mySociety's extended statuses."""

from jianfu.casework.choices import OPEN_STATUSES, Status

EXTENDED: dict[str, str] = {
    Status.ACCEPTED: "open",
    Status.DISPATCHED: "investigating",
    Status.HANDLING: "in_progress",
    Status.REPLIED: "in_progress",
    Status.SUPERVISED: "in_progress",
    Status.CLOSED: "fixed",
    Status.VISITED: "fixed",
    Status.RATED: "fixed",
    Status.MERGED: "duplicate",
}


def standard(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def extended(status: str, solved: bool | None = True) -> str:
    value = EXTENDED[status]
    if value == "fixed" and solved is False:
        return "closed"
    return value


def statuses_for(value: str) -> list[str]:
    """Our statuses behind a standard or extended status filter value."""
    value = value.strip().lower()
    if value == "open":
        return list(OPEN_STATUSES)
    if value == "closed":
        return [s for s in Status.values if s not in OPEN_STATUSES]
    return [s for s, v in EXTENDED.items() if v == value]
