"""Password sign-in that knows account kinds whose access ends on its own.

An inspector account (`Role.INSPECTOR`) exists for one visit: once every grant it holds has expired
or been revoked it can no longer sign in, and a session it still holds ends at its next request
(`get_user` asks `user_can_authenticate` too). Other accounts: as Django's.

`get_user` runs on every signed-in request; it reads the user row with a prepared SELECT
(jianfu.core.rows) instead of building `User.objects.get(pk=…)` each time: the same row, read anew.
"""

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from jianfu.accounts.choices import Role
from jianfu.core.rows import RowReader


@functools.cache
def _rows(model: type) -> RowReader:
    return RowReader(model)


def user_row(user_id: Any) -> Any:
    return _rows(get_user_model()).get(user_id)


def inspector_has_live_grant(user: Any) -> bool:
    from jianfu.inspections.models import InspectorGrant

    return InspectorGrant.active().filter(user_id=user.pk).exists()


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if getattr(user, "role", None) == Role.INSPECTOR and not user.is_superuser:
            return inspector_has_live_grant(user)
        return True

    def get_user(self, user_id: Any) -> Any:
        user = user_row(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
