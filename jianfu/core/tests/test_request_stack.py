"""What every request pays for, made cheaper without changing what it means (issue 12): the session
row read with one prepared SELECT (jianfu.core.sessions), the user row likewise (jianfu.core.rows via
accounts.backends), the user looked up at once (jianfu.core.middleware.AuthenticationMiddleware).

Signing out, changing the password, deactivating an account and an expired session must still end
a session at its next request, even one replayed with a copied cookie."""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jianfu.accounts.backends import user_row
from jianfu.accounts.models import User
from jianfu.core.rows import RowReader
from jianfu.core.testing import PersonaTestCase
from jianfu.orgs.models import Community

HOME = "/"
PEOPLE = "/registry/"  # the registry list: for signed-in community staff only


def signed_in(client: Client) -> bool:
    return client.get(PEOPLE).status_code == 200


def copy_of(client: Client) -> Client:
    """Another browser holding the same session cookie (a copied or stolen cookie)."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


class SessionEndsAtOnce(PersonaTestCase):
    def signed_in_client(self) -> Client:
        client = Client()
        response = client.post("/accounts/login/", {"username": "worker", "password": self.password})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(signed_in(client))
        return client

    def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(self):
        client = self.signed_in_client()
        replay = copy_of(client)
        self.assertTrue(signed_in(replay))
        client.post("/accounts/logout/")
        self.assertFalse(signed_in(client))
        self.assertFalse(signed_in(replay))
        self.assertRedirects(
            replay.get(PEOPLE), f"/accounts/login/?next={PEOPLE}", fetch_redirect_response=False
        )

    def test_a_password_change_elsewhere_ends_the_session(self):
        client = self.signed_in_client()
        self.worker.set_password("a-new-password-2026")
        self.worker.save(update_fields=["password"])
        self.assertFalse(signed_in(client))

    def test_a_deactivated_account_is_signed_out_at_its_next_request(self):
        client = self.signed_in_client()
        User.objects.filter(pk=self.worker.pk).update(is_active=False)
        self.assertFalse(signed_in(client))

    def test_an_expired_session_is_not_read(self):
        client = self.signed_in_client()
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
        self.assertFalse(signed_in(client))

    def test_a_role_change_is_seen_at_the_next_request(self):
        client = self.signed_in_client()
        self.assertIn('href="/ledgers/"', client.get(HOME).content.decode())
        User.objects.filter(pk=self.worker.pk).update(role="department", community=None)
        self.assertNotIn('href="/ledgers/"', client.get(HOME).content.decode())

    def test_session_data_written_by_one_request_is_read_by_the_next(self):
        client = self.signed_in_client()
        response = client.post("/i18n/setlang/", {"language": "en", "next": HOME}, follow=True)
        self.assertEqual(response.status_code, 200)
        session = client.session
        session["marker"] = "kept"
        session.save()
        self.assertEqual(copy_of(client).session["marker"], "kept")

    def test_an_unknown_session_key_is_an_anonymous_visitor_with_a_fresh_session(self):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
        self.assertFalse(signed_in(client))
        self.assertEqual(client.get(HOME).status_code, 200)


class UserLookedUpAtOnce(PersonaTestCase):
    def test_request_user_is_the_user_itself_not_a_lazy_proxy(self):
        response = self.client_for(self.worker).get(HOME)
        self.assertIs(type(response.wsgi_request.user), User)
        self.assertEqual(response.wsgi_request.user.pk, self.worker.pk)

    def test_a_visitor_without_a_session_costs_no_query(self):
        with CaptureQueriesContext(connection) as queries:
            response = Client().get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([q["sql"] for q in queries if "session" in q["sql"] or "user" in q["sql"]], [])

    def test_a_signed_in_page_reads_the_session_and_the_user_once_each(self):
        client = self.client_for(self.worker)
        client.get(HOME)
        with CaptureQueriesContext(connection) as queries:
            client.get(HOME)
        sessions = [q for q in queries if 'FROM "django_session"' in q["sql"]]
        users = [q for q in queries if 'FROM "accounts_user"' in q["sql"]]
        self.assertEqual(len(sessions), 1)
        self.assertEqual(len(users), 1)


class RowReaderReadsWhatTheOrmReads(PersonaTestCase):
    def test_every_field_as_the_orm_gives_it(self):
        User.objects.filter(pk=self.head.pk).update(last_login=timezone.now(), is_staff=True)
        for user in (self.worker, self.head, self.admin, self.dept_user):
            expected = User.objects.get(pk=user.pk)
            found = user_row(user.pk)
            self.assertIsNotNone(found)
            for field in User._meta.concrete_fields:
                self.assertEqual(getattr(found, field.attname), getattr(expected, field.attname), field.name)
                self.assertIs(type(getattr(found, field.attname)), type(getattr(expected, field.attname)))
            self.assertFalse(found._state.adding)
            self.assertEqual(found._state.db, "default")

    def test_the_primary_key_as_text_from_the_session_and_a_missing_row(self):
        self.assertEqual(user_row(str(self.worker.pk)), self.worker)
        self.assertIsNone(user_row(10**9))

    def test_a_row_changed_since_is_read_anew(self):
        reader = RowReader(Community)
        self.assertEqual(reader.get(self.community.pk).name, self.community.name)
        Community.objects.filter(pk=self.community.pk).update(name="改名社区")
        self.assertEqual(reader.get(self.community.pk).name, "改名社区")
