import datetime as dt
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jianfu.catalog.models import CatalogItem
from jianfu.catalog.selectors import active_items
from jianfu.catalog.services import catalog_item_remove, catalog_item_set, jurisdiction_for_district
from jianfu.catalog.views import clear_lists_cache
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.orgs.models import District

D = dt.date


class PublicPageTests(PersonaTestCase):
    def test_anonymous_sees_all_lists_grouped(self):
        response = self.client_for(None).get(reverse("catalog:public_lists"))
        assert response.status_code == 200
        html = response.content.decode()
        for heading in (
            "依法履行职责事项",
            "依法协助政府工作事项",
            "负面清单",
            "可以出具的证明",
            "不应出具的证明",
        ):
            assert heading in html
        assert "地方实践默认项" in html  # verify badge
        assert "社保经办机构资格认证" in html  # 办理去向 of CX10
        assert "民发〔2020〕20号" in html

    def test_district_and_past_date(self):
        jur = jurisdiction_for_district(self.district, actor=SYSTEM)
        catalog_item_set(
            actor=self.officer,
            jurisdiction=jur,
            list_kind="assist",
            code="420102-A01",
            name="协助开展长江防汛巡堤查险",
            effective_from=D(2026, 6, 1),
        )
        catalog_item_remove(
            actor=self.officer,
            jurisdiction=jur,
            list_kind="negative",
            code="N08",
            effective_from=D(2026, 6, 1),
        )
        client = self.client_for(None)
        now = client.get(
            reverse("catalog:public_lists"), {"district": "420102", "on": "2026-07-01"}
        ).content.decode()
        past = client.get(
            reverse("catalog:public_lists"), {"district": "420102", "on": "2026-05-01"}
        ).content.decode()
        assert "巡堤查险" in now and "巡堤查险" not in past
        assert 'data-code="N08"' in past and 'data-code="N08"' not in now
        by_community = client.get(
            reverse("catalog:public_lists"), {"community": self.community.code, "on": "2026-07-01"}
        )
        assert "巡堤查险" in by_community.content.decode() and "民意社区" in by_community.content.decode()

    def test_kept_lists_follow_every_edit_and_language(self):
        client = self.client_for(None)
        today = timezone.localdate()
        first = client.get(reverse("catalog:public_lists"), {"district": "420102"}).content.decode()
        assert 'data-code="N08"' in first
        catalog_item_remove(
            actor=self.officer,
            jurisdiction=jurisdiction_for_district(self.district, actor=SYSTEM),
            list_kind="negative",
            code="N08",
            effective_from=today,
        )
        after = client.get(reverse("catalog:public_lists"), {"district": "420102"}).content.decode()
        assert 'data-code="N08"' not in after
        clear_lists_cache()  # what is kept is what a fresh render writes (the lists; the CSRF token differs)
        fresh = client.get(reverse("catalog:public_lists"), {"district": "420102"}).content.decode()
        lists = '<section class="catalog-group"'
        assert lists in after and fresh.split(lists, 1)[1] == after.split(lists, 1)[1]
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = client.get(reverse("catalog:public_lists"), {"district": "420102"}).content.decode()
        assert "Negative list" in english and "Negative list" not in after

    def test_bad_date_falls_back_to_today(self):
        response = self.client_for(None).get(reverse("catalog:public_lists"), {"on": "2026-13-45"})
        assert response.status_code == 200
        assert "日期或代码格式不正确" in response.content.decode()

    def test_query_count_is_constant(self):
        client = self.client_for(None)
        clear_lists_cache()
        # first view of a district and date: the district, the catalog version, the jurisdiction chain,
        # the items, the district picker
        with self.assertNumQueries(5):
            client.get(reverse("catalog:public_lists"), {"district": "420102"})
        with self.assertNumQueries(3):  # again: the lists are kept while the catalog version holds
            client.get(reverse("catalog:public_lists"), {"district": "420102"})
        jur = jurisdiction_for_district(self.district, actor=SYSTEM)
        for n in range(1, 6):
            catalog_item_set(
                actor=self.officer,
                jurisdiction=jur,
                list_kind="duty",
                code=f"420102-D0{n}",
                name="x",
                effective_from=D(2026, 1, 1),
            )
        with self.assertNumQueries(5):  # the version moved: the lists are read and written again
            html = client.get(reverse("catalog:public_lists"), {"district": "420102"}).content.decode()
        assert all(f'data-code="420102-D0{n}"' in html for n in range(1, 6))
        with self.assertNumQueries(3):
            client.get(reverse("catalog:public_lists"), {"district": "420102"})

    def test_in_navigation_for_everyone(self):
        assert reverse("catalog:public_lists") in self.client_for(None).get("/").content.decode()
        assert reverse("catalog:public_lists") in self.client_for(self.worker).get("/").content.decode()

    def test_history_page(self):
        jur = jurisdiction_for_district(self.district, actor=SYSTEM)
        catalog_item_set(
            actor=self.officer,
            jurisdiction=jur,
            list_kind="assist",
            code="A02",
            name="江岸区高龄津贴",
            effective_from=D(2026, 1, 1),
        )
        response = self.client_for(None).get(
            reverse("catalog:item_history", args=["assist", "A02"]), {"district": "420102"}
        )
        html = response.content.decode()
        assert response.status_code == 200 and "江岸区高龄津贴" in html and "全国参考清单" in html
        assert (
            self.client_for(None).get(reverse("catalog:item_history", args=["assist", "Z99"])).status_code
            == 404
        )
        assert (
            self.client_for(None).get(reverse("catalog:item_history", args=["bogus", "A02"])).status_code
            == 404
        )


class EditTests(PersonaTestCase):
    def url(self, name, *args):
        return reverse(f"catalog:{name}", args=["420102", *args])

    def test_anonymous_redirected_to_login(self):
        for url in (self.url("manage"), self.url("item_new"), self.url("item_remove", "duty", "D01")):
            response = self.client_for(None).get(url)
            assert response.status_code == 302 and "login" in response["Location"]

    def test_workers_departments_residents_get_404(self):
        for user in (self.worker, self.head, self.dept_user, self.resident):
            client = self.client_for(user)
            assert client.get(self.url("manage")).status_code == 404
            assert client.post(self.url("item_new"), {}).status_code == 404
            assert client.get(reverse("catalog:manage_home")).status_code == 404

    def test_officer_of_another_district_gets_404(self):
        other = District.objects.create(code="420103", name="江汉区")
        outsider = f.user("jhofficer", "district_office", district=other)
        client = self.client_for(outsider)
        assert client.get(self.url("manage")).status_code == 404
        response = client.post(self.url("item_new"), self._item_data())
        assert response.status_code == 404
        assert not CatalogItem.objects.filter(code="420102-A01").exists()
        assert client.get(reverse("catalog:manage", args=["420103"])).status_code == 200

    def _item_data(self, **kw):
        data = {
            "list_kind": "assist",
            "code": "420102-A01",
            "name": "协助开展长江防汛巡堤查险",
            "aliases": "巡堤、查险",
            "legal_basis": "《防洪法》第三十八条",
            "source_document": "江岸区减负办〔2026〕1号",
            "referral": "",
            "effective_from": timezone.localdate().isoformat(),
        }
        data.update(kw)
        return data

    def test_officer_adds_overrides_and_removes(self):
        client = self.client_for(self.officer)
        assert client.get(reverse("catalog:manage_home")).status_code == 302
        page = client.get(self.url("item_new"))
        assert page.status_code == 200 and "420102-A01" in page.content.decode()  # suggested code
        response = client.post(self.url("item_new"), self._item_data())
        assert response.status_code == 302
        items = {i.code: i for i in active_items(district_code="420102")}
        assert items["420102-A01"].aliases == ("巡堤", "查险")
        # override a national item
        response = client.post(
            self.url("item_override", "assist", "A02"), self._item_data(code="A02", name="江岸区高龄津贴")
        )
        assert response.status_code == 302
        assert {i.code: i for i in active_items(district_code="420102")}["A02"].name == "江岸区高龄津贴"
        # remove from tomorrow
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        response = client.post(
            self.url("item_remove", "negative", "N08"), {"effective_from": tomorrow.isoformat()}
        )
        assert response.status_code == 302
        assert "N08" in {i.code for i in active_items(district_code="420102")}
        assert "N08" not in {i.code for i in active_items(district_code="420102", on=tomorrow)}
        manage = client.get(self.url("manage")).content.decode()
        assert "巡堤查险" in manage

    def test_bad_input_shows_error_nothing_written(self):
        client = self.client_for(self.district_officer)
        count = CatalogItem.objects.count()
        response = client.post(self.url("item_new"), self._item_data(code="坏 编号"))
        assert response.status_code == 200 and "编号" in response.content.decode()
        response = client.post(self.url("item_new"), self._item_data(name=""))
        assert response.status_code == 200
        client.post(self.url("item_new"), self._item_data())
        response = client.post(self.url("item_new"), self._item_data(name="again"))
        assert "同一天只能有一个版本" in response.content.decode()
        assert CatalogItem.objects.count() == count + 1
        assert client.get(self.url("item_remove", "assist", "Z99")).status_code == 404

    def test_html_is_escaped(self):
        client = self.client_for(self.admin)
        client.post(self.url("item_new"), self._item_data(name="<script>alert(1)</script>协助"))
        html = (
            self.client_for(None)
            .get(reverse("catalog:public_lists"), {"district": "420102"})
            .content.decode()
        )
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


class ApiTests(PersonaTestCase):
    def test_public_lists_and_match(self):
        client = self.client_for(None)
        response = client.get("/api/v1/catalog/lists", {"district": "420102", "kind": "negative"})
        assert response.status_code == 200
        body = response.json()
        assert {i["code"] for i in body["items"]} == {f"N0{n}" for n in range(1, 9)}
        assert client.get("/api/v1/catalog/lists", {"district": "999999"}).status_code == 404
        assert client.get("/api/v1/catalog/lists", {"kind": "bogus"}).status_code == 422
        found = client.get(
            "/api/v1/catalog/match", {"text": "配合开展占道经营整治", "kind": "negative"}
        ).json()
        assert (
            found[0]["item"]["code"] == "N04" and found[0]["confident"] and "占道经营" in found[0]["matched"]
        )
        history = client.get("/api/v1/catalog/history/assist/A01").json()
        assert history[0]["jurisdiction"] == "全国参考清单"

    def test_edits_need_an_office_of_the_district(self):
        body = {
            "district": "420102",
            "list_kind": "duty",
            "code": "420102-D01",
            "name": "本区自治事项",
            "effective_from": "2026-01-01",
        }
        assert (
            self.client_for(None)
            .post("/api/v1/catalog/items", json.dumps(body), content_type="application/json")
            .status_code
            == 401
        )
        assert (
            self.client_for(self.worker)
            .post("/api/v1/catalog/items", json.dumps(body), content_type="application/json")
            .status_code
            == 404
        )
        response = self.client_for(self.officer).post(
            "/api/v1/catalog/items", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 201, response.content
        bad = self.client_for(self.officer).post(
            "/api/v1/catalog/items", json.dumps({**body, "code": "!!"}), content_type="application/json"
        )
        assert bad.status_code == 422
        removed = self.client_for(self.officer).post(
            "/api/v1/catalog/items/remove",
            json.dumps(
                {"district": "420102", "list_kind": "duty", "code": "D01", "effective_from": "2026-02-01"}
            ),
            content_type="application/json",
        )
        assert removed.status_code == 201 and removed.json()["action"] == "remove"


class EnglishTests(PersonaTestCase):
    def test_public_page_in_english(self):
        client = self.client_for(None)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = client.get(reverse("catalog:public_lists")).content.decode()
        for text in (
            "Community work lists",
            "Negative list",
            "Certificates the community should not issue",
            "Local-practice default",
            "Where to go instead",
            "Print",
        ):
            assert text in html, text


class DefaultDistrictTests(PersonaTestCase):
    def test_logged_in_user_sees_own_district_unless_national_chosen(self):
        client = self.client_for(self.worker)
        assert "江岸区（420102）" in client.get(reverse("catalog:public_lists")).content.decode()
        html = client.get(reverse("catalog:public_lists"), {"district": ""}).content.decode()
        assert "全国参考清单（未选择区）" in html
