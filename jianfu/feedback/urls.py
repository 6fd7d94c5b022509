from django.urls import path

from jianfu.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("imports/<int:pk>/", views.import_problems, name="import_problems"),
    path("imports/<int:pk>/problems.xlsx", views.import_problems_xlsx, name="import_problems_xlsx"),
]
