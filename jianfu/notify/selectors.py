from typing import Any

from django.db.models import Prefetch, QuerySet

from jianfu.core.masking import mask_phone
from jianfu.notify.choices import ChannelKind
from jianfu.notify.models import Delivery, Message


def outbox(user: Any) -> QuerySet[Message]:
    return (
        Message.objects.restrict(user, "view")
        .distinct()
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.order_by("id")))
        .order_by("-created_at", "-id")
    )


def masked_destination(d: Delivery) -> str:
    if d.channel == ChannelKind.SMS:
        return mask_phone(d.destination)
    if d.channel == ChannelKind.EMAIL and "@" in d.destination:
        local, domain = d.destination.split("@", 1)
        return f"{local[:1]}***@{domain}"
    return d.destination.split("?")[0]
