from django.apps import AppConfig


class FillsConfig(AppConfig):
    name = "jianfu.fills"
    label = "fills"
