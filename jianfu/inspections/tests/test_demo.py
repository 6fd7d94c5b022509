from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jianfu.activities import demo as activities_demo
from jianfu.activities.models import Activity
from jianfu.burden.models import BurdenEntry
from jianfu.inspections import demo
from jianfu.inspections.choices import InspectionStatus
from jianfu.inspections.models import Finding, Inspection, InspectorGrant


@pytest.mark.django_db
def test_demo_year_has_joint_visit_refusal_activity_and_finding():
    call_command("seed-demo", "--people", "200", "--skip-hooks", stdout=StringIO())
    out = StringIO()
    activities_demo.seed(out)
    demo.seed(out)
    year = timezone.localdate().year
    visits = Inspection.objects.filter(year=year)
    assert visits.filter(joint=True, status=InspectionStatus.ADMITTED).count() == 1
    assert visits.filter(status=InspectionStatus.MERGED).count() == 2
    assert visits.filter(status=InspectionStatus.REFUSED, plan__isnull=True).count() == 1
    assert visits.filter(emergency=True, status=InspectionStatus.ADMITTED).count() == 1
    assert Finding.objects.filter(task__isnull=False).count() == 1
    assert InspectorGrant.active().count() == 1
    assert Activity.objects.count() == 2
    assert not BurdenEntry.objects.filter(
        source_ref__startswith="inspections.", occurred_on__gt=timezone.localdate()
    ).exists()
    demo.seed(out)  # idempotent
    activities_demo.seed(out)
    assert Inspection.objects.filter(year=year).count() == visits.count()
    assert Activity.objects.count() == 2
