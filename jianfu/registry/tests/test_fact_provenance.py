"""Facts' provenance after migration 0013: no foreign-key constraint on PostgreSQL for attribute,
source and ledger import (the person's stays), and the ORM still refuses to delete any of the three
while a fact names it."""

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.models import LedgerImport
from jianfu.registry.models import Attribute, Fact


def _fact_references() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "registry_fact")
    return {c["columns"][0] for c in constraints.values() if c["foreign_key"]}


@pytest.mark.django_db
def test_constraints_of_the_fact_table() -> None:
    kept = {"person_id", "recorded_by_id", "settles_id"}
    provenance = {"attribute_id", "source_id", "ledger_import_id"}
    found = _fact_references()
    assert kept <= found
    if connection.vendor == "postgresql":
        assert not provenance & found
    else:  # SQLite keeps them (dropping one rebuilds the table)
        assert provenance <= found


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
