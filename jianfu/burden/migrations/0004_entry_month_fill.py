from django.db import migrations, models


def fill_month(apps, schema_editor):
    BurdenEntry = apps.get_model("burden", "BurdenEntry")
    for entry in BurdenEntry.objects.filter(month__isnull=True).only("id", "occurred_on").iterator():
        entry.month = entry.occurred_on.replace(day=1)
        entry.save(update_fields=["month"])


def fill_rollup(apps, schema_editor):
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import Coalesce

    BurdenEntry = apps.get_model("burden", "BurdenEntry")
    MonthlyBurden = apps.get_model("burden", "MonthlyBurden")
    effective = Coalesce("corrected_hours", "hours")
    refused = Q(kind="task_refused")
    rows = BurdenEntry.objects.values("community_id", "department_id", "month").annotate(
        n=Count("id"),
        imposed=Coalesce(Sum(effective, filter=~refused), 0, output_field=models.DecimalField()),
        saved=Coalesce(Sum("saved_hours"), 0, output_field=models.DecimalField()),
        outside=Coalesce(Sum(effective, filter=Q(outside_lists=True) & ~refused), 0, output_field=models.DecimalField()),
        outside_n=Count("id", filter=Q(outside_lists=True)),
        refusals=Count("id", filter=refused),
        refused_hours=Coalesce(Sum(effective, filter=refused), 0, output_field=models.DecimalField()),
    )
    MonthlyBurden.objects.bulk_create(
        MonthlyBurden(community_id=r["community_id"], department_id=r["department_id"], month=r["month"],
                      entries=r["n"], imposed_hours=r["imposed"], saved_hours=r["saved"],
                      outside_hours=r["outside"], outside_entries=r["outside_n"], refusals=r["refusals"],
                      refused_hours=r["refused_hours"])
        for r in rows
    )


class Migration(migrations.Migration):
    dependencies = [("burden", "0003_ledger_rollup_alerts")]
    operations = [
        migrations.RunPython(fill_month, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="burdenentry",
            name="month",
            field=models.DateField(help_text="所在月份的第一天", verbose_name="月份"),
        ),
        migrations.RunPython(fill_rollup, migrations.RunPython.noop),
    ]
