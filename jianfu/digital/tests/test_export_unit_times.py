"""The report's xlsx export (page, API, CLI: permission-checked, audited, Chinese file name with an
ASCII fallback) and the Standard Cost Model unit-times page, API and CLI."""

import io
import json
import tempfile
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.digital import services
from jianfu.digital.models import AskUnitTime
from jianfu.digital.tests.helpers import group

API = "/api/v1/digital"


def _cells(body: bytes, sheet: int) -> list:
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [c for row in book.worksheets[sheet].iter_rows(values_only=True) for c in row if c is not None]


class ExportTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.g = group(self, "民政打卡群", asks_text="每天在群里打卡签到。")
        self.far = group(self, "花桥工作群", community=self.far_community)
        services.declaration_add(actor=self.worker, tools=[self.g])

    def test_page_anonymous_outsider_permitted(self):
        url = reverse("digital:report_export")
        assert self.client_for(None).get(url).status_code == 302
        for user in (self.resident, self.dept_user):
            assert self.client_for(user).get(url).status_code == 404, user
        assert self.client_for(self.officer).get(url + f"?street={self.other_street.pk}").status_code == 404
        assert self.client_for(self.officer).get(url + "?street=abc").status_code == 404
        assert not AuditEvent.objects.filter(object_type="digital_report").exists()
        response = self.client_for(self.officer).get(url + f"?street={self.street.pk}")
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert f'filename="digital-report-{self.street.code}-' in disposition
        assert "大智街道" in unquote(disposition.split("''", 1)[1])
        communities = _cells(response.content, 1)
        assert "民意社区" in communities and "花桥社区" not in communities
        assert "民政打卡群" not in _cells(response.content, 2)  # departments sheet names departments
        assert "区民政局" in _cells(response.content, 2)
        event = AuditEvent.objects.get(object_type="digital_report")
        assert event.actor_id == self.officer.pk and event.object_id == self.street.code
        page = self.client_for(self.officer).get(reverse("digital:report"))
        self.assertContains(page, 'id="report-export"')

    def test_api_and_cli(self):
        _t, token = api_token_create(user=self.officer, name="t")
        auth = {"Authorization": f"Bearer {token}"}
        response = self.client.get(f"{API}/report.xlsx?street={self.street.code}", headers=auth)
        assert response.status_code == 200
        assert "民意社区" in _cells(response.content, 1)
        assert (
            self.client.get(f"{API}/report.xlsx?street={self.other_street.code}", headers=auth).status_code
            == 404
        )
        _t, resident = api_token_create(user=self.resident, name="r")
        headers = {"Authorization": f"Bearer {resident}"}
        assert self.client.get(f"{API}/report.xlsx", headers=headers).status_code in (403, 404)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.xlsx"
            buf = io.StringIO()
            with redirect_stdout(buf):
                call_command("digital", "report", "--xlsx", str(out), "--json")
            assert json.loads(buf.getvalue())["bytes"] == out.stat().st_size
            assert {"民意社区", "花桥社区"} <= set(_cells(out.read_bytes(), 1))
            with pytest.raises(CommandError, match="no street"):
                call_command("digital", "report", "--street", "nope", "--xlsx", str(out))
            with pytest.raises(CommandError, match="cannot write"):
                call_command("digital", "report", "--xlsx", str(Path(tmp) / "missing" / "r.xlsx"))
        buf = io.StringIO()
        with redirect_stdout(buf):
            call_command("digital", "report", "--json")
        data = json.loads(buf.getvalue())
        assert data["totals"]["work_groups"] == 2 and data["totals"]["breaches"] == 1
        assert AuditEvent.objects.filter(object_type="digital_report").count() == 2  # API + CLI xlsx


class UnitTimeTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def test_page_anonymous_outsider_reader_setter(self):
        url = reverse("digital:unit_times")
        assert self.client_for(None).get(url).status_code == 302
        assert self.client_for(self.resident).get(url).status_code == 404
        assert self.client_for(self.dept_user).get(url).status_code == 404
        street = self.client_for(self.officer)
        page = street.get(url)
        self.assertContains(page, "打卡签到")
        self.assertNotContains(page, 'name="minutes"')
        assert street.post(url, {"kind": "check_in", "minutes": "9"}).status_code == 404
        office = self.client_for(self.district_officer)
        self.assertContains(office.get(url), 'name="minutes"')
        bad = office.post(url, {"kind": "check_in", "minutes": "abc"})
        assert bad.status_code == 400
        self.assertContains(bad, "每次分钟不是数字", status_code=400)
        assert office.post(url, {"kind": "nope", "minutes": "3"}).status_code == 400
        assert office.post(url, {"kind": "check_in", "minutes": "0"}).status_code == 400
        assert not AskUnitTime.objects.exists()
        ok = office.post(url, {"kind": "check_in", "minutes": "2.5", "basis": "街道抽样：打卡一次约2.5分钟"})
        assert ok.status_code == 302
        row = AskUnitTime.objects.get(kind="check_in")
        assert row.minutes == Decimal("2.50") and row.updated_by_id == self.district_officer.pk
        assert AuditEvent.objects.filter(
            object_type="digital.askunittime", actor=self.district_officer
        ).exists() or (
            AuditEvent.objects.filter(actor=self.district_officer, summary__contains="2.50").exists()
        )
        self.assertContains(office.get(url), "街道抽样")
        self.assertContains(self.client_for(self.admin).get(url), 'name="minutes"')

    def test_api_and_cli(self):
        _t, token = api_token_create(user=self.district_officer, name="t")
        auth = {"Authorization": f"Bearer {token}"}
        rows = self.client.get(f"{API}/unit-times", headers=auth).json()
        assert {r["kind"] for r in rows} >= {"read", "check_in"}
        response = self.client.put(
            f"{API}/unit-times/read", {"minutes": 0.75}, content_type="application/json", headers=auth
        )
        assert response.status_code == 200 and response.json()["minutes"] == 0.75
        assert (
            self.client.put(
                f"{API}/unit-times/nope", {"minutes": 1}, content_type="application/json", headers=auth
            ).status_code
            == 400
        )
        _t, street = api_token_create(user=self.officer, name="s")
        assert self.client.put(
            f"{API}/unit-times/read",
            {"minutes": 2},
            content_type="application/json",
            headers={"Authorization": f"Bearer {street}"},
        ).status_code in (403, 404)
        assert AskUnitTime.objects.get(kind="read").minutes == Decimal("0.75")
        buf = io.StringIO()
        with redirect_stdout(buf):
            call_command("digital", "unit-times", "--set", "photo=3", "--basis", "抽样", "--json")
        rows = {r["kind"]: r for r in json.loads(buf.getvalue())["unit_times"]}
        assert rows["photo"]["minutes"] == 3.0 and rows["photo"]["basis"] == "抽样"
        with pytest.raises(CommandError, match="KIND=MINUTES"):
            call_command("digital", "unit-times", "--set", "photo")
        with pytest.raises(CommandError, match="600"):
            call_command("digital", "unit-times", "--set", "photo=9999")
        assert AskUnitTime.objects.get(kind="photo").minutes == Decimal("3.00")
