import datetime as dt
import tempfile
from pathlib import Path

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.ledgers.choices import ImportStatus, ReviewStatus
from jianfu.ledgers.models import LedgerImport, ReviewItem
from jianfu.ledgers.services import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_run,
    ledger_import_upload,
    review_create,
    review_link,
    review_reject,
)
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Fact, Person, PersonTag, Source
from jianfu.registry.services import person_refresh

HEADER = ["序号", "姓名", "身份证号", "出生日期", "联系电话", "现住址", "残疾类别"]


class ImportCase(PersonaTestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp())
        self.source = f.source("区残联残疾人名册", priority=60)

    def run_import(self, rows, *, name="ledger.xlsx", mapping=None, tag=None, title="2026年残疾人台账", **kw):
        path = write_xlsx(self.tmp / name, [HEADER, *rows], title=title)
        imp = ledger_import_upload(
            actor=self.worker, community=self.community, source=self.source, path=path, file_name=name
        )
        imp = ledger_import_confirm(
            actor=self.worker, ledger_import=imp, mapping=mapping, tag=tag, enqueue=False
        )
        summary = ledger_import_run(ledger_import=imp, actor=self.worker, path=path, **kw)
        imp.refresh_from_db()
        return imp, summary


class ImportTests(ImportCase):
    def test_create_link_reject_and_idempotent(self):
        existing = f.person(self.community, name="张伟", birth=dt.date(1950, 3, 2))
        new_id = f.id_number(dt.date(1960, 1, 5))
        rows = [
            [1, "张伟", existing.id_number, "1950.3.2", "13800138000", "民意小区1栋", "肢体"],
            [2, "李 娜", new_id, "1960年1月5日", "", "", "视力"],
            [3, "", f.id_number(), "", "", "", ""],
            [4, "王五", 4.20102195003021e17, "", "", "", ""],
            [5, "", "", "", "13912345678", "", ""],
        ]
        imp, _summary = self.run_import(rows)
        self.assertEqual(imp.status, ImportStatus.DONE)
        by_row = {r["row"]: r for r in imp.results}
        self.assertEqual(by_row[3]["status"], "linked")
        self.assertEqual(by_row[3]["person"], existing.pid)
        self.assertEqual(by_row[4]["status"], "created")
        self.assertEqual(Person.objects.get(pid=by_row[4]["person"]).name, "李娜")
        # a valid ID without a name still identifies a person
        self.assertEqual(by_row[5]["status"], "created")
        # a mangled ID never costs the row: it is kept as written, not validated, and reported
        self.assertEqual(by_row[6]["status"], "created")
        self.assertEqual(by_row[6]["errors"], [])
        [problem] = by_row[6]["problems"]
        self.assertEqual(
            (problem["column"], problem["attribute"], problem["kind"]), ("身份证号", "id_number", "id_excel")
        )
        self.assertIn("文本", problem["message"])
        wang = Person.objects.get(pid=by_row[6]["person"])
        self.assertIsNone(wang.id_number)
        kept = Fact.objects.get(person=wang, attribute__code="id_number")
        self.assertFalse(kept.validated)
        self.assertEqual(kept.value, problem["value"])
        self.assertIn("文本", kept.problem)
        # only a row that names nobody is refused, and it says so
        self.assertEqual(by_row[7]["status"], "rejected")
        self.assertIn("认不出是谁", by_row[7]["errors"][0])
        existing.refresh_from_db()
        self.assertEqual(existing.phone, "13800138000")
        self.assertEqual(existing.values["disability_type"], "肢体")
        people, facts = Person.objects.count(), Fact.objects.count()
        _imp2, summary2 = self.run_import(rows, name="again.xlsx")
        self.assertEqual((Person.objects.count(), Fact.objects.count()), (people, facts))
        self.assertEqual(summary2["created"], 0)
        self.assertEqual(summary2["linked"], 4)

    def test_bulk_refresh_matches_person_refresh(self):
        existing = f.person(self.community, name="赵六", birth=dt.date(1941, 2, 3))
        _imp, _s = self.run_import(
            [[1, "赵六", existing.id_number, "", "13900000000", "", ""]], tag=self._tag("disabled")
        )
        existing.refresh_from_db()
        snapshot = (
            existing.values,
            existing.phone,
            existing.has_conflict,
            existing.name_key,
            existing.birth_date,
        )
        person_refresh(person=existing)
        existing.refresh_from_db()
        self.assertEqual(
            snapshot,
            (existing.values, existing.phone, existing.has_conflict, existing.name_key, existing.birth_date),
        )
        self.assertTrue(PersonTag.objects.filter(person=existing, attribute__code="disabled").exists())

    def _tag(self, code):
        from jianfu.registry.models import Attribute

        return Attribute.objects.get(code=code)

    def test_traditional_variant_links_homophone_goes_to_review(self):
        a = f.person(self.community, name="陈国华", birth_date="1948-05-06", id_number=None)
        b = f.person(self.community, name="刘建国", birth=dt.date(1952, 7, 8))
        rows = [
            [1, "陳國華", "", "1948-05-06", "", "", ""],
            [2, "刘建果", "", "1952-07-08", "", "", ""],
        ]
        imp, _summary = self.run_import(rows)
        by_row = {r["row"]: r for r in imp.results}
        self.assertEqual(by_row[3]["status"], "linked")
        self.assertEqual(by_row[3]["person"], a.pid)
        self.assertEqual(by_row[4]["status"], "review")
        item = ReviewItem.objects.get(ledger_import=imp)
        self.assertEqual(item.candidates[0]["pid"], b.pid)
        review_link(actor=self.worker, item=item, pid=b.pid)
        item.refresh_from_db()
        self.assertEqual(item.status, ReviewStatus.LINKED)
        imp.refresh_from_db()
        self.assertEqual({r["row"]: r for r in imp.results}[4]["status"], "linked")

    def test_different_valid_ids_never_merged(self):
        a = f.person(self.community, name="周敏", birth=dt.date(1950, 3, 2), phone="13700000000")
        other = f.id_number(dt.date(1950, 3, 2))
        imp, _s = self.run_import([[1, "周敏", other, "1950-03-02", "13700000000", "", ""]])
        row = imp.results[0]
        self.assertEqual(row["status"], "created")
        self.assertNotEqual(row["person"], a.pid)

    def test_forced_failure_mid_import_leaves_registry(self):
        existing = f.person(self.community, name="张伟")
        before = (Person.objects.count(), Fact.objects.count(), PersonTag.objects.count())
        rows = [
            [1, "张伟", existing.id_number, "", "13800138000", "", ""],
            [2, "新人", f.id_number(), "", "", "", ""],
        ]
        with self.assertRaises(RuntimeError):
            self.run_import(rows, fail_after_rows=1)
        self.assertEqual(before, (Person.objects.count(), Fact.objects.count(), PersonTag.objects.count()))
        self.assertEqual(LedgerImport.objects.get().status, ImportStatus.FAILED)

    def test_review_create_and_reject(self):
        f.person(self.community, name="刘建国", birth=dt.date(1952, 7, 8))
        imp, _s = self.run_import(
            [[1, "刘建果", "", "1952-07-08", "", "", ""], [2, "刘剑国", "", "1952-07-08", "", "", ""]]
        )
        items = list(ReviewItem.objects.filter(ledger_import=imp))
        self.assertEqual(len(items), 2)
        person = review_create(actor=self.worker, item=items[0])
        self.assertEqual(person.name, "刘建果")
        review_reject(actor=self.worker, item=items[1], reason="重复登记")
        with self.assertRaises(LedgerError):
            review_reject(actor=self.worker, item=items[1])

    def test_mapping_is_remembered_and_new_column_becomes_attribute(self):
        path = write_xlsx(
            self.tmp / "m.xlsx", [["姓名", "身份证号", "爱好特长"], ["甲", f.id_number(), "书法"]]
        )
        imp = ledger_import_upload(
            actor=self.worker, community=self.community, source=self.source, path=path, file_name="m.xlsx"
        )
        cols = {c["header"]: c for c in imp.columns}
        self.assertEqual(cols["爱好特长"]["proposed"], "__new__:爱好特长")
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        ledger_import_run(ledger_import=imp, actor=self.worker, path=path)
        person = Person.objects.get(name="甲")
        self.assertEqual(person.values[imp.mapping["爱好特长"]], "书法")
        self.source.refresh_from_db()
        self.assertIn("爱好特长", self.source.header_mapping)
        imp2 = ledger_import_upload(
            actor=self.worker,
            community=self.community,
            source=Source.objects.get(pk=self.source.pk),
            path=path,
            file_name="m.xlsx",
        )
        self.assertTrue({c["header"]: c for c in imp2.columns}["爱好特长"]["remembered"])

    def test_no_name_column_refused(self):
        path = write_xlsx(self.tmp / "n.xlsx", [["身份证号", "联系电话"], [f.id_number(), "13800000000"]])
        imp = ledger_import_upload(
            actor=self.worker, community=self.community, source=self.source, path=path, file_name="n.xlsx"
        )
        with self.assertRaises(LedgerError):
            ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)


class GroupedHeaderTests(ImportCase):
    def test_contact_columns_under_a_group_map_to_the_contact(self):
        import xlsxwriter

        path = self.tmp / "g.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet()
        ws.merge_range(0, 0, 1, 0, "老人姓名")
        ws.merge_range(0, 1, 1, 1, "身份证号码")
        ws.merge_range(0, 2, 0, 3, "紧急联系人")
        ws.write_row(1, 2, ["姓名", "电话"])
        ws.write_row(2, 0, ["王奶奶", f.id_number(dt.date(1938, 2, 2)), "王小明", "13900001234"])
        wb.close()
        imp = ledger_import_upload(
            actor=self.worker, community=self.community, source=self.source, path=path, file_name="g.xlsx"
        )
        proposed = {c["key"]: c["proposed"] for c in imp.columns}
        self.assertEqual(proposed["老人姓名"], "name")
        self.assertEqual(proposed["紧急联系人/姓名"], "guardian")
        self.assertEqual(proposed["紧急联系人/电话"], "guardian_phone")
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        ledger_import_run(ledger_import=imp, actor=self.worker, path=path)
        person = Person.objects.get(name="王奶奶")
        self.assertEqual(person.values["guardian"], "王小明")
        self.assertEqual(person.phone, "")


class UnvalidatedValueTests(ImportCase):
    def test_bad_value_kept_reported_and_not_current(self):
        known = f.person(self.community, name="马秀英", birth=dt.date(1948, 5, 6), phone="13800138000")
        imp, summary = self.run_import([[1, "马秀英", known.id_number, "1948-05-06", "138-0013-800", "", ""]])
        [row] = imp.results
        self.assertEqual((row["status"], row["person"]), ("linked", known.pid))
        [problem] = row["problems"]
        self.assertEqual(
            {k: problem[k] for k in ("column", "attribute", "value", "kind")},
            {"column": "联系电话", "attribute": "phone", "value": "138-0013-800", "kind": "phone_format"},
        )
        self.assertEqual((summary["rows_with_problems"], summary["problems"]), (1, 1))
        known.refresh_from_db()
        self.assertEqual(known.phone, "13800138000")
        kept = Fact.objects.get(person=known, validated=False)
        self.assertEqual((kept.value, kept.ledger_import_id), ("138-0013-800", imp.pk))
        facts = Fact.objects.count()
        self.run_import(
            [[1, "马秀英", known.id_number, "1948-05-06", "138-0013-800", "", ""]], name="again.xlsx"
        )
        self.assertEqual(Fact.objects.count(), facts)

    def test_review_decision_keeps_the_unvalidated_values(self):
        f.person(self.community, name="刘建国", birth=dt.date(1952, 7, 8))
        imp, _s = self.run_import([[1, "刘建果", "", "1952-07-08", "1390000123", "", ""]])
        [item] = ReviewItem.objects.filter(ledger_import=imp)
        person = review_create(actor=self.worker, item=item)
        kept = Fact.objects.get(person=person, attribute__code="phone")
        self.assertFalse(kept.validated)
        self.assertEqual(kept.value, "1390000123")


class WrittenFormsTests(ImportCase):
    def test_a_row_is_a_person_whatever_its_values_look_like(self):
        known = f.person(self.community, name="马秀英", birth=dt.date(1948, 5, 6))
        fifteen = known.id_number[:6] + known.id_number[8:17]
        other_id = f.id_number(dt.date(1961, 2, 3))
        rows = [
            [
                1,
                "马秀英（户主）",
                fifteen,
                "48年5月",
                "+86 136-8715-6658/027-85123456",
                "民意小区1-2-301",
                "",
            ],
            [2, "合计", other_id, "", "", "", ""],
            [3, "阿依古丽•买买提", "'" + f.id_number(dt.date(1970, 1, 1)), "1970.01", "无", "", ""],
        ]
        imp, _s = self.run_import(rows)
        by_row = {r["row"]: r for r in imp.results}
        self.assertEqual((by_row[3]["status"], by_row[3]["person"]), ("linked", known.pid))
        known.refresh_from_db()
        self.assertEqual(known.phone, "13687156658")
        self.assertEqual(known.values["phone_other"], "027-85123456")
        self.assertEqual(known.values["relation"], "户主")
        # 合计 is no name, but the valid ID still identifies a person; the cell is kept and reported
        self.assertEqual(by_row[4]["status"], "created")
        self.assertEqual(by_row[4]["problems"][0]["kind"], "name_unusable")
        self.assertEqual(Person.objects.get(pid=by_row[4]["person"]).id_number, other_id)
        self.assertEqual(Person.objects.get(pid=by_row[5]["person"]).name, "阿依古丽·买买提")
        self.assertEqual(by_row[5]["problems"], [])


def _typo(number: str, position: int) -> str:
    digits = list(number)
    digits[position] = str((int(digits[position]) + 3) % 10)
    return "".join(digits)


class TypoIdLinkageTests(ImportCase):
    def setUp(self):
        super().setUp()
        self.known = f.person(self.community, name="周建华", birth=dt.date(1950, 3, 2), phone="13700000001")
        self.number = self.known.id_number

    def test_one_wrong_digit_links_when_the_rest_agrees(self):
        for position in (2, 9, 15):  # region, birth date, sequence: each typo is found by some block
            typo = _typo(self.number, position)
            imp, _s = self.run_import([[1, "周建华", typo, "", "", "", ""]], name=f"t{position}.xlsx")
            [row] = imp.results
            self.assertEqual((row["status"], row["person"]), ("linked", self.known.pid), position)
            self.assertEqual(row["problems"][0]["kind"], "id_checksum")
        self.known.refresh_from_db()
        self.assertEqual(self.known.id_number, self.number)  # the typo never became the ID
        self.assertTrue(
            Fact.objects.filter(person=self.known, attribute__code="id_number", validated=False).exists()
        )

    def test_swapped_digits_and_excel_numbers_link(self):
        digits = list(self.number)
        i = next(i for i in range(6, 16) if digits[i] != digits[i + 1])
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
        swapped = "".join(digits)
        imp, _s = self.run_import(
            [
                [1, "周建华", swapped, "", "", "", ""],
                [2, "周建华", float(self.number[:15] + "000"), "", "", "", ""],
            ]
        )
        self.assertEqual([(r["status"], r["person"]) for r in imp.results], [("linked", self.known.pid)] * 2)

    def test_typo_with_a_different_name_waits_for_review(self):
        imp, _s = self.run_import([[1, "李红梅", _typo(self.number, 15), "", "", "", ""]])
        self.assertEqual(imp.results[0]["status"], "review")

    def test_typo_close_to_one_valid_id_never_merges_two_valid_ids(self):
        # a second resident whose valid ID is itself one digit from the first's: rows with a valid
        # ID are linked only exactly, whatever a typo-distance says
        neighbour_first17 = self.number[:16] + str((int(self.number[16]) + 2) % 10)
        from jianfu.core import idcard

        neighbour = neighbour_first17 + idcard.check_digit(neighbour_first17)
        imp, _s = self.run_import([[1, "周建华", neighbour, "1950-03-02", "13700000001", "", ""]])
        [row] = imp.results
        self.assertEqual(row["status"], "created")
        self.assertNotEqual(row["person"], self.known.pid)

    def test_the_same_new_person_twice_in_a_file_is_one_person(self):
        rows = [
            [1, "吴新来", "", "1990-01-02", "13911112222", "", ""],
            [2, "吴新来", "", "1990-01-02", "", "", ""],
        ]
        imp, _s = self.run_import(rows)
        self.assertEqual(len({r["person"] for r in imp.results}), 1)
        self.assertEqual(Person.objects.filter(name="吴新来").count(), 1)


class NewcomerTests(ImportCase):
    def test_a_valid_id_states_the_birth_date_of_someone_registered_without_one(self):
        number = f.id_number(dt.date(2007, 1, 14))
        first, _s = self.run_import([[1, "曹福伟", "", "2007-01-14", "", "", ""]], name="a.xlsx")
        second, _s = self.run_import([[1, "曹福伟", number, "", "", "", ""]], name="b.xlsx")
        self.assertEqual(second.results[0]["status"], "linked")
        self.assertEqual(second.results[0]["person"], first.results[0]["person"])
