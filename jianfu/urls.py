from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from jianfu.api import api

APPS = [
    "accounts",
    "orgs",
    "registry",
    "ledgers",
    "fills",
    "catalog",
    "workdays",
    "gate",
    "burden",
    "certificates",
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("jianfu.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    *[path(f"{app}/", include(f"jianfu.{app}.urls")) for app in APPS],
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
