import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.burden.selectors import parse_month
from jianfu.burden.services import month_start, rebound_evaluate_month
from jianfu.orgs.models import District


class Command(BaseCommand):
    help = (
        "Evaluate the rebound rule (monthly imposed hours above the moving-average baseline) for every "
        "community and department with entries in a month; opens, updates or clears alerts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the current month)")
        parser.add_argument("--district", help="district code (default: all districts)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if opts["month"]:
            month = parse_month(opts["month"])
            if month is None or len(opts["month"].strip()) != 7:
                raise CommandError(f"--month {opts['month']!r}: expected YYYY-MM, e.g. 2026-05")
        else:
            month = month_start(timezone.localdate())
        district = None
        if opts["district"]:
            district = District.objects.filter(code=opts["district"]).first()
            if district is None:
                raise CommandError(f"--district {opts['district']!r}: no such district code")
        alerts = rebound_evaluate_month(month=month, district=district)
        rows = [
            {
                "id": a.pk,
                "subject": a.subject,
                "name": a.subject_name,
                "hours": str(a.hours),
                "baseline": str(a.baseline),
                "threshold": str(a.threshold),
                "status": a.status,
            }
            for a in alerts
        ]
        if opts["json"]:
            self.stdout.write(
                json.dumps({"month": month.strftime("%Y-%m"), "alerts": rows}, ensure_ascii=False)
            )
            return
        self.stdout.write(f"{month:%Y-%m}: {sum(r['status'] == 'open' for r in rows)} open alert(s)")
        for r in rows:
            self.stdout.write(
                f"  [{r['status']}] {r['subject']} {r['name']}: {r['hours']} h "
                f"(baseline {r['baseline']}, threshold {r['threshold']})"
            )
