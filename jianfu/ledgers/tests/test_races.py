"""Two imports or uploads meeting the same new thing at once: both succeed, nothing is duplicated,
no raw UNIQUE error."""

import tempfile
from pathlib import Path
from unittest import mock

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers import services
from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.services import ledger_import_confirm, ledger_import_run, ledger_import_upload
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Person, Source
from jianfu.registry.services import source_for_ledger


class SameNewResident(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.number = f.id_number()

    def prepared(self, name: str, source: str, community=None):
        path = write_xlsx(self.tmp / f"{source}.xlsx", [["姓名", "身份证号"], [name, self.number]])
        imp = ledger_import_upload(
            actor=self.worker,
            community=community or self.community,
            source=f.source(source),
            path=path,
            file_name=path.name,
        )
        return ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False), path

    def run_with_other_import_in_between(self, other_community=None):
        first, first_path = self.prepared("王建华", "区民政局名册")
        second, second_path = self.prepared("王建华", "区残联名册", other_community)
        original = services.link_rows

        def link_then_other_import_commits(*args, **kwargs):
            original(*args, **kwargs)
            services.link_rows = original
            ledger_import_run(
                ledger_import=second, actor=self.worker, path=second_path
            )  # registers the resident first

        with mock.patch.object(services, "link_rows", link_then_other_import_commits):
            summary = ledger_import_run(ledger_import=first, actor=self.worker, path=first_path)
        return summary, first

    def test_second_links_to_the_person_the_first_created(self):
        summary, imp = self.run_with_other_import_in_between()
        self.assertEqual((summary["created"], summary["linked"]), (0, 1))
        self.assertEqual(Person.objects.filter(id_number=self.number).count(), 1)
        imp.refresh_from_db()
        self.assertEqual(imp.status, ImportStatus.DONE)
        self.assertEqual(imp.results[0]["person"], Person.objects.get(id_number=self.number).pid)

    def test_registered_meanwhile_in_another_community_names_the_row(self):
        summary, imp = self.run_with_other_import_in_between(other_community=self.other_community)
        self.assertEqual((summary["created"], summary["rejected"]), (0, 1))
        imp.refresh_from_db()
        self.assertIn("第2行", imp.results[0]["errors"][-1])
        self.assertIn("另一个社区", imp.results[0]["errors"][-1])
        self.assertEqual(Person.objects.filter(id_number=self.number).count(), 1)


class SameNewSource(PersonaTestCase):
    def test_loser_of_the_race_gets_the_winners_source(self):
        winner = Source.objects.create(name="街道新名册")
        real_filter = Source.objects.filter

        def not_yet_seen(*args, **kwargs):  # the other upload committed just after we looked
            if kwargs == {"name": "街道新名册"}:
                return Source.objects.none()
            return real_filter(*args, **kwargs)

        with mock.patch.object(Source.objects, "filter", side_effect=not_yet_seen):
            got = source_for_ledger(name=" 街道新名册 ")
        self.assertEqual(got.pk, winner.pk)
        self.assertEqual(Source.objects.filter(name="街道新名册").count(), 1)
