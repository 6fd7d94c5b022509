from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "jianfu.inspections"
    label = "inspections"
