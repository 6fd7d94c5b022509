import datetime as dt
import io
import json

from django.core.management import CommandError, call_command

from jianfu.burden.models import BurdenEntry, MonthlyBurden, ReboundAlert
from jianfu.burden.services import month_start, rollup_rebuild
from jianfu.burden.tests.helpers import record
from jianfu.core.testing import PersonaTestCase


class CommandTests(PersonaTestCase):
    def test_burden_alerts_month(self):
        for month in (2, 3, 4):
            record(self.community, department=self.department, on=dt.date(2026, month, 3))
        entry = record(self.community, department=self.department, on=dt.date(2026, 5, 3))
        # a bulk load bypasses the services: the command catches it up
        BurdenEntry.objects.bulk_create(
            [
                BurdenEntry(
                    community=self.community,
                    department=self.department,
                    kind="inspection",
                    title="批量",
                    month=entry.month,
                    occurred_on=entry.occurred_on,
                    minutes_per_unit=480,
                    hours=16,
                )
            ]
        )
        rollup_rebuild()
        self.assertFalse(ReboundAlert.objects.exists())
        out = io.StringIO()
        call_command("burden-alerts", "--month", "2026-05", "--json", stdout=out)
        data = json.loads(out.getvalue())
        self.assertEqual(data["month"], "2026-05")
        self.assertEqual({a["subject"] for a in data["alerts"]}, {"community", "department"})
        self.assertEqual(ReboundAlert.objects.filter(status="open").count(), 2)

    def test_bad_month(self):
        for bad in ("2026-13", "May", "2026-5-1"):
            with self.subTest(bad=bad), self.assertRaises(CommandError):
                call_command("burden-alerts", "--month", bad, stdout=io.StringIO())
        with self.assertRaises(CommandError):
            call_command("burden-alerts", "--district", "999999", stdout=io.StringIO())

    def test_rollup_command(self):
        record(self.community, on=month_start(dt.date(2026, 5, 9)))
        MonthlyBurden.objects.all().delete()
        out = io.StringIO()
        call_command("burden-rollup", "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue()), {"buckets": 1})
