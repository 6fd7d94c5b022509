from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "jianfu.catalog"
    label = "catalog"
