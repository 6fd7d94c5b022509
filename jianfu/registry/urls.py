from django.urls import path

from jianfu.registry import views, views_sensitive

app_name = "registry"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<str:pid>/", views.person_detail, name="person_detail"),
    path("people/<str:pid>/edit/", views.person_edit, name="person_edit"),
    path("people/<str:pid>/reveal/", views.person_reveal, name="person_reveal"),
    path("people/<str:pid>/resolve/", views.person_resolve, name="person_resolve"),
    path("people/<str:pid>/facts/<int:fact_id>/settle/", views.person_settle, name="person_settle"),
    path("dictionary/", views.attribute_list, name="attribute_list"),
    path("dictionary/<slug:code>/synonyms/", views.attribute_synonyms, name="attribute_synonyms"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/priority/", views.source_priority, name="source_priority"),
    path("sources/<int:pk>/rules/", views.source_rules, name="source_rules"),
    path("sources/<int:pk>/settings/", views.source_settings, name="source_settings"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
    path("sensitive/", views_sensitive.sensitive_access, name="sensitive_access"),
    path(
        "sensitive/<int:pk>/revoke/", views_sensitive.sensitive_access_revoke, name="sensitive_access_revoke"
    ),
]
