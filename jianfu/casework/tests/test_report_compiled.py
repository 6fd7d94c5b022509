"""The report form's kept drawings and compiled reads give the page the ORM and Django's widgets gave."""

import re
from unittest import mock

from django.urls import reverse
from django.utils import translation

from jianfu.casework import views
from jianfu.casework.forms import ReportForm
from jianfu.core import compiled
from jianfu.core.testing import PersonaTestCase
from jianfu.orgs.models import Community, Grid


def _without_tokens(page: bytes) -> bytes:
    """The page with its CSRF tokens (new on every request) blanked."""
    page = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", page)


class ReportFormDrawnOnceTests(PersonaTestCase):
    def setUp(self):
        compiled.clear()
        views._blank_cache.clear()

    def pages(self, user, language):
        client = self.client_for(user)
        client.cookies["django_language"] = language
        return [client.get(reverse("casework:report")).content for _ in range(2)]

    def test_the_kept_fields_are_the_fields_drawn_by_django(self):
        for language in ("zh-hans", "en"):
            with translation.override(language):
                kept = views._blank_fields(ReportForm())
                fresh = ReportForm()
                for name, drawn in kept.items():
                    if name in views._BLANK_LABELS:
                        assert drawn.label_tag == fresh[name].label_tag()
                    if name in views._BLANK_WIDGETS:
                        assert str(drawn) == str(fresh[name])

    def test_same_page_as_the_form_drawn_each_time_for_staff_and_residents(self):
        for user in (self.grid_worker, self.worker, self.head, None):
            for language in ("zh-hans", "en"):
                kept = self.pages(user, language)
                with mock.patch.object(views, "_blank_fields", lambda form: form):
                    drawn = self.pages(user, language)
                assert len({_without_tokens(page) for page in (*kept, *drawn)}) == 1, (user, language)

    def test_the_compiled_community_grids_and_categories_follow_the_data(self):
        client = self.client_for(self.grid_worker)
        url = reverse("casework:report")
        client.get(url)
        Grid.objects.filter(pk=self.grid.pk).update(name="改名网格")
        Community.objects.filter(pk=self.community.pk).update(name="改名社区")
        unnamed = Grid.objects.create(community=self.community, code="G99", name="")
        page = client.get(url).content.decode()
        assert "改名网格" in page
        assert f'<option value="{unnamed.code}">改名社区 G99</option>' in page
        from jianfu.casework.models import Category

        Category.objects.filter(code="street-lamp").update(name="路灯（改）")
        assert "路灯（改）" in client.get(url).content.decode()
        Category.objects.filter(code="street-lamp").update(active=False)
        assert 'value="street-lamp"' not in client.get(url).content.decode()

    def test_the_users_community_is_the_select_related_read(self):
        expected = Community.objects.select_related("street__district").get(pk=self.community.pk)
        for _ in range(2):
            community = views._users_community(self.worker)
            assert community.name == expected.name and community.street.name == expected.street.name
            assert community.street.district == expected.street.district
            assert community.street.district.name == expected.street.district.name
            with self.assertNumQueries(0):
                community.street.district.pk  # noqa: B018 - loaded, not read lazily
