"""Settings for the test suite (pytest's DJANGO_SETTINGS_MODULE): jianfu.settings with test defaults.

The defaults must be in place before jianfu.settings is imported, and pytest-django sets Django up
before any conftest.py runs, so they live here rather than in conftest.py:
- the data directory data/test (one per pytest-xdist worker), never the demo's ./data;
- background tasks run immediately (django.tasks ImmediateBackend), so no worker is needed.
The environment still wins (DATABASE_URL for the PostgreSQL run, JIANFU_* for special cases).
"""

import os
from pathlib import Path

_data = Path(__file__).resolve().parent.parent / "data" / "test"
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    _data = _data / worker
os.environ.setdefault("JIANFU_DATA_DIR", str(_data))
os.environ.setdefault("JIANFU_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

from jianfu.settings import *  # noqa: E402, F403

# Personas are created for every test class; the production hasher (PBKDF2, ~1 s a password on this
# machine) would dominate the suite. Passwords in tests protect nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Every test client comes from 127.0.0.1 and the cache lives for the whole run: the per-address
# limit on rejected API tokens would otherwise carry over from one test to the next. The tests of
# that limit set it themselves (override_settings).
JIANFU_BAD_TOKEN_PER_MINUTE = 100_000
