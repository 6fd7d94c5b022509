"""Pages: a department sees only its own; the 减负办 of the area decides; downloads audited."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jianfu.core.models import AuditEvent
from jianfu.sharing.choices import RequestStatus
from jianfu.sharing.models import DataRequest
from jianfu.sharing.tests.helpers import SharingCase


class PageTests(SharingCase):
    def setUp(self):
        super().setUp()
        self.pending = self.submit().data_request

    def test_home_scoped(self):
        url = reverse("sharing:home")
        self.assertEqual(self.client.get(url).status_code, 302)  # anonymous → sign in
        for user in (self.worker, self.resident):
            self.assertEqual(self.client_for(user).get(url).status_code, 404)
        own = self.client_for(self.dept_user).get(url)
        self.assertContains(own, "持证残疾人名单")
        self.assertNotContains(self.client_for(self.street_dept_user).get(url), "持证残疾人名单")
        self.assertContains(self.client_for(self.district_officer).get(url), "持证残疾人名单")

    def test_home_query_count_does_not_grow(self):
        for i in range(3):
            self.submit(f"残疾人名单{i}", "请提供残疾人名单。", fields=["name"])
        client = self.client_for(self.district_officer)
        client.get(reverse("sharing:home"))
        # session, user, the four lists (no communities: the page shows none), and the filter
        # vocabulary, once, to put populations in words
        with self.assertNumQueries(7):
            page = client.get(reverse("sharing:home"))
        self.assertContains(page, '<td data-label="人群条件" title="tag=disabled">残疾</td>', html=False)

    def test_detail_shows_the_population_before_anything_is_released(self):
        url = reverse("sharing:request_detail", args=[self.pending.pk])
        page = self.client_for(self.district_officer).get(url)
        self.assertContains(page, "残疾；民意社区、永红社区")
        self.assertContains(page, 'data-testid="count-total">3<')
        self.assertContains(page, "核准并提供")
        self.assertNotContains(page, self.disabled[0].id_number)
        dept_page = self.client_for(self.dept_user).get(url)
        self.assertContains(dept_page, "待减负办核准")
        self.assertNotContains(dept_page, "核准并提供")
        for outsider in (self.street_dept_user, self.worker, self.officer):
            self.assertEqual(self.client_for(outsider).get(url).status_code, 404)

    def test_approve_then_download_audited(self):
        url = reverse("sharing:request_approve", args=[self.pending.pk])
        data = {
            "population": "tag=残疾",
            "approved_fields": ["name", "phone"],
            "purpose": "残疾人帮扶",
            "expires_on": (timezone.localdate() + dt.timedelta(days=4 * 365)).isoformat(),
        }
        bad = self.client_for(self.district_officer).post(url, data)
        self.assertContains(bad, "三年以内")  # form redisplayed with the error, nothing written
        self.assertEqual(DataRequest.objects.get(pk=self.pending.pk).status, RequestStatus.PENDING)
        self.assertEqual(self.client_for(self.street_dept_user).post(url, data).status_code, 404)
        expires = (timezone.localdate() + dt.timedelta(days=200)).isoformat()
        response = self.client_for(self.district_officer).post(url, {**data, "expires_on": expires})
        self.assertEqual(response.status_code, 302)
        self.pending.refresh_from_db()
        self.assertEqual(
            (self.pending.status, self.pending.fields), (RequestStatus.RELEASED, ["name", "phone"])
        )
        file_url = reverse("sharing:request_file", args=[self.pending.pk])
        self.assertEqual(self.client_for(self.district_officer).get(file_url).status_code, 404)
        self.assertEqual(self.client_for(self.street_dept_user).get(file_url).status_code, 404)
        download = self.client_for(self.dept_user).get(file_url)
        self.assertEqual(download.status_code, 200)
        b"".join(download.streaming_content)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="export", actor=self.dept_user, object_id=str(self.pending.pk)
            ).exists()
        )

    def test_reject_and_revoke(self):
        reject = reverse("sharing:request_reject", args=[self.pending.pk])
        self.client_for(self.district_officer).post(reject, {"reason": "与残联已有数据重复"})
        self.pending.refresh_from_db()
        self.assertEqual(self.pending.status, RequestStatus.REJECTED)
        second = self.submit("残疾人名单二", "请提供残疾人名单。", fields=["name"]).data_request
        agreement = self.approve(second)
        revoke = reverse("sharing:agreement_revoke", args=[agreement.pk])
        self.assertEqual(self.client_for(self.dept_user).post(revoke, {"reason": "x"}).status_code, 404)
        self.client_for(self.district_officer).post(revoke, {"reason": "用途已结束"})
        agreement.refresh_from_db()
        self.assertEqual(agreement.status, "revoked")
        gone = self.client_for(self.dept_user).get(reverse("sharing:request_file", args=[second.pk]))
        self.assertEqual(gone.status_code, 410)
        page = self.client_for(self.dept_user).get(reverse("sharing:agreement_detail", args=[agreement.pk]))
        self.assertContains(page, "已撤销")
        self.assertEqual(
            self.client_for(self.street_dept_user)
            .get(reverse("sharing:agreement_detail", args=[agreement.pk]))
            .status_code,
            404,
        )
