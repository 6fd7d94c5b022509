"""`jianfu source list --json` and
`jianfu source set 区残联残疾人名册 [--priority 80] [--default-tag 残疾|--no-default-tag] [--department 区残联] --json`.

Priorities, default tags and departments of sources are district-wide: with `--user` the user must
be the district administrator or the district 减负办; without it the command acts as the system.
"""

import getpass
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.permissions import OutOfScope
from jianfu.registry.models import Source
from jianfu.registry.services import RegistryError, source_set_priority
from jianfu.registry.tags import resolve_tag, source_set_default_tag, source_set_department


def _out(s: Source) -> dict[str, Any]:
    return {
        "name": s.name,
        "kind": s.kind,
        "priority": s.priority,
        "default_tag": s.default_tag.code if s.default_tag else None,
        "department": s.department.name if s.department else None,
    }


class Command(BaseCommand):
    help = "List data sources, or set a source's priority, default tag and sending department."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--json", action="store_true")
        update = sub.add_parser("set")
        update.add_argument("name")
        update.add_argument("--priority", type=int)
        update.add_argument("--default-tag", default=None, help="tag code or name every row has")
        update.add_argument("--no-default-tag", action="store_true", help="forget the default tag")
        update.add_argument("--department", default=None, help="the department that sends this source")
        update.add_argument("--user", default="", help="act as this user; default: system")
        update.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "list":
            sources = [_out(s) for s in Source.objects.select_related("default_tag", "department")]
            if opts["json"]:
                self.stdout.write(json.dumps({"sources": sources}, ensure_ascii=False))
            else:
                for s in sources:
                    self.stdout.write(
                        f"{s['priority']:>6}  {s['name']}  {s['default_tag'] or '—'}  {s['department'] or '—'}"
                    )
            return
        source = Source.objects.filter(name=opts["name"]).first()
        if source is None:
            raise CommandError(_("没有名为“%(name)s”的数据来源。") % {"name": opts["name"]})
        actor: Any = f"CLI:{getpass.getuser()}"
        if opts["user"]:
            from jianfu.accounts.models import User

            actor = User.objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(_("没有用户%(user)s。") % {"user": opts["user"]})
        try:
            with transaction.atomic():
                self._apply(actor, source, opts)
        except (RegistryError, OutOfScope) as exc:
            raise CommandError(str(exc)) from exc
        source.refresh_from_db()
        if opts["json"]:
            self.stdout.write(json.dumps(_out(source), ensure_ascii=False))
        else:
            self.stdout.write(_("已更新数据来源%(name)s。") % {"name": source.name})

    def _apply(self, actor: Any, source: Source, opts: dict[str, Any]) -> None:
        from jianfu.orgs.models import Department

        if opts["priority"] is not None:
            source_set_priority(actor=actor, source=source, priority=opts["priority"])
        if opts["no_default_tag"]:
            source_set_default_tag(actor=actor, source=source, tag=None)
        elif opts["default_tag"]:
            tag = resolve_tag(opts["default_tag"])
            if tag is None:
                raise RegistryError(
                    _("没有标签“%(tag)s”。用 `jianfu tag list` 查看。") % {"tag": opts["default_tag"]}
                )
            source_set_default_tag(actor=actor, source=source, tag=tag)
        if opts["department"]:
            department = Department.objects.filter(name=opts["department"]).first()
            if department is None:
                raise RegistryError(_("没有部门“%(name)s”。") % {"name": opts["department"]})
            source_set_department(actor=actor, source=source, department=department)
