"""Demo legal bases for the sensitive (综治) populations of 江岸区 (idempotent).

Community staff (heads, workers, grid workers) see the populations they manage by law; 区司法局 the people under
community correction and resettlement; 区卫健委 the patients with severe mental disorders. Community
workers, the 减负办 and other departments see counts at most.
"""

from typing import Any

DISTRICT = "420102"
LAWS = {
    "community_correction": "《中华人民共和国社区矫正法》第十一条、第二十五条（居委会协助社区矫正）",
    "released_prisoner": "《刑满释放人员安置帮教工作规定》（综治委〔2010〕5号）第九条",
    "drug_user": "《中华人民共和国禁毒法》第三十四条（社区戒毒、社区康复）",
    "mental_disorder": "《中华人民共和国精神卫生法》第九条、第五十五条（居委会协助随访）",
    "key_youth": "《预防未成年人犯罪法》第六条；中央综治委预防青少年违法犯罪工作领导小组相关规定",
}
ROLES = ("community_head", "community_worker", "grid_worker")
DEPARTMENTS = {"SFJ": ("community_correction", "released_prisoner", "drug_user"), "WJW": ("mental_disorder",)}


def seed(stdout: Any = None) -> int:
    from jianfu.core.permissions import system_actor
    from jianfu.orgs.models import Department, District
    from jianfu.registry.models import Attribute, SensitiveAccess
    from jianfu.registry.services import sensitive_access_grant

    district = District.objects.filter(code=DISTRICT).first()
    if district is None:
        return 0
    actor = system_actor("jianfu seed-demo")
    tags = {a.code: a for a in Attribute.objects.filter(code__in=LAWS)}
    made = 0
    wanted: list[tuple[str, str, Any]] = [(code, role, None) for code in LAWS for role in ROLES]
    for dept_code, codes in DEPARTMENTS.items():
        department = Department.objects.filter(district=district, street__isnull=True, code=dept_code).first()
        wanted += [(code, "", department) for code in codes if department is not None]
    for code, role, department in wanted:
        tag = tags.get(code)
        if tag is None:
            continue
        if SensitiveAccess.objects.filter(
            district=district, attribute=tag, role=role, department=department, revoked_at__isnull=True
        ).exists():
            continue
        sensitive_access_grant(
            actor=actor,
            district=district,
            attribute=tag,
            legal_basis=LAWS[code],
            role=role,
            department=department,
        )
        made += 1
    if stdout is not None:
        stdout.write(f"registry: {made} legal bases for the sensitive populations\n")
    return made
