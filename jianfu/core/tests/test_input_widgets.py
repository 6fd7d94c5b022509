"""Widgets speak the page language, not the browser's: the file input's button and its empty state."""

from django import forms
from django.template import engines
from django.test import SimpleTestCase
from django.utils import translation

from jianfu.core.widgets import FileInput


class UploadForm(forms.Form):
    file = forms.FileField(label="台账文件", widget=FileInput(attrs={"accept": ".xlsx"}))


class FileInputTests(SimpleTestCase):
    def test_chinese_button_and_empty_state_labelled_for_the_input(self):
        with translation.override("zh-hans"):
            html = str(UploadForm()["file"])
        assert (
            'type="file"' in html
            and 'name="file"' in html
            and 'accept=".xlsx"' in html
            and "required" in html
        )
        # The visible button is the input's own <label>: click, Space and Enter open the picker without JS.
        assert '<label for="id_file" class="button secondary file-button">选择文件</label>' in html
        assert 'aria-describedby="id_file-chosen"' in html and 'id="id_file-chosen">未选择文件<' in html
        assert "Choose" not in html

    def test_english_page_gets_english_words(self):
        with translation.override("en"):
            html = str(UploadForm()["file"])
        assert ">Choose file</label>" in html and ">No file chosen<" in html and "选择文件" not in html

    def test_template_tag_for_hand_written_forms(self):
        with translation.override("zh-hans"):
            html = engines["django"].from_string('{% file_input "photo" accept="image/png" %}').render({})
        assert 'id="id_photo"' in html and 'accept="image/png"' in html and "required" not in html
        assert '<label for="id_photo"' in html and "选择文件" in html


class DateInputTests(SimpleTestCase):
    def test_native_date_picker_with_the_expected_date_beside_it(self):
        import datetime as dt

        from jianfu.core.widgets import DateInput

        class Form(forms.Form):
            on = forms.DateField(label="日期", widget=DateInput)

        with translation.override("zh-hans"):
            html = str(Form(initial={"on": dt.date(2026, 3, 9)})["on"])
        assert (
            'type="date"' in html
            and 'value="2026-03-09"' in html
            and 'aria-describedby="id_on-format"' in html
        )
        assert 'id="id_on-format">年-月-日，如2026-12-01<' in html
        with translation.override("en"):
            assert "year-month-day, e.g. 2026-12-01" in str(Form()["on"])


class LabelSuffixTests(SimpleTestCase):
    def test_labels_have_no_colon_in_either_language_unless_a_form_asks(self):
        class Form(forms.Form):
            kind = forms.CharField(label="类型")

        for language in ("zh-hans", "en"):
            with translation.override(language):
                assert Form()["kind"].label_tag() == '<label for="id_kind">类型</label>'
        assert Form(label_suffix="：")["kind"].label_tag() == '<label for="id_kind">类型：</label>'
