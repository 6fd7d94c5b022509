"""{% translate %} of a literal through jianfu.core.i18n_cache: the same output as Django's, per language."""

from django.template import Context, Template
from django.templatetags.i18n import TranslateNode
from django.test import SimpleTestCase
from django.utils import translation

from jianfu.core import i18n_cache

SOURCE = (
    '{% translate "办结" %}|{% translate "办结" as done %}[{{ done }}]|{% translate "100%% 完成" %}|'
    '{% translate "办结"|upper %}|{% translate "办结" noop %}|{% translate "办结" context "状态" %}|'
    "{% translate label %}"
)


def django_render(source: str, context: dict) -> str:
    i18n_cache._memo.clear()
    TranslateNode.render = i18n_cache.DJANGO_RENDER  # type: ignore[method-assign]
    try:
        return Template(source).render(Context(context))
    finally:
        TranslateNode.render = i18n_cache.render  # type: ignore[method-assign]


class TranslateMemoTests(SimpleTestCase):
    def test_installed(self):
        assert TranslateNode.render is i18n_cache.render

    def test_same_output_as_django_in_each_language_and_twice(self):
        context = {"label": "受理"}
        for language in ("zh-hans", "en", "zh-hans"):
            with translation.override(language):
                expected = django_render(SOURCE, context)
                template = Template(SOURCE)
                assert template.render(Context(context)) == expected
                assert template.render(Context(context)) == expected  # from the memo
        with translation.override("en"):
            assert Template('{% translate "办结" %}').render(Context()).startswith("Closed")
        with translation.override("zh-hans"):
            assert Template('{% translate "办结" %}').render(Context()) == "办结"

    def test_autoescape_off_gives_the_same(self):
        source = '{% autoescape off %}{% translate "办结" %}{% endautoescape %}'
        with translation.override("en"):
            assert Template(source).render(Context()) == django_render(source, {})

    def test_memo_forgets_when_languages_change(self):
        with translation.override("en"):
            Template('{% translate "办结" %}').render(Context())
        assert i18n_cache._memo
        with self.settings(LOCALE_PATHS=[]):
            assert not i18n_cache._memo
