from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "jianfu.registry"
    label = "registry"
