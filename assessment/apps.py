from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Beoordeling")

    def ready(self):
        # Not at the top: signals imports the models, which cannot be imported before the
        # app registry has loaded every app (Django's documented place is ready()).
        from assessment import signals  # noqa: PLC0415

        signals.connect()
