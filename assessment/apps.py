from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Beoordeling")

    def ready(self):
        from assessment import signals  # noqa: PLC0415

        signals.connect()
