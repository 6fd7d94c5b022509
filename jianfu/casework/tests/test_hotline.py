import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from jianfu.casework.models import ServiceRequest
from jianfu.casework.tests.helpers import cgj
from jianfu.core.testing import PersonaTestCase

HEADER = [
    "工单编号",
    "受理时间",
    "诉求类型",
    "诉求类别",
    "诉求内容",
    "来电人",
    "联系电话",
    "事发地址",
    "所属社区",
    "承办单位",
]


def workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["12345 市民服务热线工单导出"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


class HotlineImportTests(PersonaTestCase):
    @pytest.fixture(autouse=True)
    def _tmp(self, tmp_path):
        self.tmp = tmp_path

    def run_import(self, path):
        out = StringIO()
        try:
            call_command("requests", "import-hotline", str(path), "--json", stdout=out)
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, json.loads(out.getvalue())

    def test_all_or_nothing_with_per_row_results(self):
        cgj(self.district)
        path = workbook(
            self.tmp / "orders.xlsx",
            [
                [
                    "GD2026110001",
                    "2026-11-03 08:30",
                    "投诉",
                    "路灯损坏",
                    "民意小区3栋路灯不亮",
                    "王女士",
                    "13912345678",
                    "民意小区3栋",
                    "民意社区",
                    "区城管局",
                ],
                [
                    "GD2026110002",
                    "2026/11/04 19:05",
                    "求助",
                    "楼道杂物",
                    "楼道堆满纸箱",
                    "李先生",
                    "027-85551234",
                    "",
                    "民意社区",
                    "",
                ],
                [
                    "GD2026110003",
                    "2026-11-05",
                    "咨询",
                    "外星人",
                    "？？",
                    "",
                    "13800000000",
                    "",
                    "不存在社区",
                    "",
                ],
            ],
        )
        code, data = self.run_import(path)
        assert code == 1 and data["written"] is False and data["errors"] == 1, [
            r["messages"] for r in data["results"]
        ]
        assert [r["status"] for r in data["results"]] == ["ok", "ok", "error"]
        assert any("外星人" in m for m in data["results"][2]["messages"])
        assert ServiceRequest.objects.count() == 0

    def test_a_row_hears_every_problem_at_once(self):
        path = workbook(
            self.tmp / "orders.xlsx",
            [
                [
                    "GD2026110009",
                    "2026-11-05 09:00",
                    "咨询",
                    "外星人",
                    "",
                    "",
                    "1391",
                    "",
                    "不存在社区",
                    "",
                ]
            ],
        )
        code, data = self.run_import(path)
        messages = data["results"][0]["messages"]
        assert code == 1 and data["written"] is False
        assert [
            any(word in m for m in messages) for word in ("外星人", "不存在社区", "1391", "诉求内容")
        ] == [
            True,
            True,
            True,
            True,
        ], messages
        assert ServiceRequest.objects.count() == 0

    def test_import_then_reimport_is_idempotent(self):
        cgj(self.district)
        rows = [
            [
                "GD2026110001",
                "2026-11-03 08:30",
                "投诉",
                "路灯损坏",
                "民意小区3栋路灯不亮",
                "王女士",
                "13912345678",
                "民意小区3栋",
                "民意社区",
                "区城管局",
            ],
            [
                "GD2026110002",
                "2026/11/04 19:05",
                "求助",
                "楼道杂物堆放",
                "楼道堆满纸箱",
                "李先生",
                "027-85551234",
                "",
                "民意社区",
                "",
            ],
        ]
        path = workbook(self.tmp / "orders.xlsx", rows)
        code, data = self.run_import(path)
        assert code == 0 and data["created"] == 2 and data["written"]
        lamp = ServiceRequest.objects.get(external_id="GD2026110001")
        assert lamp.whistles.get().department.code == "CGJ" and lamp.channel == "hotline"
        assert lamp.created_at.date().isoformat() == "2026-11-03"
        code, again = self.run_import(path)
        assert code == 0 and again["created"] == 0 and again["skipped"] == 2
        assert ServiceRequest.objects.count() == 2

    def test_full_width_digits_are_the_same_number_and_time(self):
        cgj(self.district)
        path = workbook(
            self.tmp / "orders.xlsx",
            [
                [
                    "ＧＤ２０２６１１０００９",
                    "２０２６－１１－０３　０８：３０",
                    "投诉",
                    "路灯损坏",
                    "民意小区３栋路灯不亮，已经三天",
                    "王女士",
                    "１３９１２３４５６７８",
                    "民意小区３栋",
                    "民意社区",
                    "",
                ]
            ],
        )
        code, data = self.run_import(path)
        assert code == 0 and data["created"] == 1, data["results"]
        sr = ServiceRequest.objects.get()
        assert sr.external_id == "GD2026110009" and sr.reporter_phone == "13912345678"
        assert timezone.localtime(sr.created_at).strftime("%Y-%m-%d %H:%M") == "2026-11-03 08:30"
        assert sr.text == "民意小区３栋路灯不亮，已经三天"  # free text is kept as typed

    def test_missing_columns_is_a_clear_error(self):
        wb = openpyxl.Workbook()
        wb.active.append(["序号", "姓名", "电话"])
        wb.active.append([1, "张三", "13800000000"])
        wb.save(self.tmp / "bad.xlsx")
        code, data = self.run_import(self.tmp / "bad.xlsx")
        assert code == 1 and "缺少必需的列" in data["error"]


LAMP_ROW = [
    "GD2026120001",
    "2026-11-03 08:30",
    "投诉",
    "路灯损坏",
    "民意小区5栋路灯不亮",
    "王女士",
    "13912345678",
    "民意小区5栋",
    "民意社区",
    "区城管局",
]
BAD_ROW = ["GD2026120002", "2026-11-05", "咨询", "外星人", "？？", "", "13800000000", "", "", ""]


class HotlineUploadPageTests(PersonaTestCase):
    """The browser page: the same all-or-nothing service as `jianfu requests import-hotline`."""

    @pytest.fixture(autouse=True)
    def _tmp(self, tmp_path):
        self.tmp = tmp_path

    def upload(self, user, rows, name="orders.xlsx"):
        from django.urls import reverse

        path = workbook(self.tmp / name, rows)
        with path.open("rb") as fh:
            return self.client_for(user).post(reverse("casework:hotline"), {"file": fh})

    def test_anonymous_and_outsiders(self):
        from django.urls import reverse

        url = reverse("casework:hotline")
        response = self.client_for(None).get(url)
        assert response.status_code == 302 and "login" in response["Location"]
        for outsider in (
            self.worker,
            self.head,
            self.officer,
            self.dept_user,
            self.resident,
            self.far_worker,
        ):
            assert self.client_for(outsider).get(url).status_code == 404, outsider
            assert self.upload(outsider, [LAMP_ROW]).status_code == 404, outsider
        assert ServiceRequest.objects.count() == 0
        assert self.client_for(self.district_officer).get(url).status_code == 200

    def test_permitted_upload_creates_and_shows_each_row(self):
        cgj(self.district)
        response = self.upload(self.district_officer, [LAMP_ROW])
        assert response.status_code == 200
        sr = ServiceRequest.objects.get(external_id="GD2026120001")
        assert sr.channel == "hotline" and sr.district_id == self.district.pk
        body = response.content.decode()
        assert "已导入：新建1件" in body and sr.number in body
        # the same file again: skipped, nothing new
        again = self.upload(self.admin, [LAMP_ROW])
        assert "跳过1件" in again.content.decode()
        assert ServiceRequest.objects.count() == 1

    def test_one_bad_row_writes_nothing_and_says_why(self):
        cgj(self.district)
        response = self.upload(self.district_officer, [LAMP_ROW, BAD_ROW])
        assert response.status_code == 200
        body = response.content.decode()
        assert "什么都没有写入" in body and "外星人" in body and "无误（未写入）" in body
        assert ServiceRequest.objects.count() == 0

    def test_not_a_spreadsheet_or_missing_columns(self):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        client = self.client_for(self.district_officer)
        response = client.post(
            reverse("casework:hotline"), {"file": SimpleUploadedFile("orders.pdf", b"%PDF-1.4")}
        )
        assert "不是表格文件" in response.content.decode()
        wb = openpyxl.Workbook()
        wb.active.append(["姓名", "电话"])
        wb.active.append(["王", "139"])
        path = self.tmp / "wrong.xlsx"
        wb.save(path)
        with path.open("rb") as fh:
            response = client.post(reverse("casework:hotline"), {"file": fh})
        assert "缺少必需的列" in response.content.decode()
        assert ServiceRequest.objects.count() == 0
