from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from portal.mfa import remember_mfa_state  # noqa: PLC0415

        user_logged_in.connect(remember_mfa_state, dispatch_uid="portal.mfa_state")
