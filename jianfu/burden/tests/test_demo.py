import io

from jianfu.burden import demo
from jianfu.burden.models import BurdenEntry, MonthlyBurden, ReboundAlert
from jianfu.core.testing import PersonaTestCase


class DemoSeedTests(PersonaTestCase):
    def test_seed_is_idempotent_and_raises_an_alert(self):
        out = io.StringIO()
        created = demo.seed(out)
        self.assertGreater(created, 3 * 24 * 10)
        self.assertEqual(BurdenEntry.objects.count(), created)
        self.assertGreater(MonthlyBurden.objects.count(), 0)
        spike = ReboundAlert.objects.filter(community=self.community, status="open")
        self.assertTrue(spike.exists(), out.getvalue())
        self.assertEqual(demo.seed(io.StringIO()), 0)
        self.assertEqual(BurdenEntry.objects.count(), created)
