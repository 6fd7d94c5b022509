from django.apps import AppConfig


class DigitalConfig(AppConfig):
    name = "jianfu.digital"
    verbose_name = "指尖减负"
