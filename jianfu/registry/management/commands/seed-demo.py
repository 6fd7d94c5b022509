"""`jianfu seed-demo`: the demo district 江岸区 with users for every role and ~30,000 residents.

Idempotent: the organisation file updates in place, users get their known password back, and
residents are generated only when the demo communities have none. Then every other module's
`seed(stdout)` hook runs (ledgers, fills, catalog, gate, burden, certificates) when it exists.
"""

import importlib
import time
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jianfu.accounts.models import User
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import system_actor
from jianfu.core.services import audit_record
from jianfu.orgs.models import Community, Department, District, Grid, Street
from jianfu.orgs.services import OrgFileError, org_load, parse_org_file

DEMO_PASSWORD = "jianfu-demo-2026"  # noqa: S105 - published demo credentials
ORG_FILE = Path(__file__).resolve().parents[4] / "examples" / "org.yaml"
HOOKS = [
    "jianfu.registry.demo_sensitive",
    "jianfu.ledgers.demo",
    "jianfu.fills.demo",
    "jianfu.catalog.demo",
    "jianfu.gate.demo",
    "jianfu.burden.demo",
    "jianfu.certificates.demo",
    "jianfu.sharing.demo",
    "jianfu.activities.demo",
    "jianfu.inspections.demo",
    "jianfu.casework.demo",
    "jianfu.meetings.demo",
    "jianfu.campaigns.demo",
    "jianfu.digital.demo",
]
# community code → username prefix
SLUGS = {
    "420102001001": "minyi",
    "420102001002": "yonghong",
    "420102001003": "sanyang",
    "420102002001": "huaqiao",
    "420102002002": "taibei",
    "420102002003": "xianggang",
}
STREET_SLUGS = {"420102001": "dazhi", "420102002": "taibei_street"}


class Command(BaseCommand):
    help = "Load the demo district (examples/org.yaml), demo users for every role and ~30,000 residents."

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", default=str(ORG_FILE), help="organisation YAML (default examples/org.yaml)"
        )
        parser.add_argument("--people", type=int, default=30000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--skip-hooks", action="store_true", help="only the organisation, users and registry"
        )

    def handle(self, *args, **opts):
        started = time.perf_counter()
        path = Path(opts["org"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = org_load(
                data=parse_org_file(path.read_text(encoding="utf-8")), actor=system_actor("jianfu seed-demo")
            )
        except OrgFileError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        district = result.district
        self.stdout.write(f"organisation: {district.name} ({district.code}) — created {result.created or {}}")
        logins = self.users(district)
        self.registry(district, opts["people"], opts["seed"])
        if not opts["skip_hooks"]:
            self.hooks()
        self.stdout.write(f"\nseed-demo finished in {time.perf_counter() - started:.1f} s\n")
        self.print_logins(logins)

    # --- users -------------------------------------------------------------------------------
    @transaction.atomic
    def users(self, district: District) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        hashed = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 per user would take seconds

        def make(username: str, role: str, unit: str, display: str, **fields) -> None:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={"role": role, "display_name": display, "is_active": True, **fields},
            )
            if user.password != hashed:
                user.password = hashed
                user.save(update_fields=["password"])
            rows.append((username, str(User(role=role).get_role_display()), unit))

        make(
            "admin",
            "district_admin",
            district.name,
            "区管理员",
            district=district,
            is_staff=True,
            is_superuser=True,
        )
        make("district_office", "district_office", f"{district.name}减负办", "区减负办", district=district)
        for street in Street.objects.filter(district=district).order_by("code"):
            slug = STREET_SLUGS.get(street.code, f"street{street.code[-3:]}")
            make(
                f"{slug}_office",
                "street_office",
                f"{street.name}减负办",
                f"{street.name}减负办",
                district=district,
                street=street,
            )
        for community in (
            Community.objects.filter(street__district=district).select_related("street").order_by("code")
        ):
            slug = SLUGS.get(community.code, f"c{community.code[-6:]}")
            common = {"district": district, "street": community.street, "community": community}
            make(f"{slug}_head", "community_head", community.name, f"{community.name}书记", **common)
            make(f"{slug}_worker", "community_worker", community.name, f"{community.name}社工", **common)
            grid = Grid.objects.filter(community=community).order_by("code").first()
            if grid:
                make(
                    f"{slug}_grid{grid.code}",
                    "grid_worker",
                    f"{community.name} {grid.name}",
                    f"{community.name}网格员",
                    grid=grid,
                    **common,
                )
        for dept in Department.objects.filter(district=district).select_related("street").order_by("code"):
            if dept.street is not None:
                slug = STREET_SLUGS.get(dept.street.code, "street")
                username = f"{slug}_{dept.code.split('-')[-1].lower()}"
            else:
                username = f"{dept.code.lower()}_dept"
            make(
                username,
                "department",
                dept.name,
                dept.name,
                district=district,
                street=dept.street,
                department=dept,
            )
        first = Community.objects.filter(street__district=district).order_by("code").first()
        if first:
            make(
                f"{SLUGS.get(first.code, 'c')}_resident",
                "resident",
                first.name,
                "居民",
                district=district,
                street=first.street,
                community=first,
            )
        return rows

    # --- registry ----------------------------------------------------------------------------
    def registry(self, district: District, people: int, seed: int) -> None:
        from jianfu.registry.bulk import bulk_load, ensure_sources
        from jianfu.registry.demo import generate_people
        from jianfu.registry.models import Person

        communities = list(
            Community.objects.filter(street__district=district).prefetch_related("grids").order_by("code")
        )
        ensure_sources()
        have = Person.objects.filter(community__in=communities).count()
        if have:
            self.stdout.write(f"registry: {have:,} residents already there, nothing generated")
            return
        self.stdout.write(f"registry: generating {people:,} residents …")
        result = bulk_load(generate_people(people, communities, seed, detail="full"))
        audit_record(
            actor=system_actor("jianfu seed-demo"),
            action=AuditAction.LOAD,
            obj=district,
            summary=f"演示数据：{result.people} 名居民、{result.facts} 条事实",
            detail={"people": result.people, "facts": result.facts, "tags": result.tags},
        )
        self.stdout.write(
            f"registry: {result.people:,} residents, {result.households:,} households, {result.places:,} flats, "
            f"{result.facts:,} facts, {result.tags:,} tags in {result.seconds:.1f} s"
        )

    # --- other modules -----------------------------------------------------------------------
    def hooks(self) -> None:
        for name in HOOKS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                self.stdout.write(f"{name}: not installed, skipped")
                continue
            seed = getattr(module, "seed", None)
            if seed is None:
                self.stdout.write(f"{name}: has no seed(stdout), skipped")
                continue
            t0 = time.perf_counter()
            seed(self.stdout)
            self.stdout.write(f"{name}: done in {time.perf_counter() - t0:.1f} s")

    def print_logins(self, rows: list[tuple[str, str, str]]) -> None:
        self.stdout.write(
            f"Demo logins (password for all: {DEMO_PASSWORD}) — http://127.0.0.1:8000/accounts/login/"
        )
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        header = ("username", "role", "unit")
        self.stdout.write(
            f"  {header[0]:<{widths[0]}}  {'password':<{len(DEMO_PASSWORD)}}  {header[1]:<{widths[1]}}  unit"
        )
        for username, role, unit in rows:
            self.stdout.write(
                f"  {username:<{widths[0]}}  {DEMO_PASSWORD}  {role}{' ' * (widths[1] - len(role))}  {unit}"
            )
