"""Finding 5 of issue 8: one decision for a certificate, whole words, lists in force only."""

from django.utils import translation

from jianfu.catalog.citation import cite, sources_in_force
from jianfu.certificates.check import check_request, demanded_certificates
from jianfu.core.testing import PersonaTestCase
from jianfu.gate import services
from jianfu.gate.choices import Decision


class CertificateRuleTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def evaluate(self, title, description):
        return services.task_evaluate(
            department=self.department, title=title, description=description
        ).outcome

    def test_demanded_certificates_are_found_as_written(self):
        self.assertEqual(
            demanded_certificates("请各社区为辖区居民出具婚姻状况证明和收入证明，报区民政局备案。"),
            ["婚姻状况证明", "收入证明"],
        )
        self.assertEqual(demanded_certificates("请社区为申请人开具亲属关系证明"), ["亲属关系证明"])
        self.assertEqual(
            demanded_certificates("请核验居民提交的收入证明材料"), []
        )  # nobody asks communities to issue

    def test_gate_decides_as_the_certificate_desk(self):
        cases = [
            ("婚姻和收入证明", "请各社区为辖区居民出具婚姻状况证明和收入证明，报区民政局备案。"),
            ("低保申请材料", "请各社区为低保申请人开具收入证明，并协助做好低保审核工作。"),
            ("救助申请", "请各社区为申请人开具亲属关系证明，用于协助办理临时救助。"),
        ]
        for title, description in cases:
            with self.subTest(title=title):
                outcome = self.evaluate(title, description)
                desk = check_request(
                    text=demanded_certificates(description)[0], district_code=self.district.code
                )
                self.assertEqual(outcome.decision, Decision.REJECTED)
                self.assertEqual(outcome.item.code, desk.item.code)
                text = "".join(outcome.reasons)
                self.assertIn("民发〔2020〕20号", text)
                self.assertIn("部门应改向以下渠道获取或核验", text)
                self.assertIn(desk.item.referral, text)

    def test_both_certificates_are_cited(self):
        outcome = self.evaluate("婚姻和收入证明", "请各社区为辖区居民出具婚姻状况证明和收入证明。")
        text = "".join(outcome.reasons)
        self.assertIn("CX08", text)
        self.assertIn("CX17", text)

    def test_explanation_names_whole_words_only(self):
        outcome = self.evaluate("占道经营集中整治", "请各社区作为责任主体负责辖区占道经营、流动摊贩整治。")
        self.assertEqual(outcome.decision, Decision.REJECTED)
        for fragment in ("为责", "任主"):
            self.assertNotIn(fragment, outcome.matched)
            self.assertNotIn(f"、{fragment}", outcome.reasons[0])
        self.assertIn("责任", outcome.matched)

    def test_a_wuhan_district_never_cites_a_tianjin_list(self):
        for title, description in (
            ("高龄津贴", "请各社区协助做好高龄津贴申领和资格认证工作。"),
            ("占道经营集中整治", "请各社区作为责任主体负责辖区占道经营整治。"),
            ("残疾人帮扶", "请各社区协助开展残疾人基本服务状况调查和残疾人帮扶。"),
        ):
            with self.subTest(title=title):
                outcome = self.evaluate(title, description)
                self.assertIsNotNone(outcome.item)
                self.assertNotIn("天津", "".join(outcome.reasons))
                self.assertIn("全国参考清单", outcome.reasons[0])  # the jurisdiction whose list holds it

    def test_gaoling_jintie_matches_its_own_item(self):
        outcome = self.evaluate("高龄津贴申领", "请各社区协助做好辖区老人高龄津贴的申领和资格认证。")
        self.assertIn("高龄津贴", outcome.item.name)
        self.assertNotIn("低保", outcome.item.name)


class CitationTests(PersonaTestCase):
    def test_local_sources_kept_only_in_their_own_jurisdiction(self):
        class Item:
            code, name, legal_basis = "A02", "协助做好高龄津贴", ""
            source_document = "中办发〔2010〕27号《意见》；天津市2019年社区工作事项清单"
            jurisdiction = "全国参考清单"

        self.assertEqual(sources_in_force(Item), ["中办发〔2010〕27号《意见》"])
        Item.jurisdiction = "天津市"
        self.assertEqual(len(sources_in_force(Item)), 2)
        Item.jurisdiction, Item.source_document = "全国参考清单", "天津市2019年社区工作事项清单（负面清单）"
        self.assertEqual(cite(Item), "A02「协助做好高龄津贴」（全国参考清单）")
