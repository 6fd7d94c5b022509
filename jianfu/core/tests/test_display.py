"""get_FOO_display() through jianfu.core.display: Django's answers, in the active language."""

from django.test import SimpleTestCase
from django.utils import translation

from jianfu.accounts.models import User
from jianfu.casework.choices import Status
from jianfu.casework.models import ServiceRequest
from jianfu.core import display


class DisplayTests(SimpleTestCase):
    def test_the_fast_method_is_installed(self):
        method = ServiceRequest.__dict__["get_status_display"]
        assert method.func is display.fast_display
        assert display.install() == 0  # already done at start-up, idempotent

    def test_same_label_as_django_in_each_language(self):
        field = ServiceRequest._meta.get_field("status")
        for language in ("zh-hans", "en"):
            with translation.override(language):
                for value in [*Status.values, "no-such-status", ""]:
                    request = ServiceRequest(status=value)
                    assert request.get_status_display() == display.DJANGO_DISPLAY(request, field)
        with translation.override("en"):
            assert ServiceRequest(status=Status.CLOSED).get_status_display() == "Closed"
        with translation.override("zh-hans"):
            assert ServiceRequest(status=Status.CLOSED).get_status_display() == "办结"

    def test_every_role_label_matches(self):
        field = User._meta.get_field("role")
        with translation.override("en"):
            for value, _label in field.flatchoices:
                user = User(role=value)
                assert user.get_role_display() == display.DJANGO_DISPLAY(user, field)
                assert isinstance(user.get_role_display(), str)
