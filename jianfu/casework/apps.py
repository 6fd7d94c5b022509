from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "jianfu.casework"
    label = "casework"
