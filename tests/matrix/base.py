"""The shared fixture of the matrix and the crawl: personas, two worlds, one request helper."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

from django.test import Client, TestCase, override_settings

from jianfu.core.testing import factories as f
from jianfu.gate import services as gate
from jianfu.sharing.models import DataRequest
from jianfu.sharing.services import data_request_approve
from tests.matrix import world as w
from tests.matrix.walk import body_text

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Result:
    status: int
    body: str
    location: str = ""
    error: str = ""


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class WorldsTestCase(TestCase):
    """World A (民意社区, 大智街道, 江岸区, with 区卫健委) and world B (晴川社区, 汉阳区), built once
    per class, and the personas of issue #8 — each of them an outsider to one world:

    | persona                   | who                                    | outsider to |
    |---------------------------|----------------------------------------|-------------|
    | anonymous                 | not signed in                          | A           |
    | resident                  | a resident account of 永红社区          | A           |
    | other_worker              | community worker of 永红社区 (same street) | A        |
    | dept_without_agreement    | 区残联 (no agreement, no delivered fill) | A           |
    | dept_with_agreement       | 区民政局, agreement over 永红社区        | A           |
    | other_street_office       | 减负办 of 台北街道                       | A           |
    | district_office           | 减负办 of 江岸区                         | B           |
    """

    OUTSIDERS = (
        "anonymous",
        "resident",
        "other_worker",
        "dept_without_agreement",
        "dept_with_agreement",
        "other_street_office",
        "district_office",
    )

    @classmethod
    def setUpTestData(cls) -> None:
        org = f.org_tree()
        cls.org = org
        wjw = f.department(org["district"], "WJW", "区卫健委")
        cls.A = w.build(
            "A",
            community=org["community"],
            grid=org["grid"],
            department=wjw,
            names=["欧阳秀芬", "司马建华", "诸葛明亮", "上官婉清", "东方红梅", "皇甫德林"],
        )
        other = w.other_district()
        cls.B = w.build(
            "B",
            community=other["community"],
            grid=other["grid"],
            department=other["department"],
            names=["令狐冲霄", "慕容秋月", "独孤长风", "公孙兰芝", "西门庆华", "尉迟恭敬"],
        )
        yonghong = org["other_community"]
        cls.yonghong_disabled = f.person(
            yonghong, name="永红残疾人", phone=w.phone(), disabled="是", disability_type="视力"
        )
        mzj_user = f.user("m-mzj", "department", department=org["department"])
        task = gate.task_submit(
            actor=mzj_user,
            department=org["department"],
            title="持证残疾人名单",
            description="请提供辖区持证残疾人名单，含姓名、身份证号、联系电话、残疾类别。",
            communities=[yonghong],
            requested_fields=["name", "id_number", "phone", "disability_type"],
            population="tag=disabled",
        )
        cls.mzj_request = DataRequest.objects.get(task=task)
        cls.mzj_agreement = data_request_approve(
            actor=cls.A.district_officer,
            request=cls.mzj_request,
            population_text="tag=disabled",
            fields=list(cls.mzj_request.fields),
            full_fields=["id_number"],
            legal_basis="《残疾人保障法》第五十条",
            purpose="残疾人两项补贴复核",
        )
        cls.mzj_request.refresh_from_db()
        cls.personas = {
            "anonymous": (None, cls.A),
            "resident": (f.user("m-resident", "resident", community=yonghong), cls.A),
            "other_worker": (f.user("m-other", "community_worker", community=yonghong), cls.A),
            "dept_without_agreement": (
                f.user("m-cl", "department", department=f.department(org["district"], "CL", "区残联")),
                cls.A,
            ),
            "dept_with_agreement": (mzj_user, cls.A),
            "other_street_office": (f.user("m-tb", "street_office", street=org["other_street"]), cls.A),
            "district_office": (cls.A.district_officer, cls.B),
        }

    def setUp(self) -> None:
        # Every refused request would log a warning: thousands of lines that hide the real report.
        import logging

        logger = logging.getLogger("django.request")
        level = logger.level
        logger.setLevel(logging.ERROR)
        self.addCleanup(logger.setLevel, level)

    def client_for(self, user: Any) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def fetch(self, client: Client, method: str, url: str, *, json: Any = None, form: bool = False) -> Result:
        """One request; a view that raises is reported as a 500 with where it raised."""
        try:
            if method == "GET":
                response = client.get(url)
            elif json is not None:
                response = client.generic(method, url, data=_dumps(json), content_type="application/json")
            elif form:
                response = client.generic(
                    method, url, data=b"", content_type="multipart/form-data; boundary=x"
                )
            else:
                response = client.generic(
                    method, url, data=b"", content_type="application/x-www-form-urlencoded"
                )
        except Exception as exc:  # a view that raises is a finding, reported with its place
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            return Result(500, "", error=f"{type(exc).__name__}: {exc} at {frame.filename}:{frame.lineno}")
        # The test client closes the response itself (a streaming body when it is read to the end);
        # closing it again would send request_finished, which on PostgreSQL closes the test's
        # connection (it is inside the test case's transaction).
        return Result(response.status_code, body_text(response), response.get("Location", ""))


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
