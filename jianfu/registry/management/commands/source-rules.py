"""`jianfu source-rules NAME --user USERNAME [--base-register | --not-base-register] [--own FIELD ...] [--json]`.

Shows, and with options changes, what a data source is authoritative for: identity (the population
base register, 人口基础库) and/or its own fields (a tag includes its fields). Without an option it
prints the source's rules. A change is made as `--user` (who must be allowed to manage sources) and is
audited; the current values of everyone the source reported on are re-derived.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.core.permissions import OutOfScope
from jianfu.registry import selectors, services
from jianfu.registry.models import Attribute


class Command(BaseCommand):
    help = "Show or set what a data source is authoritative for (base register, own fields)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("source", help="Source name, e.g. 街道人口基础库")
        parser.add_argument("--user", default="", help="username to act as (needed to change rules)")
        base = parser.add_mutually_exclusive_group()
        base.add_argument("--base-register", dest="base", action="store_const", const=True, default=None)
        base.add_argument("--not-base-register", dest="base", action="store_const", const=False)
        parser.add_argument(
            "--own",
            action="append",
            default=None,
            metavar="FIELD",
            help="own field (code or name); repeatable",
        )
        parser.add_argument("--no-own", action="store_true", help="the source owns no fields")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **opts: Any) -> None:
        source = selectors.source_list().filter(name=opts["source"]).first()
        if source is None:
            names = "、".join(selectors.source_list().values_list("name", flat=True)[:20])
            raise CommandError(
                _("没有名为“%(name)s”的数据来源。现有来源：%(names)s")
                % {"name": opts["source"], "names": names}
            )
        if opts["base"] is not None or opts["own"] is not None or opts["no_own"]:
            user = User.objects.filter(username=opts["user"]).first() if opts["user"] else None
            if user is None:
                raise CommandError(_("修改取值规则需要用 --user 指定一个有权管理数据来源的用户。"))
            own = list(source.own_fields.all())
            if opts["no_own"]:
                own = []
            elif opts["own"] is not None:
                own = [self._attribute(term) for term in opts["own"]]
            base = source.is_base_register if opts["base"] is None else opts["base"]
            try:
                services.source_set_rules(actor=user, source=source, is_base_register=base, own_fields=own)
            except OutOfScope as exc:
                raise CommandError(str(exc)) from exc
            except services.RegistryError as exc:
                raise CommandError(str(exc)) from exc
            source = selectors.source_list().get(pk=source.pk)
        out = {
            "source": source.name,
            "priority": source.priority,
            "is_base_register": source.is_base_register,
            "own_fields": [a.code for a in source.own_fields.all()],
        }
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(
            _("%(name)s：优先级%(priority)d；人口基础库：%(base)s；负责字段：%(fields)s")
            % {
                "name": source.name,
                "priority": source.priority,
                "base": _("是") if source.is_base_register else _("否"),
                "fields": "、".join(a.name for a in source.own_fields.all()) or "—",
            }
        )

    def _attribute(self, term: str) -> Attribute:
        pool = list(Attribute.objects.all())
        attribute = selectors.attribute_by_term(term, pool)
        if attribute is None:
            near = "、".join(
                f"{a.name}（{a.code}）" for a in selectors.closest_attributes(term, attributes=pool)
            )
            raise CommandError(
                _("数据字典中没有“%(term)s”。最接近的：%(near)s。") % {"term": term, "near": near}
            )
        return attribute
