"""Headers that name a role: the subject's own fields, and somebody else's that never become them."""

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.core.testing import factories as f
from jianfu.ledgers.choices import NEW_PREFIX
from jianfu.ledgers.services import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_run,
    ledger_import_upload,
)
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.ledgers.tests.test_import import ImportCase
from jianfu.registry.choices import Sensitivity
from jianfu.registry.dictionary import (
    CORE_ATTRIBUTES,
    OTHER,
    PERSONAL_CODES,
    TAGS,
    header_role,
    match_header,
    normalize_header,
)
from jianfu.registry.models import Attribute, Person


def shipped_vocabulary() -> dict[str, str]:
    """What `registry.selectors.header_vocabulary` gives on a fresh install (no database needed)."""
    vocabulary: dict[str, str] = {}
    specs = [*CORE_ATTRIBUTES, *TAGS, *(field for tag in TAGS for field in tag.get("fields", []))]
    for spec in specs:
        for term in [spec["name"], *spec.get("synonyms", [])]:
            vocabulary.setdefault(normalize_header(term), spec["code"])
    return vocabulary


VOCABULARY = shipped_vocabulary()
SUBJECTS = [
    "申请人",
    "户主",
    "老人",
    "残疾人",
    "优抚对象",
    "退役军人",
    "志愿者",
    "低保对象",
    "被监护人",
    "持证人",
]
SUBJECTS += ["家庭成员", "特困人员", "独居老人", "服务对象", "救助对象", "困境儿童", "参保人"]
OTHERS = [
    "监护人",
    "紧急联系人",
    "配偶",
    "子女",
    "填表人",
    "经办人",
    "代理人",
    "赡养人",
    "护理人员",
    "帮扶责任人",
]
OTHERS += ["父亲", "母亲", "网格员", "委托代理人", "老人监护人", "户主配偶"]
FIELDS = {
    "姓名": "name",
    "名字": "name",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "公民身份号码": "id_number",
    "证件号码": "id_number",
    "联系电话": "phone",
    "手机号码": "phone",
    "电话": "phone",
    "手机": "phone",
    "性别": "gender",
    "出生日期": "birth_date",
    "出生年月": "birth_date",
    "住址": "address",
}


@st.composite
def written(draw, text: str) -> str:
    """A header as people type it: spaces inside, full-width letters, 的, a note, an asterisk."""
    chars = list(text)
    out = ""
    for ch in chars:
        out += ch + draw(st.sampled_from(["", "", "", " ", "\u3000"]))
    if draw(st.booleans()):
        out = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in out)
    out = draw(st.sampled_from(["", "*", "＊"])) + out.strip()
    return out + draw(st.sampled_from(["", "（必填）", "(选填)", "："]))


def with_role(role_field):
    role, field = role_field
    return st.sampled_from(["", "的"]).map(lambda de: role + de + field) if role else st.just(field)


relaxed = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=150)


@relaxed
@given(st.data())
def test_a_subject_role_header_is_the_subjects_field(data):
    role = data.draw(st.sampled_from(SUBJECTS))
    field = data.draw(st.sampled_from(sorted(FIELDS)))
    header = data.draw(written(role + field))
    match = match_header(header, VOCABULARY)
    assert match.code == FIELDS[field], header
    assert match.kind != OTHER


@relaxed
@given(st.data())
def test_a_header_about_somebody_else_never_maps_to_the_subjects_own_fields(data):
    role = data.draw(st.sampled_from(OTHERS))
    field = data.draw(st.sampled_from(["", *sorted(FIELDS)]))
    header = data.draw(written(role + data.draw(st.sampled_from(["", "的"])) + field if field else role))
    match = match_header(header, VOCABULARY)
    assert match.code not in PERSONAL_CODES, (header, match)
    assert match.kind == OTHER


@relaxed
@given(st.sampled_from(sorted(FIELDS)), st.sampled_from(OTHERS))
def test_the_role_in_a_note_counts_too(field, role):
    assert match_header(f"{field}（{role}）", VOCABULARY).code not in PERSONAL_CODES
    assert match_header(f"{field}（必填）", VOCABULARY).code == FIELDS[field]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("姓 名", "name"),
        ("名字", "name"),
        ("申请人姓名", "name"),
        ("户主姓名", "name"),
        ("救助对象", "name"),
        ("服务对象", "name"),
        ("申请人身份证号", "id_number"),
        ("老人联系电话", "phone"),
        ("住宅电话", "phone"),
        ("监护人电话", "guardian_phone"),
        ("紧急联系人", "guardian"),
        ("监护人 姓名", "guardian"),
        ("与户主关系", "relation"),
        ("残疾人证号", "disability_number"),
    ],
)
def test_known_headers(header, code):
    assert match_header(header, VOCABULARY).code == code


def test_roles_are_told_apart_by_their_longest_ending():
    assert header_role("被监护人姓名").kind == "subject"
    assert header_role("老人监护人电话").kind == OTHER
    assert header_role("姓名") is None


class RoleHeaderImportTests(ImportCase):
    def upload(self, header, rows, name="roster.xlsx"):
        path = write_xlsx(Path(tempfile.mkdtemp()) / name, [header, *rows], title="2026年名册")
        imp = ledger_import_upload(
            actor=self.worker, community=self.community, source=self.source, path=path, file_name=name
        )
        return imp, path

    def proposed(self, imp):
        return {c["header"]: c["proposed"] for c in imp.columns}

    def test_elderly_roster_with_guardian_and_spouse(self):
        elder, guardian, spouse = (f.id_number(dt.date(y, 1, 2)) for y in (1940, 1970, 1942))
        header = [
            "序号",
            "老人姓名",
            "老人身份证号",
            "老人联系电话",
            "监护人姓名",
            "监护人电话",
            "配偶身份证号",
        ]
        imp, path = self.upload(header, [[1, "赵桂兰", elder, "13900000001", "赵强", "13900000002", spouse]])
        proposed = self.proposed(imp)
        self.assertEqual(
            [proposed[h] for h in header[1:6]], ["name", "id_number", "phone", "guardian", "guardian_phone"]
        )
        self.assertEqual(proposed["配偶身份证号"], NEW_PREFIX + "配偶身份证号")
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        ledger_import_run(ledger_import=imp, actor=self.worker, path=path)
        person = Person.objects.get(id_number=elder)
        self.assertEqual((person.name, person.phone), ("赵桂兰", "13900000001"))
        self.assertEqual(person.values["guardian_phone"], "13900000002")
        spouse_attr = Attribute.objects.get(name="配偶身份证号")
        self.assertEqual(spouse_attr.sensitivity, Sensitivity.MASKED)  # somebody's ID: masked like any ID
        self.assertEqual(person.values[spouse_attr.code], spouse)
        self.assertFalse(Person.objects.filter(id_number__in=[guardian, spouse]).exists())

    def test_household_head_roster_keeps_the_role_as_a_fact(self):
        head = f.id_number(dt.date(1966, 3, 4))
        imp, path = self.upload(["户主姓名", "户主身份证号", "低保证号"], [["钱多多", head, "DB001"]])
        self.assertEqual(list(self.proposed(imp).values()), ["name", "id_number", "dibao_number"])
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        ledger_import_run(ledger_import=imp, actor=self.worker, path=path)
        self.assertEqual(Person.objects.get(id_number=head).values["relation"], "户主")

    def test_in_a_member_roster_the_heads_columns_are_somebody_elses(self):
        head, member = f.id_number(dt.date(1966, 3, 4)), f.id_number(dt.date(1995, 6, 7))
        header = ["户主姓名", "户主身份证号", "姓名", "身份证号", "与户主关系"]
        imp, path = self.upload(header, [["钱多多", head, "钱小多", member, "子女"]])
        proposed = self.proposed(imp)
        self.assertEqual(proposed["姓名"], "name")
        self.assertEqual(proposed["身份证号"], "id_number")
        self.assertEqual(proposed["户主姓名"], NEW_PREFIX + "户主姓名")
        self.assertEqual(proposed["户主身份证号"], NEW_PREFIX + "户主身份证号")
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        ledger_import_run(ledger_import=imp, actor=self.worker, path=path)
        person = Person.objects.get(id_number=member)
        self.assertEqual((person.name, person.values["relation"]), ("钱小多", "子女"))
        self.assertFalse(Person.objects.filter(id_number=head).exists())

    def test_contact_is_the_subject_only_without_a_name_column(self):
        imp, _path = self.upload(["联系人", "联系电话", "服务时长"], [["孙志愿", "13900000003", "12"]])
        self.assertEqual(self.proposed(imp)["联系人"], "name")
        imp, _path = self.upload(
            ["姓名", "联系电话", "联系人", "联系人电话"],
            [["孙老人", "13900000004", "孙儿", "13900000005"]],
            "b.xlsx",
        )
        self.assertEqual(list(self.proposed(imp).values()), ["name", "phone", "guardian", "guardian_phone"])

    def test_missing_name_column_lists_the_closest_headers(self):
        imp, _path = self.upload(["编号", "户名", "证件", "住址"], [[1, "李四", "x", "某路1号"]])
        with self.assertRaises(LedgerError) as ctx:
            ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        message = str(ctx.exception)
        self.assertIn("最接近的列：B列“户名”", message)
        self.assertIn('--map "表头=姓名"', message)
        page = self.client_for(self.worker).get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "最接近的列：B列“户名”")


def test_written_strategy_keeps_the_text():
    assert normalize_header(unicodedata.normalize("NFKC", "老 人 姓 名（必填）")) == "老人姓名"


def settle(headers):
    from jianfu.registry.dictionary import HeaderRole, related_match, subject_demotions

    matches = [match_header(h, VOCABULARY) for h in headers]
    demoted = subject_demotions([(m.code, m.kind, m.role) for m in matches])
    return [
        related_match(h, VOCABULARY, HeaderRole(m.role, "", OTHER)).code if i in demoted else m.code
        for i, (h, m) in enumerate(zip(headers, matches, strict=True))
    ]


def test_one_column_names_the_subject():
    assert settle(["户主姓名", "户主身份证号"]) == ["name", "id_number"]
    assert settle(["申请人", "身份证号", "联系人", "联系人电话"]) == [
        "name",
        "id_number",
        "guardian",
        "guardian_phone",
    ]
    assert settle(["联系人", "联系电话"]) == ["name", "phone"]
    assert settle(["残疾人姓名", "户主姓名", "户主电话"]) == ["name", None, None]
    assert settle(["老人身份证号", "联系人", "联系人电话"]) == ["id_number", "guardian", "guardian_phone"]
