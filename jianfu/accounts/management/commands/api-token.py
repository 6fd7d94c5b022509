"""`jianfu api-token --user U --name N`: kept for existing scripts; same as `jianfu token create`."""

import json

from django.core.management.base import BaseCommand, CommandError

from jianfu.accounts import services
from jianfu.accounts.models import User
from jianfu.core.permissions import system_actor


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it once (only its hash is stored). See `jianfu token`."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--name", required=True, help="what the token is for, e.g. 区民政局低保系统")
        parser.add_argument(
            "--days", type=int, default=None, help="lifetime in days (default JIANFU_API_TOKEN_DAYS)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"no user named {opts['user']!r}")
        try:
            token, plain = services.api_token_issue(
                actor=system_actor("jianfu api-token"), user=user, name=opts["name"], days=opts["days"]
            )
        except services.AccountsError as exc:
            raise CommandError(str(exc)) from None
        if opts["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "user": user.username,
                        "name": token.name,
                        "token": plain,
                        "expires_at": token.expires_at.isoformat(),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(plain)
