from django.urls import path

from jianfu.gate import views

app_name = "gate"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("new/", views.task_submit, name="task_submit"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/decide/", views.task_decide, name="task_decide"),
    path("<int:pk>/withdraw/", views.task_withdraw, name="task_withdraw"),
    path("<int:pk>/refuse/", views.task_refuse, name="task_refuse"),
    path("<int:pk>/comment/", views.task_comment, name="task_comment"),
    path("<int:pk>/rate/", views.task_rate, name="task_rate"),
]
