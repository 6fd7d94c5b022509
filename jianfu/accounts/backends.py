"""Password sign-in that knows account kinds whose access ends on its own.

An inspector account (`Role.INSPECTOR`) exists for one visit: once every grant it holds has expired
or been revoked it can no longer sign in, and a session it still holds ends at its next request
(Django's `ModelBackend.get_user` asks `user_can_authenticate` too). Other accounts: as Django's.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from jianfu.accounts.choices import Role


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
