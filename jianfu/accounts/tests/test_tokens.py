"""API tokens expire and can be revoked by their owner and the district administrator: page, CLI,
API; rejected tokens are audited and rate-limited per address."""

import datetime as dt
import io
import json

from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from jianfu.accounts.auth import api_token_create, hash_token
from jianfu.accounts.models import ApiToken
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase

API = "/api/v1/ledgers/imports"  # any read a worker may make


def bearer(plain: str, ip: str = "127.0.0.1") -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}", "REMOTE_ADDR": ip}


class Expiry(PersonaTestCase):
    def test_new_tokens_get_the_default_lifetime(self):
        token, _plain = api_token_create(user=self.worker, name="t")
        self.assertAlmostEqual(
            (token.expires_at - timezone.now()).total_seconds(),
            dt.timedelta(days=90).total_seconds(),
            delta=60,
        )

    @override_settings(JIANFU_API_TOKEN_DAYS=7)
    def test_lifetime_is_configurable(self):
        token, _plain = api_token_create(user=self.worker, name="t")
        self.assertLess(token.expires_at, timezone.now() + dt.timedelta(days=8))

    def test_expired_token_answers_401_saying_so(self):
        token, plain = api_token_create(user=self.worker, name="部门系统")
        self.assertEqual(Client().get(API, **bearer(plain)).status_code, 200)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        response = Client().get(API, **bearer(plain))
        self.assertEqual(response.status_code, 401)
        self.assertIn("过期", response.json()["detail"])
        self.assertIn(token.prefix, response.json()["detail"])
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = client.get(API, **bearer(plain))
        self.assertIn("expired", english.json()["detail"])

    def test_revoked_token_answers_401_saying_so(self):
        token, plain = api_token_create(user=self.worker, name="t")
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        response = Client().get(API, **bearer(plain))
        self.assertEqual(response.status_code, 401)
        self.assertIn("吊销", response.json()["detail"])

    def test_unknown_token_is_401_and_audited_without_the_token(self):
        plain = "jf_" + "x" * 43
        response = Client().get(API, **bearer(plain, ip="203.0.113.20"))
        self.assertEqual(response.status_code, 401)
        event = AuditEvent.objects.get(action=AuditAction.SIGNIN_FAILED)
        self.assertEqual(event.detail["method"], "api_token")
        self.assertEqual(event.detail["reason"], "unknown")
        self.assertEqual(event.detail["ip_address"], "203.0.113.20")
        self.assertNotIn(plain, json.dumps(event.detail) + event.summary)

    @override_settings(JIANFU_BAD_TOKEN_PER_MINUTE=3)
    def test_bad_tokens_are_rate_limited_per_address(self):
        cache.clear()
        codes = [Client().get(API, **bearer(f"jf_guess{i}", ip="203.0.113.30")).status_code for i in range(8)]
        self.assertEqual(codes, [401, 401, 401, 429, 429, 429, 429, 429])
        # bounded audit: the three rejections and the moment the address was limited
        rows = AuditEvent.objects.filter(action=AuditAction.SIGNIN_FAILED)
        self.assertEqual(rows.count(), 4)
        self.assertEqual(rows.filter(detail__reason="rate_limited").count(), 1)
        # even a valid token from the limited address waits; another address is unaffected
        _t, plain = api_token_create(user=self.worker, name="t")
        self.assertEqual(Client().get(API, **bearer(plain, ip="203.0.113.30")).status_code, 429)
        self.assertEqual(Client().get(API, **bearer(plain, ip="203.0.113.31")).status_code, 200)
        cache.clear()


class TokenPage(PersonaTestCase):
    URL = "/accounts/tokens/"

    def test_anonymous_is_sent_to_sign_in(self):
        response = Client().get(self.URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_resident_gets_404(self):
        self.assertEqual(self.client_for(self.resident).get(self.URL).status_code, 404)

    def test_list_is_masked_and_only_mine(self):
        mine, _p = api_token_create(user=self.worker, name="我的系统")
        theirs, _q = api_token_create(user=self.other_worker, name="别人的系统")
        for i in range(3):
            api_token_create(user=self.worker, name=f"more{i}")
        client = self.client_for(self.worker)
        with self.assertNumQueries(3):  # session, user, tokens
            page = client.get(self.URL)
        text = page.content.decode()
        self.assertIn("我的系统", text)
        self.assertIn(f"{mine.prefix}…", text)
        self.assertNotIn(mine.token_hash, text)
        self.assertNotIn("别人的系统", text)
        self.assertNotIn(theirs.prefix, text)

    def test_create_shows_the_token_once_and_audits(self):
        client = self.client_for(self.worker)
        response = client.post(self.URL, {"name": "区民政局低保系统", "days": "30"})
        self.assertEqual(response.status_code, 200)
        plain = response.context["created"]["plain"]
        self.assertContains(response, plain)
        token = ApiToken.objects.get(token_hash=hash_token(plain))
        self.assertEqual(token.user, self.worker)
        self.assertLess(token.expires_at, timezone.now() + dt.timedelta(days=31))
        self.assertNotContains(client.get(self.URL), plain)  # never again
        event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.apitoken")
        self.assertEqual(event.actor, self.worker)
        self.assertNotIn(plain, event.summary + json.dumps(event.detail))
        self.assertEqual(Client().get(API, **bearer(plain)).status_code, 200)

    def test_bad_input_is_explained_and_nothing_written(self):
        client = self.client_for(self.worker)
        for data, message in [
            ({"name": "", "days": "30"}, "请填写令牌名称"),
            ({"name": "x", "days": "0"}, "有效期应为1到365天"),
            ({"name": "x", "days": "9999"}, "有效期应为1到365天"),
            ({"name": "x", "days": "abc"}, "有效期应为1到365天"),
        ]:
            response = client.post(self.URL, data)
            self.assertEqual(response.status_code, 422)
            self.assertContains(response, message, status_code=422)
        self.assertFalse(ApiToken.objects.exists())
        self.assertFalse(AuditEvent.objects.exists())

    def test_owner_revokes(self):
        token, plain = api_token_create(user=self.worker, name="t")
        client = self.client_for(self.worker)
        response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
        self.assertContains(response, "已吊销令牌")
        self.assertEqual(Client().get(API, **bearer(plain)).status_code, 401)
        event = AuditEvent.objects.get(action=AuditAction.REVOKE)
        self.assertEqual(event.actor, self.worker)
        # a second revoke is explained, not repeated
        response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
        self.assertContains(response, "已于")
        self.assertEqual(AuditEvent.objects.filter(action=AuditAction.REVOKE).count(), 1)

    def test_outsider_gets_404_on_revoke(self):
        token, plain = api_token_create(user=self.worker, name="t")
        for user in [self.other_worker, self.head, self.officer, self.district_officer, self.dept_user]:
            self.assertEqual(
                self.client_for(user).post(f"/accounts/tokens/{token.pk}/revoke/").status_code, 404
            )
        self.assertEqual(Client().post(f"/accounts/tokens/{token.pk}/revoke/").status_code, 302)
        self.assertEqual(Client().get(API, **bearer(plain)).status_code, 200)

    def test_district_admin_sees_and_revokes_district_tokens(self):
        token, plain = api_token_create(user=self.worker, name="社区系统")
        client = self.client_for(self.admin)
        page = client.get(self.URL)
        self.assertContains(page, "本区其他用户的令牌")
        self.assertContains(page, "社区系统")
        client.post(f"/accounts/tokens/{token.pk}/revoke/")
        self.assertEqual(Client().get(API, **bearer(plain)).status_code, 401)
        self.assertEqual(AuditEvent.objects.get(action=AuditAction.REVOKE).actor, self.admin)


class TokenCli(PersonaTestCase):
    def run_cli(self, *args) -> dict:
        out = io.StringIO()
        call_command("token", *args, "--json", stdout=out)
        return json.loads(out.getvalue())

    def test_create_list_revoke(self):
        created = self.run_cli("create", "--user", "deptuser", "--name", "区民政局低保系统", "--days", "10")
        self.assertTrue(created["token"].startswith("jf_"))
        self.assertEqual(created["status"], "active")
        self.assertEqual(Client().get("/api/v1/gate/tasks", **bearer(created["token"])).status_code, 200)
        listed = self.run_cli("list", "--user", "deptuser")["tokens"]
        self.assertEqual([t["prefix"] for t in listed], [created["prefix"]])
        self.assertNotIn(created["token"], json.dumps(listed))
        revoked = self.run_cli("revoke", created["prefix"])
        self.assertEqual(revoked["status"], "revoked")
        self.assertEqual(Client().get("/api/v1/gate/tasks", **bearer(created["token"])).status_code, 401)
        labels = set(
            AuditEvent.objects.filter(action__in=[AuditAction.CREATE, AuditAction.REVOKE]).values_list(
                "actor_label", flat=True
            )
        )
        self.assertEqual(labels, {"system: jianfu token create", "system: jianfu token revoke"})
        # and the use of the revoked token is on record
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditAction.SIGNIN_FAILED, detail__reason="revoked").exists()
        )

    def test_bad_input(self):
        with self.assertRaisesMessage(CommandError, "no user named"):
            self.run_cli("create", "--user", "nobody", "--name", "x")
        with self.assertRaisesMessage(CommandError, "有效期"):
            self.run_cli("create", "--user", "worker", "--name", "x", "--days", "0")
        with self.assertRaisesMessage(CommandError, "no token"):
            self.run_cli("revoke", "jf_nothing")
        token, _p = api_token_create(user=self.worker, name="t")
        self.run_cli("revoke", str(token.pk))
        with self.assertRaisesMessage(CommandError, "已于"):
            self.run_cli("revoke", str(token.pk))

    def test_old_api_token_command_still_works_and_expires(self):
        out = io.StringIO()
        call_command("api-token", "--user", "worker", "--name", "x", "--json", stdout=out)
        data = json.loads(out.getvalue())
        self.assertIn("expires_at", data)
        self.assertEqual(Client().get(API, **bearer(data["token"])).status_code, 200)


class TokenApi(PersonaTestCase):
    def auth(self, user):
        return bearer(api_token_create(user=user, name="session")[1])

    def test_create_list_revoke_mine(self):
        auth = self.auth(self.worker)
        created = self.client.post(
            "/api/v1/accounts/tokens", {"name": "新系统", "days": 5}, content_type="application/json", **auth
        )
        self.assertEqual(created.status_code, 201)
        body = created.json()
        self.assertTrue(body["token"].startswith("jf_"))
        listed = self.client.get("/api/v1/accounts/tokens", **auth).json()
        self.assertEqual(len(listed), 2)
        self.assertTrue(all("token" not in t for t in listed))
        revoked = self.client.post(f"/api/v1/accounts/tokens/{body['id']}/revoke", **auth)
        self.assertEqual(revoked.status_code, 200)
        self.assertEqual(revoked.json()["status"], "revoked")
        self.assertEqual(Client().get(API, **bearer(body["token"])).status_code, 401)
        again = self.client.post(f"/api/v1/accounts/tokens/{body['id']}/revoke", **auth)
        self.assertEqual(again.status_code, 422)

    def test_outsider_404_and_anonymous_401(self):
        token, _p = api_token_create(user=self.worker, name="t")
        response = self.client.post(
            f"/api/v1/accounts/tokens/{token.pk}/revoke", **self.auth(self.other_worker)
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.client.get("/api/v1/accounts/tokens", **self.auth(self.resident)).status_code, 404
        )
        response = self.client.post(
            "/api/v1/accounts/tokens",
            {"name": "x", "username": "worker"},
            content_type="application/json",
            **self.auth(self.other_worker),
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Client().get("/api/v1/accounts/tokens").status_code, 401)
        self.assertIsNone(ApiToken.objects.get(pk=token.pk).revoked_at)

    def test_district_admin_issues_lists_and_revokes_for_district_users(self):
        auth = self.auth(self.admin)
        created = self.client.post(
            "/api/v1/accounts/tokens",
            {"name": "代签", "username": "worker"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(created.status_code, 201)
        self.assertEqual(created.json()["user"], "worker")
        listed = self.client.get("/api/v1/accounts/tokens?all=true", **auth).json()
        self.assertIn("worker", {t["user"] for t in listed})
        self.assertEqual(
            self.client.post(f"/api/v1/accounts/tokens/{created.json()['id']}/revoke", **auth).status_code,
            200,
        )

    def test_bad_input_is_422(self):
        response = self.client.post(
            "/api/v1/accounts/tokens",
            {"name": " ", "days": 5},
            content_type="application/json",
            **self.auth(self.worker),
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("名称", response.json()["detail"])
