"""API and CLI of data sharing (finding 1 of issue 8 through /api/v1/ and `jianfu`)."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from jianfu.accounts.auth import api_token_create
from jianfu.sharing.models import DataRequest
from jianfu.sharing.tests.helpers import FIELDS, SharingCase


class ApiTests(SharingCase):
    def setUp(self):
        super().setUp()
        _, self.dept_token = api_token_create(user=self.dept_user, name="民政系统")
        _, self.office_token = api_token_create(user=self.district_officer, name="减负办")
        _, self.other_token = api_token_create(user=self.street_dept_user, name="平安办")
        self.api = Client()

    def call(self, method, path, token, payload=None):
        kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
        if payload is not None:
            kwargs.update(data=json.dumps(payload), content_type="application/json")
        return getattr(self.api, method)(f"/api/v1{path}", **kwargs)

    def test_check_shows_population_before_release(self):
        payload = {
            "title": "持证残疾人名单",
            "description": "请提供持证残疾人名单。",
            "requested_fields": FIELDS,
            "communities": [self.community.code, self.other_community.code],
        }
        out = self.call("post", "/gate/check", self.dept_token, payload).json()
        self.assertEqual(out["decision"], "served_from_registry")
        self.assertEqual((out["population"], out["population_rows"]), ("tag=disabled", 3))
        self.assertEqual(out["population_text"], "残疾；民意社区、永红社区")
        self.assertFalse(DataRequest.objects.exists())

    def test_submit_approve_download(self):
        payload = {
            "title": "持证残疾人名单",
            "description": "请提供持证残疾人名单。",
            "requested_fields": FIELDS,
            "communities": [self.community.code],
            "population": "tag=残疾",
        }
        created = self.call("post", "/gate/tasks", self.dept_token, payload)
        self.assertEqual(created.status_code, 201, created.content)
        body = created.json()["decision"]
        self.assertEqual(body["data_request_status"], "pending")
        rid = body["data_request"]
        self.assertEqual(self.call("get", f"/sharing/requests/{rid}", self.other_token).status_code, 404)
        self.assertEqual(self.call("get", "/sharing/requests", self.other_token).json(), [])
        mine = self.call("get", f"/sharing/requests/{rid}", self.dept_token).json()
        self.assertEqual(mine["masked_fields"], ["id_number", "phone"])
        denied = self.call(
            "post", f"/sharing/requests/{rid}/approve", self.dept_token, {"population": "tag=disabled"}
        )
        self.assertEqual(denied.status_code, 404)
        bad = self.call(
            "post",
            f"/sharing/requests/{rid}/approve",
            self.office_token,
            {"population": "tag=disabled", "full_fields": ["id_number"]},
        )
        self.assertEqual(bad.status_code, 400)  # full values without a legal basis
        ok = self.call(
            "post", f"/sharing/requests/{rid}/approve", self.office_token, {"population": "tag=disabled"}
        )
        self.assertEqual(ok.status_code, 200, ok.content)
        agreement = ok.json()
        self.assertEqual(agreement["population_text"], "残疾；民意社区")
        self.assertEqual(
            self.call("get", f"/sharing/requests/{rid}/file", self.office_token).status_code, 404
        )
        got = self.call("get", f"/sharing/requests/{rid}/file", self.dept_token)
        self.assertEqual(got.status_code, 200)
        b"".join(got.streaming_content)
        self.assertEqual(self.call("get", f"/sharing/requests/{rid}", self.dept_token).json()["downloads"], 1)
        listed = self.call("get", "/sharing/agreements", self.dept_token).json()
        self.assertEqual([a["id"] for a in listed], [agreement["id"]])
        self.assertEqual(self.call("get", "/sharing/agreements", self.other_token).json(), [])
        self.assertEqual(self.call("get", "/sharing/agreements?offset=-1", self.dept_token).status_code, 422)
        revoked = self.call(
            "post", f"/sharing/agreements/{agreement['id']}/revoke", self.office_token, {"reason": "结束"}
        )
        self.assertEqual(revoked.json()["status"], "revoked")
        self.assertEqual(self.call("get", f"/sharing/requests/{rid}/file", self.dept_token).status_code, 410)

    def test_anonymous_is_refused(self):
        self.assertEqual(self.api.get("/api/v1/sharing/requests").status_code, 401)


class CliTests(SharingCase):
    def run_json(self, *args):
        out = io.StringIO()
        call_command(*args, "--json", stdout=out)
        return json.loads(out.getvalue())

    def test_department_submits_office_approves_department_downloads(self):
        sub = self.run_json(
            "data-request",
            "submit",
            "--user",
            self.dept_user.username,
            "--title",
            "持证残疾人名单",
            "--description",
            "请提供持证残疾人名单",
            "--field",
            "name",
            "--field",
            "phone",
            "--community",
            self.community.code,
        )
        self.assertEqual((sub["status"], sub["population"]), ("pending", "tag=disabled"))
        with self.assertRaises(CommandError):
            call_command("data-agreements", "approve", str(sub["id"]), "--user", self.dept_user.username)
        listed = self.run_json("data-agreements", "list", "--user", self.district_officer.username)
        self.assertEqual([r["id"] for r in listed["pending"]], [sub["id"]])
        expires = (timezone.localdate() + dt.timedelta(days=200)).isoformat()
        agreement = self.run_json(
            "data-agreements",
            "approve",
            str(sub["id"]),
            "--user",
            self.district_officer.username,
            "--expires",
            expires,
            "--purpose",
            "残疾人帮扶",
        )
        self.assertEqual((agreement["population"], agreement["expires_on"]), ("tag=disabled", expires))
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out.xlsx"
            got = self.run_json(
                "data-request",
                "download",
                str(sub["id"]),
                "--user",
                self.dept_user.username,
                "--out",
                str(target),
            )
            self.assertEqual(got["rows"], 2)
            self.assertTrue(target.stat().st_size > 0)
        again = self.run_json(
            "data-request",
            "submit",
            "--user",
            self.dept_user.username,
            "--title",
            "残疾人名单更新",
            "--field",
            "name",
            "--community",
            self.community.code,
            "--population",
            "tag=残疾",
        )
        self.assertEqual((again["status"], again["agreement"]), ("released", agreement["id"]))
        revoked = self.run_json(
            "data-agreements",
            "revoke",
            str(agreement["id"]),
            "--user",
            self.district_officer.username,
            "--reason",
            "结束",
        )
        self.assertEqual(revoked["status"], "revoked")
        self.assertEqual(self.run_json("data-agreements", "purge")["purged"], 2)

    def test_bad_input_is_explained(self):
        with self.assertRaisesMessage(CommandError, "not a department user"):
            call_command(
                "data-request", "submit", "--user", self.worker.username, "--title", "x", "--field", "name"
            )
        with self.assertRaisesMessage(CommandError, "人群条件有误"):
            call_command(
                "data-request",
                "submit",
                "--user",
                self.dept_user.username,
                "--title",
                "名单",
                "--field",
                "name",
                "--population",
                "age>>80",
            )
        with self.assertRaisesMessage(CommandError, "not found"):
            call_command("data-request", "list", "--user", "nobody")
