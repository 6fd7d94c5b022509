"""Settings: production passes Django's deploy check; DATABASE_URL selects the database."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run_jianfu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jianfu", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Not the test run's own settings: no JIANFU_* and not the browser tests' async override.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("JIANFU_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update({"JIANFU_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jianfu.settings"}, **extra)
    return env


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = clean_env(
        tmp_path,
        JIANFU_PRODUCTION="1",
        JIANFU_SECRET_KEY=secrets.token_urlsafe(64),
        JIANFU_DEBUG="0",
        JIANFU_ALLOWED_HOSTS="jianfu.example.org",
        JIANFU_EMAIL_HOST="smtp.jianfu.example.org",
    )
    result = run_jianfu("check", "--deploy", "--fail-level", "WARNING", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "no issues" in output


def test_production_without_a_mail_server_is_refused(tmp_path):
    """Notifications need a real mailer in production: the deploy check names the missing setting."""
    env = clean_env(
        tmp_path,
        JIANFU_PRODUCTION="1",
        JIANFU_SECRET_KEY=secrets.token_urlsafe(64),
        JIANFU_DEBUG="0",
        JIANFU_ALLOWED_HOSTS="jianfu.example.org",
    )
    result = run_jianfu("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "mail.E001" in result.stdout + result.stderr


def test_development_settings_are_not_production_ready(tmp_path):
    """The deploy check really looks at the settings: without JIANFU_PRODUCTION it warns."""
    result = run_jianfu("check", "--deploy", "--fail-level", "WARNING", env=clean_env(tmp_path))
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


SHOW_DATABASE = (
    "from django.conf import settings; import json; d = settings.DATABASES['default']; "
    "print(json.dumps({k: d[k] for k in ('ENGINE', 'NAME', 'HOST', 'PORT', 'USER', 'CONN_MAX_AGE')}))"
)


def show_database(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW_DATABASE}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_database_url_selects_postgresql(tmp_path):
    env = clean_env(tmp_path, DATABASE_URL="postgres://jf:secret@db.example.org:6543/district")
    db = show_database(env)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"]) == ("district", "db.example.org", 6543, "jf")
    assert db["CONN_MAX_AGE"] == 60


def test_default_database_is_sqlite_in_the_data_dir(tmp_path):
    env = clean_env(tmp_path)
    env.pop("DATABASE_URL", None)
    db = show_database(env)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "jianfu.sqlite3")
    assert db["CONN_MAX_AGE"] == 60  # kept between requests: opening one costs more than a page


def test_the_run_uses_the_database_it_was_given():
    """The PostgreSQL run of `make test` really runs on PostgreSQL (and the SQLite run on SQLite)."""
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    assert expected in settings.DATABASES["default"]["ENGINE"]
