from jianfu.core.testing import PersonaTestCase


class NavigationTests(PersonaTestCase):
    def nav(self, user) -> str:
        response = self.client_for(user).get("/")
        return response.content.decode()

    def test_calendar_link_only_for_district_administrators(self):
        self.assertIn("/workdays/", self.nav(self.admin))
        self.assertNotIn("/workdays/", self.nav(self.head))
        self.assertNotIn("/workdays/", self.nav(self.worker))

    def test_anonymous_sees_only_public_lists(self):
        html = self.nav(None)
        self.assertIn("/catalog/", html)
        self.assertNotIn("/registry/", html)
