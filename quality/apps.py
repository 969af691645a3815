from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Kwaliteit van het beoordelen")

    def ready(self):
        from quality.prepared import register_kinds  # noqa: PLC0415 - apps load first

        register_kinds()
        from quality import signals  # noqa: PLC0415 - imports the models: the registry first

        signals.connect()
