"""Demo data for the certificate desk: a few issued certificates (one revoked) and improper
demands with the institutions that made them, in the demo district's first communities.

`seed(stdout)` is idempotent: it does nothing when demo certificates already exist.
"""

from typing import Any

from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.certificates.check import item_by_code
from jianfu.certificates.models import Certificate, CertificateDemand
from jianfu.certificates.selectors import person_values, template_for
from jianfu.certificates.services import (
    certificate_demand_record,
    certificate_issue,
    certificate_revoke,
    fill_template,
)
from jianfu.orgs.models import Community
from jianfu.registry.models import Person

DEMO_PURPOSES = ["子女入学报名", "申请公租房", "办理居住证续签", "申请临时救助"]
DEMO_DEMANDS = [
    ("开个单身证明", "某某银行江岸支行"),
    ("证明我妈还健在", "某某保险公司"),
    ("开收入证明贷款用", "某某银行江岸支行"),
    ("开个无犯罪证明", "某某物业公司"),
    ("证明他是我爸", "某某医院"),
    ("开店要经营场所证明", ""),
]


def seed(stdout: Any) -> None:
    if Certificate.objects.filter(purpose__in=DEMO_PURPOSES).exists():
        stdout.write("certificates: demo certificates already present, skipped")
        return
    made = demands = 0
    for community in Community.objects.select_related("street__district").order_by("code")[:2]:
        worker = User.objects.filter(community=community, role="community_worker").order_by("id").first()
        head = User.objects.filter(community=community, role="community_head").order_by("id").first()
        if worker is None:
            continue
        item = item_by_code("CM01", district_code=community.street.district.code)
        if item is None:
            continue
        template = template_for(community, item)
        people = list(Person.objects.filter(community=community).order_by("id")[:4])
        for person, purpose in zip(people, DEMO_PURPOSES, strict=False):
            values = person_values(
                person, community, purpose=purpose, since="2018年5月", on=timezone.localdate()
            )
            certificate = certificate_issue(
                actor=worker,
                community=community,
                item_code="CM01",
                person=person,
                purpose=purpose,
                title=template.title,
                body=fill_template(template.body, values),
            )
            made += 1
            if purpose == DEMO_PURPOSES[2] and head is not None:
                certificate_revoke(actor=head, certificate=certificate, reason="居民已搬离本社区（演示）")
        for text, institution in DEMO_DEMANDS:
            certificate_demand_record(actor=worker, community=community, text=text, institution=institution)
            demands += 1
    stdout.write(
        f"certificates: {made} certificates issued, {demands} improper demands recorded "
        f"({CertificateDemand.objects.count()} in total)"
    )
