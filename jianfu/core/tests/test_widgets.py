"""FastSelect writes exactly what Django's Select templates write, escaped the same way."""

from django import forms
from django.test import SimpleTestCase
from django.utils import translation

from jianfu.core.apps import blank_choice
from jianfu.core.widgets import FastSelect, FastSelectMultiple

NASTY = "<b>\"Tom\" & 'Jerry'</b>"
CHOICES = [
    blank_choice(),
    ("1", "一号楼"),
    (2, NASTY),
    ("a&b", "网格"),
    ("民政", [("x", "低保"), ("y", "特困 <人员>")]),
    (None, "无"),
]


class Pair(forms.Form):
    """The same fields with Django's widgets and with the fast ones."""

    one = forms.ChoiceField(choices=CHOICES, label="一", required=True)
    fast_one = forms.ChoiceField(choices=CHOICES, label="一", required=True, widget=FastSelect)
    many = forms.MultipleChoiceField(choices=CHOICES, label="多", required=False)
    fast_many = forms.MultipleChoiceField(
        choices=CHOICES, label="多", required=False, widget=FastSelectMultiple
    )


def same_markup(form: forms.Form, slow: str, fast: str) -> tuple[str, str]:
    django_html = str(form[slow]).replace(f'name="{slow}"', 'name="X"').replace(f"id_{slow}", "id_X")
    fast_html = str(form[fast]).replace(f'name="{fast}"', 'name="X"').replace(f"id_{fast}", "id_X")
    return django_html, fast_html


class FastSelectTests(SimpleTestCase):
    def assert_same(self, form: forms.Form) -> None:
        for slow, fast in (("one", "fast_one"), ("many", "fast_many")):
            django_html, fast_html = same_markup(form, slow, fast)
            assert fast_html == django_html, (fast_html, django_html)

    def test_unbound_and_initial(self):
        self.assert_same(Pair())
        self.assert_same(Pair(initial={"one": "2", "fast_one": "2", "many": ["x"], "fast_many": ["x"]}))

    def test_bound_with_selection_and_errors(self):
        data = {"one": "a&b", "fast_one": "a&b", "many": ["1", "y"], "fast_many": ["1", "y"]}
        self.assert_same(Pair(data))
        self.assert_same(Pair({"one": "nope", "fast_one": "nope"}))  # invalid: aria-invalid on both

    def test_escapes_values_and_labels(self):
        html = str(Pair()["fast_one"])
        assert NASTY not in html
        assert "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;" in html
        assert 'value="a&amp;b"' in html
        assert 'label="民政"' in html

    def test_label_points_at_the_select(self):
        form = Pair()
        assert 'for="id_fast_one"' in form["fast_one"].label_tag()
        assert 'id="id_fast_one"' in str(form["fast_one"])
        assert " required" in str(form["fast_one"])  # first choice is blank, as Django decides

    def test_lazy_labels_in_the_active_language(self):
        with translation.override("en"):
            self.assert_same(Pair())
            html = str(Pair()["fast_one"])
        assert ">Select…<" in html  # the blank choice's lazy label
        assert "请选择" not in html

    def test_extra_attrs(self):
        class Sized(forms.Form):
            a = forms.ChoiceField(choices=CHOICES, widget=forms.Select(attrs={"size": 3, "data-x": '"q"'}))
            fast_a = forms.ChoiceField(choices=CHOICES, widget=FastSelect(attrs={"size": 3, "data-x": '"q"'}))

        django_html, fast_html = same_markup(Sized(), "a", "fast_a")
        assert fast_html == django_html
