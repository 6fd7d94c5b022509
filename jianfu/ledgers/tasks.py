"""Background ledger imports (django.tasks; `jianfu worker` runs them)."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task
def run_ledger_import(import_id: int) -> str:
    from jianfu.ledgers.base import import_actor
    from jianfu.ledgers.models import LedgerImport
    from jianfu.ledgers.services import ledger_import_run

    imp = LedgerImport.objects.get(pk=import_id)
    try:
        ledger_import_run(ledger_import=imp, actor=import_actor(imp))
    except Exception:  # recorded on the import (FAILED + message); the registry was left as it was
        logger.exception("ledger import %s failed", import_id)
        return "failed"
    return "done"
