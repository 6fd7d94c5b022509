from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "jianfu.activities"
    label = "activities"
