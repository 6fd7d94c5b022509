from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jianfu.accounts"
    label = "accounts"
