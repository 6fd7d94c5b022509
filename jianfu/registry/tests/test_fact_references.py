"""Facts' person, recorded_by and settles references after migrations 0014/0015: no foreign-key
constraint on PostgreSQL (SQLite keeps them), and still no fact the app writes can name a person,
user or fact that is not there: the import's publishing locks the people it gives facts to and fails
when one is gone, the services fail when the person's row is gone, the ORM refuses to delete a user
or a fact that facts name."""

import threading

import pytest
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.models import ProtectedError
from django.test import TransactionTestCase
from django.utils import timezone

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry.current import Stage
from jianfu.registry.models import Attribute, Fact, Person
from jianfu.registry.services import person_record_facts


def _references_with_constraint() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "registry_fact")
    return {c["columns"][0] for c in constraints.values() if c["foreign_key"]}


@pytest.mark.django_db
def test_constraints_of_the_fact_table() -> None:
    references = {
        "person_id",
        "recorded_by_id",
        "settles_id",
        "attribute_id",
        "source_id",
        "ledger_import_id",
    }
    if connection.vendor == "postgresql":
        assert not _references_with_constraint()
    else:  # SQLite keeps them (dropping one rebuilds the table)
        assert references <= _references_with_constraint()


class ServiceReferenceTests(PersonaTestCase):
    def test_facts_of_a_person_gone_meanwhile_are_not_written(self):
        person = f.person(self.community, name="甘小慧")
        Fact.objects.filter(person=person).delete()
        Person.objects.filter(pk=person.pk).delete()  # another request, after this one read the person
        with self.assertRaises(DatabaseError):
            person_record_facts(
                actor=self.worker, person=person, values={"education": "高中"}, source=f.source()
            )
        assert not Fact.objects.filter(person_id=person.pk).exists()

    def test_orm_refuses_to_delete_a_recording_user_or_a_settled_fact(self):
        person = f.person(self.community, name="甘小慧")
        attribute = Attribute.objects.get(code="education")
        source = f.source()
        written = Fact.objects.create(
            person=person,
            attribute=attribute,
            value="高中",
            source=source,
            recorded_at=timezone.now(),
            recorded_by=self.worker,
            validated=False,
        )
        Fact.objects.create(
            person=person,
            attribute=attribute,
            value="高中",
            source=source,
            recorded_at=timezone.now(),
            settles=written,
        )
        with self.assertRaises(ProtectedError):
            self.worker.delete()
        with self.assertRaises(ProtectedError):
            written.delete()
        assert Fact.objects.filter(pk=written.pk).exists()


class PublishReferenceTests(TransactionTestCase):
    """Real commits: SQLite checks its (deferred) constraint at COMMIT, PostgreSQL has none."""

    def setUp(self) -> None:
        self.community = f.org_tree()["community"]
        self.source = f.source()
        self.person = f.person(self.community, name="甘小慧")
        self.attribute = Attribute.objects.get(code="education")

    def staged(self) -> Stage:
        stage = Stage("test-references")
        stage.add_facts([(self.person.pk, self.attribute.pk, "大学本科", True, "")])
        stage.flush()
        return stage

    def publish(self, stage: Stage) -> None:
        with transaction.atomic():
            stage.publish(
                stage.chunks[0], source_id=self.source.pk, recorded_by_id=None, ledger_import_id=None
            )

    def test_a_chunk_gives_facts_to_its_people(self):
        self.publish(self.staged())
        assert Fact.objects.filter(person=self.person, value="大学本科").count() == 1

    def test_a_chunk_whose_person_is_gone_fails_and_writes_nothing(self):
        stage = self.staged()
        Fact.objects.filter(person=self.person).delete()
        Person.objects.filter(pk=self.person.pk).delete()  # deleted after the import staged
        with self.assertRaises(IntegrityError):
            self.publish(stage)
        assert not Fact.objects.filter(person_id=self.person.pk).exists()

    def test_people_given_facts_cannot_be_deleted_before_the_commit(self):
        # PostgreSQL: the chunk's row locks; SQLite: its single writer's lock
        stage = self.staged()
        outcome: list[str] = []

        def delete_meanwhile() -> None:
            other = connections["default"]  # this thread's own connection
            try:
                if other.vendor == "sqlite":
                    with other.cursor() as cursor:
                        cursor.execute("PRAGMA busy_timeout = 300")
                with transaction.atomic(), other.cursor() as cursor:
                    if other.vendor == "postgresql":
                        cursor.execute("SET LOCAL lock_timeout = '300ms'")
                    cursor.execute("DELETE FROM registry_person WHERE id = %s", [self.person.pk])
                outcome.append("deleted")
            except DatabaseError as exc:
                outcome.append(type(exc).__name__)
            finally:
                other.close()

        with transaction.atomic():
            stage.publish(
                stage.chunks[0], source_id=self.source.pk, recorded_by_id=None, ledger_import_id=None
            )
            worker = threading.Thread(target=delete_meanwhile)
            worker.start()
            worker.join()
        assert outcome == ["OperationalError"]  # lock timeout: the person is locked until the commit
        assert Person.objects.filter(pk=self.person.pk).exists()
