from django.apps import AppConfig
from django.utils.translation import gettext_lazy

# The empty option of every select (docs/style-zh.md): not Django's "- Select an option -" / "---------".
BLANK_LABEL = gettext_lazy("请选择")


def blank_choice() -> tuple[str, str]:
    """The empty choice for a hand-built choices list: `[blank_choice(), *Kind.choices]`."""
    return ("", BLANK_LABEL)  # type: ignore[return-value]  # lazy, rendered in the active language


class CoreConfig(AppConfig):
    name = "jianfu.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models import fields

        from jianfu.core import display, i18n_cache, labels, url_cache

        display.install()
        labels.install()
        i18n_cache.install()
        url_cache.install()
        # Django 6.1: the blank choice of model-field and ModelChoiceField selects; apps set it in ready().
        fields.BLANK_CHOICE_LABEL = BLANK_LABEL
