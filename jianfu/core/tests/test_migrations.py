"""Every model change has its migration: a label or choice changed without one leaves
`makemigrations --check` failing on a deployment and the next migration carrying someone else's change."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits 1 when a migration is missing
        raise AssertionError(f"models changed without a migration:\n{out.getvalue()}") from exit_
