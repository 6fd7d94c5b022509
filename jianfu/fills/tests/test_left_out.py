"""A fill never drops residents silently: those left out for want of a legal basis are counted.

Residents with a sensitive (综治) tag are invisible to a worker without a configured legal basis
(jianfu.registry.permissions), so a fill leaves them out. The fill page, its API answer and the
downloaded workbook (a 说明 sheet) say how many and why — the count only, never who.
"""

import io

from django.urls import reverse
from openpyxl import load_workbook

from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from jianfu.fills.tests.test_fill import FillTestCase, today_minus
from jianfu.registry import services as registry
from jianfu.registry.models import Attribute, PersonTag


class LeftOutTests(FillTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.drug = Attribute.objects.get(code="drug_user")
        cls.tagged = f.person(cls.community, name="赵敏感", birth=today_minus(86), phone="13800000009")
        PersonTag.objects.create(person=cls.tagged, attribute=cls.drug)

    def download(self, record) -> bytes:
        response = self.client_for(self.worker).get(reverse("fills:fill_download", args=[record.pk]))
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    def test_page_api_and_workbook_give_the_count_and_the_reason_not_the_names(self):
        record = self.run_fill()
        assert record.rows_written == 2 and record.left_out == 1
        page = (
            self.client_for(self.worker).get(reverse("fills:fill_detail", args=[record.pk])).content.decode()
        )
        assert 'id="left-out"' in page and "1名符合筛选条件的居民没有列入" in page and "综治敏感人群" in page
        assert "赵敏感" not in page
        data = self.client_for(self.worker).get(f"/api/v1/fills/{record.pk}").json()
        assert data["left_out"] == 1 and data["rows_written"] == 2
        book = load_workbook(io.BytesIO(self.download(record)))
        assert book.sheetnames[0] != "说明" and book.sheetnames[-1] == "说明"
        note = book["说明"]["A1"].value
        assert "1名" in note and "综治敏感人群" in note
        cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert not any("赵敏感" in c or self.tagged.id_number in c for c in cells)
        audit = AuditEvent.objects.get(action="fill", object_id=str(record.pk))
        assert audit.detail["left_out"] == 1

    def test_with_a_legal_basis_nobody_is_left_out_and_nothing_is_said(self):
        registry.sensitive_access_grant(
            actor=self.admin,
            district=self.district,
            attribute=self.drug,
            role="community_worker",
            legal_basis="《中华人民共和国禁毒法》第三十四条",
        )
        record = self.run_fill()
        assert record.rows_written == 3 and record.left_out == 0
        page = (
            self.client_for(self.worker).get(reverse("fills:fill_detail", args=[record.pk])).content.decode()
        )
        assert 'id="left-out"' not in page
        assert "说明" not in load_workbook(io.BytesIO(self.download(record))).sheetnames

    def test_the_filter_decides_who_counts(self):
        record = self.run_fill(where="age<50")  # the tagged resident does not match: not left out
        assert record.left_out == 0
