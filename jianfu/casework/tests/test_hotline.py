import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command

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

    def test_missing_columns_is_a_clear_error(self):
        wb = openpyxl.Workbook()
        wb.active.append(["序号", "姓名", "电话"])
        wb.active.append([1, "张三", "13800000000"])
        wb.save(self.tmp / "bad.xlsx")
        code, data = self.run_import(self.tmp / "bad.xlsx")
        assert code == 1 and "缺少必需的列" in data["error"]
