"""Jobs that die are detected: a running import or fill whose heartbeat stopped is marked failed
with a clear reason and can be retried (page, API, CLI); nothing stays "running" forever."""

import datetime as dt
import io
import json
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from jianfu.accounts.auth import api_token_create
from jianfu.core.heartbeat import beating
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.fills.choices import FillStatus
from jianfu.fills.models import FillRecord
from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.ledgers.services import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_retry,
    ledger_import_run,
    ledger_import_upload,
    ledger_imports_fail_stale,
)
from jianfu.ledgers.tests.helpers import write_xlsx
from jianfu.registry.models import Person

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
LONG_AGO = dt.timedelta(minutes=10)


class StaleImportCase(PersonaTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.source = f.source("区民政局低保名册")
        self.number = f.id_number()
        self.path = write_xlsx(self.tmp / "低保.xlsx", [["姓名", "身份证号"], ["王建华", self.number]])

    def died_while_running(self) -> LedgerImport:
        """An import confirmed, stored and started by a worker that then died."""
        imp = ledger_import_upload(
            actor=self.worker,
            community=self.community,
            source=self.source,
            path=self.path,
            file_name="低保.xlsx",
        )
        with open(self.path, "rb") as fh:
            imp.file.save("低保.xlsx", File(fh), save=True)
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        started = timezone.now() - LONG_AGO
        LedgerImport.objects.filter(pk=imp.pk).update(
            status=ImportStatus.RUNNING, started_at=started, heartbeat_at=started + dt.timedelta(seconds=30)
        )
        return imp


@override_settings(TASKS=IMMEDIATE)
class StaleImports(StaleImportCase):
    def test_fresh_heartbeat_is_not_stale_old_one_is(self):
        imp = self.died_while_running()
        LedgerImport.objects.filter(pk=imp.pk).update(heartbeat_at=timezone.now())
        self.assertEqual(ledger_imports_fail_stale(), [])
        self.assertEqual(LedgerImport.objects.get(pk=imp.pk).status, ImportStatus.RUNNING)
        self.assertEqual([i.pk for i in ledger_imports_fail_stale(now=timezone.now() + LONG_AGO)], [imp.pk])
        imp.refresh_from_db()
        self.assertEqual(imp.status, ImportStatus.FAILED)
        self.assertIn("导入进程中断了", imp.error)
        self.assertIn("重新导入", imp.error)
        self.assertTrue(AuditEvent.objects.filter(summary__contains="导入进程已中断").exists())

    def test_no_heartbeat_at_all_uses_start(self):
        imp = self.died_while_running()
        LedgerImport.objects.filter(pk=imp.pk).update(heartbeat_at=None)
        self.assertEqual(len(ledger_imports_fail_stale()), 1)

    def test_page_shows_failed_and_retry_runs_it(self):
        imp = self.died_while_running()
        client = self.client_for(self.worker)
        page = client.get(reverse("ledgers:import_detail", args=[imp.pk]))
        self.assertContains(page, "导入进程中断了")
        self.assertContains(page, 'id="retry"')
        self.assertEqual(
            self.client_for(self.other_worker)
            .post(reverse("ledgers:import_retry", args=[imp.pk]))
            .status_code,
            404,
        )
        self.assertEqual(self.client.post(reverse("ledgers:import_retry", args=[imp.pk])).status_code, 302)
        self.assertEqual(
            LedgerImport.objects.get(pk=imp.pk).status, ImportStatus.FAILED
        )  # anonymous: nothing
        with self.captureOnCommitCallbacks(execute=True):
            response = client.post(reverse("ledgers:import_retry", args=[imp.pk]))
        self.assertEqual(response.status_code, 302)
        imp.refresh_from_db()
        self.assertEqual(imp.status, ImportStatus.DONE, imp.error)
        self.assertTrue(Person.objects.filter(id_number=self.number).exists())

    def test_progress_poll_and_api_status_detect_it(self):
        imp = self.died_while_running()
        response = self.client_for(self.worker).get(
            reverse("ledgers:import_progress", args=[imp.pk]), HTTP_HX_REQUEST="true"
        )
        self.assertEqual(response["HX-Refresh"], "true")  # no longer active: the page reloads to the failure
        imp2 = self.died_while_running()
        _t, token = api_token_create(user=self.worker, name="t")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        self.assertEqual(
            self.client.get(f"/api/v1/ledgers/imports/{imp2.pk}", **auth).json()["status"], "failed"
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/api/v1/ledgers/imports/{imp2.pk}/retry", **auth)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(LedgerImport.objects.get(pk=imp2.pk).status, ImportStatus.DONE)
        again = self.client.post(f"/api/v1/ledgers/imports/{imp2.pk}/retry", **auth)
        self.assertEqual(again.status_code, 400)
        self.assertIn("只有失败的导入", again.json()["detail"])
        _o, other = api_token_create(user=self.other_worker, name="o")
        self.assertEqual(
            self.client.post(
                f"/api/v1/ledgers/imports/{imp2.pk}/retry", HTTP_AUTHORIZATION=f"Bearer {other}"
            ).status_code,
            404,
        )

    def test_cli_check_and_retry(self):
        imp = self.died_while_running()
        out = io.StringIO()
        call_command("jobs-check", "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["imports"][0]["id"], imp.pk)
        out = io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("job-retry", "import", str(imp.pk), "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue()), {"kind": "import", "id": imp.pk, "status": "queued"})
        self.assertEqual(LedgerImport.objects.get(pk=imp.pk).status, ImportStatus.DONE)
        with self.assertRaisesMessage(CommandError, "只有失败的导入"):
            call_command("job-retry", "import", str(imp.pk), stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "没有编号"):
            call_command("job-retry", "import", "999999", stdout=io.StringIO())

    def test_retry_needs_the_stored_file(self):
        imp = self.died_while_running()
        ledger_imports_fail_stale()
        LedgerImport.objects.filter(pk=imp.pk).update(file="")
        with self.assertRaisesMessage(LedgerError, "没有保存原文件"):
            ledger_import_retry(actor=self.worker, ledger_import=imp)

    def test_a_run_marked_failed_meanwhile_writes_nothing(self):
        """The worker was only slow: it was marked failed, then reached the write. It must not write."""
        imp = ledger_import_upload(
            actor=self.worker,
            community=self.community,
            source=self.source,
            path=self.path,
            file_name="低保.xlsx",
        )
        imp = ledger_import_confirm(actor=self.worker, ledger_import=imp, enqueue=False)
        from jianfu.ledgers import services

        original = services.link_rows

        def slow_link(*args, **kwargs):
            original(*args, **kwargs)
            ledger_imports_fail_stale(now=timezone.now() + LONG_AGO)

        services.link_rows = slow_link
        try:
            with self.assertRaisesMessage(LedgerError, "已被判定为中断"):
                ledger_import_run(ledger_import=imp, actor=SYSTEM, path=self.path)
        finally:
            services.link_rows = original
        self.assertFalse(Person.objects.filter(id_number=self.number).exists())
        self.assertEqual(LedgerImport.objects.get(pk=imp.pk).status, ImportStatus.FAILED)


@override_settings(TASKS=IMMEDIATE)
class StaleFills(PersonaTestCase):
    def died_fill(self) -> FillRecord:
        from jianfu.fills.services import fill_configure, fill_prepare
        from jianfu.fills.tests.test_fill import GAOLING, template

        f.person(self.community, name="赵大妈", birth=dt.date(1940, 1, 1))
        record = fill_prepare(
            actor=self.worker, community=self.community, data=template(GAOLING), filename=GAOLING
        )
        record = fill_configure(actor=self.worker, record=record, mapping={}, where="")
        FillRecord.objects.filter(pk=record.pk).update(
            status=FillStatus.RUNNING, heartbeat_at=timezone.now() - LONG_AGO
        )
        return record

    def test_detected_and_retried_page_api_cli(self):
        from jianfu.fills.services import fills_fail_stale

        record = self.died_fill()
        self.assertEqual([r.pk for r in fills_fail_stale()], [record.pk])
        record.refresh_from_db()
        self.assertEqual(record.status, FillStatus.FAILED)
        self.assertIn("填表进程中断了", record.error)
        client = self.client_for(self.worker)
        page = client.get(reverse("fills:fill_detail", args=[record.pk]))
        self.assertContains(page, 'id="retry"')
        client.post(reverse("fills:fill_redo", args=[record.pk]))
        self.assertEqual(FillRecord.objects.get(pk=record.pk).status, FillStatus.DONE)

        record = self.died_fill()
        _t, token = api_token_create(user=self.worker, name="t")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        self.assertEqual(self.client.get(f"/api/v1/fills/{record.pk}", **auth).json()["status"], "failed")
        self.assertEqual(self.client.post(f"/api/v1/fills/{record.pk}/retry", **auth).status_code, 200)
        self.assertEqual(FillRecord.objects.get(pk=record.pk).status, FillStatus.DONE)

        record = self.died_fill()
        call_command("jobs-check", stdout=io.StringIO())
        out = io.StringIO()
        call_command("job-retry", "fill", str(record.pk), "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["status"], "done")


class HeartbeatThread(TransactionTestCase):
    serialized_rollback = True

    def test_beats_while_the_block_runs_and_stops_after(self):
        org = f.org_tree()
        imp = LedgerImport.objects.create(
            community=org["community"],
            source=f.source("心跳来源"),
            file_name="x.xlsx",
            status=ImportStatus.RUNNING,
        )
        with override_settings(JIANFU_HEARTBEAT_SECONDS=0.05):
            with beating(LedgerImport, imp.pk):
                first = LedgerImport.objects.get(pk=imp.pk).heartbeat_at
                time.sleep(0.4)
                later = LedgerImport.objects.get(pk=imp.pk).heartbeat_at
            assert later is not None and first is not None
            self.assertGreater(later, first)
            time.sleep(0.2)
            self.assertEqual(LedgerImport.objects.get(pk=imp.pk).heartbeat_at, later)
