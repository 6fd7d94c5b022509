"""Linkage quality on real-world rosters: precision, recall, rows rejected, outcome per kind of mess.

    python bench/bench_linkage_quality.py [--dir DIR] [--seed N] [--json]

Builds a fresh registry (a throw-away SQLite database), imports the roster set in manifest order
(the street's base list first) exactly as a worker would — the proposed header mapping confirmed
unchanged, the roster's tag if the dictionary has it — and compares every row's outcome with the
truth file (`truth.csv`: file, Excel row, the person the row really is, its kinds of mess).

- `--dir`: a roster set with `manifest.json` and `truth.csv` (default: examples/ledgers/real-world);
- `--seed`: generate a fresh set with examples/ledgers/real-world/generate.py and that seed into a
  temporary folder first (rosters the importer has never seen).

Figures (targets from issue 7):
- pairwise precision: of the pairs of rows the registry put on one person, the share that really
  are one person (≥ 0.995);
- pairwise recall: of the pairs of rows that really are one person, the share the registry put on
  one person (≥ 0.97); rows waiting in review or rejected count as not linked;
- rows rejected, and of those how many named somebody (target 0: reject only rows naming nobody);
- per kind of mess: rows, right person, wrong person, waiting in review, rejected.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "examples" / "ledgers" / "real-world"
COMMUNITY = "420102001001"
BASE_PRIORITY = 90  # the population base register outranks department rosters (50)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark in a fresh process on a throw-away SQLite database."""
    argv = sys.argv[1:] if argv is None else argv
    if "--inner" in argv:
        _inner([a for a in argv if a != "--inner"])
        return
    tmp = tempfile.mkdtemp(prefix="jianfu-bench-linkq-")
    env = {
        **os.environ,
        "JIANFU_DATA_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "jianfu.settings",
        "JIANFU_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        subprocess.run([sys.executable, __file__, "--inner", "--tmp", tmp, *argv], env=env, check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _roster_dir(args: argparse.Namespace) -> Path:
    if args.seed is None:
        return args.dir
    out = Path(args.tmp) / f"rosters-{args.seed}"
    subprocess.run(
        [sys.executable, str(DEFAULT_DIR / "generate.py"), "--seed", str(args.seed), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def _setup() -> Any:
    from django.core.management import call_command

    from jianfu.orgs.models import Community

    call_command("migrate", verbosity=0)
    call_command("load-org", str(ROOT / "examples" / "org.yaml"), verbosity=0, stdout=io.StringIO())
    return Community.objects.get(code=COMMUNITY)


def _tag(name: str) -> Any:
    from jianfu.registry.models import Attribute

    if not name:
        return None
    for attribute in Attribute.objects.filter(type="tag"):
        if name == attribute.name or name in attribute.synonyms:
            return attribute
    return None


def _source(entry: dict[str, Any], first: bool) -> Any:
    from jianfu.orgs.models import Department
    from jianfu.registry.choices import SourceKind
    from jianfu.registry.models import Source

    department = Department.objects.filter(name=entry.get("department") or "").first()
    source, _created = Source.objects.get_or_create(
        name=entry["source"],
        defaults={
            "kind": SourceKind.DEPARTMENT if first else SourceKind.LEDGER,
            "priority": BASE_PRIORITY if first else 50,
            "department": department,
        },
    )
    if first and hasattr(source, "is_base_register") and not source.is_base_register:
        source.is_base_register = True  # the population base register: authoritative for identity
        source.save(update_fields=["is_base_register"])
    return source


def _import(path: Path, entry: dict[str, Any], community: Any, first: bool) -> dict[int, dict[str, Any]]:
    """Row number → result entry; {} when the file was refused (every row then counts as lost)."""
    from jianfu.ledgers.services import (
        LedgerError,
        ledger_import_confirm,
        ledger_import_run,
        ledger_import_upload,
    )

    label = "bench:linkage-quality"
    try:
        imp = ledger_import_upload(
            actor=label,
            community=community,
            source=_source(entry, first),
            path=path,
            file_name=path.name,
            actor_label=label,
        )
        table = imp.table
        imp = ledger_import_confirm(
            actor=label, ledger_import=imp, tag=_tag(entry.get("tag", "")), enqueue=False
        )
        ledger_import_run(ledger_import=imp, actor=label, path=path, table=table)
        imp.refresh_from_db()
    except LedgerError as exc:
        print(f"  REFUSED {path.name}: {exc}")
        return {}
    return {r["row"]: r for r in imp.results}


def measure(roster_dir: Path, community: Any) -> dict[str, Any]:
    manifest = json.loads((roster_dir / "manifest.json").read_text(encoding="utf-8"))
    with open(roster_dir / "truth.csv", encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    outcomes: dict[str, dict[int, dict[str, Any]]] = {}
    started = time.perf_counter()
    for i, entry in enumerate(manifest):
        outcomes[entry["file"]] = _import(roster_dir / entry["file"], entry, community, first=i == 0)
    seconds = time.perf_counter() - started
    rows = []
    for t in truth:
        result = outcomes.get(t["file"], {}).get(int(t["row"]))
        status = result["status"] if result else "missing"
        pid = result.get("person") if result and status in ("created", "linked") else None
        rows.append({**t, "status": status, "pid": pid, "kinds": [k for k in t["kinds"].split(";") if k]})
    # the person each registry record "is": the truth most of its rows carry
    by_pid: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r["pid"]:
            by_pid[r["pid"]][r["person"]] += 1
    owner = {pid: c.most_common(1)[0][0] for pid, c in by_pid.items()}
    # pairwise precision and recall
    by_truth: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["person"]:
            by_truth[r["person"]].append(r)
    refused = {f for f, o in outcomes.items() if not o}
    true_pairs = found_pairs = read_pairs = read_found = 0
    for group in by_truth.values():
        for a, b in combinations(group, 2):
            same = bool(a["pid"] and a["pid"] == b["pid"])
            true_pairs += 1
            found_pairs += same
            if a["file"] not in refused and b["file"] not in refused:
                read_pairs += 1
                read_found += same
    linked_pairs = correct_pairs = 0
    by_pid_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["pid"]:
            by_pid_rows[r["pid"]].append(r)
    for group in by_pid_rows.values():
        for a, b in combinations(group, 2):
            linked_pairs += 1
            correct_pairs += bool(a["person"] and a["person"] == b["person"])
    # per row and per kind of mess
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for r in rows:
        if not r["person"]:
            outcome = (
                "rejected (names nobody)"
                if r["status"] in ("rejected", "missing")
                else "imported (names nobody)"
            )
        elif r["pid"]:
            outcome = "right" if owner[r["pid"]] == r["person"] else "wrong"
        else:
            outcome = r["status"]  # review | rejected | missing
        totals[outcome] += 1
        for kind in r["kinds"] or ["clean"]:
            per_kind[kind][outcome] += 1
        per_kind["(all rows)"][outcome] += 1
    # a truth person split over two registry records
    records_per_person = Counter(owner.values())
    return {
        "files": len(manifest),
        "refused_files": [f for f, o in outcomes.items() if not o],
        "rows": len(rows),
        "seconds": round(seconds, 1),
        "precision": correct_pairs / linked_pairs if linked_pairs else 1.0,
        "recall": found_pairs / true_pairs if true_pairs else 1.0,
        "recall_read_files": read_found / read_pairs if read_pairs else 1.0,
        "pairs": {"linked": linked_pairs, "correct": correct_pairs, "true": true_pairs, "found": found_pairs},
        "split": sorted(person for person, n in records_per_person.items() if n > 1)[:30],
        "rows_rejected": sum(1 for r in rows if r["status"] == "rejected"),
        "rows_rejected_naming_somebody": sum(1 for r in rows if r["status"] == "rejected" and r["person"]),
        "rows_in_review": sum(1 for r in rows if r["status"] == "review"),
        "people_split": sum(1 for n in records_per_person.values() if n > 1),
        "totals": dict(totals),
        "per_kind": {k: dict(v) for k, v in sorted(per_kind.items())},
        "wrong_rows": [
            {
                "file": r["file"],
                "row": r["row"],
                "person": r["person"],
                "registry_says": owner.get(r["pid"] or ""),
            }
            for r in rows
            if r["pid"] and r["person"] and owner[r["pid"]] != r["person"]
        ][:30],
    }


def _print(report: dict[str, Any], roster_dir: Path) -> None:
    print(
        f"roster set: {roster_dir} ({report['files']} files, {report['rows']} rows, imported in {report['seconds']} s)"
    )
    if report["refused_files"]:
        print(f"refused files: {', '.join(report['refused_files'])}")
    print(f"precision (pairwise): {report['precision']:.4f} (target: >= 0.995)")
    print(f"recall (pairwise): {report['recall']:.4f} (target: >= 0.97)")
    if report["refused_files"]:
        print(f"recall (pairwise) among the files that were read: {report['recall_read_files']:.4f}")
    print(
        f"rows rejected: {report['rows_rejected']}, of which naming somebody: "
        f"{report['rows_rejected_naming_somebody']} (target: 0)"
    )
    print(
        f"rows waiting in review: {report['rows_in_review']}; people split over two records: {report['people_split']}"
    )
    columns = [
        "right",
        "wrong",
        "review",
        "rejected",
        "missing",
        "rejected (names nobody)",
        "imported (names nobody)",
    ]
    print(
        f"{'kind of mess':<24}{'rows':>6}"
        + "".join(f"{c.split(' ')[0] + ('*' if 'nobody' in c else ''):>10}" for c in columns)
    )
    for kind, counts in report["per_kind"].items():
        n = sum(counts.values())
        print(f"{kind:<24}{n:>6}" + "".join(f"{counts.get(c, 0):>10}" for c in columns))
    print("(* rows that name nobody: rejected is right, imported is wrong)")
    if report["split"]:
        print(f"  split over two records: {', '.join(report['split'])}")
    for w in report["wrong_rows"]:
        print(
            f"  wrong: {w['file']} row {w['row']}: truth {w['person']}, registry record of {w['registry_says']}"
        )


def _inner(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--tmp", default=tempfile.gettempdir())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    roster_dir = _roster_dir(args)
    community = _setup()
    report = measure(roster_dir, community)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(report, roster_dir)


if __name__ == "__main__":
    main()
