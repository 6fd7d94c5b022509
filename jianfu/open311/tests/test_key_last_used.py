"""An Open311 key's last use is written at most once a minute, like an API token's: a read stays a read."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jianfu.core.permissions import system_actor
from jianfu.core.testing import PersonaTestCase
from jianfu.open311.models import ApiKey
from jianfu.open311.services import api_key_check, api_key_create


class KeyLastUsedAt(PersonaTestCase):
    def check(self, plain: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            self.assertIsNotNone(api_key_check(plain))
        return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "open311_apikey" in q["sql"]]

    def test_written_on_first_use_then_at_most_once_a_minute(self):
        key, plain = api_key_create(actor=system_actor("test"), name="区热线", district=self.district)
        self.assertEqual(len(self.check(plain)), 1)
        first = ApiKey.objects.get(pk=key.pk).last_used_at
        self.assertIsNotNone(first)
        for _ in range(5):
            self.assertEqual(self.check(plain), [])
        self.assertEqual(ApiKey.objects.get(pk=key.pk).last_used_at, first)
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now() - dt.timedelta(seconds=61))
        self.assertEqual(len(self.check(plain)), 1)
        later = ApiKey.objects.get(pk=key.pk).last_used_at
        assert later is not None and first is not None
        self.assertGreater(later, first)
