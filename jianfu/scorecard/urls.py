from django.urls import path

from jianfu.scorecard import views

app_name = "scorecard"
urlpatterns = [
    path("", views.page, name="page"),
    path("export.<slug:fmt>", views.export, name="export"),
]
