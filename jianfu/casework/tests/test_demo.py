from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from jianfu.casework import demo
from jianfu.casework.models import ServiceRequest, Transition


def test_demo_requests_are_realistic_and_idempotent(db, monkeypatch):
    call_command("seed-demo", "--people", "300", "--skip-hooks", stdout=StringIO())
    monkeypatch.setattr(demo, "N_REQUESTS", 80)
    out = StringIO()
    demo.seed(out)
    qs = ServiceRequest.objects.all()
    assert qs.count() >= 75
    now = timezone.now()
    assert not qs.filter(created_at__gt=now).exists() and not Transition.objects.filter(at__gt=now).exists()
    assert qs.filter(whistles__isnull=False).exists()
    assert qs.filter(status="rated").exists() and qs.filter(channel="hotline").exists()
    assert qs.values("category").annotate(n=Count("pk")).count() >= 8
    demo.seed(out)
    assert "already there" in out.getvalue() and ServiceRequest.objects.count() == qs.count()
