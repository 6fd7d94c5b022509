from django.db import migrations


def load(apps, schema_editor):
    from jianfu.casework.seed import load_categories

    load_categories(apps.get_model("casework", "Category"))


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
