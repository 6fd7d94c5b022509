from django.apps import AppConfig


class GateConfig(AppConfig):
    name = "jianfu.gate"
    label = "gate"
