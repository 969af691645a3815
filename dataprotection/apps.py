from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataprotectionConfig(AppConfig):
    name = "dataprotection"
    verbose_name = _("Gegevensbescherming")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dataprotection.prepared import register_kinds  # noqa: PLC0415 - apps load first

        register_kinds()
