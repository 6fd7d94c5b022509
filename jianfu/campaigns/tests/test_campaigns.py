"""Campaigns against the cap, the signboard inventory and its removal, secondments flagged: services, pages, API."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from jianfu.accounts.auth import api_token_create
from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.campaigns import services
from jianfu.campaigns.choices import CampaignStatus, SecondmentStatus, SignboardStatus
from jianfu.campaigns.models import Campaign, Secondment, Signboard, Transition
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase


class CampaignServiceTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def register(self, title="创建文明社区", communities=None):
        return services.campaign_register(
            actor=self.dept_user,
            department=self.department,
            title=title,
            kind="creation",
            communities=communities or [self.community],
        )

    def test_campaigns_approved_until_the_cap_then_refused_with_the_rule(self):
        for n in range(2):
            campaign = self.register(title=f"创建{n}")
            self.assertEqual(campaign.status, CampaignStatus.PENDING)
            services.campaign_decide(actor=self.officer, campaign=campaign, approve=True, reason="合并后保留")
        over = self.register(title="创建第三项")
        self.assertEqual(over.status, CampaignStatus.REFUSED)
        self.assertIn("上限", over.reasons[0])
        self.assertIn("第七部分", over.reasons[0])
        other = self.register(title="别的社区", communities=[self.other_community])
        self.assertEqual(other.status, CampaignStatus.PENDING)
        self.assertEqual(Transition.objects.filter(object_type="campaign").count(), 6)
        self.assertTrue(AuditEvent.objects.filter(object_type="campaigns.campaign").exists())

    def test_approval_rechecks_the_cap_and_only_the_office_decides(self):
        services.caps_set(
            actor=self.district_officer,
            district=self.district,
            campaigns_per_community=1,
            signboards_per_community=1,
        )
        a, b = self.register("甲"), self.register("乙")
        services.campaign_decide(actor=self.officer, campaign=a, approve=True, reason="同意")
        with self.assertRaises(ValidationError):
            services.campaign_decide(actor=self.officer, campaign=b, approve=True, reason="同意")
        b.refresh_from_db()
        self.assertEqual(b.status, CampaignStatus.PENDING)
        for outsider in (self.worker, self.dept_user, far := self.far_worker):
            with self.subTest(user=outsider.username), self.assertRaises(OutOfScope):
                services.campaign_decide(actor=outsider, campaign=b, approve=False, reason="x")
        del far
        with self.assertRaises(ValidationError):
            services.campaign_decide(actor=self.officer, campaign=a, approve=False, reason="again")
        with self.assertRaises(OutOfScope):
            services.caps_set(
                actor=self.officer,
                district=self.district,
                campaigns_per_community=9,
                signboards_per_community=9,
            )

    def test_bad_input_writes_nothing(self):
        with self.assertRaises(ValidationError):
            services.campaign_register(
                actor=self.dept_user,
                department=self.department,
                title="",
                kind="creation",
                communities=[self.community],
            )
        with self.assertRaises(ValidationError):
            services.campaign_register(
                actor=self.dept_user,
                department=self.department,
                title="x",
                kind="party",
                communities=[self.community],
            )
        with self.assertRaises(ValidationError):
            services.campaign_register(
                actor=self.street_dept_user,
                department=self.street_department,
                title="x",
                kind="creation",
                communities=[self.far_community],
            )
        with self.assertRaises(OutOfScope):
            services.campaign_register(
                actor=self.worker,
                department=self.department,
                title="x",
                kind="creation",
                communities=[self.community],
            )
        self.assertFalse(Campaign.objects.exists())

    def test_signboards_inventory_cap_and_removal(self):
        [board] = services.signboard_register(
            actor=self.dept_user, department=self.department, name="老年协会", communities=[self.community]
        )
        self.assertEqual(board.status, SignboardStatus.PENDING)
        services.signboard_decide(actor=self.officer, board=board, approve=True, reason="同意")
        board.refresh_from_db()
        self.assertEqual((board.status, board.approved), (SignboardStatus.HUNG, True))
        self.assertEqual(
            BurdenEntry.objects.filter(kind=EntryKind.SIGNBOARD, community=self.community).count(), 1
        )
        [second] = services.signboard_register(
            actor=self.dept_user, department=self.department, name="科普站", communities=[self.community]
        )
        with self.assertRaises(ValidationError):  # 1 new board per community per year
            services.signboard_decide(actor=self.officer, board=second, approve=True, reason="同意")
        services.signboard_decide(actor=self.officer, board=second, approve=False, reason="超过上限")
        old = services.signboard_inventory(
            actor=self.worker, community=self.community, name="禁毒示范社区", hung_on=dt.date(2020, 5, 1)
        )
        self.assertFalse(old.approved)
        with self.assertRaises(OutOfScope):
            services.signboard_inventory(actor=self.other_worker, community=self.community, name="x")
        services.signboard_order_removal(actor=self.officer, board=old, reason="无依据")
        with self.assertRaises(OutOfScope):
            services.signboard_remove(actor=self.other_worker, board=old)
        services.signboard_remove(actor=self.worker, board=old)
        old.refresh_from_db()
        self.assertEqual((old.status, old.removed_on), (SignboardStatus.REMOVED, timezone.localdate()))
        with self.assertRaises(ValidationError):
            services.signboard_remove(actor=self.worker, board=old)

    def test_secondment_recorded_flagged_scoped(self):
        row = services.secondment_record(
            actor=self.worker,
            community=self.community,
            department=self.department,
            staff_name="张晓红",
            post="社区专职工作者",
            work="区民政局窗口",
            started_on=timezone.localdate() - dt.timedelta(days=30),
        )
        self.assertEqual(row.status, SecondmentStatus.ACTIVE)
        self.assertIn("第四部分", Transition.objects.get(object_type="secondment").reason)
        self.assertEqual(list(Secondment.objects.restrict(self.dept_user, "view")), [row])
        self.assertEqual(list(Secondment.objects.restrict(self.officer, "view")), [row])
        self.assertFalse(Secondment.objects.restrict(self.other_worker, "view").exists())
        self.assertFalse(Secondment.objects.restrict(self.street_dept_user, "view").exists())
        street = services.secondment_record(
            actor=self.officer,
            street=self.street,
            department=self.department,
            staff_name="李四",
            started_on=timezone.localdate(),
        )
        self.assertIn(street, Secondment.objects.restrict(self.district_officer, "view"))
        self.assertNotIn(street, Secondment.objects.restrict(self.worker, "view"))
        with self.assertRaises(ValidationError):
            services.secondment_record(
                actor=self.worker,
                community=self.community,
                department=self.department,
                staff_name="x",
                started_on=timezone.localdate() + dt.timedelta(days=1),
            )
        with self.assertRaises(OutOfScope):
            services.secondment_end(actor=self.far_worker, secondment=row)
        services.secondment_end(actor=self.worker, secondment=row)


class CampaignPageApiTests(PersonaTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))
        self.campaign = services.campaign_register(
            actor=self.dept_user,
            department=self.department,
            title="创建民意示范点",
            kind="demonstration",
            communities=[self.community],
        )
        self.secondment = services.secondment_record(
            actor=self.worker,
            community=self.community,
            department=self.department,
            staff_name="张晓红",
            started_on=timezone.localdate(),
        )

    def test_anonymous_outsider_permitted(self):
        self.assertEqual(self.client.get("/campaigns/").status_code, 302)
        far = self.client_for(self.far_worker).get("/campaigns/")
        self.assertNotContains(far, "创建民意示范点")
        self.assertNotContains(far, "张")
        page = self.client_for(self.worker).get("/campaigns/")
        self.assertContains(page, "创建民意示范点")
        self.assertContains(page, 'data-flag="secondment"')
        self.assertNotContains(page, "张晓红")  # masked by default
        self.assertEqual(
            self.client_for(self.far_worker)
            .post(f"/campaigns/campaign/{self.campaign.pk}/", {"approve": "1", "reason": "x"})
            .status_code,
            404,
        )
        self.assertEqual(self.client_for(self.resident).get("/campaigns/").status_code, 404)

    def test_office_decides_on_the_page_and_worker_inventories(self):
        response = self.client_for(self.officer).post(
            f"/campaigns/campaign/{self.campaign.pk}/", {"approve": "1", "reason": "同意"}, follow=True
        )
        self.assertContains(response, "已保存")
        self.campaign.refresh_from_db()
        self.assertEqual(self.campaign.status, CampaignStatus.APPROVED)
        client = self.client_for(self.worker)
        client.post("/campaigns/new/inventory/", {"i-name": "社区老年协会"})
        self.assertTrue(Signboard.objects.filter(name="社区老年协会", community=self.community).exists())
        response = client.post("/campaigns/new/inventory/", {"i-name": ""}, follow=True)
        self.assertEqual(Signboard.objects.count(), 1)
        office = self.client_for(self.officer)
        office.get("/campaigns/")
        with self.assertNumQueries(7):
            office.get("/campaigns/")

    def test_api(self):
        _t, token = api_token_create(user=self.dept_user, name="t")
        auth = {"Authorization": f"Bearer {token}"}
        created = self.client.post(
            "/api/v1/campaigns/campaigns",
            {"title": "达标创建", "kind": "compliance", "communities": ["420102001001"]},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(len(self.client.get("/api/v1/campaigns/campaigns", headers=auth).json()), 2)
        listed = self.client.get("/api/v1/campaigns/secondments", headers=auth).json()
        self.assertEqual(listed[0]["department"], "MZJ")
        self.assertNotIn("张晓红", str(listed))
        bad = self.client.post(
            "/api/v1/campaigns/campaigns",
            {"title": "", "kind": "compliance", "communities": ["420102001001"]},
            content_type="application/json",
            headers=auth,
        )
        self.assertEqual(bad.status_code, 422)
        _t2, far = api_token_create(user=self.far_worker, name="f")
        self.assertEqual(
            self.client.get("/api/v1/campaigns/campaigns", headers={"Authorization": f"Bearer {far}"}).json(),
            [],
        )
        self.assertEqual(self.client.get("/api/v1/campaigns/campaigns").status_code, 401)


class CampaignDemoTests(PersonaTestCase):
    def test_demo(self):
        import io

        from jianfu.campaigns import demo
        from jianfu.core.testing import factories as f

        for code, name in (("WJW", "区卫健委"), ("CGJ", "区城管局"), ("ZJJ", "区住建局")):
            f.department(self.district, code, name)
        demo.seed(io.StringIO())
        self.assertEqual(Campaign.objects.get(title="垃圾分类示范社区评比").status, CampaignStatus.REFUSED)
        self.assertEqual(Campaign.objects.filter(status=CampaignStatus.APPROVED).count(), 2)
        self.assertEqual(Signboard.objects.filter(status=SignboardStatus.REMOVED).count(), 1)
        self.assertEqual(Secondment.objects.count(), 1)
        demo.seed(io.StringIO())
        self.assertEqual(Campaign.objects.count(), 3)
