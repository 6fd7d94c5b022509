"""`jianfu import-ledger FILE --source NAME --community CODE [--sheet NAME] [--map "HEADER=attribute" ...]
[--map-file FILE.yaml] [--dry-run] [--yes] [--json]`.

Runs as the system (no login): the audit rows name the OS user who ran it. Bad input writes
nothing. The registry writes are staged in short transactions and published a chunk of people per
short transaction, so other requests keep being answered while a large import runs; a crash
before publishing leaves the registry as it was, one while publishing leaves the chunks already
published (the import is marked failed; importing again links to them and adds the rest). `--dry-run` does everything in that transaction and rolls it back: it prints the mapping and each
row's outcome (created / linked / review / rejected, with the reasons) and writes nothing at all.
"""

import contextlib
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.batchgc import rare_collections
from jianfu.core.permissions import system_actor
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX
from jianfu.ledgers.cli_mapping import parse_map_options, read_map_file, resolve_map
from jianfu.ledgers.services import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_run,
    ledger_import_upload,
)
from jianfu.ledgers.tagging import SOURCE_DEFAULT
from jianfu.orgs.models import Community
from jianfu.registry.models import Attribute
from jianfu.registry.services import source_for_ledger
from jianfu.registry.tags import resolve_tag


def _target_label(target: str, names: dict[str, str]) -> str:
    if target == IGNORE:
        return _("（不导入）")
    if target.startswith(NEW_PREFIX):
        return _("新字段“%(name)s”") % {"name": target[len(NEW_PREFIX) :]}
    return f"{names.get(target, target)} [{target}]"


def _problem_out(problem: dict[str, str]) -> dict[str, str]:
    """A value problem without the value as written (it may be an ID number or a phone)."""
    return {k: problem[k] for k in ("column", "attribute", "kind", "message")}


class DryRun(Exception):
    """Raised at the end of a --dry-run to roll the whole import back, carrying what it would have done."""

    def __init__(self, imp: Any, summary: dict, columns: list[dict[str, str]]) -> None:
        super().__init__("dry run")
        self.imp, self.summary, self.columns = imp, summary, columns


class Command(BaseCommand):
    help = "Import a department ledger (xlsx/xls/ods/csv) into a community's registry."
    # Django's system checks import every URL module and API router first: seconds of CPU before
    # the import starts, for checks that `jianfu check` and CI run (the background worker runs
    # imports without them too)
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--source", required=True, help="Source name (e.g. 区民政局低保名册); created if new."
        )
        parser.add_argument("--community", required=True, help="Community code (see `jianfu communities`).")
        parser.add_argument("--sheet", default=None)
        parser.add_argument(
            "--tag",
            default=None,
            help="Tag every row has (code or name, e.g. 低保); default: the source's remembered tag.",
        )
        parser.add_argument("--no-tag", action="store_true", help="Do not apply the source's remembered tag.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=ATTRIBUTE",
            help='Say what a column is: --map "户主姓名=姓名" (attribute by code or name; 不导入; 新字段:名称).',
        )
        parser.add_argument("--map-file", default=None, help="YAML file of 表头: 字段 lines (same as --map).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the mapping and each row's outcome; write nothing."
        )
        parser.add_argument("--yes", action="store_true", help="Accept the proposed mapping without asking.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **opts: Any) -> None:
        # reading the file and printing 100,000 row results build as many objects as the import
        with rare_collections():
            self._handle(opts)

    def _handle(self, opts: dict[str, Any]) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        community = Community.objects.filter(code=opts["community"]).first()
        if community is None:
            raise CommandError(
                _("没有代码为“%(code)s”的社区。运行 `jianfu communities` 查看所有社区代码。")
                % {"code": opts["community"]}
            )
        tag: Any = None if opts["no_tag"] else SOURCE_DEFAULT
        if opts["tag"]:
            tag = resolve_tag(opts["tag"])
            if tag is None:
                raise CommandError(
                    _("没有名为“%(tag)s”的标签。用 `jianfu tag list` 查看，或用 `jianfu tag create` 新建。")
                    % {"tag": opts["tag"]}
                )
        try:
            pairs = parse_map_options(opts["map"])
            if opts["map_file"]:
                map_path = Path(opts["map_file"])
                if not map_path.is_file():
                    raise CommandError(_("找不到映射文件：%(path)s") % {"path": map_path})
                pairs += read_map_file(map_path)
        except LedgerError as exc:
            raise CommandError(str(exc)) from exc
        interactive = sys.stdin.isatty()
        if opts["dry_run"]:
            opts["yes"] = True  # nothing is written: there is nothing to confirm
        if not opts["yes"] and opts["json"] and not interactive:
            raise CommandError(_("--json 且没有终端可供确认：请加 --yes 接受建议的表头映射。"))
        label = system_actor(f"jianfu import-ledger ({getpass.getuser()})")
        # A dry run writes inside one transaction it rolls back. A real import commits the upload
        # and mapping (one transaction: a refused file or a declined mapping writes nothing), then
        # runs: the import stages its writes in short transactions and publishes them a chunk at a
        # time, so other requests keep being answered (a failed run is left FAILED, with a retry).
        outer = transaction.atomic() if opts["dry_run"] else contextlib.nullcontext()
        try:
            with outer:
                with transaction.atomic():
                    source = source_for_ledger(name=opts["source"])
                    imp = ledger_import_upload(
                        actor=label,
                        community=community,
                        source=source,
                        path=path,
                        file_name=path.name,
                        sheet=opts["sheet"],
                        actor_label=str(label),
                    )
                    table = imp.table
                    mapping = resolve_map(pairs, imp.columns)
                    if not opts["yes"]:
                        self._confirm(imp, interactive, mapping)
                    imp = ledger_import_confirm(
                        actor=label, ledger_import=imp, mapping=mapping, tag=tag, enqueue=False
                    )
                # the run leaves its per-row results on `imp`: no reading back 100,000 rows' JSON
                summary = ledger_import_run(ledger_import=imp, actor=label, path=path, table=table)
                columns = self._mapping_out(imp)
                if opts["dry_run"]:
                    raise DryRun(imp, summary, columns)
        except DryRun as dry:
            imp, summary, columns = dry.imp, dry.summary, dry.columns
        except LedgerError as exc:
            raise CommandError(str(exc)) from exc
        results = [
            {
                "row": r["row"],
                "status": r["status"],
                "person": r["person"],
                "errors": r["errors"],
                "problems": [_problem_out(x) for x in problems] if (problems := r.get("problems")) else [],
                "warnings": r.get("warnings", []),
            }
            for r in imp.results
        ]
        out = {
            "dry_run": bool(opts["dry_run"]),
            "mapping": columns,
            "rows": summary["rows"],
            "created": summary["created"],
            "linked": summary["linked"],
            "review": summary["review"],
            "rejected": summary["rejected"],
            "tags": summary.get("tags", []),
            "row_results": results,
        }
        if opts["dry_run"]:  # a created row's person does not exist: no identifier to show
            for r in results:
                r["person"] = r["person"] if r["status"] == "linked" else None
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        if opts["dry_run"]:
            self.stdout.write(_("试运行（--dry-run）：以下是导入的结果预览，没有写入任何数据。"))
            for col in columns:
                self.stdout.write(f"  {col['letter']:>3}  {col['header']}  →  {col['target']}")
            for r in results:
                reasons = "; ".join([*r["errors"], *(x["message"] for x in r["problems"]), *r["warnings"]])
                self.stdout.write(
                    _("第%(row)d行：%(status)s%(reasons)s")
                    % {"row": r["row"], "status": r["status"], "reasons": f"（{reasons}）" if reasons else ""}
                )
        self.stdout.write(
            _("共%(rows)d行：新建%(created)d，关联%(linked)d，待核对%(review)d，拒收%(rejected)d。") % out
        )
        for given in summary.get("tags", []):
            self.stdout.write(given["why"])
        for r in results:
            if r["errors"]:
                self.stdout.write("; ".join(r["errors"]))
            if r["problems"]:
                self.stdout.write(
                    _("第%(row)d行已导入，以下值未核验：") % {"row": r["row"]}
                    + "; ".join(x["message"] for x in r["problems"])
                )
            if r["warnings"]:
                self.stdout.write("; ".join(r["warnings"]))
        if summary.get("ignored_columns"):
            self.stdout.write(_("未导入的列：%(cols)s") % {"cols": "、".join(summary["ignored_columns"])})

    def _mapping_out(self, imp: Any) -> list[dict[str, str]]:
        names = dict(Attribute.objects.values_list("code", "name"))
        return [
            {
                "letter": c["letter"],
                "header": c["header"],
                "attribute": imp.mapping.get(c["key"], IGNORE),
                "target": _target_label(imp.mapping.get(c["key"], IGNORE), names),
            }
            for c in imp.columns
        ]

    def _confirm(self, imp: Any, interactive: bool, mapping: dict[str, str] | None = None) -> None:
        names = dict(Attribute.objects.values_list("code", "name"))
        out = self.stderr if not interactive else self.stdout
        out.write(
            _("建议的表头映射（工作表“%(sheet)s”，%(rows)d行）：")
            % {"sheet": imp.sheet, "rows": imp.rows_total}
        )
        for col in imp.columns:
            target = (mapping or {}).get(col["key"]) or col["proposed"]
            out.write(f"  {col['letter']:>3}  {col['header']}  →  {_target_label(target, names)}")
        out.write(_("确认导入？[y/N] "), ending="")
        out.flush()
        answer = sys.stdin.readline().strip().lower()
        if answer not in {"y", "yes", "是"}:
            raise LedgerError(_("已取消，未写入任何数据。"))
