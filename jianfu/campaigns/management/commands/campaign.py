"""`jianfu campaign ...`: campaigns, signboards and secondments from the command line (mirrors the services).

jianfu campaign register --department MZJ --title 创建老年友好型社区 --kind creation --community 420102001001
jianfu campaign list [--year 2026] [--status pending] --json
jianfu campaign approve 12 --reason "合并同类创建后保留" [--user district_office]
jianfu campaign refuse 13 --reason "与已批准活动重复"
jianfu campaign signboard-list [--community 420102001001] --json
jianfu campaign signboard-inventory --community 420102001001 --name 禁毒示范社区 [--hung-on 2019-03-01]
jianfu campaign signboard-order-removal 7 --reason "无依据的牌子"
jianfu campaign signboard-remove 7 [--on 2026-12-01]
jianfu campaign secondment --department ZJJ --community 420102001002 --staff 王晓燕 --started-on 2026-10-15
jianfu campaign secondment-end 3 [--on 2026-12-01]
jianfu campaign secondment-list --json

`--user USERNAME` acts as that account (its scope and permissions apply, and the audit log and burden
ledger name it); without it the command acts as a named system actor. Staff names are masked in output.
"""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from jianfu.accounts.models import User
from jianfu.campaigns import selectors, services
from jianfu.campaigns.choices import CampaignKind, CampaignStatus, SignboardStatus
from jianfu.campaigns.models import Campaign, Secondment, Signboard
from jianfu.core.masking import mask_name
from jianfu.core.permissions import OutOfScope, system_actor
from jianfu.orgs.models import Community, Department


def _date(value: str, flag: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{flag} {value!r} is not a date: use YYYY-MM-DD") from None


def campaign_json(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "department": c.department.code,
        "year": c.year,
        "status": c.status,
        "communities": getattr(c, "n_targets", None),
        "asks": c.asks,
        "hours": str(c.hours),
        "reasons": c.reasons,
    }


def signboard_json(s: Signboard) -> dict[str, Any]:
    return {
        "id": s.pk,
        "community": s.community.code,
        "name": s.name,
        "department": s.department.code if s.department else None,
        "status": s.status,
        "approved": s.approved,
        "year": s.year,
        "hung_on": s.hung_on.isoformat() if s.hung_on else None,
        "removed_on": s.removed_on.isoformat() if s.removed_on else None,
    }


def secondment_json(m: Secondment) -> dict[str, Any]:
    return {
        "id": m.pk,
        "department": m.department.code,
        "community": m.community.code if m.community else None,
        "street": m.street.code,
        "staff_name": mask_name(m.staff_name),
        "started_on": m.started_on.isoformat(),
        "ended_on": m.ended_on.isoformat() if m.ended_on else None,
        "status": m.status,
        "hours": str(m.hours),
        "flagged": True,
    }


class Command(BaseCommand):
    help = (
        "Register and decide campaigns, inventory signboards, record secondments (2024 rules, parts 4 and 7)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        def add(name: str, help_text: str, *, json_flag: bool = True):
            p = sub.add_parser(name, help=help_text)
            p.add_argument("--user", default="", help="act as this username (default: a system actor)")
            if json_flag:
                p.add_argument("--json", action="store_true", help="print JSON")
            return p

        p = add("register", "a department registers a campaign (over the cap: refused at once, citing it)")
        p.add_argument("--department", required=True, help="department code or name")
        p.add_argument("--title", required=True)
        p.add_argument("--kind", required=True, choices=CampaignKind.values)
        p.add_argument("--description", default="", help="what it asks of communities (priced per demand)")
        p.add_argument("--community", action="append", default=[], help="community code (repeatable)")
        p.add_argument("--year", type=int, default=None)

        p = add("list", "campaigns in scope")
        p.add_argument("--year", type=int, default=None)
        p.add_argument("--status", default="", choices=["", *CampaignStatus.values])

        for name, text in (
            ("approve", "the 减负办 approves against the cap (the ledger gets the campaign's hours)"),
            ("refuse", "the 减负办 refuses"),
        ):
            p = add(name, text)
            p.add_argument("id", type=int)
            p.add_argument("--reason", required=True)

        p = add("signboard-list", "signboards in scope")
        p.add_argument("--community", default="", help="community code")
        p.add_argument("--status", default="", choices=["", *SignboardStatus.values])

        p = add("signboard-inventory", "a community records a board already on its door")
        p.add_argument("--community", required=True, help="community code")
        p.add_argument("--name", required=True)
        p.add_argument("--department", default="", help="department code or name (whose board it is)")
        p.add_argument("--hung-on", default="", help="YYYY-MM-DD (default today)")

        p = add("signboard-order-removal", "the 减负办 orders a board taken down")
        p.add_argument("id", type=int)
        p.add_argument("--reason", required=True)

        p = add("signboard-remove", "the community has taken the board down")
        p.add_argument("id", type=int)
        p.add_argument("--on", default="", help="YYYY-MM-DD (default today)")

        p = add("secondment", "record staff borrowed from a community (or a street): always flagged")
        p.add_argument("--department", required=True, help="the borrowing department (code or name)")
        p.add_argument("--community", default="", help="community code")
        p.add_argument("--street", default="", help="street code (staff borrowed from the street itself)")
        p.add_argument("--staff", required=True, help="the borrowed staff member's name")
        p.add_argument("--started-on", required=True, help="YYYY-MM-DD")
        p.add_argument("--post", default="")
        p.add_argument("--work", default="")

        p = add("secondment-end", "the borrowed staff member is back")
        p.add_argument("id", type=int)
        p.add_argument("--on", default="", help="YYYY-MM-DD (default today)")

        add("secondment-list", "secondments in scope")

    # -----------------------------------------------------------------------------------------

    def _actor(self, opts) -> Any:
        if not opts["user"]:
            return system_actor(f"jianfu campaign {opts['action']} (command line)")
        user = User.objects.filter(username=opts["user"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"--user {opts['user']!r}: no active account with that username")
        return user

    def _department(self, key: str) -> Department:
        rows = list(Department.objects.select_related("district").filter(Q(code=key) | Q(name=key))[:3])
        if not rows:
            raise CommandError(f"department {key!r} not found: give its code (e.g. MZJ) or name (区民政局)")
        if len(rows) > 1:
            raise CommandError(f"department {key!r} is ambiguous ({len(rows)} match): use its code")
        return rows[0]

    def _community(self, code: str) -> Community:
        community = Community.objects.select_related("street__district").filter(code=code).first()
        if community is None:
            raise CommandError(f"community {code!r} not found: give its 12-digit code (jianfu communities)")
        return community

    def _one(self, qs: Any, pk: int, what: str) -> Any:
        row = qs.filter(pk=pk).first()
        if row is None:
            raise CommandError(f"{what} {pk} not found (or not in the acting account's scope)")
        return row

    def _emit(self, opts, data: Any, lines: list[str]) -> None:
        if opts.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for line in lines:
            self.stdout.write(line)

    def handle(self, *args, **opts):
        actor = self._actor(opts)
        action = opts["action"].replace("-", "_")
        try:
            getattr(self, f"do_{action}")(actor, opts)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except OutOfScope as exc:
            raise CommandError(
                f"{opts['action']}: not permitted for {actor} (or the object is outside its scope)"
            ) from exc

    # -----------------------------------------------------------------------------------------

    def do_register(self, actor: Any, opts) -> None:
        department = self._department(opts["department"])
        if not opts["community"]:
            raise CommandError("--community: give at least one target community code")
        communities = [self._community(code) for code in opts["community"]]
        campaign = services.campaign_register(
            actor=actor,
            department=department,
            title=opts["title"],
            kind=opts["kind"],
            description=opts["description"],
            communities=communities,
            year=opts["year"],
        )
        data = campaign_json(campaign) | {"communities": len(set(communities))}
        self._emit(opts, data, [f"{campaign.pk}: {campaign.status}", *(f"  - {r}" for r in campaign.reasons)])

    def do_list(self, actor: Any, opts) -> None:
        qs = selectors.campaigns_for(actor, year=opts["year"])
        if opts["status"]:
            qs = qs.filter(status=opts["status"])
        rows = [campaign_json(c) for c in qs[:1000]]
        self._emit(
            opts,
            rows,
            [
                f"{r['id']}\t{r['year']}\t{r['status']}\t{r['department']}\t{r['title']}\t{r['hours']} h"
                for r in rows
            ],
        )

    def _decide(self, actor: Any, opts, approve: bool) -> None:
        campaign = self._one(selectors.campaigns_for(actor), opts["id"], "campaign")
        campaign = services.campaign_decide(
            actor=actor, campaign=campaign, approve=approve, reason=opts["reason"]
        )
        campaign = selectors.campaigns_for(actor).get(pk=campaign.pk)
        self._emit(opts, campaign_json(campaign), [f"{campaign.pk}: {campaign.status}, {campaign.hours} h"])

    def do_approve(self, actor: Any, opts) -> None:
        self._decide(actor, opts, True)

    def do_refuse(self, actor: Any, opts) -> None:
        self._decide(actor, opts, False)

    def do_signboard_list(self, actor: Any, opts) -> None:
        qs = selectors.signboards_for(actor)
        if opts["community"]:
            qs = qs.filter(community__code=opts["community"])
        if opts["status"]:
            qs = qs.filter(status=opts["status"])
        rows = [signboard_json(s) for s in qs[:2000]]
        self._emit(opts, rows, [f"{r['id']}\t{r['community']}\t{r['status']}\t{r['name']}" for r in rows])

    def do_signboard_inventory(self, actor: Any, opts) -> None:
        board = services.signboard_inventory(
            actor=actor,
            community=self._community(opts["community"]),
            name=opts["name"],
            department=self._department(opts["department"]) if opts["department"] else None,
            hung_on=_date(opts["hung_on"], "--hung-on"),
        )
        self._emit(opts, signboard_json(board), [f"{board.pk}: {board.status}"])

    def do_signboard_order_removal(self, actor: Any, opts) -> None:
        board = self._one(selectors.signboards_for(actor), opts["id"], "signboard")
        board = services.signboard_order_removal(actor=actor, board=board, reason=opts["reason"])
        self._emit(opts, signboard_json(board), [f"{board.pk}: {board.status}"])

    def do_signboard_remove(self, actor: Any, opts) -> None:
        board = self._one(selectors.signboards_for(actor), opts["id"], "signboard")
        board = services.signboard_remove(actor=actor, board=board, removed_on=_date(opts["on"], "--on"))
        self._emit(opts, signboard_json(board), [f"{board.pk}: {board.status}"])

    def do_secondment(self, actor: Any, opts) -> None:
        if bool(opts["community"]) == bool(opts["street"]):
            raise CommandError("give exactly one of --community (a community's staff) or --street")
        street = None
        community = self._community(opts["community"]) if opts["community"] else None
        if opts["street"]:
            from jianfu.orgs.models import Street

            street = Street.objects.select_related("district").filter(code=opts["street"]).first()
            if street is None:
                raise CommandError(f"--street {opts['street']!r} not found")
        started_on = _date(opts["started_on"], "--started-on")
        row = services.secondment_record(
            actor=actor,
            department=self._department(opts["department"]),
            community=community,
            street=street,
            staff_name=opts["staff"],
            started_on=started_on or dt.date.min,
            post=opts["post"],
            work=opts["work"],
        )
        self._emit(
            opts,
            secondment_json(row),
            [f"{row.pk}: flagged (borrowing staff from below is forbidden), {row.hours} h so far"],
        )

    def do_secondment_end(self, actor: Any, opts) -> None:
        row = self._one(selectors.secondments_for(actor), opts["id"], "secondment")
        row = services.secondment_end(actor=actor, secondment=row, ended_on=_date(opts["on"], "--on"))
        self._emit(opts, secondment_json(row), [f"{row.pk}: {row.status}, {row.hours} h in all"])

    def do_secondment_list(self, actor: Any, opts) -> None:
        rows = [secondment_json(m) for m in selectors.secondments_for(actor)[:2000]]
        total = sum((Decimal(r["hours"]) for r in rows), Decimal(0))
        self._emit(
            opts,
            rows,
            [
                *(
                    f"{r['id']}\t{r['department']}\t{r['community'] or r['street']}\t{r['status']}\t{r['hours']} h"
                    for r in rows
                ),
                f"{len(rows)} secondments, {total} h",
            ],
        )
