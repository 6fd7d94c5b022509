"""The base test case with named personas, and factories for everything else.

Personas (one district 江岸区, two streets, three communities):
- `worker`        community worker of 民意社区 (street 大智街道)
- `head`          community head of 民意社区
- `grid_worker`   grid worker of 民意社区, grid 01
- `other_worker`  community worker of 永红社区 (same street, another community: an outsider)
- `far_worker`    community worker of 花桥社区 (street 台北街道)
- `officer`       street 减负办 officer of 大智街道
- `district_officer` district 减负办 officer
- `dept_user`     user of the district civil-affairs department 区民政局
- `street_dept_user` user of a 大智街道-level department
- `resident`      a resident account (no staff rights)
- `admin`         district administrator
"""

from django.test import Client, TestCase

from jianfu.accounts.models import User
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Community, Department, District, Grid, Street


class PersonaTestCase(TestCase):
    password = f.PASSWORD

    district: District
    street: Street
    other_street: Street
    community: Community
    other_community: Community
    far_community: Community
    grid: Grid
    department: Department
    street_department: Department
    worker: User
    head: User
    grid_worker: User
    other_worker: User
    far_worker: User
    officer: User
    district_officer: User
    dept_user: User
    street_dept_user: User
    resident: User
    admin: User

    @classmethod
    def setUpTestData(cls) -> None:
        org = f.org_tree()
        cls.district = org["district"]
        cls.street = org["street"]
        cls.other_street = org["other_street"]
        cls.community = org["community"]
        cls.other_community = org["other_community"]
        cls.far_community = org["far_community"]
        cls.grid = org["grid"]
        cls.department = org["department"]
        cls.street_department = org["street_department"]
        cls.worker = f.user("worker", "community_worker", community=cls.community)
        cls.head = f.user("head", "community_head", community=cls.community)
        cls.grid_worker = f.user("gridworker", "grid_worker", community=cls.community, grid=cls.grid)
        cls.other_worker = f.user("otherworker", "community_worker", community=cls.other_community)
        cls.far_worker = f.user("farworker", "community_worker", community=cls.far_community)
        cls.officer = f.user("officer", "street_office", street=cls.street)
        cls.district_officer = f.user("dofficer", "district_office", district=cls.district)
        cls.dept_user = f.user("deptuser", "department", department=cls.department)
        cls.street_dept_user = f.user("sdeptuser", "department", department=cls.street_department)
        cls.resident = f.user("resident", "resident", community=cls.community)
        cls.admin = f.user("admin", "district_admin", district=cls.district)

    def client_for(self, user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client
