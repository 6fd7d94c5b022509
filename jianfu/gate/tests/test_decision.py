"""The pure decision function, each branch, with hand-made items and matches."""

import datetime as dt

from django.test import SimpleTestCase
from django.utils import translation

from jianfu.catalog.matching import Match
from jianfu.catalog.selectors import ActiveItem
from jianfu.gate.choices import Decision, ListMatch, TaskKind
from jianfu.gate.decision import (
    FLAG_ASSIST_WITHOUT_RESOURCES,
    FLAG_EMERGENCY_REVIEW,
    RegistryCoverage,
    TaskInput,
    decide,
)


def item(code: str, list_kind: str, name: str, source: str = "", referral: str = "") -> ActiveItem:
    return ActiveItem(
        pk=hash(code) % 10000,
        list_kind=list_kind,
        code=code,
        name=name,
        aliases=(),
        legal_basis="",
        source_document=source,
        referral=referral,
        verify=False,
        jurisdiction="全国",
        effective_from=dt.date(2020, 1, 1),
    )


DUTY = item("D04", "duty", "调解民间纠纷")
ASSIST = item("A01", "assist", "协助开展最低生活保障申请受理", "中办发〔2010〕27号")
NEGATIVE = item("N02", "negative", "拆迁拆违（征收拆迁、违法建设拆除）", "天津市 2019 社区工作事项清单")
CERT_NO = item("CX05", "certificate_must_not_issue", "无犯罪记录证明", "民发〔2020〕20号", "公安机关")


def m(it: ActiveItem, score: float = 0.8, words: tuple[str, ...] = ("低保",)) -> Match:
    return Match(it, score, words)


def task(**kw) -> TaskInput:
    kw.setdefault("title", "t")
    kw.setdefault("description", "d")
    return TaskInput(**kw)


class DecideTests(SimpleTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def test_duty_admitted(self):
        out = decide(task(), [m(DUTY, words=("邻里纠纷",))])
        self.assertEqual(out.decision, Decision.ADMITTED)
        self.assertEqual(out.list, ListMatch.DUTY)
        self.assertEqual(out.matched, ("邻里纠纷",))
        self.assertIn("D04", out.reasons[0])

    def test_assist_with_resources_admitted_without_flag(self):
        out = decide(task(has_resources=True), [m(ASSIST)])
        self.assertEqual((out.decision, out.list), (Decision.ADMITTED, ListMatch.ASSIST))
        self.assertNotIn(FLAG_ASSIST_WITHOUT_RESOURCES, out.flags)

    def test_assist_without_resources_flagged(self):
        out = decide(task(), [m(ASSIST)])
        self.assertEqual(out.decision, Decision.ADMITTED)
        self.assertIn(FLAG_ASSIST_WITHOUT_RESOURCES, out.flags)
        self.assertTrue(any("减负办" in r for r in out.reasons))

    def test_negative_rejected_citing_rule(self):
        out = decide(task(), [m(NEGATIVE), m(DUTY, 0.6)])
        self.assertEqual((out.decision, out.list), (Decision.REJECTED, ListMatch.NEGATIVE))
        text = " ".join(out.reasons)
        self.assertIn("拆迁拆违", text)
        self.assertIn("（全国）", text)  # its jurisdiction; a Tianjin list is not in force for every district
        self.assertNotIn("天津", text)
        self.assertEqual(out.as_json()["item"], {"code": "N02", "name": NEGATIVE.name})

    def test_must_not_issue_certificate_rejected_with_referral(self):
        out = decide(task(kind=TaskKind.CERTIFICATE), [m(CERT_NO)])
        self.assertEqual((out.decision, out.list), (Decision.REJECTED, ListMatch.NEGATIVE))
        self.assertIn("公安机关", " ".join(out.reasons))

    def test_no_item_needs_approval(self):
        out = decide(task(), [m(DUTY, 0.3)])
        self.assertEqual((out.decision, out.list, out.item), (Decision.NEEDS_APPROVAL, ListMatch.NONE, None))
        self.assertEqual(out.score, 0.3)
        self.assertEqual(decide(task(), []).decision, Decision.NEEDS_APPROVAL)

    def test_assessed_needs_approval_even_on_list(self):
        out = decide(task(assessed=True), [m(DUTY)])
        self.assertEqual((out.decision, out.list), (Decision.NEEDS_APPROVAL, ListMatch.DUTY))
        self.assertIn("考核", " ".join(out.reasons))

    def test_approval_kinds(self):
        for kind in ("ledger_report", "inspection", "assessment", "signboard", "training", "campaign"):
            with self.subTest(kind=kind):
                self.assertEqual(decide(task(kind=kind), [m(ASSIST)]).decision, Decision.NEEDS_APPROVAL)
        for kind in ("survey", "meeting", "general"):
            with self.subTest(kind=kind):
                self.assertEqual(
                    decide(task(kind=kind, has_resources=True), [m(ASSIST)]).decision, Decision.ADMITTED
                )

    def test_text_reveals_an_approval_kind(self):
        out = decide(task(description="安装政务APP并完成实名认证，纳入考核", has_resources=True), [m(ASSIST)])
        self.assertEqual(out.decision, Decision.NEEDS_APPROVAL)
        self.assertIn("纳入考核", " ".join(out.reasons))
        out = decide(task(description="请在门口悬挂工作站牌子"), [m(DUTY)])
        self.assertEqual(out.decision, Decision.NEEDS_APPROVAL)
        self.assertEqual(decide(task(description="调解邻里纠纷"), [m(DUTY)]).decision, Decision.ADMITTED)

    def test_emergency_admitted_and_flagged_even_without_item(self):
        out = decide(task(emergency=True, kind=TaskKind.INSPECTION), [])
        self.assertEqual(out.decision, Decision.ADMITTED)
        self.assertIn(FLAG_EMERGENCY_REVIEW, out.flags)

    def test_emergency_on_negative_item_admitted_but_noted(self):
        out = decide(task(emergency=True), [m(NEGATIVE)])
        self.assertEqual(out.decision, Decision.ADMITTED)
        self.assertIn("负面清单", " ".join(out.reasons))

    def test_registry_data_served(self):
        cov = RegistryCoverage(("name", "phone"), ("姓名", "联系电话"), "80周岁以上")
        out = decide(task(kind=TaskKind.SURVEY), [], registry=cov)
        self.assertEqual(out.decision, Decision.SERVED_FROM_REGISTRY)
        self.assertIn("联系电话", " ".join(out.reasons))

    def test_negative_beats_registry(self):
        cov = RegistryCoverage(("name",), ("姓名",))
        self.assertEqual(decide(task(), [m(NEGATIVE)], registry=cov).decision, Decision.REJECTED)

    def test_json_shape(self):
        data = decide(task(), [m(DUTY)]).as_json()
        self.assertEqual(set(data), {"decision", "list", "item", "score", "reasons"})
        self.assertIsInstance(data["score"], float)
