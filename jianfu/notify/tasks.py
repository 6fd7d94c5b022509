from django.tasks import task


@task
def deliver(delivery_id: int) -> str:
    from jianfu.notify.services import delivery_attempt

    d = delivery_attempt(delivery_id=delivery_id)
    return d.status if d is not None else "missing"
