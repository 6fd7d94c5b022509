"""Background fills: a large template is filled by `jianfu worker`, progress saved on the record."""

from django.tasks import task


@task()
def fill_task(record_id: int) -> None:
    from jianfu.fills.choices import FillStatus
    from jianfu.fills.models import FillRecord
    from jianfu.fills.services import fill_generate, record_actor

    record = FillRecord.objects.filter(pk=record_id).select_related("community", "requested_by").first()
    if record is None or record.status == FillStatus.DONE:
        return
    fill_generate(actor=record_actor(record), record=record)
