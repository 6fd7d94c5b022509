"""Sign-in that resists guessing: lock-out by account and by address, the lock-out answer, every
failure audited, and unlocking by the district administrator (page, CLI, API) and nobody else."""

import io
import json

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from jianfu.accounts.auth import api_token_create
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.orgs.models import District

LOGIN = "/accounts/login/"


class SigninCase(PersonaTestCase):
    def attempt(self, username, password, ip="127.0.0.1", client=None, **extra):
        return (client or Client()).post(
            LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
        )

    def signin_failures(self):
        return AuditEvent.objects.filter(action=AuditAction.SIGNIN_FAILED)


class EightyWrongPasswords(SigninCase):
    def test_locked_after_five_then_429_for_the_rest_and_every_failure_audited(self):
        client = Client()
        codes = [self.attempt("worker", f"guess-{i}", client=client).status_code for i in range(80)]
        self.assertEqual(codes[:4], [200] * 4)  # the form again, "wrong password"
        self.assertEqual(set(codes[4:]), {429})  # the 5th failure locks; the other 75 are refused
        # even the right password is refused while locked
        right = self.attempt("worker", self.password, client=client)
        self.assertEqual(right.status_code, 429)
        self.assertNotIn("_auth_user_id", client.session)
        # our audit log: one row per failure (81), with the name and address, never the password
        rows = list(self.signin_failures())
        self.assertEqual(len(rows), 81)
        self.assertEqual({r.detail["username"] for r in rows}, {"worker"})
        self.assertEqual({r.detail["ip_address"] for r in rows}, {"127.0.0.1"})
        self.assertEqual(sum(r.detail["locked_out"] for r in rows), 77)
        for r in rows:
            self.assertEqual(r.actor_label, "anonymous")
            text = json.dumps(r.detail, ensure_ascii=False) + r.summary
            self.assertNotIn("guess-", text)
            self.assertNotIn(self.password, text)
        # and axes' own records
        self.assertEqual(sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)), 81)
        self.assertEqual(AccessFailureLog.objects.filter(username="worker").count(), 81)

    def test_lockout_page_says_what_until_when_and_who_unlocks(self):
        for i in range(5):
            response = self.attempt("worker", f"x{i}")
        self.assertEqual(response.status_code, 429)
        self.assertTrue(int(response["Retry-After"]) > 0)
        page = response.content.decode()
        self.assertIn("登录已暂时锁定", page)
        self.assertIn("锁定到", page)
        self.assertIn("区管理员", page)
        self.assertNotIn("Traceback", page)
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = self.attempt("worker", "again", client=client).content.decode()
        self.assertIn("Sign-in temporarily locked", english)
        self.assertIn("district administrator", english)

    def test_lockout_json_for_api_clients(self):
        for i in range(5):
            response = self.attempt("worker", f"x{i}", HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 429)
        body = response.json()
        self.assertEqual(body["unlock_by"], "district_admin")
        self.assertIn("locked_until", body)

    def test_a_right_password_under_the_limit_signs_in(self):
        for i in range(4):
            self.assertEqual(self.attempt("worker", f"x{i}").status_code, 200)
        self.assertEqual(self.attempt("worker", self.password).status_code, 302)

    def test_account_locked_across_addresses(self):
        for i in range(5):
            self.attempt("worker", "wrong", ip=f"198.51.100.{i + 1}")
        self.assertEqual(self.attempt("worker", self.password, ip="198.51.100.99").status_code, 429)
        # another account from a fresh address is unaffected
        self.assertEqual(self.attempt("head", self.password, ip="198.51.100.98").status_code, 302)

    def test_address_locked_across_accounts(self):
        for name in ["head", "officer", "nobody", "admin", "deptuser"]:
            self.attempt(name, "wrong", ip="203.0.113.5")
        self.assertEqual(self.attempt("worker", self.password, ip="203.0.113.5").status_code, 429)
        self.assertEqual(self.attempt("worker", self.password, ip="203.0.113.6").status_code, 302)

    def test_forwarded_for_header_does_not_rotate_the_address(self):
        for i in range(5):
            self.attempt("nobody", "wrong", ip="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
        self.assertEqual(self.attempt("worker", self.password, ip="203.0.113.9").status_code, 429)


class UnlockPage(SigninCase):
    def lock(self, username="worker", ip="192.0.2.1"):
        for i in range(5):
            self.attempt(username, f"x{i}", ip=ip)
        self.assertEqual(self.attempt(username, self.password, ip=ip).status_code, 429)

    def test_anonymous_is_sent_to_sign_in(self):
        response = Client().get("/accounts/lockouts/")
        self.assertEqual(response.status_code, 302)
        self.assertIn(LOGIN, response["Location"])
        self.assertEqual(Client().post("/accounts/lockouts/unlock/", {"username": "worker"}).status_code, 302)

    def test_others_get_404(self):
        self.lock()
        for user in [
            self.worker,
            self.head,
            self.officer,
            self.district_officer,
            self.dept_user,
            self.resident,
        ]:
            client = self.client_for(user)
            self.assertEqual(client.get("/accounts/lockouts/").status_code, 404, user)
            self.assertEqual(
                client.post("/accounts/lockouts/unlock/", {"username": "worker"}).status_code, 404
            )
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.1").status_code, 429)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists())

    def test_district_admin_lists_and_unlocks_the_account(self):
        self.lock()
        self.lock("nobody", ip="192.0.2.2")
        client = self.client_for(self.admin)
        with self.assertNumQueries(5):  # session, user, attempts, which names are accounts, which are ours
            page = client.get("/accounts/lockouts/")
        self.assertEqual(page.status_code, 200)
        text = page.content.decode()
        self.assertIn("worker", text)
        self.assertIn("192.0.2.1", text)
        self.assertIn("nobody", text)
        response = client.post("/accounts/lockouts/unlock/", {"username": "worker"}, follow=True)
        self.assertContains(response, "已解锁worker")
        self.assertEqual(self.attempt("worker", self.password, ip="198.51.100.50").status_code, 302)
        event = AuditEvent.objects.get(action=AuditAction.UNLOCK)
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.detail["username"], "worker")
        self.assertGreater(event.detail["attempts_cleared"], 0)

    def test_district_admin_unlocks_an_address(self):
        for name in ["a1", "a2", "a3", "a4", "a5"]:
            self.attempt(name, "wrong", ip="192.0.2.77")
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.77").status_code, 429)
        self.client_for(self.admin).post("/accounts/lockouts/unlock/", {"address": "192.0.2.77"})
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.77").status_code, 302)

    def test_bad_input_is_explained_and_nothing_written(self):
        client = self.client_for(self.admin)
        response = client.post("/accounts/lockouts/unlock/", {"address": "999.1.1.1"}, follow=True)
        self.assertContains(response, "不是有效的 IP 地址")
        response = client.post("/accounts/lockouts/unlock/", {}, follow=True)
        self.assertContains(response, "请填写要解锁的用户名或 IP 地址")
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists())

    def test_admin_of_another_district_cannot_see_or_unlock_our_accounts(self):
        other = District.objects.create(code="420103", name="江汉区")
        stranger = f.user("jhadmin", "district_admin", district=other)
        self.lock()
        client = self.client_for(stranger)
        page = client.get("/accounts/lockouts/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, ">worker<")
        self.assertEqual(client.post("/accounts/lockouts/unlock/", {"username": "worker"}).status_code, 404)
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.1").status_code, 429)


class UnlockCli(SigninCase):
    def test_unlock_account_json(self):
        for i in range(5):
            self.attempt("worker", f"x{i}", ip="192.0.2.3")
        out = io.StringIO()
        call_command("unlock-account", "--list", "--json", stdout=out)
        listed = json.loads(out.getvalue())["lockouts"]
        self.assertIn(("account", "worker"), {(r["kind"], r["key"]) for r in listed})
        out = io.StringIO()
        call_command("unlock-account", "worker", "--address", "192.0.2.3", "--json", stdout=out)
        result = json.loads(out.getvalue())
        self.assertEqual(result["username"], "worker")
        self.assertGreater(result["attempts_cleared"], 0)
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.3").status_code, 302)
        event = AuditEvent.objects.get(action=AuditAction.UNLOCK)
        self.assertEqual(event.actor_label, "system: jianfu unlock-account")

    def test_unlock_bad_input(self):
        with self.assertRaisesMessage(CommandError, "USERNAME"):
            call_command("unlock-account", stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "不是有效的 IP 地址"):
            call_command("unlock-account", "--address", "not-an-ip", stdout=io.StringIO())
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists())


class UnlockApi(SigninCase):
    def bearer(self, user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}

    def test_district_admin_lists_and_unlocks(self):
        for i in range(5):
            self.attempt("worker", f"x{i}", ip="192.0.2.4")
        auth = self.bearer(self.admin)
        listed = self.client.get("/api/v1/accounts/lockouts", **auth)
        self.assertEqual(listed.status_code, 200)
        self.assertIn("worker", {r["key"] for r in listed.json()})
        response = self.client.post(
            "/api/v1/accounts/lockouts/unlock",
            {"username": "worker"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.status_code, 200)
        self.assertGreater(response.json()["attempts_cleared"], 0)
        self.assertEqual(self.attempt("worker", self.password, ip="192.0.2.4").status_code, 302)

    def test_others_get_404_and_anonymous_401(self):
        for user in [self.worker, self.officer, self.dept_user, self.resident]:
            auth = self.bearer(user)
            self.assertEqual(self.client.get("/api/v1/accounts/lockouts", **auth).status_code, 404)
            response = self.client.post(
                "/api/v1/accounts/lockouts/unlock",
                {"username": "worker"},
                content_type="application/json",
                **auth,
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(Client().get("/api/v1/accounts/lockouts").status_code, 401)

    def test_bad_address_is_422(self):
        response = self.client.post(
            "/api/v1/accounts/lockouts/unlock",
            {"address": "nope"},
            content_type="application/json",
            **self.bearer(self.admin),
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("IP", response.json()["detail"])
