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

    def test_navigation_is_grouped_and_keeps_every_link(self):
        html = self.nav(self.district_officer)
        self.assertIn('class="navgroup"', html)
        for path in ("/gate/", "/burden/", "/catalog/"):
            self.assertIn(f'href="{path}"', html)

    def test_every_namespace_in_the_navigation_has_a_group(self):
        from jianfu.core.context_processors import NAV_GROUP_OF_NAMESPACE, NAV_GROUP_OF_PAGE, NAV_ITEMS

        for name, _label, _needs in NAV_ITEMS:
            namespace = name.split(":", 1)[0]
            self.assertTrue(
                name in NAV_GROUP_OF_PAGE or namespace in NAV_GROUP_OF_NAMESPACE,
                f"{name}: add its namespace to NAV_GROUP_OF_NAMESPACE in jianfu/core/context_processors.py",
            )
