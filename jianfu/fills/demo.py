"""Demo data for one-form filling: the 高龄津贴 roster of 民意社区 filled once (idempotent)."""

from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "templates"
DEMO_TEMPLATE = "区民政局_高龄津贴发放名册.xlsx"
DEMO_COMMUNITY = "420102001001"
DEMO_WHERE = "age>=80"
DEMO_DEPARTMENT = "区民政局"  # the form's owner: it alone, besides the community, sees the filled form


def seed(stdout: Any = None) -> int:
    """Fill the example template for the demo community once; returns the rows written (0 if already done)."""
    from jianfu.accounts.choices import Role
    from jianfu.accounts.models import User
    from jianfu.fills.models import FillRecord
    from jianfu.fills.services import fill_configure, fill_prepare, fill_start
    from jianfu.orgs.models import Community, Department

    path = EXAMPLES / DEMO_TEMPLATE
    community = Community.objects.filter(code=DEMO_COMMUNITY).first()
    if community is None or not path.is_file():
        return 0
    if FillRecord.objects.filter(community=community, template_name=path.stem).exists():
        return 0
    worker = (
        User.objects.filter(community=community, role=Role.COMMUNITY_WORKER, is_active=True)
        .order_by("pk")
        .first()
    )
    if worker is None:
        return 0
    recipient = Department.objects.filter(
        district_id=community.street.district_id, street__isnull=True, name=DEMO_DEPARTMENT
    ).first()
    record = fill_prepare(
        actor=worker, community=community, data=path.read_bytes(), filename=path.name, department=recipient
    )
    fill_configure(actor=worker, record=record, mapping={}, where=DEMO_WHERE)
    record = fill_start(actor=worker, record=record, background=False)
    if stdout is not None:
        stdout.write(
            f"fills: {path.stem} filled for {community.name}: {record.rows_written} rows ({DEMO_WHERE})\n"
        )
    return record.rows_written
