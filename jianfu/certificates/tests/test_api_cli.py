import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from jianfu.accounts.auth import api_token_create
from jianfu.certificates.models import Certificate, VerificationLog
from jianfu.certificates.tests.helpers import issue, resident
from jianfu.core.testing import PersonaTestCase

API = "/api/v1/certificates"


class ApiTests(PersonaTestCase):
    def setUp(self):
        cache.clear()

    def bearer(self, user):
        _token, plain = api_token_create(user=user, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}

    def test_check_needs_auth(self):
        response = self.client_for(None).post(
            f"{API}/check", {"text": "开个单身证明"}, content_type="application/json"
        )
        assert response.status_code == 401
        response = self.client_for(None).post(
            f"{API}/check",
            {"text": "开个单身证明"},
            content_type="application/json",
            **self.bearer(self.worker),
        )
        data = response.json()
        assert response.status_code == 200 and data["decision"] == "must_not_issue"
        assert data["item"]["code"] == "CX08" and data["referral"] and data["source_document"]
        bad = self.client_for(None).post(
            f"{API}/check", {"text": ""}, content_type="application/json", **self.bearer(self.worker)
        )
        assert bad.status_code == 422

    def test_issue_fills_the_template_then_verify_and_revoke(self):
        person = resident(self.community)
        response = self.client_for(self.worker).post(
            f"{API}/issue",
            {"item_code": "CM01", "purpose": "子女入学", "person": person.pid, "since": "2015年"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        data = response.json()
        certificate = Certificate.objects.get(pk=data["id"])
        assert (
            "王秀兰" in certificate.body and "2015年" in certificate.body and "民意小区" in certificate.body
        )
        verify = self.client_for(None).get(data["verify_path"].replace("/certificates/v/", f"{API}/verify/"))
        assert (
            verify.status_code == 200
            and verify.json()["holder"] == "王**"
            and verify.json()["result"] == "valid"
        )
        assert (
            self.client_for(self.other_worker)
            .post(f"{API}/{certificate.pk}/revoke", {"reason": "x"}, content_type="application/json")
            .status_code
            == 404
        )
        assert (
            self.client_for(self.worker)
            .post(f"{API}/{certificate.pk}/revoke", {"reason": "x"}, content_type="application/json")
            .status_code
            == 404
        )
        revoked = self.client_for(self.head).post(
            f"{API}/{certificate.pk}/revoke", {"reason": "搬走"}, content_type="application/json"
        )
        assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
        assert self.client_for(None).get(f"{API}/verify/{certificate.token}").json()["result"] == "revoked"

    def test_issue_refuses_must_not_and_other_communities_people(self):
        stranger = resident(self.other_community, name="李四")
        client = self.client_for(self.worker)
        assert (
            client.post(
                f"{API}/issue",
                {"item_code": "CX08", "purpose": "x", "holder_name": "张三"},
                content_type="application/json",
            ).status_code
            == 422
        )
        assert (
            client.post(
                f"{API}/issue",
                {"item_code": "CM01", "purpose": "x", "person": stranger.pid},
                content_type="application/json",
            ).status_code
            == 404
        )
        assert not Certificate.objects.exists()

    def test_verify_bad_tokens_are_404_and_logged(self):
        client = self.client_for(None)
        for bad in ("short", "A" * 32, "%3Cb%3E"):
            response = client.get(f"{API}/verify/{bad}")
            assert response.status_code == 404 and response.json()["result"] in ("invalid", "unknown")
        assert VerificationLog.objects.count() == 3

    def test_register_is_scoped(self):
        issue(self.worker, self.community)
        issue(self.other_worker, self.other_community, person=resident(self.other_community, name="外人"))
        mine = self.client_for(self.worker).get(f"{API}/register").json()
        assert [c["holder_name"] for c in mine] == ["王秀兰"]
        assert len(self.client_for(self.officer).get(f"{API}/register").json()) == 2
        assert self.client_for(self.resident).get(f"{API}/register").json() == []


@pytest.mark.django_db
def test_cli_check_prints_exactly_the_json_object():
    out = io.StringIO()
    call_command("certificate", "check", "证明我妈还健在", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["decision", "item", "referral", "score"]
    assert data["decision"] == "must_not_issue" and data["item"]["code"] == "CX10"
    assert "社保" in data["referral"] and isinstance(data["score"], float)
    out = io.StringIO()
    call_command("certificate", "check", "证明这棵树是台风吹倒的", "--json", stdout=out)
    assert json.loads(out.getvalue()) | {"score": 0} == {
        "decision": "needs_review",
        "item": None,
        "referral": None,
        "score": 0,
    }
    out = io.StringIO()
    call_command("certificate", "check", "孩子上学要居住证明", stdout=out)
    assert "CM01" in out.getvalue()


@pytest.mark.django_db
def test_cli_bad_input():
    with pytest.raises(CommandError):
        call_command("certificate", "check", "开个单身证明", "--community", "nope", "--json")
    with pytest.raises(CommandError):
        call_command("certificate", "check", "  ", "--json")


class ApiBatchTests(PersonaTestCase):
    def test_issue_batch(self):
        person = resident(self.community)
        response = self.client_for(self.worker).post(
            f"{API}/issue-batch",
            {
                "item_code": "CM03",
                "purpose": "学校社会实践",
                "rows": [{"person": person.pid, "since": "2026年7月"}, {"holder_name": "李小明"}],
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert [c["holder_name"] for c in data] == ["王秀兰", "李小明"]
        assert Certificate.objects.get(pk=data[1]["id"]).body.startswith("兹证明李小明")
        refused = self.client_for(self.other_worker).post(
            f"{API}/issue-batch",
            {"item_code": "CM03", "purpose": "x", "rows": [{"person": person.pid}]},
            content_type="application/json",
        )
        assert refused.status_code == 404
