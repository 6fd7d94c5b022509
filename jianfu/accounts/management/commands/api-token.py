import json

from django.core.management.base import BaseCommand, CommandError

from jianfu.accounts.auth import api_token_create
from jianfu.accounts.models import User


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--name", required=True, help="what the token is for, e.g. 区民政局低保系统")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"no user named {opts['user']!r}")
        if not user.is_active:
            raise CommandError(f"user {opts['user']!r} is inactive")
        token, plain = api_token_create(user=user, name=opts["name"])
        if opts["json"]:
            self.stdout.write(
                json.dumps({"user": user.username, "name": token.name, "token": plain}, ensure_ascii=False)
            )
        else:
            self.stdout.write(plain)
