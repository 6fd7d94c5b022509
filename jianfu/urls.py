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
    "sharing",
    "casework",
    "notify",
    "open311",
    "inspections",
    "activities",
    "feedback",
    "meetings",
    "campaigns",
    "digital",
    "scorecard",
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("jianfu.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    *[path(f"{app}/", include(f"jianfu.{app}.urls")) for app in APPS],
]
# Uploaded and generated files (ledgers, fills, seals) are never served from MEDIA_ROOT directly:
# every download goes through a view that checks restrict() and writes its audit row.
