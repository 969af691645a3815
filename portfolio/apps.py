from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from portfolio.prepared import register_kinds  # noqa: PLC0415 - apps load first

        register_kinds()
