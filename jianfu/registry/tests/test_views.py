import datetime as dt

from django.urls import reverse

from jianfu.core import idcard
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.registry import services
from jianfu.registry.models import Attribute, Fact, Household, Person, Place, Source

# session, user, the person (scoped), the data dictionary, its facts (may change and may reveal
# follow from the visible person and the role, no query)
PERSON_PAGE_QUERIES = 5


class RegistryViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.zhang = f.person(
            cls.community,
            name="张伟",
            id_number=idcard.make("420102", dt.date(1940, 5, 6), 123),
            phone="13812345678",
            grid=cls.grid,
        )
        cls.li = f.person(
            cls.community, name="李娜", id_number=idcard.make("420102", dt.date(1990, 1, 2), 222)
        )
        cls.outsider = f.person(cls.far_community, name="王芳")
        cls.list_url = reverse("registry:person_list")

    def detail_url(self, person):
        return reverse("registry:person_detail", args=[person.pid])

    # --- list and search -----------------------------------------------------------------------
    def test_anonymous_is_sent_to_login(self):
        for url in (self.list_url, self.detail_url(self.zhang), reverse("registry:attribute_list")):
            response = self.client_for(None).get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("accounts:login"), response["Location"])

    def test_resident_gets_404(self):
        self.assertEqual(self.client_for(self.resident).get(self.list_url).status_code, 404)

    def test_worker_sees_own_community_masked(self):
        response = self.client_for(self.worker).get(self.list_url)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("张伟", body)
        self.assertNotIn("王芳", body)
        self.assertNotIn(self.zhang.id_number, body)
        self.assertIn("4201**********", body)
        self.assertNotIn("13812345678", body)
        self.assertIn("138****5678", body)

    def test_search_by_name_pinyin_initials_id_tail_and_phone(self):
        client = self.client_for(self.worker)
        for q in (
            "张伟",
            "张",
            "zhangwei",
            "zhang",
            "zw",
            self.zhang.id_number,
            self.zhang.id_number[-4:],
            self.zhang.id_number[-6:],
            "13812345678",
            "5678",
        ):
            rows = client.get(self.list_url, {"q": q}).context["page"].rows
            self.assertEqual([p.pid for p in rows], [self.zhang.pid], q)

    def test_search_too_short_number_finds_nothing(self):
        rows = self.client_for(self.worker).get(self.list_url, {"q": "12"}).context["page"].rows
        self.assertEqual(rows, [])

    def test_htmx_returns_fragment(self):
        response = self.client_for(self.worker).get(
            self.list_url, {"q": "li"}, headers={"HX-Request": "true"}
        )
        self.assertNotIn("<html", response.content.decode())
        self.assertIn("李娜", response.content.decode())

    def test_filters(self):
        client = self.client_for(self.worker)
        rows = client.get(self.list_url, {"age_min": 80}).context["page"].rows
        self.assertEqual([p.name for p in rows], ["张伟"])
        rows = client.get(self.list_url, {"age_max": 40}).context["page"].rows
        self.assertEqual([p.name for p in rows], ["李娜"])
        rows = client.get(self.list_url, {"grid": self.grid.pk}).context["page"].rows
        self.assertEqual([p.name for p in rows], ["张伟"])
        self.assertEqual(client.get(self.list_url, {"conflicts": "on"}).context["page"].rows, [])

    def test_tag_filter(self):
        services.person_record_facts(
            actor=self.worker, person=self.li, values={"dibao": "是"}, source=f.source("区民政局低保名册", 80)
        )
        rows = self.client_for(self.worker).get(self.list_url, {"tag": "dibao"}).context["page"].rows
        self.assertEqual([p.name for p in rows], ["李娜"])

    def test_bad_filter_shows_error(self):
        response = self.client_for(self.worker).get(self.list_url, {"age_min": 90, "age_max": 10})
        self.assertContains(response, "最小年龄不能大于最大年龄")

    def test_keyset_pagination(self):
        for i in range(55):
            f.person(self.other_community, name=f"赵{i:02d}")
        client = self.client_for(self.other_worker)
        first = client.get(self.list_url).context["page"]
        self.assertEqual(len(first.rows), 50)
        self.assertTrue(first.has_next)
        second = client.get(self.list_url, {"k": first.next_key, "i": first.next_id}).context["page"]
        self.assertEqual(len(second.rows), 5)
        self.assertFalse(second.has_next)
        self.assertFalse({p.pid for p in first.rows} & {p.pid for p in second.rows})

    def test_list_query_count_is_constant(self):
        client = self.client_for(self.worker)
        client.get(self.list_url)
        for _ in range(5):
            f.person(self.community)
        with self.assertNumQueries(8):
            client.get(self.list_url)

    def test_district_officer_sees_all_communities(self):
        body = self.client_for(self.district_officer).get(self.list_url).content.decode()
        self.assertIn("王芳", body)
        self.assertIn("张伟", body)

    # --- detail --------------------------------------------------------------------------------
    def test_detail_outsider_404(self):
        self.assertEqual(self.client_for(self.other_worker).get(self.detail_url(self.zhang)).status_code, 404)
        self.assertEqual(self.client_for(self.far_worker).get(self.detail_url(self.zhang)).status_code, 404)

    def test_detail_shows_values_age_and_provenance(self):
        response = self.client_for(self.worker).get(self.detail_url(self.zhang))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("张伟", body)
        self.assertIn("测试来源", body)  # provenance
        self.assertNotIn(self.zhang.id_number, body)
        self.assertEqual(
            response.context["d"].age,
            dt.date.today().year - 1940 - (dt.date.today() < dt.date(dt.date.today().year, 5, 6)),
        )
        self.assertIn("查看明文", body)
        self.assertIn(reverse("registry:person_edit", args=[self.zhang.pid]), body)

    def test_detail_for_officer_has_no_reveal_or_edit(self):
        body = self.client_for(self.officer).get(self.detail_url(self.zhang)).content.decode()
        self.assertNotIn("查看明文", body)
        self.assertNotIn(reverse("registry:person_edit", args=[self.zhang.pid]), body)

    def test_detail_query_count(self):
        """Scoped once (the person); its facts and the change/reveal checks follow from it, and the
        precedence rules are read only to explain a conflict."""
        client = self.client_for(self.worker)
        client.get(self.detail_url(self.zhang))
        with self.assertNumQueries(PERSON_PAGE_QUERIES):
            client.get(self.detail_url(self.zhang))
        services.person_record_facts(
            actor=SYSTEM, person=self.zhang, values={"phone": "13900000000"}, source=f.source("网格走访", 50)
        )
        with self.assertNumQueries(PERSON_PAGE_QUERIES + 2):  # the sources and their own fields
            response = client.get(self.detail_url(self.zhang))
        self.assertIn("当前采用", response.content.decode())

    def test_conflict_is_highlighted_and_resolvable(self):
        services.person_record_facts(
            actor=SYSTEM, person=self.zhang, values={"phone": "13900000000"}, source=f.source("网格走访", 50)
        )
        self.zhang.refresh_from_db()
        self.assertTrue(self.zhang.has_conflict)
        client = self.client_for(self.worker)
        response = client.get(self.detail_url(self.zhang))
        self.assertContains(response, "来源不一致")
        self.assertEqual([r.attribute.code for r in response.context["d"].conflicts], ["phone"])
        url = reverse("registry:person_resolve", args=[self.zhang.pid])
        # no reason: nothing written
        before = Fact.objects.count()
        client.post(url, {"attribute": "phone", "value": "13900000000", "reason": ""})
        self.assertEqual(Fact.objects.count(), before)
        client.post(url, {"attribute": "phone", "value": "13900000000", "reason": "入户核实"})
        self.zhang.refresh_from_db()
        self.assertFalse(self.zhang.has_conflict)
        self.assertEqual(self.zhang.phone, "13900000000")

    def test_resolve_needs_change_permission(self):
        url = reverse("registry:person_resolve", args=[self.zhang.pid])
        data = {"attribute": "phone", "value": "1", "reason": "x"}
        self.assertEqual(self.client_for(self.officer).post(url, data).status_code, 404)
        self.assertEqual(self.client_for(self.other_worker).post(url, data).status_code, 404)

    # --- reveal --------------------------------------------------------------------------------
    def test_reveal_needs_purpose_and_is_audited(self):
        url = reverse("registry:person_reveal", args=[self.zhang.pid])
        client = self.client_for(self.worker)
        response = client.post(url, {"field": "id_number", "purpose": ""}, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.REVEAL).exists())
        response = client.post(
            url, {"field": "id_number", "purpose": "低保年审"}, headers={"HX-Request": "true"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.zhang.id_number)
        event = AuditEvent.objects.get(action=AuditAction.REVEAL)
        self.assertEqual(event.purpose, "低保年审")
        self.assertEqual(event.actor, self.worker)
        self.assertEqual(event.object_id, self.zhang.pid)

    def test_reveal_forbidden_for_viewers_and_outsiders(self):
        url = reverse("registry:person_reveal", args=[self.zhang.pid])
        data = {"field": "phone", "purpose": "看看"}
        self.assertEqual(self.client_for(self.officer).post(url, data).status_code, 404)
        self.assertEqual(self.client_for(self.other_worker).post(url, data).status_code, 404)
        self.assertEqual(self.client_for(self.dept_user).post(url, data).status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.REVEAL).exists())

    # --- edit and add --------------------------------------------------------------------------
    def test_edit_records_community_facts(self):
        url = reverse("registry:person_edit", args=[self.li.pid])
        client = self.client_for(self.worker)
        self.assertEqual(client.get(url).status_code, 200)
        response = client.post(url, {"a_education": "大学本科", "a_name": "李娜", "note": "入户核实"})
        self.assertEqual(response.status_code, 302)
        self.li.refresh_from_db()
        self.assertEqual(self.li.values["education"], "大学本科")
        fact = Fact.objects.get(person=self.li, attribute__code="education")
        self.assertEqual(fact.source.name, services.COMMUNITY_SOURCE_NAME)
        self.assertEqual(fact.recorded_by, self.worker)

    def test_edit_bad_input_writes_nothing(self):
        url = reverse("registry:person_edit", args=[self.li.pid])
        before = Fact.objects.count()
        response = self.client_for(self.worker).post(url, {"a_phone": "12345", "a_education": "大学本科"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "电话号码", status_code=400)
        self.assertEqual(Fact.objects.count(), before)

    def test_edit_forbidden_for_viewers_and_outsiders(self):
        url = reverse("registry:person_edit", args=[self.li.pid])
        self.assertEqual(self.client_for(self.officer).get(url).status_code, 404)
        self.assertEqual(self.client_for(self.other_worker).get(url).status_code, 404)

    def test_add_person(self):
        url = reverse("registry:person_add")
        client = self.client_for(self.worker)
        self.assertEqual(client.get(url).status_code, 200)
        number = idcard.make("420102", dt.date(1985, 7, 1), 331)
        response = client.post(
            url,
            {
                "name": "陈静",
                "id_number": number,
                "phone": "13700001111",
                "community": self.community.pk,
                "grid": self.grid.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        person = Person.objects.get(id_number=number)
        self.assertEqual(person.birth_date, dt.date(1985, 7, 1))
        self.assertEqual(person.gender, "男")
        self.assertEqual(person.grid, self.grid)
        self.assertEqual(person.name_initials, "cj")

    def test_add_person_bad_id_writes_nothing(self):
        before = Person.objects.count()
        response = self.client_for(self.worker).post(
            reverse("registry:person_add"),
            {"name": "陈静", "id_number": "420102198507013310", "community": self.community.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "校验位", status_code=400)
        self.assertEqual(Person.objects.count(), before)

    def test_add_person_in_other_community_refused(self):
        response = self.client_for(self.worker).post(
            reverse("registry:person_add"), {"name": "陈静", "community": self.far_community.pk}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Person.objects.filter(name="陈静").exists())

    def test_add_forbidden_for_officer(self):
        self.assertEqual(self.client_for(self.officer).get(reverse("registry:person_add")).status_code, 404)

    # --- dictionary and sources ----------------------------------------------------------------
    def test_dictionary_lists_and_district_admin_adds(self):
        url = reverse("registry:attribute_list")
        self.assertContains(self.client_for(self.worker).get(url), "公民身份号码")
        for refused in (self.worker, self.head):
            response = self.client_for(refused).post(url, {"code": "x_y", "name": "某"}, follow=True)
            self.assertContains(response, "只有区管理员和区减负办")
        self.assertFalse(Attribute.objects.filter(code="x_y").exists())
        self.assertNotContains(self.client_for(self.head).get(url), 'id="attribute-form"')
        response = self.client_for(self.admin).post(
            url,
            {
                "code": "pension_number",
                "name": "养老金账号",
                "type": "text",
                "sensitivity": "normal",
                "synonyms": "养老账号、养老金号",
                "choices": "",
                "tag": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        attribute = Attribute.objects.get(code="pension_number")
        self.assertEqual(attribute.synonyms, ["养老账号", "养老金号"])
        self.assertTrue(
            AuditEvent.objects.filter(object_id="pension_number", action=AuditAction.CREATE).exists()
        )

    def test_dictionary_duplicate_name_is_refused(self):
        response = self.client_for(self.district_officer).post(
            reverse("registry:attribute_list"),
            {"code": "idno", "name": "身份证号", "type": "text", "sensitivity": "normal"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "公民身份号码", status_code=400)
        self.assertFalse(Attribute.objects.filter(code="idno").exists())

    def test_add_synonyms(self):
        url = reverse("registry:attribute_synonyms", args=["employer"])
        self.client_for(self.admin).post(url, {"synonyms": "服务处所"})
        self.assertIn("服务处所", Attribute.objects.get(code="employer").synonyms)
        for refused in (self.worker, self.head):
            self.assertEqual(self.client_for(refused).post(url, {"synonyms": "某"}).status_code, 303)
        self.assertNotIn("某", Attribute.objects.get(code="employer").synonyms)

    def test_sources_priority_rederives_values(self):
        low = f.source("街道名册", 40)
        services.person_record_facts(actor=SYSTEM, person=self.li, values={"education": "高中"}, source=low)
        services.person_record_facts(
            actor=SYSTEM, person=self.li, values={"education": "初中"}, source=f.source("人社名册", 60)
        )
        self.li.refresh_from_db()
        self.assertEqual(self.li.values["education"], "初中")
        url = reverse("registry:source_priority", args=[low.pk])
        for refused in (self.worker, self.head):
            response = self.client_for(refused).post(url, {"priority": 90}, follow=True)
            self.assertContains(response, "只有区管理员和区减负办")
        self.assertEqual(Source.objects.get(pk=low.pk).priority, 40)
        self.li.refresh_from_db()
        self.assertEqual(self.li.values["education"], "初中")  # nobody was recomputed
        self.assertContains(self.client_for(self.worker).get(reverse("registry:source_list")), "街道名册")
        self.client_for(self.district_officer).post(url, {"priority": 90})
        self.li.refresh_from_db()
        self.assertEqual(Source.objects.get(pk=low.pk).priority, 90)
        self.assertEqual(self.li.values["education"], "高中")

    def test_priority_change_for_many_people_runs_in_background(self):
        from unittest import mock

        low = f.source("街道名册", 40)
        services.person_record_facts(actor=SYSTEM, person=self.li, values={"education": "高中"}, source=low)
        services.person_record_facts(
            actor=SYSTEM, person=self.li, values={"education": "初中"}, source=f.source("人社名册", 60)
        )
        with (
            mock.patch.object(services, "INLINE_REFRESH", 0),
            self.captureOnCommitCallbacks(execute=True) as cbs,
        ):
            services.source_set_priority(actor=self.admin, source=low, priority=95)
        self.assertEqual(len(cbs), 1)
        self.li.refresh_from_db()
        self.assertEqual(self.li.values["education"], "高中")

    # --- households and places -----------------------------------------------------------------
    def test_household_and_place_pages(self):
        place = Place.objects.create(
            community=self.community, estate="民意小区", building="3", unit="2", room="301"
        )
        household = Household.objects.create(community=self.community, number="H001", place=place)
        Person.objects.filter(pk__in=[self.zhang.pk, self.li.pk]).update(household=household, place=place)
        Person.objects.filter(pk=self.zhang.pk).update(relation="head")
        Person.objects.filter(pk=self.li.pk).update(relation="child")
        client = self.client_for(self.worker)
        response = client.get(reverse("registry:household_detail", args=[household.pk]))
        self.assertContains(response, "户主")
        self.assertContains(response, "李娜")
        self.assertContains(
            client.get(reverse("registry:place_detail", args=[place.pk])), "民意小区3栋2单元301"
        )
        detail = client.get(self.detail_url(self.zhang))
        self.assertEqual([m.name for m in detail.context["d"].members], ["张伟", "李娜"])
        self.assertEqual(
            self.client_for(self.other_worker)
            .get(reverse("registry:household_detail", args=[household.pk]))
            .status_code,
            404,
        )
        self.assertEqual(
            self.client_for(self.far_worker)
            .get(reverse("registry:place_detail", args=[place.pk]))
            .status_code,
            404,
        )
