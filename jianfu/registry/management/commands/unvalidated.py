"""`jianfu unvalidated PID --user USERNAME [--settle FACT_ID --reason TEXT [--value VALUE]] [--json]`.

Lists the values of a resident that failed validation and are kept as written (never current
values until settled), masked like the person page. With `--settle`, confirms one as written (no
`--value`) or corrects it (`--value`), as `--user`, audited.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.core.permissions import OutOfScope
from jianfu.registry import selectors, services


def _masked(code: str, sensitivity: str, value: str) -> str:
    if sensitivity != "masked":
        return value
    return mask_id_number(value) if code == "id_number" else mask_phone(value)


class Command(BaseCommand):
    help = "List a resident's unvalidated values; confirm or correct one."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("pid", help="person id, e.g. R7K2M9XQ4TB1")
        parser.add_argument("--user", required=True, help="username to act as")
        parser.add_argument("--settle", type=int, default=None, metavar="FACT_ID", help="the value to settle")
        parser.add_argument("--reason", default="", help="the basis, e.g. 电话回访")
        parser.add_argument("--value", default=None, help="the corrected value (omit to confirm as written)")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(_("没有用户“%(name)s”。") % {"name": opts["user"]})
        try:
            detail = selectors.person_detail(user=user, pid=opts["pid"])
        except Http404:
            raise CommandError(_("没有编号为%(pid)s的居民，或您无权查看。") % {"pid": opts["pid"]}) from None
        settled = None
        if opts["settle"] is not None:
            fact = next((f for f in detail.unvalidated if f.pk == opts["settle"]), None)
            if fact is None:
                raise CommandError(_("该居民没有编号为%(id)s的未核验值。") % {"id": opts["settle"]})
            try:
                settled = services.fact_settle(
                    actor=user, fact=fact, reason=opts["reason"], value=opts["value"]
                )
            except (OutOfScope, services.RegistryError) as exc:
                raise CommandError(str(exc)) from exc
            detail = selectors.person_detail(user=user, pid=opts["pid"])
        values = [
            {
                "id": f.pk,
                "attribute": f.attribute.code,
                "value": _masked(f.attribute.code, f.attribute.sensitivity, f.value),
                "source": f.source.name,
                "problem": f.problem,
                "may_confirm_as_written": services.may_confirm_as_written(f.attribute),
            }
            for f in detail.unvalidated
        ]
        out = {"pid": detail.person.pid, "unvalidated": values, "settled": settled.pk if settled else None}
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        if settled:
            self.stdout.write(_("已处理，新记录编号%(id)d。") % {"id": settled.pk})
        if not values:
            self.stdout.write(_("没有未核验的值。"))
        for u in values:
            self.stdout.write(f"[{u['id']}] {u['attribute']} = {u['value']}（{u['source']}）：{u['problem']}")
