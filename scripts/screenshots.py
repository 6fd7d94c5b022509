#!/usr/bin/env python3
"""Capture PNGs of a running demo (`make demo`) into docs/screenshots/ with Playwright + Debian chromium.

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--password PW]

Signs in as the demo users and saves one picture per page: every role's home page (its to-dos) on a
desktop and on a phone, then the main pages. A page that does not exist yet (404) or fails is
reported and skipped, so the script works while the product grows. Logins default to the demo users
that `jianfu seed-demo` creates; override with --login role=username. PNGs over MAX_BYTES are
re-encoded with a 256-colour palette (Pillow) so the README stays light.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("JIANFU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm; chromium then crashes
]

# role -> demo username (from `jianfu seed-demo`)
LOGINS = {
    "worker": "minyi_worker",
    "grid": "minyi_grid01",
    "head": "minyi_head",
    "officer": "dazhi_office",
    "district": "district_office",
    "dept": "mzj_dept",
    "admin": "admin",
    "inspector": "mzj_inspector",
    "resident": "minyi_resident",
}

# every role's home page, desktop and phone: (file stem, role or None for an anonymous visitor)
HOMES = [
    ("worker", "worker"),
    ("grid", "grid"),
    ("head", "head"),
    ("street-office", "officer"),
    ("district-office", "district"),
    ("admin", "admin"),
    ("department", "dept"),
    ("inspector", "inspector"),
    ("resident", "resident"),
    ("visitor", None),
]

# (file name, role or None for anonymous, path, viewport "desktop"|"phone"); desktop shots are full
# page up to MAX_HEIGHT pixels.
SHOTS = [
    *[(f"home-{stem}", role, "/", "desktop") for stem, role in HOMES],
    *[(f"phone-home-{stem}", role, "/", "phone") for stem, role in HOMES],
    ("01-login", None, "/accounts/login/", "desktop"),
    ("03-registry", "worker", "/registry/", "desktop"),
    ("04-ledger-imports", "worker", "/ledgers/", "desktop"),
    ("05-review-queue", "worker", "/ledgers/review/", "desktop"),
    ("06-fills", "worker", "/fills/", "desktop"),
    ("07-gate-tasks", "officer", "/gate/", "desktop"),
    ("08-burden-dashboard", "officer", "/burden/", "desktop"),
    ("09-certificate-desk", "worker", "/certificates/", "desktop"),
    ("10-work-lists", None, "/catalog/", "desktop"),
    ("11-api-docs", None, "/api/v1/docs", "desktop"),
    ("12-phone-registry", "worker", "/registry/", "phone"),
    ("13-inspections", "officer", "/inspections/", "desktop"),
    ("14-resident-requests", "grid", "/casework/", "desktop"),
    ("15-report-a-problem", None, "/casework/report/", "phone"),
    ("16-digital-register", "district", "/digital/", "desktop"),
    ("17-meetings", "district", "/meetings/", "desktop"),
    ("18-campaigns", "district", "/campaigns/", "desktop"),
    ("19-scorecard", "district", "/scorecard/", "desktop"),
    ("20-phone-ledger-upload", "worker", "/ledgers/", "phone"),
]
MAX_HEIGHT = 2400
MAX_BYTES = 250_000
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def shrink(path: Path) -> None:
    """Re-encode a PNG over MAX_BYTES with a 256-colour palette (screenshots are flat UI colours)."""
    if path.stat().st_size <= MAX_BYTES:
        return
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default=os.environ.get("JIANFU_DEMO_PASSWORD", "jianfu-demo-2026"))
    parser.add_argument("--login", action="append", default=[], help="role=username, e.g. worker=wang")
    parser.add_argument("--only", action="append", default=[], help="only shots whose name contains this")
    args = parser.parse_args()
    logins = dict(LOGINS)
    for item in args.login:
        role, _, username = item.partition("=")
        logins[role] = username

    from playwright.sync_api import BrowserContext, sync_playwright
    from playwright.sync_api import Error as PlaywrightError

    OUT.mkdir(parents=True, exist_ok=True)
    failures = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        contexts: dict[tuple[str | None, str], BrowserContext] = {}
        for name, role, path, viewport in SHOTS:
            if args.only and not any(o in name for o in args.only):
                continue
            key = (role, viewport)
            if key not in contexts:
                context = browser.new_context(locale="zh-CN", **VIEWPORTS[viewport])
                if role is not None:
                    page = context.new_page()
                    page.goto(f"{args.base_url}/accounts/login/")
                    page.fill("#id_username", logins[role])
                    page.fill("#id_password", args.password)
                    page.click("button[type=submit]")
                    page.wait_for_load_state("networkidle")
                    if "/accounts/login" in page.url:
                        print(f"{name}: could not sign in as {logins[role]!r}", file=sys.stderr)
                    page.close()
                contexts[key] = context
            context = contexts[key]
            page = context.new_page()
            try:
                response = page.goto(f"{args.base_url}{path}", wait_until="networkidle")
                if response is None or response.status >= 400:
                    status = response.status if response else "no response"
                    print(f"{name}: {path} answered {status}; skipped", file=sys.stderr)
                    failures += 1
                    continue
                if path.startswith("/api/"):
                    page.wait_for_selector(".opblock-tag", timeout=30000)  # Swagger UI has rendered
                page.wait_for_timeout(500)  # let charts finish their animation
                target = OUT / f"{name}.png"
                if viewport == "desktop":
                    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
                    page.set_viewport_size(
                        {"width": VIEWPORTS[viewport]["viewport"]["width"], "height": height}
                    )
                page.screenshot(path=str(target))
                shrink(target)
                size = target.stat().st_size // 1000
                print(f"{name}: {target.relative_to(ROOT)} ({size} KB)")
            except PlaywrightError as exc:
                print(f"{name}: {path} failed: {exc}", file=sys.stderr)
                failures += 1
            finally:
                page.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
