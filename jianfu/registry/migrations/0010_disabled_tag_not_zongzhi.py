"""The 残疾 tag is not one of the 综治 special populations that need a recorded legal basis to be
seen (issue 8): community staff serve disabled residents as a listed duty. Its fields stay special."""

from django.db import migrations


def forwards(apps, schema_editor):
    Attribute = apps.get_model("registry", "Attribute")
    Attribute.objects.filter(code="disabled", type="tag", sensitivity="special").update(sensitivity="masked")


def backwards(apps, schema_editor):
    Attribute = apps.get_model("registry", "Attribute")
    Attribute.objects.filter(code="disabled", type="tag", sensitivity="masked").update(sensitivity="special")


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_sensitive_access")]
    operations = [migrations.RunPython(forwards, backwards)]
