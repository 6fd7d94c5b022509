from django.urls import reverse

from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f


class CommunityViewTests(PersonaTestCase):
    def test_anonymous_redirected(self):
        response = self.client_for(None).get(reverse("orgs:community_list"))
        self.assertEqual(response.status_code, 302)

    def test_list_is_scoped(self):
        body = self.client_for(self.worker).get(reverse("orgs:community_list")).content.decode()
        self.assertIn("民意社区", body)
        self.assertNotIn("永红社区", body)
        body = self.client_for(self.officer).get(reverse("orgs:community_list")).content.decode()
        self.assertIn("永红社区", body)
        self.assertNotIn("花桥社区", body)
        self.assertEqual(self.client_for(self.resident).get(reverse("orgs:community_list")).status_code, 404)

    def test_detail_shows_code_grids_and_counts(self):
        f.person(self.community)
        response = self.client_for(self.worker).get(
            reverse("orgs:community_detail", args=[self.community.code])
        )
        self.assertContains(response, self.community.code)
        self.assertContains(response, "民意社区01网格")
        self.assertEqual(response.context["counts"]["people"], 1)

    def test_detail_outsider_404(self):
        url = reverse("orgs:community_detail", args=[self.community.code])
        self.assertEqual(self.client_for(self.other_worker).get(url).status_code, 404)
        self.assertEqual(self.client_for(self.far_worker).get(url).status_code, 404)
        self.assertEqual(self.client_for(self.district_officer).get(url).status_code, 200)
