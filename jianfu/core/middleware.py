"""Language choice: Simplified Chinese by default, whatever the browser says.

jianfu is written for Chinese community workers; a borrowed laptop or a phone set to en-US must not
turn the product English. English (or any other shipped language) is used only when the user chose
it with the language switch, which Django's `set_language` view remembers in the language cookie.
This replaces `django.middleware.locale.LocaleMiddleware`, which would follow Accept-Language.

Also here: the authentication middleware jianfu uses instead of Django's (below).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language the user chose (language cookie), else the site default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but the user is looked up at once instead of behind a lazy proxy.

    Every page shows who is signed in, so the lookup happens anyway; behind Django's
    `SimpleLazyObject` each of the few hundred reads of `request.user` a page makes (roles, units,
    permissions, scoping) went through the proxy's `__getattribute__` and `__getattr__`, 2–8 µs each
    (bench/bench_request_overhead.py). A request without a session cookie costs no query either way.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = auth_middleware.get_user(request)
