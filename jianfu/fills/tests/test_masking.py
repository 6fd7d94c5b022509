"""Finding 4: the one-form missing-values table never shows a full phone or ID number."""

from django.urls import reverse

from jianfu.core.masking import mask_phone
from jianfu.core.testing import factories as f
from jianfu.fills.tests.test_fill import WEIJIAN, FillTestCase, today_minus


class MissingTableMaskingTests(FillTestCase):
    def test_known_phones_are_masked_in_the_missing_table(self):
        f.person(self.community, name="赵无电话", birth=today_minus(83))  # a blank phone cell
        record = self.run_fill(WEIJIAN)
        html = (
            self.client_for(self.worker).get(reverse("fills:fill_missing", args=[record.pk])).content.decode()
        )
        assert "赵无电话" in html
        assert "13800000001" not in html and "13800000002" not in html
        assert mask_phone("13800000001") in html
        assert self.old1.id_number not in html
