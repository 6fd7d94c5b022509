from django.urls import path

from jianfu.fills import views

app_name = "fills"
urlpatterns = [
    path("", views.fill_list, name="fill_list"),
    path("new/", views.fill_new, name="fill_new"),
    path("<int:pk>/", views.fill_detail, name="fill_detail"),
    path("<int:pk>/run/", views.fill_run, name="fill_run"),
    path("<int:pk>/redo/", views.fill_redo, name="fill_redo"),
    path("<int:pk>/count/", views.fill_count, name="fill_count"),
    path("<int:pk>/progress/", views.fill_progress, name="fill_progress"),
    path("<int:pk>/missing/", views.fill_missing, name="fill_missing"),
    path("<int:pk>/download/", views.fill_download, name="fill_download"),
]
