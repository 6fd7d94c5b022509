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
                          Also fails on punctuation that breaks docs/style-zh.md: ASCII : , ( ) next to Chinese in
                          a (Chinese) msgid, full-width ：，（）。；、 in an English msgstr, and full-width
                          punctuation in template text outside a tag (it would show on English pages: use
                          {% colon %}, {% lparen %} … from jianfu/core/templatetags/jianfu_format.py), a
                          full-width `|join:"、"` (use |listing), and a space between Chinese and a number
                          or placeholder (共 3 项, 共 %(n)s 项, {% translate "时限" %} {{ d }}).
  i18n.py update-project  refresh the project and core catalogues in place (then translate them).
"""

from __future__ import annotations

import os
import re
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


# --- punctuation (docs/style-zh.md) ---------------------------------------------------------------

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# ASCII colon, comma or parenthesis touching a Chinese character (an optional space between).
ASCII_NEXT_TO_CJK = re.compile(rf"[{CJK}] ?[:,()]|[:,()] ?[{CJK}]")
FULL_WIDTH = "：，（）。；、！？"
# Full-width punctuation with a non-Chinese neighbour: "Try：", "（PDF）", "Separate with 、,".
FULL_WIDTH_IN_ENGLISH = re.compile(
    rf"[^{CJK}{FULL_WIDTH}][{FULL_WIDTH}]|[{FULL_WIDTH}][^{CJK}{FULL_WIDTH}]|^[{FULL_WIDTH}]|[{FULL_WIDTH}]$"
)
# Spans where punctuation is quoted syntax or data, not prose: “名称:类型”, [开始日期, 结束日期], {name: 春节},
# `code`, 《document titles》, and python-format placeholders.
QUOTED = re.compile(
    r"“[^”]*”|「[^」]*」|\[[^\]]*\]|\{[^}]*\}|`[^`]*`|《[^》]*》|%\([a-z_0-9]+\)[sdf]|%[sd]"
    r"|\b[a-z_]+:"  # a key of a file format: district:, choice:
)
# A space between Chinese and a number or a placeholder (GB/T 15834, docs/style-zh.md): `共 3 项`,
# `共 %(n)s 项`, `第 {n} 行`; the placeholder stands for a number, a date or a Chinese name, none of which
# takes a space. Quoted syntax examples (“春节 2027-02-06 至 2027-02-13”) are skipped.
NUMBER_OR_PLACEHOLDER = r"(?:%\([a-z_0-9]+\)[sdf]|%[sd]|\{[a-z_0-9]*\}|[0-9])"
# The time after a prose date keeps its space: 2026年12月1日 14:30.
SPACE_BESIDE_NUMBER = re.compile(
    rf"([{CJK}]) +(?![0-9]{{1,2}}:[0-9]{{2}})({NUMBER_OR_PLACEHOLDER})|({NUMBER_OR_PLACEHOLDER}) +([{CJK}])"
)
QUOTED_EXAMPLE = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|`[^`]*`|\[[^\]]*\]|\{[^}]*[ :][^}]*\}")
TEMPLATE_TAG_OR_VAR = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
TEMPLATE_SKIP = re.compile(
    r"\{#.*?#\}|\{% *comment *%\}.*?\{% *endcomment *%\}|<script\b.*?</script>|<style\b.*?</style>"
    r"|\{% *blocktrans(?:late)?\b.*?\{% *endblocktrans(?:late)? *%\}",
    re.S,
)
TRANSLATE_CJK = rf"\{{% *trans(?:late)? +([\"'])[^\"']*[{CJK}][^\"']*\1[^%]*%\}}"
ASCII_BESIDE_TRANSLATE = re.compile(rf"{TRANSLATE_CJK} ?[:(,]|[(,] ?{TRANSLATE_CJK}")
# `{% translate "时限" %} {{ d }}`: the space is wrong in Chinese, needed in English.
# (The second copy of the translate pattern refers to its own quote group.)
TRANSLATE_SPACE_VALUE = re.compile(
    rf"{TRANSLATE_CJK} +(?:\{{\{{|[0-9])|(?:\}}\}}|[0-9]) +{TRANSLATE_CJK.replace(chr(92) + '1', chr(92) + '2')}"
)
# `|join:"、"` inside a variable: the Chinese separator would show on English pages too.
FULL_WIDTH_JOIN = re.compile(rf"\|\s*join\s*:\s*([\"'])[^\"']*[{FULL_WIDTH}][^\"']*\1")
TAG_FOR = {
    "：": "colon",
    "，": "comma",
    "、": "list_comma",
    "；": "semicolon",
    "。": "full_stop",
    "（": "lparen",
    "）": "rparen",
}


def unquoted(text: str) -> str:
    """The text with quoted examples blanked (same length, so positions still match)."""
    return QUOTED_EXAMPLE.sub(lambda m: "\0" * len(m.group(0)), text)


# Inline markup around a figure does not change the rule: `耗时 <strong>%(h)s</strong> 小时` is spaced too.
INLINE_TAG = re.compile(r"</?(?:strong|b|em|i|span|mark|code|small)\b[^>]*>")


def spaced_numbers(text: str) -> list[str]:
    """Each `共 3` / `%(n)s 项` of a Chinese text, outside quoted examples, inline tags left out."""
    return [m.group(0) for m in SPACE_BESIDE_NUMBER.finditer(unquoted(INLINE_TAG.sub("", text)))]


def po_entries(po: Path) -> list[tuple[str, str, int]]:
    """(msgid, msgstr, line) of each entry of a .po file (plural forms: the first)."""
    entries = []
    for match in re.finditer(
        r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n?)+)',
        po.read_text(),
        re.M,
    ):
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        msgstr = "".join(re.findall(r'"(.*)"', match.group(2)))
        line = po.read_text()[: match.start()].count("\n") + 1
        if msgid:
            entries.append((msgid, msgstr, line))
    return entries


def punctuation_in_po(po: Path, label: str) -> list[str]:
    found = []
    for msgid, msgstr, line in po_entries(po):
        if re.search(f"[{CJK}]", msgid) and ASCII_NEXT_TO_CJK.search(QUOTED.sub("", msgid)):
            found.append(
                f"{label}:{line}: ASCII punctuation next to Chinese in msgid (use ：，（）): {msgid[:80]}"
            )
        if re.search(f"[{CJK}]", msgid) and (spaced := spaced_numbers(msgid)):
            found.append(
                f"{label}:{line}: space between Chinese and a number or placeholder in msgid "
                f"({', '.join(repr(s) for s in spaced[:3])}; write 共3项, 共%(n)s项): {msgid[:80]}"
            )
        if msgstr and FULL_WIDTH_IN_ENGLISH.search(QUOTED.sub("", msgstr)):
            found.append(
                f"{label}:{line}: full-width punctuation in English msgstr (use : , ( )): {msgstr[:80]}"
            )
    return found


def template_text(source: str) -> str:
    """The literal text of a template: tags and variables become NUL, comments and scripts blank."""
    blanked = TEMPLATE_SKIP.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    return TEMPLATE_TAG_OR_VAR.sub(lambda m: "\0" + "\n" * m.group(0).count("\n"), blanked)


def punctuation_in_templates(pkg: Path) -> list[str]:
    found = []
    for path in sorted(pkg.glob("**/templates/**/*.html")):
        if "vendor" in path.parts:
            continue
        source = path.read_text()
        where = path.relative_to(pkg.parent)
        for number, line in enumerate(template_text(source).splitlines(), 1):
            for mark in sorted(set(re.findall(f"[{FULL_WIDTH}]", line))):
                tag = TAG_FOR.get(mark)
                fix = f"write {{% {tag} %}}" if tag else "put it inside the translated string"
                found.append(
                    f"{where}:{number}: full-width “{mark}” in template text shows on English pages: {fix}"
                )
        for match in FULL_WIDTH_JOIN.finditer(source):
            number = source[: match.start()].count("\n") + 1
            found.append(
                f"{where}:{number}: {match.group(0)!r} joins with a Chinese separator on English pages too: "
                'write |listing (、 / ", ") or |listing:"semicolon" (； / "; ")'
            )
        for match in TRANSLATE_SPACE_VALUE.finditer(source):
            number = source[: match.start()].count("\n") + 1
            found.append(
                f"{where}:{number}: a space between Chinese text and a value: {match.group(0)[:60]!r} "
                "(write {% colon %} between label and value, or {% blocktranslate %}共{{ n }}项{% endblocktranslate %})"
            )
        for number, line in enumerate(template_text(source).splitlines(), 1):
            if re.search(rf"[{CJK}] +(?:\x00|[0-9])|(?:\x00|[0-9]) +[{CJK}]", INLINE_TAG.sub("", line)):
                found.append(
                    f"{where}:{number}: a space between Chinese text and a number or value: remove it"
                )
        for match in ASCII_BESIDE_TRANSLATE.finditer(source):
            number = source[: match.start()].count("\n") + 1
            found.append(
                f"{where}:{number}: ASCII punctuation beside Chinese text: {match.group(0)[:60]!r} "
                "(use {% colon %}, {% lparen %}… or put it inside the string)"
            )
    return found


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
                where = str((cwd / PO).relative_to(tmp_root))
                if punctuation := punctuation_in_po(po, where):
                    problems.append("\n".join(punctuation))
        if punctuation := punctuation_in_templates(PKG):
            problems.append("\n".join(punctuation))
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
