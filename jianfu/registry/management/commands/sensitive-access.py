"""`jianfu sensitive-access list|grant|revoke`: legal bases for seeing the sensitive (综治) populations.

  jianfu sensitive-access list --district 420102 [--json]
  jianfu sensitive-access grant --district 420102 --tag 社区矫正对象 --role community_head \\
      --basis "《社区矫正法》第二十五条" [--user admin]
  jianfu sensitive-access grant --district 420102 --tag drug_user --department SFJ --basis "..."
  jianfu sensitive-access revoke ID --reason "..." [--user admin]
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from jianfu.core.permissions import OutOfScope, system_actor


class Command(BaseCommand):
    help = "List, grant or revoke the legal bases for seeing residents with a sensitive tag."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        for name in ("list", "grant", "revoke"):
            p = sub.add_parser(name)
            p.add_argument("--json", action="store_true", help="print one JSON object")
            p.add_argument("--user", default="", help="act as this district administrator (default: system)")
            if name in ("list", "grant"):
                p.add_argument("--district", required=True, help="district code, e.g. 420102")
            if name == "grant":
                p.add_argument("--tag", required=True, help="tag code or name, e.g. drug_user or 吸毒人员")
                p.add_argument("--role", default="", help="a role, e.g. community_head, grid_worker")
                p.add_argument("--department", default="", help="a department code of the district")
                p.add_argument("--basis", required=True, help="the legal basis (law and article)")
            if name == "revoke":
                p.add_argument("id", type=int)
                p.add_argument("--reason", required=True)

    def handle(self, *args, **opts):
        from jianfu.accounts.models import User

        actor: Any = system_actor("jianfu sensitive-access")
        if opts.get("user"):
            actor = User.objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"no active user {opts['user']!r}")
        try:
            result = getattr(self, f"_{opts['verb']}")(actor, opts)
        except OutOfScope as exc:
            raise CommandError(
                f"{opts.get('user')} may not configure legal bases (district administrator only)"
            ) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            for row in result.get("grants", [result.get("grant")]):
                state = "revoked" if row["revoked_at"] else "active"
                self.stdout.write(
                    f"{row['id']}\t{row['tag']}\t{row['grantee']}\t{state}\t{row['legal_basis']}"
                )

    def _district(self, code):
        from jianfu.orgs.models import District

        district = District.objects.filter(code=code.strip()).first()
        if district is None:
            raise CommandError(f"no district with code {code!r} (see `jianfu communities`)")
        return district

    @staticmethod
    def _row(g) -> dict:
        return {
            "id": g.pk,
            "tag": g.attribute.name,
            "tag_code": g.attribute.code,
            "grantee": str(g.grantee),
            "role": g.role,
            "department": g.department.code if g.department_id else "",
            "legal_basis": g.legal_basis,
            "granted_at": g.granted_at.isoformat(),
            "revoked_at": g.revoked_at.isoformat() if g.revoked_at else None,
        }

    def _list(self, actor, opts):
        from jianfu.registry.models import SensitiveAccess
        from jianfu.registry.permissions import require_grant_sensitive

        require_grant_sensitive(actor)
        district = self._district(opts["district"])
        grants = SensitiveAccess.objects.filter(district=district).select_related("attribute", "department")
        return {"district": district.code, "grants": [self._row(g) for g in grants]}

    def _grant(self, actor, opts):
        from jianfu.orgs.models import Department
        from jianfu.registry import services
        from jianfu.registry.models import Attribute

        district = self._district(opts["district"])
        tag = Attribute.objects.filter(Q(code=opts["tag"]) | Q(name=opts["tag"])).first()
        if tag is None:
            raise CommandError(f"no tag {opts['tag']!r} in the data dictionary")
        department = None
        if opts["department"]:
            department = Department.objects.filter(district=district, code=opts["department"]).first()
            if department is None:
                raise CommandError(f"no department {opts['department']!r} in {district.name}")
        try:
            grant = services.sensitive_access_grant(
                actor=actor,
                district=district,
                attribute=tag,
                legal_basis=opts["basis"],
                role=opts["role"],
                department=department,
            )
        except services.RegistryError as exc:
            raise CommandError(str(exc)) from exc
        return {"grant": self._row(grant)}

    def _revoke(self, actor, opts):
        from jianfu.registry import services
        from jianfu.registry.models import SensitiveAccess

        grant = (
            SensitiveAccess.objects.select_related("attribute", "department").filter(pk=opts["id"]).first()
        )
        if grant is None:
            raise CommandError(f"no grant {opts['id']}")
        try:
            grant = services.sensitive_access_revoke(actor=actor, grant=grant, reason=opts["reason"])
        except services.RegistryError as exc:
            raise CommandError(str(exc)) from exc
        return {"grant": self._row(grant)}
