import pytest
from django.core.cache import cache
from django.test import override_settings

from jianfu.burden.models import BurdenEntry
from jianfu.certificates import services
from jianfu.certificates.choices import CertificateStatus, Decision, VerificationResult
from jianfu.certificates.models import Certificate, CertificateDemand, VerificationLog
from jianfu.certificates.tests.helpers import issue, png, resident
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase


class IssueTests(PersonaTestCase):
    def test_serials_run_per_community_and_year_without_gaps(self):
        a = issue(self.worker, self.community)
        b = issue(self.worker, self.community)
        other = issue(self.other_worker, self.other_community)
        year = a.year
        assert a.serial == f"〔{year}〕第0001号" and b.serial == f"〔{year}〕第0002号"
        assert other.serial == f"〔{year}〕第0001号"
        assert len(a.token) >= 32 and a.token != b.token
        assert AuditEvent.objects.filter(action="issue", community=self.community).count() == 2

    def test_a_failed_issue_leaves_no_gap(self):
        issue(self.worker, self.community)
        with pytest.raises(services.CertificateError):
            issue(self.worker, self.community, purpose="")
        assert issue(self.worker, self.community).number == 2

    def test_must_not_items_cannot_be_issued(self):
        with pytest.raises(services.CertificateError, match="CX08"):
            issue(self.worker, self.community, item_code="CX08")
        with pytest.raises(services.CertificateError):
            issue(self.worker, self.community, item_code="NOPE")
        assert not Certificate.objects.exists()

    def test_person_of_another_community_is_refused(self):
        stranger = resident(self.other_community, name="李四")
        with pytest.raises(services.CertificateError):
            issue(self.worker, self.community, person=stranger)

    def test_unfilled_placeholder_is_refused(self):
        with pytest.raises(services.CertificateError, match="占位符"):
            issue(self.worker, self.community, body="兹证明{name}在本社区居住。")

    def test_id_number_is_stored_masked(self):
        c = issue(self.worker, self.community)
        assert "*" in c.holder_id_masked and c.person.id_number not in c.holder_id_masked

    def test_revoke_needs_a_reason_and_happens_once(self):
        c = issue(self.worker, self.community)
        with pytest.raises(services.CertificateError):
            services.certificate_revoke(actor=self.head, certificate=c, reason=" ")
        c = services.certificate_revoke(actor=self.head, certificate=c, reason="信息有误")
        assert c.status == CertificateStatus.REVOKED and c.revoked_at and c.revoked_by == self.head
        with pytest.raises(services.CertificateError):
            services.certificate_revoke(actor=self.head, certificate=c, reason="again")
        assert AuditEvent.objects.filter(action="revoke", object_id=str(c.pk)).count() == 1


class TemplateTests(PersonaTestCase):
    def test_fill_template_and_unknown_placeholders(self):
        assert (
            services.fill_template("{name}住在{address}", {"name": "张三", "address": "1栋"}) == "张三住在1栋"
        )
        assert (
            services.fill_template("{name}", {"name": "{address}"}) == "{address}"
        )  # values are not re-read
        with pytest.raises(services.CertificateError, match="未知"):
            services.template_placeholders("{nmae}")
        with pytest.raises(services.CertificateError, match="花括号"):
            services.template_placeholders("兹证明{name")
        with pytest.raises(services.CertificateError):
            services.template_placeholders("{name.__class__}")

    def test_save_template_only_for_may_issue_items(self):
        row = services.certificate_template_save(
            actor=self.head,
            community=self.community,
            item_code="CM01",
            title="居住证明",
            body="兹证明{name}住在{address}。",
        )
        assert row.item_code == "CM01"
        with pytest.raises(services.CertificateError):
            services.certificate_template_save(
                actor=self.head, community=self.community, item_code="CX08", title="单身证明", body="x"
            )

    def test_seal_must_be_png(self):
        services.community_seal_save(actor=self.head, community=self.community, png=png())
        with pytest.raises(services.CertificateError, match="PNG"):
            services.community_seal_save(actor=self.head, community=self.community, png=b"GIF89a....")


class VerificationTests(PersonaTestCase):
    def setUp(self):
        cache.clear()

    def test_results_and_logs(self):
        c = issue(self.worker, self.community)
        assert services.verification_record(token=c.token, client_ip="1.2.3.4") == (
            VerificationResult.VALID,
            c,
        )
        assert (
            services.verification_record(token=c.token[:-3], client_ip="1.2.3.4")[0]
            == VerificationResult.INVALID
        )
        assert services.verification_record(token="A" * 32, client_ip=None)[0] == VerificationResult.UNKNOWN
        assert services.verification_record(token="<script>", client_ip=None)[0] == VerificationResult.INVALID
        services.certificate_revoke(actor=self.head, certificate=c, reason="搬走了")
        assert (
            services.verification_record(token=c.token, client_ip="1.2.3.4")[0] == VerificationResult.REVOKED
        )
        logs = list(VerificationLog.objects.order_by("id"))
        assert len(logs) == 5 and all(len(log.token_hash) == 64 for log in logs)
        assert c.token not in {log.token_hash for log in logs}

    @override_settings(CERTIFICATE_VERIFY_PER_MINUTE=3)
    def test_rate_limit_per_ip(self):
        assert [services.verify_rate_limited("9.9.9.9") for _ in range(4)] == [False, False, False, True]
        assert services.verify_rate_limited("8.8.8.8") is False


class DemandTests(PersonaTestCase):
    def test_must_not_request_becomes_burden_entry(self):
        d = services.certificate_demand_record(
            actor=self.worker, community=self.community, text="开个单身证明", institution="某某银行"
        )
        assert d.decision == Decision.MUST_NOT_ISSUE and d.item_code == "CX08"
        entry = BurdenEntry.objects.get(source_ref=f"certificates.demand:{d.pk}")
        assert (
            entry.kind == "certificate_demand"
            and "某某银行" in entry.title
            and entry.community == self.community
        )

    def test_may_issue_request_is_not_a_demand(self):
        with pytest.raises(services.CertificateError):
            services.certificate_demand_record(
                actor=self.worker, community=self.community, text="开个居住证明"
            )
        assert not CertificateDemand.objects.exists()

    def test_neither_list_is_recorded_outside_lists(self):
        d = services.certificate_demand_record(
            actor=self.worker, community=self.community, text="证明这棵树是台风吹倒的"
        )
        assert d.decision == Decision.NEEDS_REVIEW
        assert BurdenEntry.objects.get(source_ref=f"certificates.demand:{d.pk}").outside_lists


class BatchTests(PersonaTestCase):
    def test_batch_reserves_consecutive_numbers_after_single_ones(self):
        issue(self.worker, self.community)
        entries = [
            services.BatchEntry(
                body=f"兹证明学生{n}参加社区实践。", purpose="学校社会实践", holder_name=f"学生{n}"
            )
            for n in range(5)
        ]
        made = services.certificate_issue_batch(
            actor=self.worker, community=self.community, item_code="CM03", entries=entries
        )
        assert [c.number for c in made] == [2, 3, 4, 5, 6]
        assert issue(self.worker, self.community).number == 7
        assert len({c.token for c in made}) == 5

    def test_batch_is_all_or_nothing_and_names_the_bad_row(self):
        entries = [
            services.BatchEntry(body="x", purpose="p", holder_name="甲"),
            services.BatchEntry(body="x", purpose="", holder_name="乙"),
        ]
        with pytest.raises(services.CertificateError, match="第2份"):
            services.certificate_issue_batch(
                actor=self.worker, community=self.community, item_code="CM03", entries=entries
            )
        assert not Certificate.objects.exists()
        with pytest.raises(services.CertificateError):
            services.certificate_issue_batch(
                actor=self.worker, community=self.community, item_code="CX08", entries=entries[:1]
            )
