"""`jianfu open311-key create --name NAME [--district CODE] [--webhook URL] [--json]`,
`jianfu open311-key list [--json]`, `jianfu open311-key revoke PREFIX`.

Keys are issued by the district administrator to client systems; only a hash is stored, the key
is printed once."""

import getpass
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jianfu.open311.models import ApiKey
from jianfu.open311.services import KeyError_, api_key_create, api_key_revoke
from jianfu.orgs.models import District


class Command(BaseCommand):
    help = "Issue, list and revoke Open311 API keys for client systems."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--name", required=True)
        create.add_argument("--district", default=None, help="district code (default: the only district)")
        create.add_argument("--webhook", default="", help="URL the client wants status updates POSTed to")
        create.add_argument("--json", action="store_true")
        lst = sub.add_parser("list")
        lst.add_argument("--json", action="store_true")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")
        revoke.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        actor = f"CLI:{getpass.getuser()}"
        if opts["action"] == "create":
            if opts["district"]:
                district = District.objects.filter(code=opts["district"]).first()
            else:
                districts = list(District.objects.all()[:2])
                district = districts[0] if len(districts) == 1 else None
            if district is None:
                raise CommandError("district not found: give --district CODE (see `jianfu communities`)")
            try:
                row, key = api_key_create(
                    actor=actor, name=opts["name"], district=district, webhook_url=opts["webhook"]
                )
            except KeyError_ as exc:
                raise CommandError(str(exc)) from exc
            out = {"api_key": key, "name": row.name, "prefix": row.prefix, "district": district.code}
            self.stdout.write(json.dumps(out, ensure_ascii=False) if opts["json"] else f"api_key: {key}")
        elif opts["action"] == "list":
            rows = [
                {
                    "name": k.name,
                    "prefix": k.prefix,
                    "district": k.district.code,
                    "created_at": k.created_at.isoformat(),
                    "revoked": k.revoked_at is not None,
                }
                for k in ApiKey.objects.select_related("district")
            ]
            if opts["json"]:
                self.stdout.write(json.dumps({"keys": rows}, ensure_ascii=False))
            else:
                for r in rows:
                    self.stdout.write(
                        f"{r['prefix']}…  {r['name']}  {r['district']}  {'revoked' if r['revoked'] else ''}"
                    )
        else:
            found = ApiKey.objects.filter(prefix=opts["prefix"], revoked_at__isnull=True).first()
            if found is None:
                raise CommandError(f"no active key with prefix {opts['prefix']}")
            api_key_revoke(actor=actor, key=found)
            self.stdout.write(
                json.dumps({"revoked": found.prefix}) if opts["json"] else f"revoked {found.prefix}"
            )
