import datetime as dt

from django.urls import reverse

from jianfu.core.testing import PersonaTestCase
from jianfu.workdays.models import CalendarYear
from jianfu.workdays.selectors import calendar_status, invalidate, is_working_day

YAML = """
year: 2027
source: 测试通知
holidays:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
workdays: []
"""


class CalendarPageTests(PersonaTestCase):
    def setUp(self):
        invalidate()

    def tearDown(self):
        invalidate()

    def test_anonymous_redirected(self):
        for url in (reverse("workdays:calendar"), reverse("workdays:year", args=[2027])):
            response = self.client_for(None).get(url)
            assert response.status_code == 302 and "login" in response["Location"]

    def test_others_get_404(self):
        for user in (self.worker, self.officer, self.district_officer, self.dept_user, self.resident):
            client = self.client_for(user)
            assert client.get(reverse("workdays:calendar")).status_code == 404
            assert (
                client.post(
                    reverse("workdays:year", args=[2027]), {"holidays": "元旦 2027-01-01"}
                ).status_code
                == 404
            )
        assert not CalendarYear.objects.filter(year=2027).exists()

    def test_admin_sees_2027_missing_and_enters_it(self):
        client = self.client_for(self.admin)
        page = client.get(reverse("workdays:calendar")).content.decode()
        assert "2027年的法定节假日尚未录入" in page
        response = client.post(
            reverse("workdays:year", args=[2027]),
            {
                "source_note": "国办发明电",
                "holidays": "元旦 2027-01-01 至 2027-01-03\n春节 2027-02-05 至 2027-02-12",
                "workdays": "2027-02-13, 2027-02-20",
            },
        )
        assert response.status_code == 302
        assert calendar_status(2027) == "known"
        assert not is_working_day(dt.date(2027, 2, 8)) and is_working_day(dt.date(2027, 2, 13))
        page = client.get(reverse("workdays:year", args=[2027])).content.decode()
        assert "春节 2027-02-05 至 2027-02-12" in page  # prefilled for correction
        assert CalendarYear.objects.get(year=2027).entered_by == self.admin

    def test_bad_form_shows_error_nothing_written(self):
        client = self.client_for(self.admin)
        response = client.post(
            reverse("workdays:year", args=[2027]), {"holidays": "春节 二月五日", "workdays": "2027-02-15"}
        )
        html = response.content.decode()
        assert response.status_code == 200 and "第1行" in html and "周六或周日" in html
        assert not CalendarYear.objects.filter(year=2027).exists()

    def test_yaml_paste(self):
        client = self.client_for(self.admin)
        assert client.post(reverse("workdays:calendar"), {"text": YAML}).status_code == 302
        assert calendar_status(2027) == "known"
        response = client.post(reverse("workdays:calendar"), {"text": "year: 2028\nworkdays: [2028-01-05]"})
        assert response.status_code == 200 and "周六或周日" in response.content.decode()
        assert not CalendarYear.objects.filter(year=2028).exists()

    def test_api_deadline_with_warning(self):
        client = self.client_for(self.worker)
        body = client.get("/api/v1/workdays/deadline", {"start": "2026-12-25", "n": 10}).json()
        assert body["deadline"] == "2027-01-08"
        assert "2027" in body["warning"]
        body = client.get("/api/v1/workdays/deadline", {"start": "2026-09-30", "n": 1}).json()
        assert body["deadline"] == "2026-10-08" and body["warning"] is None
        assert client.get("/api/v1/workdays/status/2027").json()["status"] == "fallback"
        assert self.client_for(None).get("/api/v1/workdays/status/2027").status_code == 401
