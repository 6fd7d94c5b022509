from django.urls import path

from jianfu.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/retry/", views.import_retry, name="import_retry"),
    path("imports/<int:pk>/outcome.xlsx", views.import_outcome_xlsx, name="import_outcome_xlsx"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/decide/", views.review_decide, name="review_decide"),
]
