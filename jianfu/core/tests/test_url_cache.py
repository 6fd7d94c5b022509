"""{% url %} through jianfu.core.url_cache: the same URLs as Django's reverse(), checked per route."""

from django.template import Context, Template
from django.template.defaulttags import URLNode
from django.test import SimpleTestCase
from django.urls import NoReverseMatch, reverse

from jianfu.core import url_cache


class UrlTemplateTests(SimpleTestCase):
    def setUp(self):
        url_cache._templates.clear()

    def test_installed(self):
        assert URLNode.render is url_cache.render

    def test_int_routes_match_reverse_on_every_row(self):
        template = Template("{% for pk in pks %}{% url 'casework:detail' pk %}|{% endfor %}")
        pks = [1, 7, 42, 1000, 7_130_000_001, 0]
        expected = "".join(reverse("casework:detail", args=[pk]) + "|" for pk in pks)
        assert template.render(Context({"pks": pks})) == expected
        assert template.render(Context({"pks": pks})) == expected  # from the checked template
        assert url_cache._templates  # the route got a template

    def test_text_keyword_and_bad_arguments_go_through_django(self):
        person = Template("{% url 'registry:person_detail' pid %}").render(Context({"pid": "RJM5HGYT"}))
        assert person == reverse("registry:person_detail", args=["RJM5HGYT"])
        named = Template("{% url 'casework:detail' pk=5 %}").render(Context())
        assert named == reverse("casework:detail", kwargs={"pk": 5})
        with self.assertRaises(NoReverseMatch):
            Template("{% url 'casework:detail' pk %}").render(Context({"pk": -3}))
        with self.assertRaises(NoReverseMatch):
            Template("{% url 'casework:detail' %}").render(Context())
        assert Template("{% url 'casework:detail' as u %}[{{ u }}]").render(Context()) == "[]"

    def test_a_route_that_formats_numbers_differently_is_not_templated(self):
        url_cache._templates.clear()
        # a template that disagrees with reverse() is dropped at its first use
        prefix = reverse("casework:detail", args=[1]).rsplit("1", 1)[0]
        full = ("casework:detail", 1, None, *url_cache._key_tail())
        url_cache._templates[full] = ((prefix + "0", "/"), False)
        assert url_cache.fast_reverse("casework:detail", [5], None) == reverse("casework:detail", args=[5])
        assert url_cache._templates[full] is None
