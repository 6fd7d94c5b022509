"""Facts' provenance after migration 0013: no foreign-key constraint on PostgreSQL for attribute,
source and ledger import, and the ORM still refuses to delete any of the three while a fact names
it. The constraints of the fact table: `test_fact_references`."""

from django.db.models import ProtectedError
from django.utils import timezone

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.models import LedgerImport
from jianfu.registry.models import Attribute, Fact


class ProvenanceDeletionTests(PersonaTestCase):
    def test_orm_refuses_to_delete_what_a_fact_names(self):
        person = f.person(self.community, name="甘小慧")
        attribute = Attribute.objects.create(code="prov_test", name="来源测试字段")
        source = f.source("只被事实引用的来源")
        imp = LedgerImport.objects.create(
            community=self.community, source=f.source("导入来源"), file_name="x.xlsx"
        )
        Fact.objects.create(
            person=person,
            attribute=attribute,
            value="1",
            source=source,
            recorded_at=timezone.now(),
            ledger_import=imp,
        )
        for row in (attribute, source, imp):
            with self.assertRaises(ProtectedError):
                row.delete()
        assert (
            Attribute.objects.filter(pk=attribute.pk).exists()
            and LedgerImport.objects.filter(pk=imp.pk).exists()
        )
        Fact.objects.filter(attribute=attribute).delete()
        attribute.delete()  # nothing names it now
        assert not Attribute.objects.filter(pk=attribute.pk).exists()
