from django.db import migrations

NEW = [
    # (code, name, synonyms, sensitivity, placed after)
    ("phone_other", "其他联系电话", ["备用电话", "其他电话", "第二联系电话"], "masked", "phone"),
    ("name_note", "姓名括注", ["姓名备注"], "normal", "name"),
]


def add_attributes(apps, schema_editor):
    """A cell with two numbers keeps the second; a name's bracket note (张三（已核实）) is kept."""
    Attribute = apps.get_model("registry", "Attribute")
    for code, name, synonyms, sensitivity, after in NEW:
        anchor = Attribute.objects.filter(code=after).values_list("sort", flat=True).first() or 1000
        Attribute.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "synonyms": synonyms,
                "type": "text",
                "sensitivity": sensitivity,
                "is_core": True,
                "sort": anchor + 5,
            },
        )


def remove_attributes(apps, schema_editor):
    Attribute = apps.get_model("registry", "Attribute")
    Attribute.objects.filter(code__in=[n[0] for n in NEW], facts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_source_precedence_rules")]
    operations = [migrations.RunPython(add_attributes, remove_attributes)]
