from django.urls import path

from jianfu.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_new, name="new"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/status", views.activity_status, name="status"),
    path("<int:pk>/signups", views.signup_add, name="signup_add"),
    path("<int:pk>/signups/<int:signup>", views.attendance, name="attendance"),
    path("<int:pk>/summary.docx", views.summary_docx, name="summary_docx"),
    path("<int:pk>/<str:kind>.pdf", views.document, name="document"),
    path("s/<str:token>/", views.public, name="public"),
    path("s/<str:token>/qr.svg", views.public_qr, name="public_qr"),
]
