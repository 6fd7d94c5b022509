"""A small messy population: residents with and without a disability, across three communities."""

import datetime as dt

from django.utils import translation

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.gate import services as gate

DISABLED_LIST = ("持证残疾人名单", "请提供辖区持证残疾人名单，含姓名、身份证号、联系电话、残疾类别。")
FIELDS = ["name", "id_number", "phone", "disability_type"]


class SharingCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.disabled = [
            f.person(
                cls.community, name="张 秀英", phone="13800001111", disabled="是", disability_type="肢体"
            ),
            f.person(cls.community, name="李桂兰", phone="", disabled="是", disability_type="视力"),
            f.person(cls.other_community, name="王建国", phone="027-88886666", disabled="是"),
        ]
        cls.others = [
            f.person(cls.community, name="赵一", phone="13700003333"),
            f.person(cls.community, name="钱二", birth=dt.date(1940, 1, 1)),
            f.person(cls.other_community, name="孙三", phone="13600004444"),
        ]
        cls.far_disabled = f.person(cls.far_community, name="远方", disabled="是", disability_type="听力")

    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    def submit(
        self, title=DISABLED_LIST[0], description=DISABLED_LIST[1], *, fields=FIELDS, communities=None, **kw
    ):
        return gate.task_submit(
            actor=self.dept_user,
            department=self.department,
            title=title,
            description=description,
            communities=communities or [self.community, self.other_community],
            requested_fields=fields,
            **kw,
        )

    def approve(self, request, **kw):
        from jianfu.sharing.services import data_request_approve

        kw.setdefault("population_text", request.population or "tag=disabled")
        kw.setdefault("fields", list(request.fields))
        return data_request_approve(actor=self.district_officer, request=request, **kw)
