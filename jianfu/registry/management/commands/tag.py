"""`jianfu tag create 志愿者 --field 服务时长:number --field 服务队:text [--synonym 志愿服务者] --json`
and `jianfu tag list --json`.

Creating a tag changes the district's data dictionary: with `--user` the user must be the district
administrator or the district 减负办; without it the command acts as the system (server operator).
"""

import getpass
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jianfu.core.permissions import OutOfScope
from jianfu.registry.choices import AttributeType
from jianfu.registry.models import Attribute
from jianfu.registry.services import RegistryError
from jianfu.registry.tags import tag_create


def _tag_out(tag: Attribute) -> dict[str, Any]:
    return {
        "code": tag.code,
        "name": tag.name,
        "synonyms": tag.synonyms,
        "sensitivity": tag.sensitivity,
        "fields": [
            {"code": f.code, "name": f.name, "type": f.type, "choices": f.choices}
            for f in Attribute.objects.filter(tag=tag).order_by("sort", "code")
        ],
    }


class Command(BaseCommand):
    help = "Create or list special-population tags of the data dictionary."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new tag with its own fields")
        create.add_argument("name")
        create.add_argument(
            "--field",
            action="append",
            default=[],
            help="NAME:TYPE (text|number|date|choice:A/B/C); repeatable",
        )
        create.add_argument(
            "--synonym", action="append", default=[], help="another name of the tag; repeatable"
        )
        create.add_argument("--sensitivity", default="normal", help="normal | masked | special")
        create.add_argument("--user", default="", help="act as this user; default: system")
        create.add_argument("--json", action="store_true", help="print one JSON object")
        listing = sub.add_parser("list", help="every tag and its fields")
        listing.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "list":
            tags = [_tag_out(t) for t in Attribute.objects.filter(type=AttributeType.TAG).order_by("sort")]
            if opts["json"]:
                self.stdout.write(json.dumps({"tags": tags}, ensure_ascii=False))
            else:
                for t in tags:
                    fields = "、".join(f"{f['name']}({f['type']})" for f in t["fields"])
                    self.stdout.write(f"{t['code']:<24} {t['name']}  {fields}")
            return
        actor: Any = f"CLI:{getpass.getuser()}"
        if opts["user"]:
            from jianfu.accounts.models import User

            actor = User.objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(_("没有用户%(user)s。") % {"user": opts["user"]})
        try:
            tag = tag_create(
                actor=actor,
                name=opts["name"],
                fields=opts["field"],
                synonyms=opts["synonym"],
                sensitivity=opts["sensitivity"],
            )
        except (RegistryError, OutOfScope) as exc:
            raise CommandError(str(exc)) from exc
        out = _tag_out(tag)
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(
            _("已新增标签%(name)s（代码%(code)s），字段：%(fields)s")
            % {
                "name": tag.name,
                "code": tag.code,
                "fields": "、".join(f["name"] for f in out["fields"]) or "—",
            }
        )
