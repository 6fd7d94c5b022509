from django.urls import path

from jianfu.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:what>/", views.register, name="register"),
    path("<slug:what>/<int:pk>/", views.act, name="act"),
]
