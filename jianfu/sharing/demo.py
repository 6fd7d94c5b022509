"""Demo data sharing: 区残联 asked for the list of residents with a disability card; the district
减负办 approved it as an agreement (phones and ID numbers masked), and a later monthly update was
served inside it at once. The gate demo's "80周岁以上老人名单" stays pending for the office.

`seed(stdout)` is idempotent: it does nothing when an agreement already exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.gate import services as gate
from jianfu.orgs.models import Community, Department
from jianfu.sharing import services
from jianfu.sharing.models import DataAgreement

TITLE = "持证残疾人名单"
DESCRIPTION = "请提供辖区持证残疾人名单（姓名、性别、残疾类别、残疾等级、联系电话），用于残疾人两项补贴核对。"
UPDATE = "持证残疾人名单（月度更新）"


def _say(stdout: Any, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def seed(stdout: Any = None) -> int:
    if DataAgreement.objects.exists():
        _say(stdout, "sharing: demo agreements already present, skipped")
        return 0
    department = Department.objects.filter(code="CL").select_related("district").first()
    user = (
        User.objects.filter(role="department", department=department, is_active=True).order_by("id").first()
    )
    office = User.objects.filter(role="district_office", is_active=True).order_by("id").first()
    communities = list(Community.objects.filter(name__in=["民意社区", "永红社区"]).order_by("code"))
    if department is None or user is None or office is None or not communities:
        _say(stdout, "sharing: no 区残联 user, district office or demo communities, skipped")
        return 0
    task = gate.task_submit(
        actor=user,
        department=department,
        title=TITLE,
        description=DESCRIPTION,
        communities=communities,
        kind="survey",
        requested_fields=["name", "gender", "disability_type", "disability_level", "phone"],
        population="tag=残疾",
    )
    services.data_request_approve(
        actor=office,
        request=task.data_request,
        population_text="tag=disabled",
        fields=list(task.data_request.fields),
        legal_basis="《残疾人保障法》第九条；《关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
        purpose="残疾人两项补贴核对",
        expires_on=timezone.localdate() + dt.timedelta(days=365),
        reason="用途明确，电话脱敏提供；更新按月由居民库直接提供。",
    )
    gate.task_submit(
        actor=user,
        department=department,
        title=UPDATE,
        description="请提供本月持证残疾人名单（姓名、残疾类别）。",
        communities=communities[:1],
        kind="survey",
        requested_fields=["name", "disability_type"],
        population="tag=残疾",
    )
    _say(stdout, "sharing: 1 agreement (区残联), 2 data requests served from the registry")
    return 2
