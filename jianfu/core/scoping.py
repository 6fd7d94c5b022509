"""`Model.objects.restrict(user, action)`: the queryset a user may see or act on."""

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q

from jianfu.accounts.scope import Action, communities_for


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: Action = "view") -> Self:
        model: Any = self.model  # CommunityScoped or a model with its own `scope_q` classmethod
        return self.filter(model.scope_q(user, action))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class CommunityScoped(models.Model):
    """A row that belongs to one community; the community decides who sees it."""

    scope_community_path: ClassVar[str] = "community"

    objects = ScopedManager()

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        return Q(**{f"{cls.scope_community_path}__in": communities_for(user, action).values("pk")})
