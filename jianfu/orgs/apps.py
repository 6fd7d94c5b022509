from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jianfu.orgs"
    label = "orgs"
