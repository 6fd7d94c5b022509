from django.db import migrations, models

KINDS = [
    ("task_admitted", "准入任务"),
    ("task_refused", "拒绝的任务"),
    ("data_request", "数据报表需求"),
    ("fill", "一表通填表"),
    ("inspection", "检查考核"),
    ("meeting", "会议"),
    ("document", "文件"),
    ("signboard", "挂牌"),
    ("campaign", "创建示范评比"),
    ("secondment", "借调基层人员"),
    ("app", "政务 App"),
    ("work_group", "工作群"),
    ("certificate_demand", "证明需求"),
    ("resident_request", "居民诉求办理"),
    ("whistle", "吹哨报到"),
    ("data_feedback", "台账问题回传部门"),
    ("other", "其他"),
]


def load_unit_times(apps, schema_editor):
    """Districts migrated before these kinds existed get their Standard Cost Model defaults too."""
    from jianfu.burden.services import DEFAULT_UNIT_MINUTES

    for kind in ("campaign", "secondment"):
        minutes, unit, basis = DEFAULT_UNIT_MINUTES[kind]
        apps.get_model("burden", "UnitTime").objects.get_or_create(
            kind=kind, defaults={"minutes_per_unit": minutes, "unit_label": unit, "basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("burden", "0008_data_feedback_kind"),
    ]

    operations = [
        migrations.AlterField(
            model_name="burdenentry",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=32, verbose_name="类型"),
        ),
        migrations.AlterField(
            model_name="unittime",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=32, unique=True, verbose_name="类型"),
        ),
        migrations.RunPython(load_unit_times, migrations.RunPython.noop),
    ]
