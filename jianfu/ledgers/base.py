"""What every step of a ledger import shares: its error type, the acting user, status changes."""

from __future__ import annotations

from typing import Any

from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.models import LedgerImport


class LedgerError(ValueError):
    """Bad input to an import; the message says what is wrong and how to fix it. Nothing was written."""


def actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def transition(ledger_import: LedgerImport, status: ImportStatus, **fields: Any) -> None:
    ledger_import.status = status
    for name, value in fields.items():
        setattr(ledger_import, name, value)
    LedgerImport.objects.filter(pk=ledger_import.pk).update(status=status, **fields)
