"""Simplified Chinese whatever the browser says; English only when the user chose it."""

from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse


class LanguageChoiceTests(TestCase):
    def test_english_browser_still_gets_chinese(self):
        page = Client().get(reverse("catalog:public_lists"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert page.headers["Content-Language"] == "zh-hans"
        assert 'lang="zh-hans"' in page.content.decode()

    def test_chosen_english_is_remembered(self):
        client = Client()
        chosen = client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert chosen.status_code == 302
        assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
        page = client.get(reverse("catalog:public_lists"), HTTP_ACCEPT_LANGUAGE="zh-CN")
        assert page.headers["Content-Language"] == "en"
        assert "Community work lists" in page.content.decode()

    def test_back_to_chinese(self):
        client = Client()
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
        page = client.get(reverse("catalog:public_lists"), HTTP_ACCEPT_LANGUAGE="en")
        assert page.headers["Content-Language"] == "zh-hans"

    def test_unknown_cookie_value_falls_back_to_chinese(self):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx-nonsense"
        page = client.get(reverse("catalog:public_lists"))
        assert page.headers["Content-Language"] == "zh-hans"

    def test_choice_outlives_the_browser_session(self):
        client = Client()
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert int(client.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"]) >= 180 * 24 * 3600
