"""An API token's last use is written at most once a minute: a read stays a read."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jianfu.accounts.auth import api_token_create
from jianfu.accounts.models import ApiToken
from jianfu.core.testing import PersonaTestCase


class LastUsedAt(PersonaTestCase):
    def get(self, plain: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/api/v1/ledgers/imports", HTTP_AUTHORIZATION=f"Bearer {plain}")
        self.assertEqual(response.status_code, 200)
        return [
            q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "accounts_apitoken" in q["sql"]
        ]

    def test_written_on_first_use_then_at_most_once_a_minute(self):
        token, plain = api_token_create(user=self.worker, name="部门系统")
        self.assertEqual(len(self.get(plain)), 1)
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        self.assertIsNotNone(first)
        for _ in range(5):
            self.assertEqual(self.get(plain), [])
        self.assertEqual(ApiToken.objects.get(pk=token.pk).last_used_at, first)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - dt.timedelta(seconds=61))
        self.assertEqual(len(self.get(plain)), 1)
        later = ApiToken.objects.get(pk=token.pk).last_used_at
        assert later is not None and first is not None
        self.assertGreater(later, first)
