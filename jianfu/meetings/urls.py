from django.urls import path

from jianfu.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("new/", views.notice_new, name="notice_new"),
    path("check/", views.notice_check, name="notice_check"),
    path("rules/", views.intake_rules, name="rules"),
    path("<int:pk>/", views.notice_detail, name="notice_detail"),
    path("<int:pk>/withdraw/", views.notice_withdraw, name="notice_withdraw"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
]
