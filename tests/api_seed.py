"""A small district with demo-like rows in every API list, for the contract and fuzz tests.

The personas of `PersonaTestCase` plus residents, an admitted gate task (targets, burden entries),
a data request waiting for the 减负办, certificates, a resident request and the audit rows all of
that writes — so list routes answer real rows and detail routes real objects.
"""

from __future__ import annotations

from typing import Any

from jianfu.core.testing import factories as f


def seed(case: Any) -> dict[str, Any]:
    """Create the rows on the test class `case` (call from setUpTestData after the personas)."""
    from jianfu.casework.tests.helpers import lamp_request
    from jianfu.certificates.services import certificate_issue
    from jianfu.gate import services as gate

    people = [
        f.person(case.community, name=name, phone=f"1381234{n:04d}", address=f"民意小区{n}栋")
        for n, name in enumerate(["王秀兰", "李建国", "张伟", "刘芳", "陈静", "杨洋"], start=1)
    ]
    f.person(case.other_community, name="赵敏")
    task = gate.task_submit(
        actor=case.dept_user,
        department=case.department,
        title="建立文明养犬台账",
        description="请各社区新建文明养犬工作台账，每月报送。",
        communities=[case.community, case.other_community],
        kind="ledger_report",
    )
    data_task = gate.task_submit(
        actor=case.dept_user,
        department=case.department,
        title="持证残疾人名单",
        description="请提供持证残疾人名单。",
        communities=[case.community],
        requested_fields=["name", "gender", "disability_type"],
    )
    certificates = [
        certificate_issue(
            actor=case.worker,
            community=case.community,
            item_code="CM01",
            person=person,
            body=f"兹证明{person.name}在本社区居住。",
            purpose="子女入学报名",
        )
        for person in people[:2]
    ]
    request = lamp_request(case)
    return {
        "people": people,
        "task": task,
        "data_task": data_task,
        "certificates": certificates,
        "request": request,
    }
