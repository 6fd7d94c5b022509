"""The scorecard: measured figures per part with last year's, scoping, query count, exports, CLI and API."""

import datetime as dt
import io
import json
from contextlib import redirect_stdout

import openpyxl
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from jianfu.accounts.auth import api_token_create
from jianfu.campaigns import services as campaigns
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing.factories import SYSTEM
from jianfu.gate.models import Task, TaskTarget
from jianfu.meetings import services as meetings
from jianfu.scorecard import selectors

GOOD = {"approved_by": "区委办公室", "mode": "online", "minutes": 60}


class ScorecardTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.year = today.year
        last = dt.date(today.year - 1, 6, 1)
        for day, n in ((today, 3), (last, 1)):
            for i in range(n):
                meetings.notice_submit(
                    actor=SYSTEM,
                    kind="document",
                    department=cls.department,
                    communities=[cls.community],
                    date=day,
                    title=f"文件{day.year}-{i}",
                )
        meetings.notice_submit(
            actor=SYSTEM,
            kind="meeting",
            department=cls.department,
            communities=[cls.community, cls.far_community],
            date=today,
            title="陪会",
            text="请各社区书记列席会议。",
            **GOOD,
        )
        meetings.notice_submit(
            actor=SYSTEM,
            kind="meeting",
            department=cls.street_department,
            communities=[cls.community],
            date=today,
            title="街道调度会",
            **GOOD,
        )
        campaigns.secondment_record(
            actor=SYSTEM,
            community=cls.community,
            department=cls.department,
            staff_name="张三",
            started_on=today,
        )
        task = Task.objects.create(
            department=cls.department, title="拆违", description="x", decision="rejected", status="rejected"
        )
        TaskTarget.objects.create(task=task, community=cls.community)

    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def part(self, card, key):
        return next(p for p in card.parts if p.key == key)

    def test_figures_and_trend(self):
        card = selectors.scorecard(actor=self.officer, unit=self.street, level="street", year=self.year)
        self.assertEqual([p.number for p in card.parts], [1, 2, 3, 4, 5, 6, 7])
        docs = self.part(card, "documents")
        self.assertEqual(
            (docs.figures[0].value, docs.figures[0].previous, docs.figures[0].trend), (3, 1, "up")
        )
        self.assertTrue(docs.figures[0].worse)
        self.assertEqual(docs.departments, [("区民政局", 3)])
        self.assertEqual(float(docs.hours), 1.5)  # 3 documents × 30 minutes
        self.assertEqual(float(docs.hours_previous), 0.5)
        meet = self.part(card, "meetings")
        self.assertEqual((meet.figures[0].value, meet.figures[1].value), (1, 1))  # admitted, refused
        self.assertEqual(self.part(card, "secondments").figures[0].value, 1)
        digital = self.part(card, "digital")  # jianfu.digital's figures (nothing declared here)
        self.assertTrue(digital.available)
        self.assertEqual([f.value for f in digital.figures], [0, 0, 0.0, 0, 0])
        duties = {f.label: f.value for f in self.part(card, "duties").figures}
        self.assertEqual(duties["不予准入"], 1)

    def test_scope(self):
        with self.assertRaises(OutOfScope):
            selectors.scorecard(actor=self.far_worker, unit=self.street, level="street", year=self.year)
        with self.assertRaises(OutOfScope):
            selectors.scorecard(actor=self.resident, unit=self.community, level="community", year=self.year)
        far = selectors.scorecard(actor=self.far_worker, unit=self.district, level="district", year=self.year)
        self.assertEqual(far.communities, 1)
        self.assertEqual(self.part(far, "meetings").figures[1].value, 1)  # the refused one reached 花桥 too
        self.assertEqual(self.part(far, "documents").figures[0].value, 0)
        dept = selectors.scorecard(
            actor=self.street_dept_user, unit=self.street, level="street", year=self.year
        )
        self.assertEqual(self.part(dept, "documents").figures[0].value, 0)
        self.assertEqual(self.part(dept, "meetings").figures[0].value, 1)  # its own meeting only
        self.assertEqual(self.part(dept, "secondments").figures[0].value, 0)

    def test_query_count_is_constant(self):
        with CaptureQueriesContext(connection) as small:
            selectors.scorecard(
                actor=self.district_officer, unit=self.district, level="district", year=self.year
            )
        for i in range(5):
            meetings.notice_submit(
                actor=SYSTEM,
                kind="document",
                department=self.department,
                communities=[self.other_community],
                date=timezone.localdate(),
                title=f"更多{i}",
            )
        with self.assertNumQueries(len(small.captured_queries)):
            selectors.scorecard(
                actor=self.district_officer, unit=self.district, level="district", year=self.year
            )
        self.assertLessEqual(len(small.captured_queries), 30)

    def test_whole_district_shortcut_equals_the_filtered_count(self):
        """One district in the installation, reached whole: no community filter; with a second
        district the same figures come from the filtered queries, and its notices never count."""
        from jianfu.orgs.models import Community, Department, District, Street

        args = {"actor": self.district_officer, "unit": self.district, "level": "district", "year": self.year}
        self.assertTrue(selectors._reach(self.district_officer, self.district, "district").whole)
        whole = selectors.scorecard(**args).as_json()
        other = District.objects.create(code="420103", name="江汉区")
        elsewhere = Community.objects.create(
            street=Street.objects.create(district=other, code="420103001", name="民族街道"),
            code="420103001001",
            name="前进社区",
        )
        self.assertFalse(selectors._reach(self.district_officer, self.district, "district").whole)
        self.assertEqual(selectors.scorecard(**args).as_json(), whole)
        meetings.notice_submit(
            actor=SYSTEM,
            kind="document",
            department=Department.objects.create(
                district=other, code="JHMZ", name="江汉民政", level="district"
            ),
            communities=[elsewhere],
            date=timezone.localdate(),
            title="别区文件",
        )
        self.assertEqual(selectors.scorecard(**args).as_json(), whole)
        self.assertGreater(whole["parts"][0]["figures"][0]["value"], 0)

    def test_page_anonymous_outsider_permitted_and_exports(self):
        self.assertEqual(self.client.get("/scorecard/").status_code, 302)
        self.assertEqual(self.client_for(self.far_worker).get("/scorecard/?unit=420102001").status_code, 404)
        self.assertEqual(
            self.client_for(self.far_worker).get("/scorecard/export.xlsx?unit=420102001").status_code, 404
        )
        self.assertEqual(self.client_for(self.resident).get("/scorecard/").status_code, 404)
        page = self.client_for(self.worker).get("/scorecard/")
        self.assertContains(page, "民意社区")
        self.assertContains(page, 'id="part-documents"')
        office = self.client_for(self.district_officer)
        self.assertContains(office.get("/scorecard/"), "大智街道")
        xlsx = office.get(f"/scorecard/export.xlsx?unit=420102&year={self.year}")
        self.assertEqual(xlsx.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
        self.assertIn("准入（发到社区）", cells)
        pdf = office.get("/scorecard/export.pdf?unit=420102")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        self.assertEqual(AuditEvent.objects.filter(object_type="scorecard").count(), 2)

    def test_cli_and_api(self):
        out = io.StringIO()
        with redirect_stdout(out):
            call_command("scorecard", "--unit", "420102001001", "--year", str(self.year), "--json")
        data = json.loads(out.getvalue())
        self.assertEqual(data["unit"]["level"], "community")
        self.assertEqual(len(data["parts"]), 7)
        with self.assertRaises(CommandError):
            call_command("scorecard", "--unit", "nope")
        _t, token = api_token_create(user=self.officer, name="t")
        response = self.client.get(
            "/api/v1/scorecard/?unit=420102001", headers={"Authorization": f"Bearer {token}"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["parts"][0]["figures"][0]["value"], 3)
        _t, far = api_token_create(user=self.far_worker, name="f")
        self.assertEqual(
            self.client.get(
                "/api/v1/scorecard/?unit=420102001", headers={"Authorization": f"Bearer {far}"}
            ).status_code,
            404,
        )


class LedgerHoursOfCampaignsAndSecondmentsTests(PersonaTestCase):
    """The campaigns and secondments parts carry the burden ledger's hours of their own kinds."""

    def test_parts_sum_the_ledger_entries_of_their_kinds(self):
        from django.db.models import Sum

        from jianfu.burden.models import BurdenEntry
        from jianfu.burden.services import burden_entry_record

        today = timezone.localdate()
        on = today.replace(day=1)
        for kind, title, units in (("campaign", "文明社区创建", 3), ("secondment", "借调张三", 5)):
            burden_entry_record(
                community=self.community,
                kind=kind,
                title=title,
                occurred_on=on,
                department=self.department,
                units=units,
                actor=SYSTEM,
            )
        burden_entry_record(
            community=self.community, kind="signboard", title="挂牌", occurred_on=on, actor=SYSTEM
        )
        card = selectors.scorecard(actor=self.officer, unit=self.street, level="street", year=today.year)
        parts = {p.key: p for p in card.parts}

        def ledger(*kinds):
            total = BurdenEntry.objects.filter(kind__in=kinds, community=self.community).aggregate(
                h=Sum("hours")
            )
            return total["h"]

        self.assertGreater(ledger("secondment"), 0)
        self.assertEqual(parts["secondments"].hours, ledger("secondment"))
        self.assertEqual(parts["campaigns"].hours, ledger("campaign", "signboard"))
        self.assertGreater(parts["campaigns"].hours, ledger("signboard"))
