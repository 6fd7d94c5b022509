from django.urls import path

from jianfu.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.public_lists, name="public_lists"),
    path("history/<str:list_kind>/<str:code>/", views.item_history_view, name="item_history"),
    path("manage/", views.manage_home, name="manage_home"),
    path("manage/<str:district_code>/", views.manage, name="manage"),
    path("manage/<str:district_code>/new/", views.item_new, name="item_new"),
    path(
        "manage/<str:district_code>/<str:list_kind>/<str:code>/override/",
        views.item_override,
        name="item_override",
    ),
    path(
        "manage/<str:district_code>/<str:list_kind>/<str:code>/remove/", views.item_remove, name="item_remove"
    ),
]
