"""Issue 7, done when (CLI): every example roster imports untouched, every resident of it is in the
registry, and a fill for tag=残疾 and for tag=志愿者 lists nobody missing and nobody twice.

The rosters and their truth file are examples/ledgers/real-world (seeded generator, 20+ kinds of
mess). The worker only names the source and, the first time, the roster's tag; 志愿者 is not in
the shipped dictionary, so the district administrator creates it first (`jianfu tag create`).
"""

import io
import json
import tempfile
from pathlib import Path

import openpyxl
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from jianfu.core.testing import factories as f
from jianfu.fills.services import people_for_fill
from jianfu.ledgers.models import LedgerImport
from jianfu.orgs.models import Community
from jianfu.registry.tags import resolve_tag
from tests.acceptance.rosters import (
    COMMUNITY,
    ROOT,
    ROSTERS,
    check_fill,
    manifest,
    missing_residents,
    owners,
    people_of,
    truth,
)

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
TEMPLATE_HEADERS = ["序号", "姓名", "性别", "公民身份号码", "联系电话"]


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@override_settings(TASKS=IMMEDIATE, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class RealWorldRostersByCli(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        _call("load-org", str(ROOT / "examples" / "org.yaml"))
        cls.community = Community.objects.get(code=COMMUNITY)
        cls.worker = f.user("rw-worker", "community_worker", community=cls.community)
        cls.admin = f.user("rw-admin", "district_admin", district=cls.community.street.district)

    def import_all(self) -> tuple[dict[str, dict[int, dict]], list[str]]:
        created = json.loads(
            _call(
                "tag", "create", "志愿者", "--field", "服务时长:number", "--field", "服务队:text",
                "--user", self.admin.username, "--json",
            )
        )  # fmt: skip
        self.assertEqual(created["name"], "志愿者")
        outcomes: dict[str, dict[int, dict]] = {}
        refused: list[str] = []
        for i, entry in enumerate(manifest()):
            args = [str(ROSTERS / entry["file"]), "--source", entry["source"], "--community", COMMUNITY]
            if resolve_tag(entry.get("tag", "")) is not None:  # a tag the dictionary has
                args += ["--tag", entry["tag"]]
            try:
                data = json.loads(_call("import-ledger", *args, "--yes", "--json"))
            except CommandError as exc:
                refused.append(f"{entry['file']}: {exc}")
                continue
            outcomes[entry["file"]] = {r["row"]: r for r in data["row_results"]}
            if i == 0:  # the district declares the street's base list the population base register
                _call("source-rules", entry["source"], "--base-register", "--user", self.admin.username)
        return outcomes, refused

    def fill(self, where: str) -> list[str]:
        """Run `jianfu fill` for real; the pids of the population it filled (same filter, same scope)."""
        tmp = Path(tempfile.mkdtemp())
        template = tmp / "模板.xlsx"
        book = openpyxl.Workbook()
        book.active.append(TEMPLATE_HEADERS)
        book.save(template)
        out = tmp / "已填.xlsx"
        data = json.loads(
            _call(
                "fill", str(template), "--community", COMMUNITY, "--where", where, "-o", str(out),
                "--user", self.worker.username, "--json",
            )
        )  # fmt: skip
        people = list(people_for_fill(actor=self.worker, community=self.community, where=where))
        filled = openpyxl.load_workbook(out).active
        names = [r[1] for r in filled.iter_rows(min_row=2, values_only=True) if r[1]]
        self.assertEqual(len(names), len(people), data)
        self.assertEqual(sorted(names), sorted(p.name for p in people))
        return [p.pid for p in people]

    def test_import_every_roster_then_fill_by_tag(self):
        outcomes, refused = self.import_all()
        rows = truth()
        self.assertEqual(refused, [])
        self.assertEqual(LedgerImport.objects.filter(status="done").count(), len(manifest()))
        self.assertEqual(missing_residents(outcomes, rows), [])
        owner = owners(outcomes, rows)
        tagged: dict[str, set[str]] = {"残疾": set(), "志愿者": set()}
        for entry in manifest():
            tag = resolve_tag(entry.get("tag", ""))
            if tag is not None and tag.name in tagged:
                tagged[tag.name] |= people_of(entry["file"], rows)
        self.assertTrue(tagged["残疾"] and tagged["志愿者"])
        for name, expected in tagged.items():
            pids = self.fill(f"tag={name}")
            missing, twice, phantoms = check_fill(pids, expected, owner)
            self.assertEqual((missing, twice, phantoms), (set(), {}, []), name)
