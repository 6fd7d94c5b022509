from django.urls import path

from jianfu.sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/approve/", views.request_approve, name="request_approve"),
    path("requests/<int:pk>/reject/", views.request_reject, name="request_reject"),
    path("requests/<int:pk>/file/", views.request_file, name="request_file"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/revoke/", views.agreement_revoke, name="agreement_revoke"),
]
