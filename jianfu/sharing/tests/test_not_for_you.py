"""One "not for you": deciding, revoking and downloading answer 404 (OutOfScope) to everyone but the
office of the area (or the requesting department for its file) — pages, API and CLI alike; nothing
is written. Formerly `PermissionError`, mapped by hand in each caller."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.sharing import services
from jianfu.sharing.choices import AgreementStatus, RequestStatus
from jianfu.sharing.models import DataAgreement, DataRequest
from jianfu.sharing.tests.helpers import SharingCase


class NotForYouTests(SharingCase):
    def setUp(self):
        super().setUp()
        self.pending = self.submit().data_request
        self.agreement = self.approve(
            self.submit("残疾人名单二", "请提供残疾人名单。", fields=["name"]).data_request
        )
        self.audits = AuditEvent.objects.count()

    def assert_unchanged(self):
        self.assertEqual(DataRequest.objects.get(pk=self.pending.pk).status, RequestStatus.PENDING)
        self.assertEqual(DataAgreement.objects.get(pk=self.agreement.pk).status, AgreementStatus.ACTIVE)
        self.assertEqual(AuditEvent.objects.count(), self.audits)

    def test_services_raise_out_of_scope(self):
        for user in (self.dept_user, self.officer, self.worker, self.street_dept_user):
            with self.subTest(user=user.username):
                with pytest.raises(OutOfScope):
                    services.data_request_reject(actor=user, request=self.pending, reason="不需要")
                with pytest.raises(OutOfScope):
                    services.agreement_revoke(actor=user, agreement=self.agreement, reason="用途已结束")
        with pytest.raises(OutOfScope):
            services.data_request_download(actor=self.district_officer, request=self.agreement.requests.get())
        self.assert_unchanged()

    def test_pages_answer_404_to_the_department_that_can_see_the_request(self):
        client = self.client_for(self.dept_user)
        reject = reverse("sharing:request_reject", args=[self.pending.pk])
        self.assertEqual(client.post(reject, {"reason": "不需要"}).status_code, 404)
        revoke = reverse("sharing:agreement_revoke", args=[self.agreement.pk])
        self.assertEqual(client.post(revoke, {"reason": "用途已结束"}).status_code, 404)
        self.assert_unchanged()

    def test_reasoned_actions_ask_for_the_reason_and_then_act(self):
        client = self.client_for(self.district_officer)
        reject = reverse("sharing:request_reject", args=[self.pending.pk])
        response = client.post(reject, {"reason": ""}, follow=True)
        self.assertContains(response, "请填写理由。")
        self.assert_unchanged()
        response = client.post(reject, {"reason": "与残联已有数据重复"}, follow=True)
        self.assertContains(response, "已决定不予提供。")
        revoke = reverse("sharing:agreement_revoke", args=[self.agreement.pk])
        self.assertContains(client.post(revoke, {"reason": ""}, follow=True), "请填写撤销理由。")
        self.assertContains(client.post(revoke, {"reason": "用途已结束"}, follow=True), "协议已撤销")
        again = client.post(revoke, {"reason": "再次撤销"}, follow=True)
        self.assertContains(again, "该协议已撤销。")
        self.pending.refresh_from_db()
        self.agreement.refresh_from_db()
        self.assertEqual(
            (self.pending.status, self.pending.decision_reason, self.pending.decided_by),
            (RequestStatus.REJECTED, "与残联已有数据重复", self.district_officer),
        )
        self.assertEqual(
            (self.agreement.status, self.agreement.revoke_reason, self.agreement.revoked_by),
            (AgreementStatus.REVOKED, "用途已结束", self.district_officer),
        )

    def test_api_answers_404_with_the_unknown_id_body(self):
        client = self.client_for(self.dept_user)
        for url, body in (
            (f"/api/v1/sharing/requests/{self.pending.pk}/reject", {"reason": "不需要"}),
            (f"/api/v1/sharing/requests/{self.pending.pk}/approve", {"population": "tag=残疾"}),
            (f"/api/v1/sharing/agreements/{self.agreement.pk}/revoke", {"reason": "用途已结束"}),
        ):
            with self.subTest(url=url):
                response = client.post(url, json.dumps(body), content_type="application/json")
                self.assertEqual(response.status_code, 404, response.content)
                self.assertEqual(response.json(), {"detail": "Not Found"})
        office = self.client_for(self.district_officer)
        released = self.agreement.requests.get()
        response = office.get(f"/api/v1/sharing/requests/{released.pk}/file")
        self.assertEqual(response.status_code, 404)
        self.assert_unchanged()

    def test_cli_refuses_with_a_message(self):
        with pytest.raises(CommandError, match="only the requesting department"):
            call_command(
                "data-request",
                "download",
                str(self.agreement.requests.get().pk),
                "--user",
                self.district_officer.username,
                "--out",
                "/tmp/never-written.xlsx",
                stdout=io.StringIO(),
            )
