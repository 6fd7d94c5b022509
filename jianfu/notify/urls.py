from django.urls import path

from jianfu.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("deliveries/<int:pk>/retry/", views.retry, name="retry"),
]
