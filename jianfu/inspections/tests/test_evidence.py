import datetime as dt
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from jianfu.activities.models import Activity
from jianfu.burden.services import burden_entry_record
from jianfu.certificates.models import Certificate
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.inspections import evidence
from jianfu.inspections.models import EvidencePackage

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


class EvidenceTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(5):
            f.person(community=cls.community, name=f"王{i}明")
        f.person(community=cls.other_community, name="李外人")
        burden_entry_record(
            community=cls.community,
            kind="meeting",
            title='=HYPERLINK("x")',
            occurred_on=dt.date(2026, 3, 1),
            actor=f.SYSTEM,
        )
        burden_entry_record(
            community=cls.other_community,
            kind="meeting",
            title="别的社区",
            occurred_on=dt.date(2026, 3, 1),
            actor=f.SYSTEM,
        )
        Activity.objects.create(
            community=cls.community,
            title="家庭福利讲座",
            starts_on=dt.date(2026, 5, 1),
            place="活动室",
            organiser="民意社区",
            capacity=30,
            created_by=cls.worker,
        )

    def build(self, **kw) -> tuple[bytes, evidence.BuildResult]:
        spec = evidence.EvidenceSpec(
            community=self.community, period_from=PERIOD[0], period_to=PERIOD[1], **kw
        )
        buffer = io.BytesIO()
        result = evidence.build(spec, buffer)
        return buffer.getvalue(), result

    def test_package_is_reproducible(self):
        first, r1 = self.build(include_registry=True)
        second, r2 = self.build(include_registry=True)
        self.assertEqual(r1.sha256, r2.sha256)
        self.assertEqual(first, second)
        self.assertEqual(r1.bytes, len(first))

    def test_manifest_lists_every_file_with_hash_and_rows(self):
        data, result = self.build(include_registry=True)
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
        self.assertEqual(names[0], "manifest.json")
        self.assertEqual(result.files, len(names))
        manifest = json.loads(zf.read("manifest.json"))
        self.assertEqual(manifest["community"]["code"], self.community.code)
        self.assertEqual(manifest["period"], {"from": "2026-01-01", "to": "2026-12-31"})
        rows = {f["path"]: f["rows"] for f in manifest["files"]}
        self.assertEqual(rows["09-registry.xlsx"], 5)
        self.assertEqual(rows["05-burden.xlsx"], 1)
        self.assertEqual(rows["06-activities.xlsx"], 1)
        self.assertTrue(zf.read("00-cover.pdf").startswith(b"%PDF-"))
        self.assertTrue(zf.read("00-cover.pdf").rstrip().endswith(b"%%EOF"))

    def test_extracts_are_masked_and_formula_safe(self):
        data, _r = self.build(include_registry=True)
        zf = zipfile.ZipFile(io.BytesIO(data))
        roster = load_workbook(io.BytesIO(zf.read("09-registry.xlsx")), read_only=True)
        values = [c for row in roster.active.iter_rows(values_only=True) for c in row]
        self.assertIn("王**", values)
        self.assertFalse(any(isinstance(v, str) and "李" in v for v in values))
        self.assertFalse(any(isinstance(v, str) and v.startswith("王") and "*" not in v for v in values))
        burden = load_workbook(io.BytesIO(zf.read("05-burden.xlsx")))
        cell = burden.active.cell(row=2, column=3)
        self.assertEqual(cell.data_type, "s")
        self.assertTrue(cell.quotePrefix)

    def test_verify_detects_tampering(self):
        data, _r = self.build()
        with tempfile.TemporaryDirectory() as tmp:
            good = Path(tmp, "good.zip")
            good.write_bytes(data)
            self.assertEqual(evidence.verify(good)["ok"], True)
            bad = Path(tmp, "bad.zip")
            with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
                for info in src.infolist():
                    content = src.read(info.filename)
                    if info.filename == "05-burden.xlsx":
                        content = content[:-10] + b"0123456789"
                    dst.writestr(info, content)
                dst.writestr("extra.txt", "x")
            report = evidence.verify(bad)
            self.assertFalse(report["ok"])
            problems = {(m["path"], m["problem"]) for m in report["mismatches"]}
            self.assertIn(("05-burden.xlsx", "sha256 differs"), problems)
            self.assertIn(("extra.txt", "not in manifest"), problems)
            not_zip = Path(tmp, "n.zip")
            not_zip.write_bytes(b"hello")
            self.assertFalse(evidence.verify(not_zip)["ok"])

    def test_unzip_t_accepts_the_package(self):
        data, _r = self.build(include_registry=True)
        self.assertIsNotNone(shutil.which("unzip"))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "p.zip")
            path.write_bytes(data)
            out = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True, check=False)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertIn("No errors detected", out.stdout)

    def test_libreoffice_opens_every_xlsx_of_the_package(self):
        """Headless LibreOffice (Makefile SYSTEM_PKGS: libreoffice-calc-nogui) converts each extract to CSV;
        a formula-looking title arrives as text, never evaluated."""
        data, _r = self.build(include_registry=True)
        soffice = shutil.which("soffice")
        self.assertIsNotNone(soffice, "install libreoffice-calc-nogui (make system-deps)")
        with tempfile.TemporaryDirectory() as tmp:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                sheets = sorted(n for n in z.namelist() if n.endswith(".xlsx"))
                self.assertIn("05-burden.xlsx", sheets)
                z.extractall(tmp, members=sheets)
            out = subprocess.run(
                [
                    str(soffice),
                    f"-env:UserInstallation=file://{tmp}/lo-profile",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir",
                    str(Path(tmp, "csv")),
                    *[str(Path(tmp, n)) for n in sheets],
                ],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            for name in sheets:
                csv_path = Path(tmp, "csv", name.replace(".xlsx", ".csv"))
                self.assertTrue(csv_path.is_file(), f"{name} not converted: {out.stdout}{out.stderr}")
                self.assertTrue(csv_path.read_text(encoding="utf-8").strip(), name)
            burden = Path(tmp, "csv", "05-burden.csv").read_text(encoding="utf-8")
            self.assertIn('=HYPERLINK(""x"")', burden)  # the text itself, not a link or a #NAME? error
            self.assertNotIn("别的社区", burden)
            registry = Path(tmp, "csv", "09-registry.csv").read_text(encoding="utf-8")
            self.assertNotIn("李外人", registry)

    def test_bad_period(self):
        spec = evidence.EvidenceSpec(community=self.community, period_from=PERIOD[1], period_to=PERIOD[0])
        with self.assertRaises(evidence.EvidenceError):
            evidence.build(spec, io.BytesIO())

    def test_cli_build_and_verify(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp, "p.zip")
            stdout = io.StringIO()
            call_command(
                "evidence",
                "build",
                "--community",
                self.community.code,
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "-o",
                str(out),
                "--json",
                stdout=stdout,
            )
            built = json.loads(stdout.getvalue())
            self.assertEqual(set(built), {"files", "bytes", "sha256"})
            self.assertEqual(built["bytes"], out.stat().st_size)
            self.assertEqual(EvidencePackage.objects.get().sha256, built["sha256"])
            stdout = io.StringIO()
            call_command("evidence", "verify", str(out), "--json", stdout=stdout)
            report = json.loads(stdout.getvalue())
            self.assertTrue(report["ok"])
            self.assertTrue(report["registered"])
            self.assertEqual(report["files"], built["files"])
            with self.assertRaises(CommandError):
                call_command(
                    "evidence",
                    "build",
                    "--community",
                    "nope",
                    "--from",
                    "2026-01-01",
                    "--to",
                    "2026-12-31",
                    "-o",
                    str(out),
                )

    def test_certificates_register_is_included(self):
        self.assertEqual(Certificate.objects.count(), 0)
        data, _r = self.build()
        zf = zipfile.ZipFile(io.BytesIO(data))
        self.assertIn("03-certificates.xlsx", zf.namelist())


class RequestsExtractTests(PersonaTestCase):
    """Resident requests are evidence too (07-requests.xlsx): counts and handling, never who or what."""

    def test_requests_of_the_period_without_reporter_or_text(self):
        import datetime as _dt

        from django.utils import timezone

        from jianfu.casework.tests.helpers import lamp_request

        inside = lamp_request(
            self,
            reporter_name="赵大妈",
            created_at=timezone.make_aware(_dt.datetime(2026, 4, 2, 9, 30)),
        )
        lamp_request(
            self, created_at=timezone.make_aware(_dt.datetime(2025, 12, 31, 23, 0))
        )  # before the period
        lamp_request(self, community=self.other_community)  # another community
        spec = evidence.EvidenceSpec(community=self.community, period_from=PERIOD[0], period_to=PERIOD[1])
        buffer = io.BytesIO()
        evidence.build(spec, buffer)
        zf = zipfile.ZipFile(buffer)
        manifest = json.loads(zf.read("manifest.json"))
        entry = next(f for f in manifest["files"] if f["path"] == "07-requests.xlsx")
        self.assertEqual((entry["source"], entry["rows"]), ("requests", 1))
        sheet = load_workbook(io.BytesIO(zf.read("07-requests.xlsx")), read_only=True).active
        rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[1][0], inside.number)
        self.assertEqual(rows[1][1], "2026-04-02 09:30")
        flat = json.dumps(rows, ensure_ascii=False, default=str)
        for secret in ("赵大妈", "13812345678", "路灯坏了"):
            self.assertNotIn(secret, flat)

    def test_a_request_material_maps_to_the_requests_extract(self):
        from jianfu.inspections.mapping import map_material

        for text in ("12345热线工单办理情况", "居民诉求办结率和满意率", "吹哨报到记录"):
            self.assertEqual(map_material(text).source, "requests", text)
        self.assertEqual(map_material("低保对象花名册").source, "ledger_imports")
