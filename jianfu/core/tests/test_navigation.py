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


def nav_of(html: str) -> str:
    return html.split('<nav class="mainnav">', 1)[1].split("</nav>", 1)[0]


class KeptNavigationTests(PersonaTestCase):
    """base.html's navigation is rendered once per (links, language, current page): jianfu_nav."""

    def test_kept_html_is_what_a_fresh_render_gives(self):
        from jianfu.core.templatetags import jianfu_nav

        client = self.client_for(self.head)
        jianfu_nav._rendered.clear()
        fresh = nav_of(client.get("/gate/").content.decode())
        kept = nav_of(client.get("/gate/").content.decode())
        self.assertEqual(fresh, kept)
        self.assertTrue(jianfu_nav._rendered)

    def test_current_page_is_marked_on_that_page_only(self):
        client = self.client_for(self.worker)
        on_gate = nav_of(client.get("/gate/").content.decode())
        self.assertIn('<a href="/gate/" aria-current="page">', on_gate)
        self.assertEqual(on_gate.count("aria-current"), 1)
        on_home = nav_of(client.get("/").content.decode())
        self.assertNotIn("aria-current", on_home)
        self.assertIn('<a href="/gate/" >', on_home)

    def test_each_role_and_language_gets_its_own(self):
        worker = nav_of(self.client_for(self.worker).get("/").content.decode())
        department = nav_of(self.client_for(self.dept_user).get("/").content.decode())
        self.assertIn('href="/ledgers/"', worker)  # importing ledgers: community staff, not departments
        self.assertNotIn('href="/ledgers/"', department)
        english = self.client_for(self.worker)
        english.post("/i18n/setlang/", {"language": "en", "next": "/"})
        in_english = nav_of(english.get("/").content.decode())
        self.assertNotEqual(in_english, worker)
        self.assertIn(">Residents<", in_english)
