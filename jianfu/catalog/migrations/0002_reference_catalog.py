from django.db import migrations


def load(apps, schema_editor):
    from jianfu.catalog.reference import load_reference

    load_reference(apps.get_model("catalog", "Jurisdiction"), apps.get_model("catalog", "CatalogItem"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
