"""The `jianfu` console script on a database whose tables were never created: a clear line, no traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

ROOT = Path(__file__).resolve().parents[3]


def _jianfu(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jianfu.settings", "JIANFU_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # the default: a SQLite file in the (empty) data directory
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "jianfu", *args], env=env, capture_output=True, text=True, check=False
    )


def test_a_command_that_needs_tables_says_how_to_create_them(tmp_path):
    out = _jianfu(tmp_path, "meetings", "alerts", "--json")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "is not set up" in out.stderr and "jianfu migrate" in out.stderr and "make demo" in out.stderr
    assert str(tmp_path / "jianfu.sqlite3") in out.stderr


def test_the_meeting_check_needs_no_database(tmp_path):
    out = _jianfu(
        tmp_path,
        "meetings",
        "check",
        "--title",
        "关于召开推进会的通知",
        "--text",
        "请各社区党委书记、居委会主任于12月10日下午到区政府会议室参加会议，听取区城管局部署。",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    assert {"meeting_no_approval", "meeting_accompany"} <= set(json.loads(out.stdout)["violations"])


def test_a_document_check_without_a_district_says_its_catalog_is_empty(tmp_path):
    out = _jianfu(
        tmp_path,
        "meetings",
        "check",
        "--kind",
        "document",
        "--title",
        "关于开展普查的通知",
        "--text",
        "请各社区填写附件表格。",
        "--attachment",
        "附件1：入户登记表.xlsx",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    assert "empty form catalog" in out.stderr and "--district" in out.stderr


@pytest.mark.parametrize(
    ("message", "clear"),
    [
        ("no such table: orgs_district", True),
        ('relation "orgs_district" does not exist', True),
        ("database is locked", False),  # not a missing set-up: raised as it is
        ('column "x" does not exist', False),  # a schema bug, not a database without tables
    ],
)
def test_only_a_database_without_tables_is_turned_into_the_line(message, clear, monkeypatch):
    from jianfu import __main__ as console

    monkeypatch.setattr(sys, "argv", ["jianfu", "meetings", "alerts"])
    with mock.patch(
        "django.core.management.execute_from_command_line", side_effect=OperationalError(message)
    ):
        if clear:
            with pytest.raises(SystemExit) as exc:
                console.main()
            assert "jianfu migrate" in str(exc.value.code) and message in str(exc.value.code)
        else:
            with pytest.raises(OperationalError):
                console.main()


def test_the_meeting_check_raises_a_database_error_that_is_not_a_missing_set_up(monkeypatch):
    from django.core.management import call_command

    from jianfu.orgs.models import District

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(District.objects, "all", locked)
    with pytest.raises(OperationalError):
        call_command("meetings", "check", "--title", "关于召开推进会的通知", "--text", "请各社区书记参会。")
