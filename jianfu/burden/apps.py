from django.apps import AppConfig


class BurdenConfig(AppConfig):
    name = "jianfu.burden"
    label = "burden"
