"""Sign-in with throttling: what django-axes (and our audit row per failure) add to one sign-in.

Posts the real sign-in form through Django's test client on a throwaway test database (in-memory
SQLite unless DATABASE_URL says otherwise), in three set-ups: neither axes nor our audit receiver,
axes only, axes + audit (production). For each: a successful sign-in, a failed one (a new name and
address each time, so nothing locks), and a refused one (an address already locked: no password is
checked). The password hasher is MD5 here so that the throttling cost is not hidden behind the
hash; one line gives the production PBKDF2 sign-in for scale.
"""

from __future__ import annotations

import os
import statistics
import time

N = 60


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)]


def _measure(label: str, post, n: int = N) -> float:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        post(i)
        times.append((time.perf_counter() - t0) * 1000)
    p50 = statistics.median(times)
    print(f"{label}: p50 {p50:.1f} ms, p95 {_p95(times):.1f} ms over {n}")
    return p50


def run() -> None:
    import logging

    from django.contrib.auth.signals import user_login_failed
    from django.test import Client, override_settings

    from jianfu.accounts.receivers import audit_failed_signin
    from jianfu.core.testing import factories as f

    for name in ("axes", "django.request"):  # one warning per failure on the console otherwise
        logging.getLogger(name).setLevel(logging.ERROR)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures scale with it)")
    org = f.org_tree()
    f.user("bench", "community_worker", community=org["community"])
    uid = "jianfu.accounts.audit_failed_signin"

    def success(i: int) -> None:
        response = Client().post(
            "/accounts/login/",
            {"username": "bench", "password": f.PASSWORD},
            REMOTE_ADDR=f"10.1.{i // 250}.{i % 250}",
        )
        assert response.status_code == 302, response.status_code

    def failure(tag: str):
        def post(i: int) -> None:
            response = Client().post(
                "/accounts/login/",
                {"username": f"{tag}-nobody-{i}", "password": "wrong"},
                REMOTE_ADDR=f"10.2.{i // 250}.{i % 250}" if tag != "fail-base" else "10.3.0.1",
            )
            assert response.status_code == 200, response.status_code

        return post

    def refused(i: int) -> None:
        response = Client().post(
            "/accounts/login/", {"username": "bench", "password": f.PASSWORD}, REMOTE_ADDR="10.9.9.9"
        )
        assert response.status_code == 429, response.status_code

    results: dict[str, dict[str, float]] = {}
    md5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth.hashers import make_password

    from jianfu.accounts.models import User

    with override_settings(PASSWORD_HASHERS=md5):
        User.objects.filter(username="bench").update(password=make_password(f.PASSWORD))
        user_login_failed.disconnect(dispatch_uid=uid)
        with override_settings(AXES_ENABLED=False):
            results["none"] = {
                "success": _measure("no axes, no audit: sign-in", success),
                "failure": _measure("no axes, no audit: failed sign-in", failure("fail-base")),
            }
        results["axes"] = {
            "success": _measure("axes only: sign-in", success),
            "failure": _measure("axes only: failed sign-in", failure("fail-axes")),
        }
        user_login_failed.connect(audit_failed_signin, dispatch_uid=uid)
        results["full"] = {
            "success": _measure("axes + audit (production): sign-in", success),
            "failure": _measure("axes + audit (production): failed sign-in", failure("fail-full")),
        }
        for i in range(5):
            Client().post(
                "/accounts/login/", {"username": f"lock{i}", "password": "x"}, REMOTE_ADDR="10.9.9.9"
            )
        results["full"]["refused"] = _measure("axes + audit: refused while locked (429)", refused)
    base, full = results["none"], results["full"]
    print(
        f"added per sign-in by axes + audit: success +{full['success'] - base['success']:.1f} ms, "
        f"failure +{full['failure'] - base['failure']:.1f} ms (p50; target: small against the password hash)"
    )
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()  # the refused run above locked "bench" itself
    User.objects.filter(username="bench").update(password=make_password(f.PASSWORD))
    _measure("production hasher (PBKDF2), axes + audit: sign-in", success, n=5)


def main() -> None:
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run()
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    import django

    django.setup()
    main()
