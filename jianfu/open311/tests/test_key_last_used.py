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


class KeyLastUsedOverHttp(PersonaTestCase):
    """Through the views: a client polling `GET requests.json` with its key writes the key row once
    a minute, not once a call (the same `mark_used` helper as the API tokens)."""

    def updates(self, url: str, params: dict) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return sum(1 for q in queries if q["sql"].startswith("UPDATE") and "open311_apikey" in q["sql"])

    def test_polling_client_writes_its_key_once_a_minute(self):
        key, plain = api_key_create(actor=system_actor("test"), name="网格通 App", district=self.district)
        params = {"api_key": plain, "jurisdiction_id": self.district.code}
        writes = [self.updates("/open311/v2/requests.json", params) for _ in range(4)]
        self.assertEqual(writes[0], 1)
        self.assertEqual(sum(writes[1:4]), 0)
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
        self.assertEqual(self.updates("/open311/v2/requests.xml", params), 1)
        self.assertEqual(self.updates("/open311/v2/requests.xml", params), 0)

    def test_a_revoked_key_is_refused_and_not_marked(self):
        key, plain = api_key_create(actor=system_actor("test"), name="旧客户端", district=self.district)
        ApiKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now())
        response = self.client.get("/open311/v2/requests.json", {"api_key": plain})
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(ApiKey.objects.get(pk=key.pk).last_used_at)
