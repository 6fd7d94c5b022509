from django.urls import path

from jianfu.orgs import views

app_name = "orgs"
urlpatterns = [
    path("communities/", views.community_list, name="community_list"),
    path("communities/<str:code>/", views.community_detail, name="community_detail"),
]
