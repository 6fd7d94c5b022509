from django.db import migrations


def load_dictionary(apps, schema_editor):
    from jianfu.registry.dictionary import CORE_ATTRIBUTES, TAGS

    Attribute = apps.get_model("registry", "Attribute")
    Source = apps.get_model("registry", "Source")

    def upsert(spec, sort, tag=None, is_core=False):
        defaults = {
            "name": spec["name"], "synonyms": spec.get("synonyms", []), "type": spec.get("type", "text"),
            "choices": spec.get("choices", []), "sensitivity": spec.get("sensitivity", "normal"),
            "person_field": spec.get("person_field", ""), "is_core": is_core,
            "is_derived": spec.get("derived", False), "sort": sort, "tag": tag,
        }
        obj, _ = Attribute.objects.update_or_create(code=spec["code"], defaults=defaults)
        return obj

    sort = 10
    for spec in CORE_ATTRIBUTES:
        upsert(spec, sort, is_core=True)
        sort += 10
    for spec in TAGS:
        tag = upsert({**spec, "type": "tag"}, sort, is_core=True)
        sort += 10
        for field in spec.get("fields", []):
            upsert(field, sort, tag=tag, is_core=True)
            sort += 10
    Source.objects.get_or_create(name="社区核实", defaults={"kind": "community", "priority": 1000})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load_dictionary, migrations.RunPython.noop)]
