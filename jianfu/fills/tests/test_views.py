import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from jianfu.fills.choices import FillStatus
from jianfu.fills.models import FillRecord
from jianfu.fills.tests.test_fill import GAOLING, WEIJIAN, FillTestCase, template
from jianfu.registry.models import Fact


class ViewTests(FillTestCase):
    def upload(self, client, name=GAOLING, community=None):
        return client.post(
            reverse("fills:fill_new"),
            {
                "template": SimpleUploadedFile(name, template(name)),
                "community": (community or self.community).pk,
            },
        )

    def test_anonymous_redirected_to_login(self):
        for url in (reverse("fills:fill_list"), reverse("fills:fill_new")):
            response = self.client_for(None).get(url)
            assert response.status_code == 302 and "login" in response["Location"]

    def test_roles_without_fills_get_404(self):
        for user in (self.officer, self.resident):
            assert self.client_for(user).get(reverse("fills:fill_list")).status_code == 404

    def test_full_flow_upload_confirm_fill_complete_download(self):
        client = self.client_for(self.worker)
        response = self.upload(client, WEIJIAN)
        assert response.status_code == 302
        record = FillRecord.objects.get()
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "慢性病情况" in page.content.decode()
        count = client.get(
            reverse("fills:fill_count", args=[record.pk]), {"f0_attr": "age", "f0_op": ">=", "f0_value": "80"}
        )
        assert "2" in count.content.decode()
        response = client.post(
            reverse("fills:fill_run", args=[record.pk]), {"f0_attr": "age", "f0_op": ">=", "f0_value": "80"}
        )
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.status == FillStatus.DONE and record.rows_written == 2
        detail = client.get(reverse("fills:fill_detail", args=[record.pk])).content.decode()
        assert "慢性病情况" in detail
        missing = client.get(reverse("fills:fill_missing", args=[record.pk]))
        html = missing.content.decode()
        col = next(c for c in record.analysis["columns"] if c["header"] == "慢性病情况")
        field = f"v|{self.old1.pid}|col{col['index']}"
        assert field in html
        assert f'<select name="v|{self.old1.pid}|living"' in html  # a choice attribute gets its options
        assert "<option>独居</option>" in html
        response = client.post(reverse("fills:fill_missing", args=[record.pk]), {field: "高血压"})
        assert response.status_code == 302
        assert Fact.objects.filter(person=self.old1, value="高血压").exists()
        download = client.get(reverse("fills:fill_download", args=[record.pk]))
        assert download.status_code == 200
        ws = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
        assert ws["B3"].value == "王老一" and ws["I3"].value == "高血压"
        assert AuditEvent.objects.filter(action="export", object_id=str(record.pk)).exists()

    def test_bad_where_shows_error_with_position(self):
        client = self.client_for(self.worker)
        self.upload(client)
        record = FillRecord.objects.get()
        response = client.post(reverse("fills:fill_run", args=[record.pk]), {"where": "年纪>=80"})
        assert response.status_code == 400
        assert "第1个字符处" in response.content.decode()
        record.refresh_from_db()
        assert record.status == FillStatus.DRAFT

    def test_xls_upload_gets_clear_message(self):
        client = self.client_for(self.worker)
        response = client.post(
            reverse("fills:fill_new"),
            {
                "template": SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
                "community": self.community.pk,
            },
        )
        assert response.status_code == 200
        assert "另存为" in response.content.decode()
        assert not FillRecord.objects.exists()

    def test_too_large_upload_refused_before_reading(self):
        from django.test import override_settings

        with override_settings(JIANFU_MAX_UPLOAD_BYTES=1000):
            response = self.upload(self.client_for(self.worker))
        assert "太大" in response.content.decode()
        assert not FillRecord.objects.exists()

    def test_outsider_gets_404_everywhere(self):
        record = self.run_fill()
        for user in (self.other_worker, self.far_worker, self.officer):
            client = self.client_for(user)
            for name in ("fill_detail", "fill_download", "fill_missing", "fill_progress", "fill_count"):
                assert client.get(reverse(f"fills:{name}", args=[record.pk])).status_code == 404, (user, name)
        # another community cannot be chosen on upload
        response = self.upload(self.client_for(self.other_worker), community=self.community)
        assert response.status_code == 200 and not FillRecord.objects.filter(
            community=self.community, requested_by=self.other_worker
        )

    def test_fill_is_seen_by_its_community_and_its_recipient_department_only(self):
        record = self.run_fill(department=self.department)
        other_department = f.user("cl", "department", department=f.department(self.district, "CL", "区残联"))
        for user in (self.head, self.dept_user):
            html = self.client_for(user).get(reverse("fills:fill_list")).content.decode()
            assert record.template_name in html
        download = reverse("fills:fill_download", args=[record.pk])
        assert self.client_for(self.dept_user).get(download).status_code == 200
        for user in (self.other_worker, other_department, self.street_dept_user):
            client = self.client_for(user)
            assert record.template_name not in client.get(reverse("fills:fill_list")).content.decode()
            assert client.get(reverse("fills:fill_detail", args=[record.pk])).status_code == 404
            assert client.get(download).status_code == 404
            assert client.get(f"/api/v1/fills/{record.pk}/download").status_code == 404
        # the recipient reads the result but never the residents behind it
        missing = self.client_for(self.dept_user).get(reverse("fills:fill_missing", args=[record.pk]))
        assert missing.status_code == 404

    def test_list_query_count_is_flat(self):
        for _ in range(3):
            self.run_fill()
        client = self.client_for(self.worker)
        client.get(reverse("fills:fill_list"))
        with self.assertNumQueries(6):  # session, user, stale-job check, count, page, filter vocabulary
            response = client.get(reverse("fills:fill_list"))
        # the filter is shown in words, not in the filter language
        self.assertContains(response, "年龄≥80")
        self.assertNotContains(response, "<code>age&gt;=80</code>")

    def test_progress_partial(self):
        record = self.run_fill()
        response = self.client_for(self.worker).get(
            reverse("fills:fill_progress", args=[record.pk]), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200


class ApiTests(FillTestCase):
    def post(self, user, community_code, name=GAOLING, where="age>=80", token=None):
        headers = {}
        client = self.client_for(None)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        else:
            client = self.client_for(user)
        return client.post(
            "/api/v1/fills/",
            {
                "community": community_code,
                "where": where,
                "template": SimpleUploadedFile(name, template(name)),
            },
            headers=headers,
        )

    def test_department_token_cannot_fill_but_downloads_what_was_delivered(self):
        _token, plain = api_token_create(user=self.dept_user, name="民政系统")
        assert self.post(None, self.community.code, token=plain).status_code == 404
        _token, worker_token = api_token_create(user=self.worker, name="社区")
        response = self.client_for(None).post(
            "/api/v1/fills/",
            {
                "community": self.community.code,
                "where": "age>=80",
                "department": self.department.code,
                "template": SimpleUploadedFile(GAOLING, template(GAOLING)),
            },
            headers={"Authorization": f"Bearer {worker_token}"},
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["rows_written"] == 2 and data["header_row"] == 3
        download = self.client_for(None).get(
            f"/api/v1/fills/{data['id']}/download", headers={"Authorization": f"Bearer {plain}"}
        )
        assert download.status_code == 200

    def test_street_department_token_outside_its_street_is_404(self):
        _token, plain = api_token_create(user=self.street_dept_user, name="平安办")
        assert self.post(None, self.far_community.code, token=plain).status_code == 404
        record = self.run_fill()
        # the street department reaches 民意社区 (same street), so it may read it; the far worker may not
        response = self.client_for(self.far_worker).get(f"/api/v1/fills/{record.pk}")
        assert response.status_code == 404

    def test_bad_where_is_400(self):
        response = self.post(self.worker, self.community.code, where="age>>80")
        assert response.status_code == 400
        assert "字符处" in response.json()["detail"]

    def test_list_is_scoped(self):
        self.run_fill()
        assert len(self.client_for(self.worker).get("/api/v1/fills/").json()) == 1
        assert self.client_for(self.other_worker).get("/api/v1/fills/").json() == []
        assert self.client_for(None).get("/api/v1/fills/").status_code == 401


class EnglishTests(FillTestCase):
    def test_pages_in_english(self):
        record = self.run_fill()
        client = self.client_for(self.worker)
        client.cookies["django_language"] = "en"
        assert "Upload a department template" in client.get(reverse("fills:fill_list")).content.decode()
        assert (
            "Download the filled form"
            in client.get(reverse("fills:fill_detail", args=[record.pk])).content.decode()
        )
