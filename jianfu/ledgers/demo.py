"""Demo data for ledger import: the example 低保 ledger imported into 民意社区 (idempotent).

Its traditional-character and homophone variants of demo residents fill the review queue.
"""

from pathlib import Path
from typing import Any

from django.db import transaction

from jianfu.core.permissions import system_actor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ledgers"
DEMO_LEDGER = "民意社区2026年低保对象花名册.xlsx"
DEMO_COMMUNITY = "420102001001"
DEMO_SOURCE = "区民政局低保名册"
DEMO_ACTOR = system_actor("jianfu seed-demo")


def seed(stdout: Any = None) -> int:
    """Import the example ledger once; returns the number of review items it left (0 when already done)."""
    from jianfu.ledgers.choices import ImportStatus
    from jianfu.ledgers.models import LedgerImport
    from jianfu.ledgers.services import (
        ledger_import_confirm,
        ledger_import_run,
        ledger_import_upload,
        sha256_file,
    )
    from jianfu.orgs.models import Community
    from jianfu.registry.choices import SourceKind
    from jianfu.registry.models import Attribute, Source

    path = EXAMPLES / DEMO_LEDGER
    community = Community.objects.filter(code=DEMO_COMMUNITY).first()
    if community is None or not path.is_file():
        return 0
    if LedgerImport.objects.filter(
        community=community, file_sha256=sha256_file(path), status=ImportStatus.DONE
    ).exists():
        return 0
    with transaction.atomic():
        source, _created = Source.objects.get_or_create(
            name=DEMO_SOURCE, defaults={"kind": SourceKind.DEPARTMENT, "priority": 80}
        )
        imp = ledger_import_upload(
            actor=DEMO_ACTOR,
            community=community,
            source=source,
            path=path,
            file_name=DEMO_LEDGER,
            actor_label="demo",
        )
        imp = ledger_import_confirm(
            actor=DEMO_ACTOR,
            ledger_import=imp,
            tag=Attribute.objects.filter(code="dibao").first(),
            enqueue=False,
        )
        summary = ledger_import_run(ledger_import=imp, actor=DEMO_ACTOR, path=path)
    if stdout is not None:
        stdout.write(
            f"ledgers: imported {DEMO_LEDGER} into {community.name}: {summary['created']} created, "
            f"{summary['linked']} linked, {summary['review']} to review, {summary['rejected']} rejected"
        )
    return summary["review"]
