from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        # Not at the top: portfolio.prepared imports the models (through the selectors),
        # and apps.py is imported before the app registry can load any model.
        from portfolio.prepared import register_kinds  # noqa: PLC0415 (app registry)

        register_kinds()
