"""A review decision never silently overwrites an identity value (issue 7's example)."""

import datetime as dt

from django.urls import reverse

from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.ledgers.models import ReviewItem
from jianfu.ledgers.services import review_link
from jianfu.ledgers.tests.test_import import ImportCase
from jianfu.registry import services as registry
from jianfu.registry.models import Person


class ReviewKeepsIdentityTests(ImportCase):
    def setUp(self) -> None:
        super().setUp()
        self.source.priority = 80  # the roster outranks the base register on priority
        self.source.save(update_fields=["priority"])

    def register(self, base: bool) -> Person:
        source = f.source("街道人口基础库" if base else "社区走访台账", 60, is_base_register=base)
        return registry.person_create(
            actor=SYSTEM,
            community=self.community,
            values={"name": "刘建国", "id_number": f.id_number(dt.date(1952, 7, 8)), "gender": "男"},
            source=source,
        )

    def review_misspelt_row(self) -> ReviewItem:
        imp, _summary = self.run_import([[1, "刘建果", "", "1952-07-08", "", "", "肢体"]])
        self.assertEqual(imp.results[0]["status"], "review")
        return ReviewItem.objects.get(ledger_import=imp)

    def test_confirming_same_person_keeps_the_base_registers_name(self):
        person = self.register(base=True)
        item = self.review_misspelt_row()
        review_link(actor=self.worker, item=item, pid=person.pid)
        person.refresh_from_db()
        self.assertEqual((person.name, person.values["name"]), ("刘建国", "刘建国"))
        self.assertEqual(person.values["disability_type"], "肢体")  # the roster's own data is recorded
        self.assertTrue(person.has_conflict)
        item.refresh_from_db()
        self.assertIn("已保留“刘建国”", item.reason)
        event = AuditEvent.objects.filter(object_id=str(item.pk)).latest("pk")
        self.assertIn("刘建果", event.detail["identity"][0])
        page = self.client_for(self.worker).get(reverse("registry:person_detail", args=[person.pid]))
        self.assertContains(page, "刘建果（区残联残疾人名册）")
        self.assertContains(page, "身份信息以人口基础库为准")

    def test_the_reviewer_is_told_on_the_page(self):
        person = self.register(base=True)
        item = self.review_misspelt_row()
        response = self.client_for(self.worker).post(
            reverse("ledgers:review_decide", args=[item.pk]),
            {"decision": "link", "pid": person.pid},
            follow=True,
        )
        self.assertContains(response, "台账中的姓名“刘建果”与居民库的“刘建国”不同：已保留“刘建国”")

    def test_without_a_base_register_the_change_is_said_not_silent(self):
        person = self.register(base=False)
        item = self.review_misspelt_row()
        review_link(actor=self.worker, item=item, pid=person.pid)
        person.refresh_from_db()
        self.assertTrue(person.has_conflict)
        item.refresh_from_db()
        self.assertIn("原值并非来自人口基础库", item.reason)
