from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "jianfu.sharing"
    label = "sharing"
