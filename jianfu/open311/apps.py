from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "jianfu.open311"
    label = "open311"
