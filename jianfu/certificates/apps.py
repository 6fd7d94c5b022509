from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "jianfu.certificates"
    label = "certificates"
