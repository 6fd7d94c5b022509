"""English pages of every staff role read as English: no Chinese punctuation in the interface text
(docs/style-zh.md, issue 12). Data values (names of units, tasks, residents) may stay Chinese."""

import re

from django.conf import settings
from django.urls import reverse

from jianfu.core.testing import PersonaTestCase

FULL_WIDTH = re.compile(r"[：（）；！？]")
# Chinese punctuation touching English words is interface text ("Status：", "Decision：", "（PDF）"); inside
# Chinese data (a legal source such as 《…》；中办发〔2010〕27号) it is the data's own.
IN_ENGLISH = re.compile(r"[A-Za-z0-9][：（；，、。]|[：）；，、][A-Za-z]|（[A-Za-z]")
# Tags and their attributes, scripts and styles are not the text a reader sees.
NOT_TEXT = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def visible_text(html: str) -> str:
    return NOT_TEXT.sub("\n", html)


class EnglishPageTests(PersonaTestCase):
    PAGES = [
        ("worker", "core:home"),
        ("worker", "registry:person_list"),
        ("worker", "certificates:desk"),
        ("worker", "casework:board"),
        ("worker", "gate:task_list"),
        ("officer", "core:home"),
        ("officer", "gate:task_list"),
        ("district_officer", "burden:dashboard"),
        ("district_officer", "inspections:list"),
        ("dept_user", "core:home"),
        ("resident", "core:home"),
        (None, "catalog:public_lists"),
    ]

    def test_no_chinese_punctuation_in_english_chrome(self):
        found = []
        for who, name in self.PAGES:
            client = self.client_for(getattr(self, who) if who else None)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            response = client.get(reverse(name), follow=True)
            assert response.status_code == 200, (who, name, response.status_code)
            assert response.headers["Content-Language"] == "en"
            for line in visible_text(response.content.decode()).splitlines():
                if IN_ENGLISH.search(line):
                    found.append(f"{who} {name}: {line.strip()[:100]}")
        assert found == []

    def test_the_same_pages_in_chinese_keep_full_width_punctuation(self):
        # The check above can fail: the Chinese home page shows full-width punctuation from the same tags.
        text = visible_text(
            self.client_for(self.worker).get(reverse("registry:person_list")).content.decode()
        )
        assert FULL_WIDTH.search(text)
        assert IN_ENGLISH.search("Status：open") and IN_ENGLISH.search("Photo（optional)")
        assert not IN_ENGLISH.search("《居民委员会组织法》；中办发〔2010〕27号")
