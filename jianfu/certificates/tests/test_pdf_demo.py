import io

from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.certificates import pdf
from jianfu.certificates.demo import seed
from jianfu.certificates.models import Certificate, CertificateDemand
from jianfu.certificates.tests.helpers import png, resident
from jianfu.core.testing import PersonaTestCase

NASTY = '#panic("injected") *bold* $x^2$ <b>html</b> @ref <label> \\ ] ) } // /* = + - @'


def _render(text: str) -> bytes:
    return pdf.certificate_pdf(
        serial="〔2026〕第0001号",
        title=text[:100] or "证明",
        body=text,
        community=text[:50],
        date="2026年1月1日",
        url="https://x.test/certificates/v/t",
        verify_label=text[:20],
        seal_png=png(),
    )


def test_typst_markup_in_any_field_prints_literally():
    data = _render(NASTY)  # a `#panic` that ran would raise here
    assert data.startswith(b"%PDF")
    assert pdf.referral_pdf(
        title=NASTY, paragraphs_=[NASTY], rows=[(NASTY, NASTY)], community=NASTY, date=NASTY
    ).startswith(b"%PDF")


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=0, max_size=200))
def test_any_text_renders(text):
    assert _render(text).startswith(b"%PDF")


def test_seal_must_be_a_png():
    assert pdf.png_size(png(30, 20)) == (30, 20)
    for bad in (b"", b"GIF89a", pdf.PNG_SIGNATURE + b"\x00" * 20):
        try:
            pdf.png_size(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


class DemoTests(PersonaTestCase):
    def test_seed_is_idempotent(self):
        for n in range(4):
            resident(self.community, name=f"居民{n}")
        out = io.StringIO()
        seed(out)
        issued, demands = Certificate.objects.count(), CertificateDemand.objects.count()
        assert issued >= 4 and demands >= 6
        assert Certificate.objects.filter(status="revoked").exists()
        seed(out)
        assert (Certificate.objects.count(), CertificateDemand.objects.count()) == (issued, demands)
