#!/usr/bin/env python3
"""Translation tooling: one English catalogue per app, plus the project catalogue.

Catalogues ("units"):
- every app with a `locale/` directory: jianfu/<app>/locale/en/LC_MESSAGES/django.po, made by running
  makemessages inside jianfu/<app> (owned by that app's engineer);
- the project catalogue jianfu/locale/en/LC_MESSAGES/django.po (settings.LOCALE_PATHS): the strings
  outside any app: jianfu/templates (base.html), jianfu/sheets and the top-level modules.

Commands:
  i18n.py check           fail when a catalogue has an untranslated or fuzzy entry, when makemessages
                          would add msgids it does not have yet, or when an app has translatable strings
                          but no catalogue. Works on a temporary copy: nothing in the tree changes.
  i18n.py update-project  refresh the project and core catalogues in place (then translate them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "jianfu"
PO = Path("locale/en/LC_MESSAGES/django.po")
# Apps whose catalogues `update-project` refreshes besides the project catalogue.
OWN_APPS = ["core"]


def apps(pkg: Path) -> list[str]:
    return sorted(p.parent.name for p in pkg.glob("*/apps.py"))


def makemessages(cwd: Path, pythonpath: Path, ignore: list[str], data_dir: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath)
    env["DJANGO_SETTINGS_MODULE"] = "jianfu.settings"
    env["JIANFU_DATA_DIR"] = str(data_dir)
    env.setdefault("JIANFU_SECRET_KEY", "i18n-" + "x" * 60)
    # -P: the app directory is the working directory and has a selectors.py that would shadow the stdlib.
    cmd = [sys.executable, "-P", "-m", "jianfu", "makemessages", "-l", "en", "--no-obsolete"]
    for pattern in ignore:
        cmd += ["--ignore", pattern]
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def msgattrib(po: Path, flag: str) -> str:
    out = subprocess.run(  # noqa: S603
        ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # msgattrib prints the header entry along with any match; only real entries count.
    entries = [block for block in out.split("\n\n") if block.strip() and 'msgid ""\nmsgstr ""' not in block]
    return "\n\n".join(entries)


def project_ignores(pkg: Path) -> list[str]:
    return [*apps(pkg), "static"]


def msgids(entries: str) -> list[str]:
    """The msgids of msgattrib output, one line each."""
    ids = []
    for block in entries.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        text = "".join(
            line.split(" ", 1)[1] if line.startswith("msgid ") else line
            for line in lines
            if line.startswith(("msgid ", '"')) and not line.startswith("msgstr")
        )
        ids.append(text.replace('""', ""))
    return ids


def problems_in(po: Path, label: str, show: int = 8) -> list[str]:
    problems = []
    for flag, what in [
        ("--untranslated", "untranslated or new msgids (empty msgstr): translate them"),
        ("--only-fuzzy", "fuzzy entries: check the translation and remove '#, fuzzy'"),
    ]:
        if entries := msgattrib(po, flag):
            ids = msgids(entries)
            listed = "\n".join(f"    {i}" for i in ids[:show])
            more = f"\n    ... and {len(ids) - show} more" if len(ids) > show else ""
            problems.append(f"{label}: {len(ids)} {what}\n{listed}{more}")
    return problems


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="jianfu-i18n-") as tmp:
        tmp_root = Path(tmp)
        copy = tmp_root / "jianfu"
        shutil.copytree(
            PKG, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "vendor", "node_modules")
        )
        data_dir = tmp_root / "data"
        units: list[tuple[str, Path, list[str]]] = [("jianfu/locale (project)", copy, project_ignores(copy))]
        for app in apps(copy):
            if (copy / app / "locale").is_dir():
                units.append((f"jianfu/{app}/{PO}", copy / app, []))
            else:
                # No catalogue: fine only when the app has no translatable strings.
                (copy / app / "locale" / "en").mkdir(parents=True)
                makemessages(copy / app, tmp_root, [], data_dir)
                po = copy / app / PO
                if po.exists() and msgattrib(po, "--untranslated"):
                    problems.append(
                        f"jianfu/{app}: has translatable strings but no {PO} — run "
                        f"`mkdir -p jianfu/{app}/locale/en && cd jianfu/{app} && "
                        "../../.venv/bin/jianfu makemessages -l en --no-obsolete` and translate"
                    )
        for label, cwd, ignore in units:
            po = cwd / PO
            if not po.exists():
                (cwd / "locale" / "en").mkdir(parents=True, exist_ok=True)
            makemessages(cwd, tmp_root, ignore, data_dir)
            if po.exists():
                problems += problems_in(po, label)
    for problem in problems:
        print(problem, end="\n\n", file=sys.stderr)
    if problems:
        print(f"i18n-check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("i18n-check: every catalogue is complete")
    return 0


def update_project() -> int:
    with tempfile.TemporaryDirectory(prefix="jianfu-i18n-") as tmp:
        (PKG / "locale" / "en").mkdir(parents=True, exist_ok=True)
        makemessages(PKG, ROOT, project_ignores(PKG), Path(tmp))
        for app in OWN_APPS:
            (PKG / app / "locale" / "en").mkdir(parents=True, exist_ok=True)
            makemessages(PKG / app, ROOT, [], Path(tmp))
    problems = []
    for po in [PKG / PO, *(PKG / app / PO for app in OWN_APPS)]:
        problems += problems_in(po, str(po.relative_to(ROOT)))
    for problem in problems:
        print(problem, end="\n\n")
    return 0


if __name__ == "__main__":
    commands = {"check": check, "update-project": update_project}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
