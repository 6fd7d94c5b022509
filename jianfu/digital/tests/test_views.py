from decimal import Decimal

from django.urls import reverse

from jianfu.core.testing import PersonaTestCase
from jianfu.digital import services
from jianfu.digital.choices import ToolStatus
from jianfu.digital.models import Declaration, DigitalTool
from jianfu.digital.tests.helpers import group


class PageTests(PersonaTestCase):
    def setUp(self):
        self.g = group(self, "民政打卡群", asks_text="每天在群里打卡。")

    def test_anonymous_is_sent_to_login(self):
        for name, args in (
            ("register", []),
            ("declare", []),
            ("report", []),
            ("check", []),
            ("tool", [self.g.pk]),
        ):
            response = self.client_for(None).get(reverse(f"digital:{name}", args=args))
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], name

    def test_outsider_gets_404_on_a_tool(self):
        for user in (self.far_worker, self.other_worker, self.street_dept_user, self.resident):
            assert self.client_for(user).get(reverse("digital:tool", args=[self.g.pk])).status_code == 404, (
                user
            )
        response = self.client_for(self.far_worker).post(
            reverse("digital:tool_answer", args=[self.g.pk]), {"kind": "justify", "text": "x"}
        )
        assert response.status_code == 404

    def test_register_list_and_tool_page(self):
        for i in range(5):
            group(self, f"群{i}")
        client = self.client_for(self.worker)
        with self.assertNumQueries(4):  # session, user, count, page: constant in the number of tools
            response = client.get(reverse("digital:register"))
        assert response.status_code == 200 and "民政打卡群" in response.content.decode()
        page = client.get(reverse("digital:tool", args=[self.g.pk])).content.decode()
        assert "打卡签到" in page and "《整治形式主义为基层减负若干规定》" in page

    def test_daily_minutes_are_shown_whole_and_stored_with_decimals(self):
        DigitalTool.objects.filter(pk=self.g.pk).update(minutes_per_day=Decimal("12.50"))
        client = self.client_for(self.worker)
        for page in (
            client.get(reverse("digital:register")).content.decode(),
            client.get(reverse("digital:tool", args=[self.g.pk])).content.decode(),
            self.client_for(self.dept_user).get(reverse("digital:department")).content.decode(),
        ):
            assert "12.50" not in page and "12.5" not in page
            assert ">13<" in page or "13分钟" in page
        assert DigitalTool.objects.get(pk=self.g.pk).minutes_per_day == Decimal("12.50")

    def test_declare_page_pick_copy_and_new(self):
        other = group(self, "网格通", kind="app")
        client = self.client_for(self.worker)
        page = client.get(reverse("digital:declare"))
        assert page.status_code == 200 and "网格通" in page.content.decode()
        client.post(reverse("digital:declare"), {"action": "declare", "tool": [self.g.pk, other.pk]})
        assert Declaration.objects.filter(worker=self.worker).count() == 2
        head = self.client_for(self.head)
        assert "同worker" in head.get(reverse("digital:declare")).content.decode()
        head.post(reverse("digital:declare"), {"action": "copy", "colleague": self.worker.pk})
        assert Declaration.objects.filter(worker=self.head).count() == 2
        response = client.post(
            reverse("digital:declare"),
            {
                "action": "new",
                "kind": "work_group",
                "platform": "qq",
                "name": "楼栋群",
                "owner_note": "社区自建",
                "asks": ["read"],
            },
        )
        assert response.status_code == 302
        assert DigitalTool.objects.filter(name="楼栋群", status=ToolStatus.IN_USE).exists()
        partial = client.get(reverse("digital:declare") + "?partial=pick&q=楼", HTTP_HX_REQUEST="true")
        assert partial.status_code == 200

    def test_declare_is_for_community_staff_only(self):
        for user in (self.dept_user, self.officer, self.resident):
            assert self.client_for(user).get(reverse("digital:declare")).status_code == 404

    def test_department_page_and_answer(self):
        client = self.client_for(self.dept_user)
        assert client.get(reverse("digital:register")).status_code == 302
        page = client.get(reverse("digital:department")).content.decode()
        assert "民政打卡群" in page
        # The breach shows as its name, never its code.
        assert "打卡签到" in page and "check_in" not in page
        response = client.post(
            reverse("digital:tool_answer", args=[self.g.pk]), {"kind": "close", "text": "将关闭"}
        )
        assert response.status_code == 302
        self.g.refresh_from_db()
        assert self.g.status == ToolStatus.CLOSE
        assert self.client_for(self.worker).get(reverse("digital:department")).status_code == 404

    def test_department_registers_through_the_gate(self):
        client = self.client_for(self.dept_user)
        assert client.get(reverse("digital:tool_new")).status_code == 200
        response = client.post(
            reverse("digital:tool_new"),
            {
                "kind": "app",
                "platform": "other",
                "name": "低保通",
                "asks_text": "每日在线时长不少于1小时。",
                "communities": [self.community.pk],
            },
        )
        tool = DigitalTool.objects.get(name="低保通")
        assert response.status_code == 302 and tool.status == ToolStatus.REFUSED

    def test_report_for_office_and_staff_not_department(self):
        services.declaration_add(actor=self.worker, tools=[self.g])
        response = self.client_for(self.officer).get(reverse("digital:report"))
        assert response.status_code == 200 and "民意社区" in response.content.decode()
        assert (
            self.client_for(self.officer)
            .get(reverse("digital:report") + f"?street={self.other_street.pk}")
            .status_code
            == 404
        )
        assert self.client_for(self.dept_user).get(reverse("digital:report")).status_code == 404

    def test_check_page(self):
        client = self.client_for(self.worker)
        response = client.post(
            reverse("digital:check"), {"text": "要求下载率达到80%"}, HTTP_HX_REQUEST="true"
        )
        assert "强制使用" in response.content.decode()
        assert self.client_for(self.resident).get(reverse("digital:check")).status_code == 404

    def test_office_plans_and_records_progress(self):
        client = self.client_for(self.officer)
        client.post(reverse("digital:tool_plan", args=[self.g.pk]), {"action": "close", "reason": "违规打卡"})
        item = self.g.plan_items.get()
        client.post(reverse("digital:plan_progress", args=[item.pk]), {"progress": "done"})
        self.g.refresh_from_db()
        assert self.g.status == ToolStatus.CLOSED

    def test_declare_errors_stay_on_the_page_with_the_form_as_filled(self):
        client = self.client_for(self.worker)
        url = reverse("digital:declare")
        rejected = client.post(url, {"action": "new", "kind": "work_group", "platform": "qq", "name": ""})
        assert rejected.status_code == 200
        page = rejected.content.decode()
        assert "请填写类型、平台和名称。" in page and 'value="qq" selected' in page.replace("\n", " ")
        assert client.post(url, {"action": "nope"}).status_code == 200
        gone = client.post(url, {"action": "declare", "tool": [self.g.pk, 999999]})
        assert gone.status_code == 200 and "请刷新后重选" in gone.content.decode()
        assert not Declaration.objects.filter(worker=self.worker).exists()
        assert client.post(url, {"action": "copy", "colleague": self.far_worker.pk}).status_code == 404

    def test_register_form_fields_reach_the_service(self):
        client = self.client_for(self.officer)
        response = client.post(
            reverse("digital:tool_new"),
            {
                "kind": "app",
                "platform": "other",
                "name": "台账通",
                "owner_department": self.department.pk,
                "asks": ["read", "report"],
                "data_fields": "name，phone, ,id_number",
                "members": "",
                "communities": [self.community.pk],
            },
        )
        assert response.status_code == 302
        tool = DigitalTool.objects.get(name="台账通")
        assert tool.owner_department_id == self.department.pk and tool.members == 0
        assert [a["kind"] for a in tool.asks] == ["read", "report"]
        assert {c.pk for c in tool.communities.all()} == {self.community.pk}
        assert {str(c).strip() for c in tool.data_fields} == {"name", "phone", "id_number"}
        far = client.post(
            reverse("digital:tool_new"),
            {"kind": "app", "platform": "other", "name": "远处通", "communities": [self.far_community.pk]},
        )
        assert far.status_code == 200 and not DigitalTool.objects.filter(name="远处通").exists()
