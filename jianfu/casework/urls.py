from django.urls import path

from jianfu.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.board, name="board"),
    path("report/", views.report, name="report"),
    path("rates/", views.rates_page, name="rates"),
    path("hotline/", views.hotline_upload, name="hotline"),
    path("t/<str:token>/", views.follow, name="follow"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/do/<str:action>/", views.act, name="act"),
]
