from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jianfu.core"
    label = "core"

    def ready(self) -> None:
        from jianfu.core import display, i18n_cache

        display.install()
        i18n_cache.install()
