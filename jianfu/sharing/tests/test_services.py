"""Finding 1 of issue 8: a data request is served as asked, and no wider."""

import datetime as dt
from decimal import Decimal

import openpyxl
from django.core.exceptions import ValidationError
from django.utils import timezone

from jianfu.burden.models import BurdenEntry
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.sharing import services
from jianfu.sharing.choices import PopulationSource, RequestStatus
from jianfu.sharing.models import DataAgreement
from jianfu.sharing.tests.helpers import SharingCase


def _sheet(request):
    with request.file.open("rb") as handle:
        sheet = openpyxl.load_workbook(handle).active
        return [[c.value for c in row] for row in sheet.iter_rows()]


class FirstRequestTests(SharingCase):
    def test_first_request_waits_for_the_office_and_credits_nothing(self):
        task = self.submit()
        request = task.data_request
        self.assertEqual(request.status, RequestStatus.PENDING)
        self.assertEqual(request.population, "tag=disabled")  # derived from 残疾人 in the text
        self.assertEqual(request.population_source, PopulationSource.DERIVED)
        self.assertFalse(request.file)
        self.assertFalse(BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}").exists())
        self.assertFalse(DataAgreement.objects.exists())

    def test_approval_releases_only_the_population_and_the_columns_asked_for(self):
        task = self.submit()
        agreement = self.approve(task.data_request, legal_basis="", purpose="残疾人帮扶")
        request = task.data_request
        request.refresh_from_db()
        rows = _sheet(request)
        self.assertEqual(rows[0], ["序号", "社区", "姓名", "公民身份号码", "联系电话", "残疾类别"])
        self.assertEqual(sorted(r[2] for r in rows[1:]), sorted(p.name for p in self.disabled))
        self.assertEqual(request.rows, 3)  # not the 6 residents of the two communities, not 花桥
        self.assertEqual(agreement.population, "tag=disabled")
        self.assertEqual(
            {c.pk for c in agreement.communities.all()}, {self.community.pk, self.other_community.pk}
        )

    def test_values_masked_without_a_legal_basis(self):
        task = self.submit(full_fields=["id_number", "phone"])
        self.approve(task.data_request)
        request = task.data_request
        request.refresh_from_db()
        rows = {r[2]: r for r in _sheet(request)[1:]}
        zhang = self.disabled[0]
        self.assertEqual(rows[zhang.name][3], zhang.id_number[:4] + "**********" + zhang.id_number[-4:])
        self.assertEqual(rows[zhang.name][4], "138****1111")
        self.assertIn(rows["李桂兰"][4], ("", None))  # no phone: an empty cell
        for row in rows.values():
            self.assertNotIn(row[3], {p.id_number for p in self.disabled})

    def test_full_values_need_a_recorded_legal_basis(self):
        task = self.submit(full_fields=["id_number"])
        with self.assertRaises(ValidationError) as caught:
            self.approve(task.data_request, full_fields=["id_number"], legal_basis="  ")
        self.assertIn("legal_basis", caught.exception.message_dict)
        self.assertFalse(DataAgreement.objects.exists())
        self.approve(task.data_request, full_fields=["id_number"], legal_basis="《残疾人保障法》第九条")
        request = task.data_request
        request.refresh_from_db()
        rows = {r[2]: r for r in _sheet(request)[1:]}
        self.assertEqual(rows["李桂兰"][3], self.disabled[1].id_number)
        self.assertEqual(rows[self.disabled[0].name][4], "138****1111")  # phone still masked

    def test_hours_credited_at_release_per_community(self):
        task = self.submit()
        self.approve(task.data_request)
        entries = BurdenEntry.objects.filter(source_ref=f"gate.task:{task.pk}")
        by_community = {e.community_id: e for e in entries}
        self.assertEqual(set(by_community), {self.community.pk, self.other_community.pk})
        self.assertTrue(all(e.hours == 0 and e.kind == "data_request" for e in entries))
        # 2 people × 4 fields × 30 s in 民意社区
        self.assertEqual(by_community[self.community.pk].saved_hours, Decimal("0.07"))
        self.assertEqual(by_community[self.community.pk].occurred_on, timezone.localdate())
        self.assertTrue(all(e.recorded_by_id == self.district_officer.pk for e in entries))

    def test_undetermined_population_goes_to_approval_never_to_everyone(self):
        task = self.submit("人员信息表", "请提供人员信息表。", fields=["name", "phone"])
        request = task.data_request
        self.assertEqual((request.status, request.population), (RequestStatus.PENDING, ""))
        self.assertEqual(request.population_source, PopulationSource.UNDETERMINED)
        self.assertIn("不会提供全体居民", request.pending_reason)
        with self.assertRaises(ValidationError):
            self.approve(request, population_text="")
        self.approve(request, population_text="tag=残疾")
        request.refresh_from_db()
        self.assertEqual((request.rows, request.population_source), (3, PopulationSource.OFFICE))

    def test_stated_population_wins_and_is_validated(self):
        with self.assertRaises(ValidationError) as caught:
            self.submit(population="tag=不存在的标签")
        self.assertIn("人群条件有误", " ".join(caught.exception.messages))
        task = self.submit(population="tag=残疾 and disability_type=肢体")
        self.assertEqual(task.data_request.population, "disability_type=肢体 and tag=disabled")
        self.assertEqual(task.data_request.population_source, PopulationSource.STATED)

    def test_office_cannot_widen_the_fields(self):
        task = self.submit(fields=["name", "disability_type"])
        with self.assertRaises(ValidationError):
            self.approve(task.data_request, fields=["name", "disability_type", "phone"])

    def test_only_the_office_of_the_area_decides(self):
        task = self.submit()
        for outsider in (self.dept_user, self.worker, self.admin, self.street_dept_user):
            with self.assertRaises(OutOfScope):
                services.data_request_approve(
                    actor=outsider, request=task.data_request, population_text="tag=disabled", fields=["name"]
                )
        # a street office does not decide for a district department
        with self.assertRaises(OutOfScope):
            services.data_request_reject(actor=self.officer, request=task.data_request, reason="不需要")


class AgreementTests(SharingCase):
    def setUp(self):
        super().setUp()
        first = self.submit()
        self.agreement = self.approve(first.data_request)

    def test_later_request_inside_the_agreement_is_served_at_once_and_logged(self):
        task = self.submit(
            "残疾人名单月度更新",
            "请再提供残疾人名单。",
            fields=["name", "disability_type"],
            communities=[self.community],
        )
        request = task.data_request
        self.assertEqual(request.status, RequestStatus.RELEASED)
        self.assertEqual(request.agreement, self.agreement)
        self.assertEqual(request.rows, 2)
        self.assertEqual(_sheet(request)[0], ["序号", "社区", "姓名", "残疾类别"])
        self.assertTrue(AuditEvent.objects.filter(action="export", object_id=str(request.pk)).exists())

    def test_narrower_population_is_inside(self):
        task = self.submit(population="tag=disabled and disability_type=视力", fields=["name"])
        self.assertEqual((task.data_request.status, task.data_request.rows), (RequestStatus.RELEASED, 1))

    def test_wider_or_other_requests_wait(self):
        cases: list[dict] = [
            {"fields": ["name", "gender"]},  # a field outside the agreement
            {"communities": [self.community, self.other_community, self.far_community]},  # another street
            {"population": "age>=80"},  # another population
            {"full_fields": ["id_number"]},  # full values the agreement does not give
        ]
        for kw in cases:
            with self.subTest(kw=kw):
                if "communities" in kw:
                    task = self.submit_as_district_wide(**kw)
                else:
                    task = self.submit(**{"fields": ["name", "id_number"], **kw})
                self.assertEqual(task.data_request.status, RequestStatus.PENDING)

    def submit_as_district_wide(self, **kw):
        return self.submit(fields=["name"], **kw)

    def test_other_department_is_not_covered(self):
        from jianfu.gate import services as gate

        task = gate.task_submit(
            actor=self.street_dept_user,
            department=self.street_department,
            title=self.agreement.purpose,
            description="请提供残疾人名单。",
            communities=[self.community],
            requested_fields=["name"],
        )
        self.assertEqual(task.data_request.status, RequestStatus.PENDING)

    def test_expired_or_revoked_agreement_covers_nothing(self):
        DataAgreement.objects.filter(pk=self.agreement.pk).update(
            expires_on=timezone.localdate() - dt.timedelta(days=1)
        )
        self.assertEqual(self.submit(fields=["name"]).data_request.status, RequestStatus.PENDING)
        DataAgreement.objects.filter(pk=self.agreement.pk).update(
            expires_on=timezone.localdate() + dt.timedelta(days=9)
        )
        services.agreement_revoke(actor=self.district_officer, agreement=self.agreement, reason="用途已结束")
        self.assertEqual(self.submit(fields=["name"]).data_request.status, RequestStatus.PENDING)


class FileTests(SharingCase):
    def setUp(self):
        super().setUp()
        self.task = self.submit()
        self.approve(self.task.data_request)
        self.request = self.task.data_request
        self.request.refresh_from_db()

    def test_every_download_is_audited(self):
        for n in (1, 2):
            handle, _name = services.data_request_download(actor=self.dept_user, request=self.request)
            handle.close()
            self.request.refresh_from_db()
            self.assertEqual(self.request.downloads, n)
        events = AuditEvent.objects.filter(
            action="export", object_id=str(self.request.pk), actor=self.dept_user
        )
        self.assertEqual(events.count(), 2)

    def test_nobody_else_downloads(self):
        for user in (self.district_officer, self.worker, self.street_dept_user, self.admin):
            with self.assertRaises(OutOfScope):
                services.data_request_download(actor=user, request=self.request)

    def test_released_files_expire_and_are_purged(self):
        later = self.request.file_expires_at + dt.timedelta(seconds=1)
        self.assertEqual(services.released_files_purge(now=later - dt.timedelta(days=1)), 0)
        type(self.request).objects.filter(pk=self.request.pk).update(file_expires_at=timezone.now())
        with self.assertRaises(services.FileGone):
            services.data_request_download(actor=self.dept_user, request=self.request)
        self.assertEqual(services.released_files_purge(), 1)
        self.request.refresh_from_db()
        self.assertIsNotNone(self.request.file_purged_at)
        self.assertFalse(self.request.file)

    def test_revoking_stops_downloads(self):
        services.agreement_revoke(
            actor=self.district_officer, agreement=self.request.agreement, reason="停止"
        )
        with self.assertRaises(services.FileGone):
            services.data_request_download(actor=self.dept_user, request=self.request)
