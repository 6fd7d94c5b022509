"""`jianfu token create|list|revoke`: API bearer tokens (only their hash is stored).

    jianfu token create --user deptuser --name 区民政局低保系统 [--days 90] [--json]
    jianfu token list [--user deptuser] [--json]
    jianfu token revoke ID_OR_PREFIX [--json]

Creating and revoking are audited as the command line."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.accounts import services
from jianfu.accounts.models import ApiToken, User
from jianfu.core.permissions import system_actor


def token_dict(t: ApiToken) -> dict:
    return {
        "id": t.pk,
        "user": t.user.username,
        "name": t.name,
        "prefix": t.prefix,
        "status": t.status,
        "created_at": t.created_at.isoformat(),
        "expires_at": t.expires_at.isoformat(),
        "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
        "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
    }


class Command(BaseCommand):
    help = "Create, list and revoke API tokens; a new token is printed once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="issue a token for a user and print it once")
        create.add_argument("--user", required=True, help="username")
        create.add_argument("--name", required=True, help="what the token is for, e.g. 区民政局低保系统")
        create.add_argument(
            "--days", type=int, default=None, help="lifetime in days (default JIANFU_API_TOKEN_DAYS)"
        )
        create.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="list tokens (masked by prefix)")
        listing.add_argument("--user", default="", help="only this user's tokens")
        listing.add_argument("--json", action="store_true")
        revoke = sub.add_parser("revoke", help="revoke a token by its id or prefix")
        revoke.add_argument("token", help="the token's id or its prefix (e.g. jf_AbC123x)")
        revoke.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        actor = system_actor(f"jianfu token {opts['verb']}")
        return getattr(self, f"do_{opts['verb']}")(actor, opts)

    def _out(self, opts, data: dict, text: str) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False) if opts["json"] else text)

    def do_create(self, actor, opts):
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"no user named {opts['user']!r}")
        try:
            token, plain = services.api_token_issue(
                actor=actor, user=user, name=opts["name"], days=opts["days"]
            )
        except services.AccountsError as exc:
            raise CommandError(str(exc)) from None
        self._out(opts, {**token_dict(token), "token": plain}, plain)

    def do_list(self, actor, opts):
        tokens = (
            ApiToken.objects.restrict(actor, "view")
            .select_related("user")
            .order_by("user__username", "-created_at")
        )
        if opts["user"]:
            if not User.objects.filter(username=opts["user"]).exists():
                raise CommandError(f"no user named {opts['user']!r}")
            tokens = tokens.filter(user__username=opts["user"])
        rows = [token_dict(t) for t in tokens]
        lines = [
            f"{r['id']}\t{r['user']}\t{r['prefix']}…\t{r['status']}\t"
            f"expires {timezone.localtime(t.expires_at):%Y-%m-%d}\t{r['name']}"
            for r, t in zip(rows, tokens, strict=True)
        ]
        self._out(opts, {"tokens": rows}, "\n".join(lines) or "no tokens")

    def do_revoke(self, actor, opts):
        ref = opts["token"].strip()
        tokens = ApiToken.objects.restrict(actor, "change").select_related("user")
        matches = (
            list(tokens.filter(pk=int(ref))) if ref.isdigit() else list(tokens.filter(prefix=ref.rstrip("…")))
        )
        if not matches:
            raise CommandError(f"no token with id or prefix {ref!r} (see `jianfu token list`)")
        if len(matches) > 1:
            ids = ", ".join(str(t.pk) for t in matches)
            raise CommandError(f"prefix {ref!r} matches several tokens ({ids}): revoke by id")
        try:
            token = services.api_token_revoke(actor=actor, token=matches[0])
        except services.AccountsError as exc:
            raise CommandError(str(exc)) from None
        self._out(opts, token_dict(token), f"revoked {token.prefix}… ({token.name}, {token.user.username})")
