from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from jianfu.certificates.models import Certificate, CertificateDemand, VerificationLog
from jianfu.certificates.services import certificate_revoke
from jianfu.certificates.tests.helpers import issue, png, resident
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase

EVIL = "<script>alert(1)</script>#set text(red) *x* $y$"


class DeskViewTests(PersonaTestCase):
    url = reverse("certificates:desk")

    def test_anonymous_is_sent_to_login(self):
        response = self.client_for(None).get(self.url)
        assert response.status_code == 302 and "login" in response["Location"]

    def test_roles_without_change_get_404(self):
        for user in (self.officer, self.dept_user, self.resident):
            assert self.client_for(user).get(self.url).status_code == 404

    def test_worker_gets_explained_answers(self):
        client = self.client_for(self.worker)
        page = client.get(self.url, {"q": "开个单身证明"}).content.decode()
        assert "社区不应出具" in page and "婚姻登记机关" in page and "民发〔2020〕20号" in page
        page = client.get(self.url, {"q": "孩子上学要居住证明"}).content.decode()
        assert "可以出具" in page and "居民在社区居住证明" in page and "居民库" in page
        page = client.get(self.url, {"q": "证明这棵树是台风吹倒的"}).content.decode()
        assert "法律顾问" in page and "据实出具" in page

    def test_html_in_the_request_is_escaped(self):
        page = self.client_for(self.worker).get(self.url, {"q": EVIL}).content.decode()
        assert "<script>alert(1)" not in page and "&lt;script&gt;" in page

    def test_person_search_stays_in_the_community(self):
        resident(self.community, name="王秀兰")
        resident(self.other_community, name="王秀英")
        page = (
            self.client_for(self.worker)
            .get(reverse("certificates:person_search"), {"who": "王秀", "code": "CM01"})
            .content.decode()
        )
        assert "王秀兰" in page and "王秀英" not in page


class PublicAskTests(PersonaTestCase):
    def test_anonymous_resident_can_ask_and_print_a_referral(self):
        client = self.client_for(None)
        page = client.get(
            reverse("certificates:ask"), {"q": "证明我妈还健在", "community": self.community.code}
        )
        assert page.status_code == 200
        text = page.content.decode()
        assert "社保" in text and "居民库" not in text  # no registry look-up for residents
        referral = client.get(reverse("certificates:referral"), {"q": "证明我妈还健在"})
        assert referral.status_code == 200 and "不予出具证明告知书" in referral.content.decode()
        pdf = client.get(reverse("certificates:referral_pdf"), {"q": "证明我妈还健在"})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    def test_referral_only_for_must_not_items(self):
        client = self.client_for(None)
        assert client.get(reverse("certificates:referral"), {"q": "开个居住证明"}).status_code == 404
        assert client.get(reverse("certificates:referral_pdf"), {"q": ""}).status_code == 404

    def test_referral_escapes_html(self):
        page = self.client_for(None).get(reverse("certificates:referral"), {"q": "开个单身证明" + EVIL})
        assert page.status_code == 200 and "<script>alert" not in page.content.decode()


class IssueViewTests(PersonaTestCase):
    def test_fill_from_registry_and_issue(self):
        person = resident(self.community)
        client = self.client_for(self.worker)
        url = reverse("certificates:issue", args=["CM01"])
        page = client.get(
            url, {"pid": person.pid, "purpose": "子女入学", "since": "2015年3月"}
        ).content.decode()
        assert "王秀兰" in page and "民意小区3栋2单元501" in page and "2015年3月" in page
        response = client.post(
            url,
            {
                "pid": person.pid,
                "purpose": "子女入学",
                "title": "居住证明",
                "body": "兹证明王秀兰在本社区居住。" + EVIL,
            },
        )
        certificate = Certificate.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "certificates:detail", args=[certificate.pk]
        )
        detail = client.get(response["Location"]).content.decode()
        assert certificate.serial in detail and "<script>alert" not in detail
        pdf = client.get(reverse("certificates:pdf", args=[certificate.pk]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    def test_outsiders_cannot_issue_for_this_community_or_use_its_people(self):
        person = resident(self.community)
        url = reverse("certificates:issue", args=["CM01"])
        assert self.client_for(self.other_worker).get(url, {"pid": person.pid}).status_code == 404
        assert self.client_for(None).get(url).status_code == 302
        assert (
            self.client_for(self.worker).get(reverse("certificates:issue", args=["CX08"])).status_code == 404
        )

    def test_bad_input_shows_errors_and_writes_nothing(self):
        response = self.client_for(self.worker).post(
            reverse("certificates:issue", args=["CM01"]), {"purpose": "", "title": "居住证明", "body": "x"}
        )
        assert response.status_code == 200 and not Certificate.objects.exists()


class DetailRevokeTests(PersonaTestCase):
    def setUp(self):
        self.certificate = issue(self.worker, self.community)

    def test_outsiders_cannot_see_or_revoke(self):
        revoke = reverse("certificates:revoke", args=[self.certificate.pk])
        assert self.client_for(self.dept_user).post(revoke, {"reason": "x"}).status_code == 404
        for user in (self.other_worker, self.far_worker, self.resident):
            client = self.client_for(user)
            assert client.get(reverse("certificates:detail", args=[self.certificate.pk])).status_code == 404
            assert client.get(reverse("certificates:pdf", args=[self.certificate.pk])).status_code == 404
            assert (
                client.post(
                    reverse("certificates:revoke", args=[self.certificate.pk]), {"reason": "x"}
                ).status_code
                == 404
            )
        assert (
            self.client_for(None).get(reverse("certificates:detail", args=[self.certificate.pk])).status_code
            == 302
        )

    def test_only_the_head_revokes(self):
        url = reverse("certificates:revoke", args=[self.certificate.pk])
        assert self.client_for(self.worker).post(url, {"reason": "x"}).status_code == 404
        assert self.client_for(self.head).post(url, {"reason": ""}).status_code == 302
        self.certificate.refresh_from_db()
        assert self.certificate.status == "issued"
        assert self.client_for(self.head).post(url, {"reason": "信息有误"}).status_code == 302
        self.certificate.refresh_from_db()
        assert self.certificate.status == "revoked" and self.certificate.revoke_reason == "信息有误"


class VerifyViewTests(PersonaTestCase):
    def setUp(self):
        cache.clear()
        self.certificate = issue(self.worker, self.community)

    def url(self, token):
        return reverse("certificates:verify", args=[token])

    def test_valid_then_revoked(self):
        client = self.client_for(None)
        page = client.get(self.url(self.certificate.token))
        text = page.content.decode()
        assert page.status_code == 200 and "有效证明" in text and "王**" in text and "王秀兰" not in text
        assert self.certificate.serial in text and "民意社区" in text
        certificate_revoke(actor=self.head, certificate=self.certificate, reason="x")
        text = client.get(self.url(self.certificate.token)).content.decode()
        assert "已撤销" in text and "撤销" in text

    def test_tampered_truncated_unknown_tokens_are_404_never_500(self):
        client = self.client_for(None)
        token = self.certificate.token
        for bad in (
            token[:-1],
            token[:10],
            token[:-1] + ("A" if token[-1] != "A" else "B"),
            "A" * 32,
            "%3Cscript%3E",
            "' OR 1=1 --",
            "x" * 500,
            "..",
            "令牌",
        ):
            response = client.get(self.url(bad))
            assert response.status_code == 404, bad
            assert "不是有效的证明" in response.content.decode()
        assert VerificationLog.objects.filter(result__in=["invalid", "unknown"]).count() == 9

    @override_settings(CERTIFICATE_VERIFY_PER_MINUTE=5)
    def test_rate_limited(self):
        client = self.client_for(None)
        codes = [client.get(self.url("A" * 32)).status_code for _ in range(7)]
        assert codes[:5] == [404] * 5 and codes[5:] == [429, 429]
        assert "请求过于频繁" in client.get(self.url(self.certificate.token)).content.decode()


class RegisterTests(PersonaTestCase):
    def test_scoped_filtered_and_no_n_plus_one(self):
        for _ in range(5):
            issue(self.worker, self.community)
        issue(self.other_worker, self.other_community, person=resident(self.other_community, name="外人"))
        client = self.client_for(self.worker)
        with self.assertNumQueries(4):
            page = client.get(reverse("certificates:register")).content.decode()
        assert page.count("〔") == 5 and "外人" not in page
        officer_page = self.client_for(self.officer).get(reverse("certificates:register")).content.decode()
        assert "外人" in officer_page
        filtered = client.get(reverse("certificates:register"), {"q": "不存在"}).content.decode()
        assert "〔" not in filtered
        assert self.client_for(None).get(reverse("certificates:register")).status_code == 302
        assert self.client_for(self.resident).get(reverse("certificates:register")).status_code == 404

    def test_xlsx_export_is_text_and_audited(self):
        issue(self.worker, self.community, purpose='=HYPERLINK("http://evil")')
        response = self.client_for(self.worker).get(reverse("certificates:register_xlsx"))
        assert response.status_code == 200 and response.content[:2] == b"PK"
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        row = [c.value for c in sheet[2]]
        assert row[0].startswith("〔") and row[6].startswith("=") and sheet.cell(2, 7).data_type == "s"
        assert AuditEvent.objects.filter(action="export").count() == 1
        assert self.client_for(self.officer).get(reverse("certificates:register_xlsx")).status_code == 404


class TemplateSealViewTests(PersonaTestCase):
    def test_head_edits_templates_and_uploads_seal(self):
        client = self.client_for(self.head)
        assert client.get(reverse("certificates:templates")).status_code == 200
        url = reverse("certificates:template_edit", args=["CM01"])
        response = client.post(url, {"title": "居住证明", "body": "兹证明{name}居住于{address}。"})
        assert response.status_code == 302
        bad = client.post(url, {"title": "居住证明", "body": "兹证明{nmae}。"})
        assert bad.status_code == 200 and "未知的占位符" in bad.content.decode()
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.post(reverse("certificates:seal"), {"png": SimpleUploadedFile("seal.png", png(), "image/png")})
        page = client.get(reverse("certificates:templates")).content.decode()
        assert "data:image/png;base64" in page

    def test_workers_and_outsiders_cannot_edit(self):
        url = reverse("certificates:template_edit", args=["CM01"])
        for user in (self.worker, self.other_worker, self.officer):
            assert self.client_for(user).get(url).status_code == 404
            assert self.client_for(user).post(reverse("certificates:seal"), {}).status_code == 404


class DemandReportTests(PersonaTestCase):
    def test_demand_recorded_at_desk_reaches_the_office_report(self):
        client = self.client_for(self.worker)
        response = client.post(
            reverse("certificates:demand_record"), {"text": "开个单身证明", "institution": "某某银行"}
        )
        assert response.status_code == 302
        client.post(
            reverse("certificates:demand_record"), {"text": "开个无犯罪证明", "institution": "某某银行"}
        )
        far = self.client_for(self.far_worker)
        far.post(reverse("certificates:demand_record"), {"text": "开个单身证明", "institution": "远方公司"})
        assert CertificateDemand.objects.count() == 3
        page = self.client_for(self.officer).get(reverse("certificates:report")).content.decode()
        assert "某某银行" in page and "远方公司" not in page and "CX08" in page
        district_page = (
            self.client_for(self.district_officer).get(reverse("certificates:report")).content.decode()
        )
        assert "远方公司" in district_page
        xlsx = self.client_for(self.officer).get(reverse("certificates:report_xlsx"))
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert self.client_for(self.worker).get(reverse("certificates:report")).status_code == 404
        assert self.client_for(None).get(reverse("certificates:report")).status_code == 302

    def test_demand_needs_login_and_a_must_not_answer(self):
        assert (
            self.client_for(None).post(reverse("certificates:demand_record"), {"text": "x"}).status_code
            == 302
        )
        self.client_for(self.worker).post(reverse("certificates:demand_record"), {"text": "开个居住证明"})
        assert not CertificateDemand.objects.exists()


class EnglishTests(PersonaTestCase):
    def test_pages_in_english(self):
        client = self.client_for(self.worker)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(reverse("certificates:desk"), {"q": "开个单身证明"})
        text = page.content.decode()
        assert "The community must not issue this" in text and "Where to go instead" in text
        anonymous = self.client_for(None)
        anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = anonymous.get(reverse("certificates:verify", args=["x" * 32]))
        assert page.status_code == 404 and "Not a valid certificate" in page.content.decode()
        page = anonymous.get(reverse("certificates:ask"), {"q": "证明这棵树是台风吹倒的"})
        assert "legal adviser" in page.content.decode()
