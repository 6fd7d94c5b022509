"""The shared formats of docs/style-zh.md: date, hours, level filters and the punctuation tags."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import engines
from django.test import SimpleTestCase
from django.utils import translation

from jianfu.catalog.matching import THRESHOLD
from jianfu.core.formats import LEVELS, level_of

SHANGHAI = ZoneInfo("Asia/Shanghai")


def render(source: str, language: str = "zh-hans", **context) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context)


class DateFilterTests(SimpleTestCase):
    def test_prose_and_table_dates_in_chinese(self):
        day = dt.date(2026, 12, 1)
        assert render("{{ d|date_prose }}", d=day) == "2026年12月1日"
        assert render("{{ d|date_table }}", d=day) == "2026-12-01"

    def test_english_prose_date_and_the_same_table_date(self):
        day = dt.date(2026, 3, 9)
        assert render("{{ d|date_prose }}", "en", d=day) == "9 Mar 2026"
        assert render("{{ d|date_table }}", "en", d=day) == "2026-03-09"

    def test_aware_datetime_is_shown_in_local_time(self):
        # 18:05 UTC on 30 Nov is 02:05 on 1 Dec in Shanghai (settings.TIME_ZONE).
        moment = dt.datetime(2026, 11, 30, 18, 5, tzinfo=dt.UTC)
        assert render("{{ t|datetime_prose }}", t=moment) == "2026年12月1日 02:05"
        assert render("{{ t|datetime_table }}", t=moment) == "2026-12-01 02:05"
        assert render("{{ t|date_table }}", t=moment) == "2026-12-01"

    def test_empty_values_stay_empty(self):
        assert (
            render("[{{ d|date_prose }}][{{ d|date_table }}][{{ n|datetime_prose }}]", d="", n=None)
            == "[][][]"
        )

    def test_table_formats_write_what_the_date_filter_writes(self):
        """date_table / datetime_table write dates and datetimes directly: the same text as Django's
        `date` filter with "Y-m-d" / "Y-m-d H:i" (years below 1000 padded, naive and aware values, a
        date given to datetime_table, strings and None)."""
        from django.template.defaultfilters import date as date_filter

        from jianfu.core.templatetags.jianfu_format import date_table, datetime_table

        values = [
            dt.date(2026, 1, 5),
            dt.date(999, 12, 31),
            dt.date(1, 1, 1),
            dt.datetime(2026, 12, 1, 0, 0),
            dt.datetime(2026, 2, 3, 9, 7, 59, 999999),
            dt.datetime(2026, 11, 30, 23, 59, tzinfo=dt.UTC),
            dt.datetime(845, 6, 7, 8, 9, tzinfo=SHANGHAI),
            "2026-12-01",
            "",
            None,
        ]

        def outcome(f, *args):  # the text, or the error raised (a date has no time: TypeError in both)
            try:
                return f(*args)
            except Exception as exc:  # compared, not handled
                return type(exc)

        for language in ("zh-hans", "en"):
            with translation.override(language):
                for v in values:
                    assert outcome(date_table, v) == outcome(date_filter, v, "Y-m-d"), v
                    assert outcome(datetime_table, v) == outcome(date_filter, v, "Y-m-d H:i"), v
        assert datetime_table(dt.datetime(845, 6, 7, 8, 9)) == "0845-06-07 08:09"


class HoursFilterTests(SimpleTestCase):
    def test_one_decimal_rounding_half_up(self):
        assert render("{{ h|hours }}", h=Decimal("11.3300000000000")) == "11.3"
        assert render("{{ h|hours }}", h=Decimal("0.05")) == "0.1"
        assert render("{{ h|hours }}", h=7) == "7.0"
        assert render("{{ h|hours }}", h="2.25") == "2.3"

    def test_missing_hours_are_blank_and_junk_is_zero(self):
        assert render("[{{ h|hours }}]", h=None) == "[]"
        assert render("[{{ h|hours }}]", h="n/a") == "[0.0]"


class MinutesFilterTests(SimpleTestCase):
    def test_whole_minutes_rounding_half_up(self):
        assert render("{{ m|minutes }}", m=Decimal("12.50")) == "13"
        assert render("{{ m|minutes }}", m=Decimal("12.49")) == "12"
        assert render("{{ m|minutes }}", m=Decimal("20.00")) == "20"
        assert render("{{ m|minutes }}", m="0.4") == "0"

    def test_missing_minutes_are_blank_and_junk_is_zero(self):
        assert render("[{{ m|minutes }}]", m=None) == "[]"
        assert render("[{{ m|minutes }}]", m="n/a") == "[0]"


class UnitMinutesFilterTests(SimpleTestCase):
    def test_unit_times_keep_their_decimal_without_trailing_zeros(self):
        assert render("{{ m|unit_minutes }}", m=Decimal("0.50")) == "0.5"
        assert render("{{ m|unit_minutes }}", m=Decimal("12.00")) == "12"
        assert render("{{ m|unit_minutes }}", m=Decimal("1E+1")) == "10"
        assert render("{{ m|unit_minutes }}", m=Decimal("2.25")) == "2.25"

    def test_missing_unit_time_is_blank(self):
        assert render("[{{ m|unit_minutes }}]", m=None) == "[]"


class LevelFilterTests(SimpleTestCase):
    def test_catalog_scale_medium_bound_is_the_matchers_threshold(self):
        assert LEVELS["catalog"][1] == THRESHOLD

    def test_levels_on_both_scales(self):
        assert [level_of(s) for s in (0.91, 0.7, 0.5, 0.45, 0.449, 0)] == [
            "high",
            "high",
            "medium",
            "medium",
            "low",
            "low",
        ]
        assert [level_of(s, "header") for s in (100, 89.9, 75, 74)] == ["high", "medium", "medium", "low"]
        assert level_of(None) is None and level_of("—") is None and level_of(float("nan")) is None

    def test_rendered_in_chinese_and_english_with_a_hint(self):
        assert render("{{ s|level }}", s=0.5) == "中"
        assert render('{{ s|level:"header" }}', "en", s=95) == "High"
        hint = render("{{ s|level_hint }}", s=0.523)
        assert hint == "相似度0.52：不低于0.7为高，不低于0.45为中，其余为低"
        assert "0.52" in render("{{ s|level_hint }}", "en", s=0.523)
        assert render("[{{ s|level }}{{ s|level_hint }}]", s=None) == "[]"


class PunctuationTagTests(SimpleTestCase):
    SOURCE = (
        '{% translate "状态" %}{% colon %}{{ v }}{% lparen %}{{ n }}{% rparen %}'
        "{% comma %}{{ a }}{% list_comma %}{{ b }}{% semicolon %}{{ c }}{% full_stop %}"
    )

    def test_full_width_in_chinese(self):
        assert (
            render(self.SOURCE, v="待审核", n=3, a="甲", b="乙", c="丙") == "状态：待审核（3），甲、乙；丙。"
        )

    def test_ascii_in_english(self):
        out = render(self.SOURCE, "en", v="open", n=3, a="a", b="b", c="c")
        assert out == "Status: open (3), a, b; c. "
        assert not any(mark in out for mark in "：（），、；。")


class BlankChoiceTests(SimpleTestCase):
    def form(self):
        from django import forms

        from jianfu.core.apps import blank_choice
        from jianfu.orgs.models import Community

        class Form(forms.Form):
            community = forms.ModelChoiceField(queryset=Community.objects.none(), required=False)
            kind = forms.ChoiceField(choices=[blank_choice(), ("a", "甲")], required=False)

        return Form()

    def test_chinese_empty_option_everywhere(self):
        with translation.override("zh-hans"):
            html = str(self.form())
        assert html.count('<option value="" selected>请选择</option>') == 2
        assert "Select an option" not in html and "---------" not in html

    def test_english_empty_option(self):
        with translation.override("en"):
            html = str(self.form())
        assert html.count('<option value="" selected>Select…</option>') == 2

    def test_model_field_choices_use_it_too(self):
        from django.db import models

        field = models.CharField(choices=[("x", "某项")], blank=True)
        with translation.override("zh-hans"):
            assert field.get_choices()[0] == ("", "请选择")


class ListingFilterTests(SimpleTestCase):
    def test_enumeration_comma_in_chinese_and_a_comma_in_english(self):
        assert render("{{ xs|listing }}", xs=["独居老人", "低保户"]) == "独居老人、低保户"
        assert render("{{ xs|listing }}", "en", xs=["Elder", "Low income"]) == "Elder, Low income"

    def test_another_separator_by_name_and_items_are_escaped(self):
        assert render('{{ xs|listing:"semicolon" }}', xs=["缺姓名", "<b>"]) == "缺姓名；&lt;b&gt;"
        assert render('{{ xs|listing:"semicolon" }}', "en", xs=["a", "b"]) == "a; b"
        assert render("[{{ xs|listing }}]", xs=[]) == "[]"
