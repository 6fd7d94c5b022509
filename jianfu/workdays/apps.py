from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "jianfu.workdays"
    label = "workdays"
