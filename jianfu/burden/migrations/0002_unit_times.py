from django.db import migrations


def load_unit_times(apps, schema_editor):
    from jianfu.burden.services import DEFAULT_UNIT_MINUTES

    UnitTime = apps.get_model("burden", "UnitTime")
    for kind, (minutes, unit, basis) in DEFAULT_UNIT_MINUTES.items():
        UnitTime.objects.get_or_create(kind=str(kind), defaults={"minutes_per_unit": minutes, "unit_label": unit,
                                                                  "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("burden", "0001_initial")]
    operations = [migrations.RunPython(load_unit_times, migrations.RunPython.noop)]
