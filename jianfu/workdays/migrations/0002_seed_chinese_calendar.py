"""Seed the calendar with every year the chinese-calendar package knows (2004–2026 in 1.11)."""

from django.db import migrations


def seed(apps, schema_editor):
    from jianfu.workdays.seed import seed_from_chinese_calendar

    seed_from_chinese_calendar(apps.get_model("workdays", "CalendarYear"), apps.get_model("workdays", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
