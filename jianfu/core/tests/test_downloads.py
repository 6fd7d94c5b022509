"""Download names: Chinese in the Chinese interface, English when chosen; RFC 5987 filename* plus an ASCII
fallback (docs/style-zh.md)."""

from urllib.parse import unquote

from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from jianfu.core.downloads import ascii_name, content_disposition
from jianfu.core.testing import PersonaTestCase


def parts(header: str) -> tuple[str, str, str | None]:
    """(disposition, ASCII fallback, decoded filename* or None)."""
    kind, *params = [p.strip() for p in header.split(";")]
    fields = dict(p.split("=", 1) for p in params)
    fallback = fields["filename"].strip('"')
    star = fields.get("filename*")
    if star is not None:
        assert star.startswith("utf-8''"), header
        star = unquote(star.removeprefix("utf-8''"))
    return kind, fallback, star


class HeaderTests(SimpleTestCase):
    def test_chinese_name_gets_filename_star_and_a_pinyin_fallback(self):
        header = content_disposition("民意社区_高龄津贴名单_2026-12-01.xlsx")
        assert header == (
            'attachment; filename="minyishequ_gaolingjintiemingdan_2026-12-01.xlsx"; '
            "filename*=utf-8''%E6%B0%91%E6%84%8F%E7%A4%BE%E5%8C%BA_%E9%AB%98%E9%BE%84%E6%B4%A5%E8%B4%B4"
            "%E5%90%8D%E5%8D%95_2026-12-01.xlsx"
        )

    def test_ascii_name_alone_and_inline(self):
        assert content_disposition("rates-category.xlsx") == 'attachment; filename="rates-category.xlsx"'
        assert content_disposition(
            "证明-2026-0001.pdf", inline=True, fallback="certificate-2026-0001.pdf"
        ) == (
            "inline; filename=\"certificate-2026-0001.pdf\"; filename*=utf-8''%E8%AF%81%E6%98%8E-2026-0001.pdf"
        )

    def test_fallback_never_carries_quotes_slashes_or_spaces(self):
        assert ascii_name('a "b"/c\\d 民政局（2026）.xlsx') == "a_b_c_d_minzhengju_2026_.xlsx"
        assert ascii_name("（）") == "download"
        header = content_disposition('台账"1"/2.xlsx')
        _kind, fallback, star = parts(header)
        assert fallback == "taizhang_1_2.xlsx" and star == '台账"1"/2.xlsx' and header.count('"') == 2


class DownloadNameTests(PersonaTestCase):
    def english(self, user):
        client = self.client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    def test_burden_ledger(self):
        day = timezone.localdate().isoformat()
        response = self.client_for(self.worker).get(reverse("burden:entry_xlsx"))
        assert response.status_code == 200
        assert parts(response["Content-Disposition"]) == (
            "attachment",
            f"burden-ledger-{day}.xlsx",
            f"减负台账-{day}.xlsx",
        )
        response = self.english(self.worker).get(reverse("burden:entry_xlsx"))
        assert parts(response["Content-Disposition"]) == ("attachment", f"burden-ledger-{day}.xlsx", None)

    def test_certificate_register_and_demand_report(self):
        day = timezone.localdate().isoformat()
        response = self.client_for(self.worker).get(reverse("certificates:register_xlsx"))
        assert response.status_code == 200
        assert parts(response["Content-Disposition"]) == (
            "attachment",
            f"certificate-register-{day}.xlsx",
            f"证明台账-{day}.xlsx",
        )
        month = timezone.localdate().strftime("%Y-%m")
        response = self.client_for(self.officer).get(reverse("certificates:report_xlsx"))
        assert response.status_code == 200
        _kind, fallback, star = parts(response["Content-Disposition"])
        assert (fallback, star) == (f"certificate-demands-{month}.xlsx", f"证明需求统计-{month}.xlsx")

    def test_casework_rates_in_both_languages(self):
        url = reverse("casework:rates") + "?by=category&format=xlsx"
        response = self.client_for(self.district_officer).get(url)
        assert response.status_code == 200
        _kind, fallback, star = parts(response["Content-Disposition"])
        assert fallback == "rates-category.xlsx"
        assert star is not None and star.startswith("诉求三率-按") and star.endswith(".xlsx")
        response = self.english(self.district_officer).get(url)
        assert parts(response["Content-Disposition"]) == ("attachment", "rates-category.xlsx", None)
