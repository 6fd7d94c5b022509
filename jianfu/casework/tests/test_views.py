from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jianfu.casework import services
from jianfu.casework.models import Category, ServiceRequest
from jianfu.casework.tests.helpers import cgj, lamp_request
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase


def png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buf, "PNG")
    return buf.getvalue()


class ReportPageTests(PersonaTestCase):
    def test_anonymous_resident_reports_with_photo_and_follows_by_link(self):
        cgj(self.district)
        resp = self.client_for(None).post(
            reverse("casework:report"),
            {
                "category": "street-lamp",
                "text": "路灯不亮",
                "community": self.community.code,
                "reporter_phone": "13900001111",
                "attr_fault": "fault_1",
                "photo": SimpleUploadedFile("lamp.png", png(), content_type="image/png"),
            },
        )
        assert resp.status_code == 302, resp.content.decode()[-3000:]
        sr = ServiceRequest.objects.get()
        assert resp.status_code == 302 and resp["Location"] == reverse("casework:follow", args=[sr.token])
        assert sr.photo.name.endswith(".png")
        page = self.client_for(None).get(resp["Location"])
        assert "路灯损坏" in page.content.decode()

    def test_fake_image_refused_nothing_written(self):
        resp = self.client_for(None).post(
            reverse("casework:report"),
            {
                "category": "corridor-clutter",
                "text": "楼道堆满纸箱",
                "community": self.community.code,
                "reporter_phone": "13900001111",
                "photo": SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg"),
            },
        )
        assert resp.status_code == 200 and "不是可识别的图片" in resp.content.decode()
        assert not ServiceRequest.objects.exists()

    def test_category_fields_come_from_the_open311_service_definition(self):
        """The form shows each category's own attributes as GET services/{code}.json publishes them,
        and a bad or missing answer is refused with the same message an Open311 client gets."""
        import json as _json

        from jianfu.open311.payloads import definition

        lamp = Category.objects.get(code="street-lamp")
        published = _json.loads(self.client_for(None).get("/open311/v2/services/street-lamp.json").content)
        assert published == _json.loads(_json.dumps(definition(lamp), ensure_ascii=False))
        page = self.client_for(None).get(reverse("casework:report")).content.decode()
        for attr in published["attributes"]:
            assert f'id="attr-street-lamp-{attr["code"]}"' in page, attr["code"]
            assert attr["description"] in page
            for v in attr.get("values") or []:
                assert f'value="{v["key"]}"' in page
            if not attr.get("values"):  # typed in, not a select (灯杆编号 was a select of empty options)
                assert f'<select id="attr-street-lamp-{attr["code"]}"' not in page
                assert f'<input type="text" id="attr-street-lamp-{attr["code"]}"' in page
        required = [a for a in published["attributes"] if a["required"]]
        assert required, "street-lamp has a required attribute (故障情况)"
        base = {
            "category": "street-lamp",
            "text": "路灯不亮",
            "community": self.community.code,
            "reporter_phone": "13900001111",
        }
        missing = self.client_for(None).post(reverse("casework:report"), base)
        assert missing.status_code == 200 and required[0]["description"] in missing.content.decode()
        wrong = self.client_for(None).post(reverse("casework:report"), {**base, "attr_fault": "fault_9"})
        assert wrong.status_code == 200 and "不在可选项" in wrong.content.decode()
        assert not ServiceRequest.objects.exists()

    def test_grid_worker_form_lists_places(self):
        resp = self.client_for(self.grid_worker).get(reverse("casework:report"))
        assert resp.status_code == 200 and 'name="place"' in resp.content.decode()

    def test_kept_place_select_and_category_fields_follow_the_data(self):
        """The drawn place select and category fields are kept while the houses and categories stay
        as they are; a new house, a changed category and a posted form are drawn anew."""
        from jianfu.registry.models import Place

        url = reverse("casework:report")
        client = self.client_for(self.grid_worker)
        house = Place.objects.create(
            community=self.community, grid=self.grid, estate="幸福里", building="1", room="301"
        )
        assert f'<option value="{house.pk}">幸福里1栋301</option>' in client.get(url).content.decode()
        # session, user, the community with its street and district, grids, the houses' version, categories
        with self.assertNumQueries(6):
            kept = client.get(url).content.decode()
        assert f'<option value="{house.pk}">幸福里1栋301</option>' in kept
        other = Place.objects.create(
            community=self.community, grid=self.grid, estate="幸福里", building="1", room="302"
        )
        page = client.get(url).content.decode()
        assert f'<option value="{other.pk}">幸福里1栋302</option>' in page
        assert page.count('name="place"') == 1
        lamp = Category.objects.get(code="street-lamp")
        lamp.fields = [*lamp.fields, {"code": "pole_colour", "label": "灯杆颜色", "datatype": "string"}]
        lamp.save(update_fields=["fields"])
        page = client.get(url).content.decode()
        assert 'id="attr-street-lamp-pole_colour"' in page and "灯杆颜色" in page
        posted = client.post(
            url, {"category": "street-lamp", "text": "", "place": str(other.pk)}
        ).content.decode()
        assert f'<option value="{other.pk}" selected>幸福里1栋302</option>' in posted
        assert '<option value="street-lamp" selected>' in posted
        assert f'<option value="{house.pk}">幸福里1栋301</option>' in client.get(url).content.decode()


class ScopeTests(PersonaTestCase):
    def setUp(self):
        self.sr = lamp_request(self)

    def test_board_and_detail_scoped(self):
        url = reverse("casework:detail", args=[self.sr.pk])
        assert self.client_for(None).get(url).status_code == 302
        assert self.client_for(None).get(reverse("casework:board")).status_code == 302
        for outsider in (self.other_worker, self.far_worker, self.dept_user):
            assert self.client_for(outsider).get(url).status_code == 404
            assert (
                self.sr.number
                not in self.client_for(outsider).get(reverse("casework:board")).content.decode()
            )
        for insider in (self.worker, self.grid_worker, self.officer, self.district_officer, self.resident):
            assert self.client_for(insider).get(url).status_code == 200
        body = self.client_for(self.worker).get(url).content.decode()
        assert "13812345678" not in body and "138****5678" in body

    def test_board_query_count_is_flat(self):
        for _i in range(5):
            lamp_request(self)
        client = self.client_for(self.worker)
        client.get(reverse("casework:board"))
        with self.assertNumQueries(4):  # session, user, the page (one past its size), categories
            client.get(reverse("casework:board"))

    def test_board_pages_without_counting(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        texts = [
            "路灯不亮",
            "楼道堆满纸箱 ",
            "３栋门口路灯闪烁",
            "消防通道被电动车堵了",
            "路灯坏了（第二次报）",
        ]
        for i in range(52):
            lamp_request(self, text=f"{texts[i % len(texts)]}，{i}号")
        client = self.client_for(self.worker)
        with CaptureQueriesContext(connection) as queries:
            first = client.get(reverse("casework:board")).content.decode()
        assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
        assert first.count('data-label="编号"') == 50 and "page=2" in first and "第1页" in first
        second = client.get(reverse("casework:board"), {"page": "2"}).content.decode()
        assert second.count('data-label="编号"') == 3 and "page=1" in second and "page=3" not in second
        assert "第1页" in client.get(reverse("casework:board"), {"page": "abc"}).content.decode()
        beyond = client.get(reverse("casework:board"), {"page": "99999999"})
        assert beyond.status_code == 200 and "暂无诉求" in beyond.content.decode()

    def test_whistled_department_sees_it_and_reveal_is_audited(self):
        dept = cgj(self.district)
        services.request_whistle(actor=self.worker, request=self.sr, departments=[dept])
        from jianfu.core.testing import factories as f

        user = f.user("cgj", "department", department=dept)
        client = self.client_for(user)
        url = reverse("casework:detail", args=[self.sr.pk])
        assert client.get(url).status_code == 200
        client.post(
            reverse("casework:act", args=[self.sr.pk, "sign"]), {"whistle": self.sr.whistles.get().pk}
        )
        resp = client.post(reverse("casework:reveal", args=[self.sr.pk]), {"purpose": "电话联系诉求人"})
        assert "13812345678" in resp.content.decode()
        assert AuditEvent.objects.filter(action="reveal").exists()

    def test_outsider_cannot_act(self):
        resp = self.client_for(self.other_worker).post(reverse("casework:act", args=[self.sr.pk, "dispatch"]))
        assert resp.status_code == 404

    def test_rates_page_and_export(self):
        client = self.client_for(self.district_officer)
        assert client.get(reverse("casework:rates") + "?by=community").status_code == 200
        resp = client.get(reverse("casework:rates") + "?by=category&format=xlsx")
        assert resp.status_code == 200 and resp.content[:2] == b"PK"


class SearchIndexTests(PersonaTestCase):
    def test_trigram_indexes_serve_text_search_on_postgresql_only(self):
        from django.db import connection

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'casework_servicerequest' "
                    "AND indexname LIKE %s",
                    ["casework_sr_%_trgm"],
                )
                found = dict(cursor.fetchall())
                assert set(found) == {"casework_sr_text_trgm", "casework_sr_address_trgm"}
                assert all("gin_trgm_ops" in d for d in found.values())
            else:
                names = list(connection.introspection.get_constraints(cursor, "casework_servicerequest"))
                assert not [n for n in names if n.endswith("_trgm")]
        if connection.vendor == "postgresql":
            # the board's search lookups as written (`icontains` → UPPER("col"::text) LIKE UPPER('%…%'))
            # produce the indexed expression: with plain scans switched off the planner must use it
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            for field, index in (("text", "casework_sr_text_trgm"), ("address", "casework_sr_address_trgm")):
                plan = ServiceRequest.objects.filter(**{f"{field}__icontains": "郑州路八号"}).explain()
                assert index in plan, plan
        lamp_request(self, text="民意小区消防通道被堵")
        lamp_request(self, text="路灯不亮")
        found = self.client_for(self.district_officer).get(reverse("casework:board"), {"q": "消防通道"})
        assert "消防通道被堵" in found.content.decode() and "路灯不亮" not in found.content.decode()
