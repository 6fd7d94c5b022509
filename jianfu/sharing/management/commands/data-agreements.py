"""`jianfu data-agreements`: the 减负办 lists, approves, rejects and revokes; purge expired files."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jianfu.core.permissions import OutOfScope
from jianfu.sharing import selectors, services
from jianfu.sharing.management.commands._common import acting_user, agreement_json, emit, request_json


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--expires {value!r} is not a date: write it as 2027-06-30") from exc


class Command(BaseCommand):
    help = (
        "Data-sharing agreements: list, approve or reject pending data requests, revoke, purge expired files."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="agreements and pending requests the user may see")
        listing.add_argument("--user", required=True)
        listing.add_argument("--json", action="store_true")
        approve = sub.add_parser("approve", help="approve a pending data request (creates the agreement)")
        approve.add_argument("request", type=int, help="data request id")
        approve.add_argument("--user", required=True, help="a 减负办 user")
        approve.add_argument("--population", default="", help="default: the request's")
        approve.add_argument(
            "--field", action="append", default=[], help="approved field (default: all requested)"
        )
        approve.add_argument("--full-field", action="append", default=[], help="field given unmasked")
        approve.add_argument("--legal-basis", default="")
        approve.add_argument("--purpose", default="")
        approve.add_argument("--expires", default="", help="YYYY-MM-DD (default: in one year)")
        approve.add_argument("--reason", default="")
        approve.add_argument("--json", action="store_true")
        reject = sub.add_parser("reject", help="refuse a pending data request")
        reject.add_argument("request", type=int)
        reject.add_argument("--user", required=True)
        reject.add_argument("--reason", required=True)
        reject.add_argument("--json", action="store_true")
        revoke = sub.add_parser("revoke", help="revoke an agreement")
        revoke.add_argument("agreement", type=int)
        revoke.add_argument("--user", required=True)
        revoke.add_argument("--reason", required=True)
        revoke.add_argument("--json", action="store_true")
        purge = sub.add_parser("purge", help="delete released files whose download period is over")
        purge.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if opts["action"] == "purge":
            n = services.released_files_purge()
            return (
                emit(self.stdout, {"purged": n}) if opts["json"] else self.stdout.write(f"purged {n} file(s)")
            )
        user = acting_user(opts["user"])
        try:
            return getattr(self, f"_{opts['action']}")(user, opts)
        except OutOfScope as exc:
            raise CommandError(
                f"{user.username} may not do this (only the 减负办 of the department's area)"
            ) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def _list(self, user, opts):
        agreements = [agreement_json(a) for a in selectors.agreements_for(user)[:500]]
        pending = [request_json(r) for r in selectors.pending_for(user)[:500]]
        if opts["json"]:
            return emit(self.stdout, {"agreements": agreements, "pending": pending})
        for a in agreements:
            state = "in force" if a["in_force"] else a["status"]
            self.stdout.write(
                f"agreement #{a['id']} {state:<8} {a['department']} · {a['purpose']} · {a['population_text']} · until {a['expires_on']}"
            )
        for r in pending:
            self.stdout.write(f"pending #{r['id']} {r['department']} · {r['title']} · {r['population_text']}")
        return None

    def _pending(self, user, pk):
        row = selectors.request_for(user, pk)
        if row is None:
            raise CommandError(f"data request #{pk} not found for {user.username}")
        return row

    def _approve(self, user, opts):
        row = self._pending(user, opts["request"])
        agreement = services.data_request_approve(
            actor=user,
            request=row,
            population_text=opts["population"] or row.population,
            fields=opts["field"] or list(row.fields),
            full_fields=opts["full_field"],
            legal_basis=opts["legal_basis"],
            purpose=opts["purpose"],
            expires_on=_date(opts["expires"]) if opts["expires"] else None,
            reason=opts["reason"],
        )
        if opts["json"]:
            return emit(self.stdout, agreement_json(agreement))
        row.refresh_from_db()
        self.stdout.write(
            f"agreement #{agreement.pk} created; data request #{row.pk} released ({row.rows} rows)"
        )
        return None

    def _reject(self, user, opts):
        row = services.data_request_reject(
            actor=user, request=self._pending(user, opts["request"]), reason=opts["reason"]
        )
        return (
            emit(self.stdout, request_json(row))
            if opts["json"]
            else self.stdout.write(f"data request #{row.pk} rejected")
        )

    def _revoke(self, user, opts):
        agreement = selectors.agreement_for(user, opts["agreement"])
        if agreement is None:
            raise CommandError(f"agreement #{opts['agreement']} not found for {user.username}")
        agreement = services.agreement_revoke(actor=user, agreement=agreement, reason=opts["reason"])
        return (
            emit(self.stdout, agreement_json(agreement))
            if opts["json"]
            else self.stdout.write(f"agreement #{agreement.pk} revoked")
        )
