"""`jianfu unlock-account USERNAME [--address IP] [--json]`: end a sign-in lock-out now.

Clears the failed sign-ins of the account (from every address) and/or of the address (for every
account); audited as the command line. `--list` shows what is locked now."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.accounts import selectors, services
from jianfu.core.permissions import system_actor


class Command(BaseCommand):
    help = "Unlock a locked-out account and/or client address (sign-in throttling); --list shows lock-outs."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="", help="the account to unlock")
        parser.add_argument("--address", default="", help="a client IP address to unlock")
        parser.add_argument("--list", action="store_true", help="list the accounts and addresses locked now")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        actor = system_actor("jianfu unlock-account")
        if opts["list"]:
            rows = selectors.lockouts_list(actor=actor)
            data = [
                {
                    "kind": r.kind,
                    "key": r.key,
                    "failures": r.failures,
                    "last_attempt": r.last_attempt.isoformat(),
                    "until": r.until.isoformat(),
                }
                for r in rows
            ]
            if opts["json"]:
                self.stdout.write(json.dumps({"lockouts": data}, ensure_ascii=False))
            else:
                for r in rows:
                    until = timezone.localtime(r.until).strftime("%Y-%m-%d %H:%M")
                    self.stdout.write(f"{r.kind}\t{r.key}\t{r.failures} failures\tuntil {until}")
                if not rows:
                    self.stdout.write("nothing is locked out")
            return
        if not opts["username"] and not opts["address"]:
            raise CommandError("name the account to unlock (USERNAME) and/or --address IP, or use --list")
        try:
            cleared = services.signin_unlock(actor=actor, username=opts["username"], address=opts["address"])
        except services.AccountsError as exc:
            raise CommandError(str(exc)) from None
        result = {"username": opts["username"], "address": opts["address"], "attempts_cleared": cleared}
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        elif cleared:
            self.stdout.write(f"unlocked ({cleared} failure record(s) cleared)")
        else:
            self.stdout.write("was not locked out; nothing to clear")
