"""What every step of a ledger import shares: its error type, the acting user, status changes."""

from __future__ import annotations

from typing import Any

from jianfu.core.permissions import signed_in_user, system_actor
from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.models import LedgerImport


class LedgerError(ValueError):
    """Bad input to an import; the message says what is wrong and how to fix it. Nothing was written."""


def actor_user(actor: Any) -> Any:
    return signed_in_user(actor)


def import_actor(imp: LedgerImport) -> Any:
    """Who a queued import acts for when the worker runs it: its uploader, or the named system actor."""
    return imp.created_by or system_actor(imp.actor_label or f"ledger import #{imp.pk}")


def transition(ledger_import: LedgerImport, status: ImportStatus, **fields: Any) -> None:
    ledger_import.status = status
    for name, value in fields.items():
        setattr(ledger_import, name, value)
    LedgerImport.objects.filter(pk=ledger_import.pk).update(status=status, **fields)
