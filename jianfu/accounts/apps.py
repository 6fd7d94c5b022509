from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jianfu.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from jianfu.accounts.receivers import audit_failed_signin

        # connected after axes' own receiver ("axes" is listed before us in INSTALLED_APPS), so the
        # audit row can say whether this failure locked the account or address
        user_login_failed.connect(audit_failed_signin, dispatch_uid="jianfu.accounts.audit_failed_signin")
