from django.urls import path

from jianfu.burden import views

app_name = "burden"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("entries/", views.entry_list, name="entry_list"),
    path("entries.xlsx", views.entry_xlsx, name="entry_xlsx"),
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("unit-times/", views.unit_times, name="unit_times"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/settings/", views.rebound_settings, name="rebound_settings"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
]
