"""Campaign to-dos: campaigns and signboards for the 减负办 to approve, boards a community must take down."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.campaigns.choices import CampaignStatus, SignboardStatus
from jianfu.campaigns.selectors import campaigns_for, signboards_for
from jianfu.core import compiled
from jianfu.core.todos import Todo


def todos(actor: Any) -> list[Todo]:
    url = reverse("campaigns:index")
    if actor.is_burden_office:
        waiting = compiled.count(
            actor, "campaigns.pending", lambda a: campaigns_for(a).filter(status=CampaignStatus.PENDING)
        ) + compiled.count(
            actor,
            "campaigns.signboards_pending",
            lambda a: signboards_for(a).filter(status=SignboardStatus.PENDING),
        )
        return [Todo(label=_("待审批的创建示范和挂牌"), count=waiting, url=url)]
    if actor.is_community_staff and actor.community_id:
        removal = compiled.count(
            actor,
            "campaigns.removal",
            lambda a: signboards_for(a).filter(
                community_id=a.community_id, status=SignboardStatus.REMOVAL_ORDERED
            ),
        )
        return [Todo(label=_("已通知摘除的牌子"), count=removal, url=url)]
    return []
