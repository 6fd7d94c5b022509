"""What the acceptance tests of issue 7 share: the example rosters, their truth, and their tags."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ROSTERS = ROOT / "examples" / "ledgers" / "real-world"
COMMUNITY = "420102001001"


def manifest(directory: Path = ROSTERS) -> list[dict[str, Any]]:
    return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))


def truth(directory: Path = ROSTERS) -> list[dict[str, str]]:
    with open(directory / "truth.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def people_of(file: str, rows: list[dict[str, str]]) -> set[str]:
    """The real people (truth ids) a roster names; a row naming nobody has no person."""
    return {r["person"] for r in rows if r["file"] == file and r["person"]}


def owners(outcomes: dict[str, dict[int, dict[str, Any]]], rows: list[dict[str, str]]) -> dict[str, str]:
    """Registry pid → the truth person most of its rows are."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        result = outcomes.get(r["file"], {}).get(int(r["row"]))
        if result and result.get("person") and r["person"]:
            votes[result["person"]][r["person"]] += 1
    return {pid: c.most_common(1)[0][0] for pid, c in votes.items()}


def missing_residents(
    outcomes: dict[str, dict[int, dict[str, Any]]], rows: list[dict[str, str]]
) -> list[str]:
    """Truth rows naming somebody that did not reach a person in the registry."""
    lost = []
    for r in rows:
        if not r["person"]:
            continue
        result = outcomes.get(r["file"], {}).get(int(r["row"]))
        if not result or result["status"] not in ("created", "linked") or not result.get("person"):
            lost.append(
                f"{r['file']} row {r['row']} ({r['person']}): {result['status'] if result else 'missing'}"
            )
    return lost


def check_fill(
    listed_pids: list[str], expected: set[str], owner: dict[str, str]
) -> tuple[set[str], dict[str, int], list[str]]:
    """(missing truth people, truth people listed more than once, listed pids nobody is)."""
    listed = Counter(owner.get(pid, "") for pid in listed_pids)
    phantoms = [pid for pid in listed_pids if pid not in owner]
    twice = {person: n for person, n in listed.items() if person and n > 1}
    return expected - set(listed), twice, phantoms
