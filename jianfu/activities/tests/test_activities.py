import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jianfu.activities import documents, services
from jianfu.activities.choices import ActivityStatus
from jianfu.activities.models import Activity, Signup
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f


def data(**kw):
    base = dict(
        title="家庭福利项目说明会",
        starts_on=timezone.localdate() + dt.timedelta(days=7),
        place="社区活动室",
        organiser="民意社区居委会",
        capacity=2,
        budget="800",
        audience="",
        audience_label="有 60 岁以上老人的家庭",
        description="介绍家庭福利项目的申请条件。",
    )
    base.update(kw)
    return services.ActivityInput(**base)


class ActivityServiceTests(PersonaTestCase):
    def test_create_open_signup_capacity_and_attendance(self):
        a = services.activity_create(actor=self.worker, community=self.community, data=data())
        self.assertEqual(a.status, ActivityStatus.DRAFT)
        with self.assertRaises(ValidationError):
            services.signup_create(actor=AnonymousUser(), activity=a, name="张三", phone="13800001111")
        services.activity_set_status(actor=self.worker, activity=a, status=ActivityStatus.OPEN)
        services.signup_create(actor=AnonymousUser(), activity=a, name="张三", phone="138 0000 1111")
        with self.assertRaises(ValidationError):
            services.signup_create(
                actor=AnonymousUser(), activity=a, name="张三", phone="13800001111"
            )  # same phone
        with self.assertRaises(ValidationError):
            services.signup_create(actor=AnonymousUser(), activity=a, name="李四", phone="12345")
        services.signup_create(actor=AnonymousUser(), activity=a, name="李四", phone="010-88886666")
        with self.assertRaises(ValidationError):
            services.signup_create(
                actor=AnonymousUser(), activity=a, name="王五", phone="13900002222"
            )  # full
        signup = Signup.objects.get(name="张三")
        with self.assertRaises(ValidationError):
            services.attendance_mark(actor=self.worker, signup=signup, attended=True)  # not held yet
        with self.assertRaises(OutOfScope):
            services.signup_cancel(actor=self.other_worker, signup=signup)

    def test_audience_filter_is_checked_and_counts_residents(self):
        f.person(community=self.community, birth=dt.date(1940, 1, 1))
        f.person(community=self.community, birth=dt.date(1990, 1, 1))
        with self.assertRaises(ValidationError) as ctx:
            services.activity_create(
                actor=self.worker, community=self.community, data=data(audience="age >>= 60")
            )
        self.assertIn("audience", ctx.exception.message_dict)
        a = services.activity_create(
            actor=self.worker, community=self.community, data=data(audience="age>=60")
        )
        self.assertEqual(services.eligible_count(a), 1)

    def test_bad_input(self):
        for bad in (data(title=""), data(capacity=0), data(budget="很多"), data(place="")):
            with self.assertRaises(ValidationError):
                services.activity_create(actor=self.worker, community=self.community, data=bad)
        with self.assertRaises(OutOfScope):
            services.activity_create(actor=self.worker, community=self.far_community, data=data())
        self.assertEqual(Activity.objects.count(), 0)

    def test_documents_are_pdfs_with_masked_phones(self):
        a = services.activity_create(
            actor=self.worker, community=self.community, data=data(starts_on=timezone.localdate())
        )
        services.activity_set_status(actor=self.worker, activity=a, status=ActivityStatus.OPEN)
        s = services.signup_create(actor=AnonymousUser(), activity=a, name="张三", phone="13800001111")
        services.attendance_mark(actor=self.worker, signup=s, attended=True)
        services.activity_set_status(
            actor=self.worker, activity=a, status=ActivityStatus.HELD, outcome="12户家庭当场咨询。"
        )
        for pdf in (
            documents.application_pdf(a, eligible=3),
            documents.notice_pdf(a, url="https://x/s/t/"),
            documents.signups_pdf(a),
            documents.summary_pdf(a),
        ):
            self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertIn("实际参加1人", "".join(documents.summary_text(a)))
        self.assertEqual(documents.signups_pdf(a), documents.signups_pdf(a))


class ActivityViewTests(PersonaTestCase):
    def setUp(self):
        self.activity = services.activity_create(actor=self.worker, community=self.community, data=data())

    def test_scoping(self):
        url = reverse("activities:detail", args=[self.activity.pk])
        self.assertEqual(self.client_for(None).get(url).status_code, 302)
        for outsider in (
            self.other_worker,
            self.far_worker,
            self.resident,
            self.street_dept_user.__class__.objects.create_user(
                username="farsdept", password="x", role="department"
            ),
        ):
            self.assertEqual(self.client_for(outsider).get(url).status_code, 404, outsider)
        for user in (self.worker, self.head, self.officer, self.dept_user):
            self.assertEqual(self.client_for(user).get(url).status_code, 200, user)
        signups = reverse("activities:document", args=[self.activity.pk, "signups"])
        self.assertEqual(self.client_for(self.officer).get(signups).status_code, 404)
        self.assertEqual(self.client_for(self.worker).get(signups)["Content-Type"], "application/pdf")
        self.assertEqual(
            self.client_for(self.other_worker)
            .post(reverse("activities:status", args=[self.activity.pk]), {"status": "open"})
            .status_code,
            404,
        )

    def test_public_signup_page(self):
        public = reverse("activities:public", args=[self.activity.token])
        anon = self.client_for(None)
        self.assertEqual(anon.get(public).status_code, 404)  # draft: not published
        self.client_for(self.worker).post(
            reverse("activities:status", args=[self.activity.pk]), {"status": "open"}
        )
        self.assertContains(anon.get(public), "家庭福利项目说明会")
        self.assertContains(anon.post(public, {"name": "赵六", "phone": "13712345678"}), "报名成功")
        self.assertContains(anon.post(public, {"name": "赵六", "phone": "13712345678"}), "已经报过名")
        self.assertEqual(
            anon.get(reverse("activities:public_qr", args=[self.activity.token]))["Content-Type"],
            "image/svg+xml",
        )
        detail = self.client_for(self.worker).get(reverse("activities:detail", args=[self.activity.pk]))
        self.assertContains(detail, "137****5678")
        self.assertNotContains(detail, "13712345678")
        self.assertEqual(anon.get(reverse("activities:public", args=["guess"])).status_code, 404)

    def test_list_query_count(self):
        client = self.client_for(self.worker)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            client.get(reverse("activities:list"))
        for n in range(3):
            services.activity_create(actor=self.worker, community=self.community, data=data(title=f"活动{n}"))
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("activities:list"))
        self.assertEqual(len(one.captured_queries), len(many.captured_queries))


class SummaryDocxTests(PersonaTestCase):
    def setUp(self):
        self.activity = services.activity_create(
            actor=self.worker, community=self.community, data=data(starts_on=timezone.localdate())
        )
        services.activity_set_status(actor=self.worker, activity=self.activity, status=ActivityStatus.OPEN)
        s = services.signup_create(
            actor=AnonymousUser(), activity=self.activity, name="张三", phone="13800001111"
        )
        services.attendance_mark(actor=self.worker, signup=s, attended=True)
        services.activity_set_status(
            actor=self.worker,
            activity=self.activity,
            status=ActivityStatus.HELD,
            outcome="12户家庭当场咨询。",
        )

    def test_docx_is_the_generated_editable_draft(self):
        import io

        from docx import Document

        blob = documents.summary_docx(self.activity)
        self.assertEqual(blob[:2], b"PK")
        doc = Document(io.BytesIO(blob))
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn(self.activity.title, text)
        self.assertIn("实际参加1人", text)
        self.assertIn("12户家庭当场咨询", text)
        self.assertNotIn("13800001111", text)  # no resident's phone in a press release
        self.assertNotIn("张三", text)

    def test_docx_page_anonymous_outsider_permitted(self):
        url = reverse("activities:summary_docx", args=[self.activity.pk])
        response = self.client_for(None).get(url)
        self.assertEqual(response.status_code, 302)
        for outsider in (self.other_worker, self.far_worker, self.resident):
            self.assertEqual(self.client_for(outsider).get(url).status_code, 404, outsider)
        response = self.client_for(self.worker).get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], documents.DOCX_TYPE)
        self.assertEqual(response.content[:2], b"PK")


class CompiledListTests(PersonaTestCase):
    """The list's compiled rows and answers equal the ORM reads they replace, for every persona."""

    def test_rows_and_answers_equal_the_orm_reads(self):
        from jianfu.accounts.scope import communities_for
        from jianfu.activities import permissions as perm
        from jianfu.activities import selectors
        from jianfu.core import compiled

        a = services.activity_create(actor=self.worker, community=self.community, data=data())
        services.activity_set_status(actor=self.worker, activity=a, status=ActivityStatus.OPEN)
        services.signup_create(actor=AnonymousUser(), activity=a, name="张三", phone="13800001111")
        services.activity_create(
            actor=self.other_worker, community=self.other_community, data=data(title="乙")
        )
        services.activity_create(actor=self.far_worker, community=self.far_community, data=data(title="丙"))
        personas = [
            self.worker,
            self.head,
            self.grid_worker,
            self.other_worker,
            self.far_worker,
            self.officer,
        ]
        personas += [self.district_officer, self.dept_user, self.street_dept_user, self.resident, self.admin]
        for user in personas:
            for _ in range(2):  # the first build, then the compiled SQL
                expected = [
                    (x.pk, x.starts_on, x.title, x.community.name, x.capacity, x.status, x.signed, x.came)
                    for x in selectors.activities_for(user)[:300]
                ]
                rows = selectors.activity_list_rows(user, 300)
                got = [
                    (r.pk, r.starts_on, r.title, r.community_name, r.capacity, r.status, r.signed, r.came)
                    for r in rows
                ]
                self.assertEqual(got, expected, user.username)
                for row, x in zip(rows, selectors.activities_for(user)[:300], strict=True):
                    self.assertEqual(str(row.get_status_display()), str(x.get_status_display()))
                self.assertEqual(perm.may_list(user), communities_for(user, "view").exists(), user.username)
                community = getattr(user, "community", None)
                old = community is not None and perm.may_organise(user, community)
                self.assertEqual(perm.may_organise_own_community(user), old, user.username)
            compiled.clear()
