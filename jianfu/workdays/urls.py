from django.urls import path

from jianfu.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_home, name="calendar"),
    path("<int:year>/", views.year_edit, name="year"),
]
