"""Campaign to-dos: campaigns and signboards for the 减负办 to approve, boards a community must take down."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.campaigns.choices import CampaignStatus, SignboardStatus
from jianfu.campaigns.selectors import campaigns_for, signboards_for
from jianfu.core.todos import Todo


def todos(actor: Any) -> list[Todo]:
    url = reverse("campaigns:index")
    if actor.is_burden_office:
        waiting = (
            campaigns_for(actor).filter(status=CampaignStatus.PENDING).count()
            + signboards_for(actor).filter(status=SignboardStatus.PENDING).count()
        )
        return [Todo(label=_("待审批的创建示范和挂牌"), count=waiting, url=url)]
    if actor.is_community_staff and actor.community_id:
        removal = signboards_for(actor).filter(
            community_id=actor.community_id, status=SignboardStatus.REMOVAL_ORDERED
        )
        return [Todo(label=_("已通知摘除的牌子"), count=removal.count(), url=url)]
    return []
