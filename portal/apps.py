from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self):
        # Signal receivers are connected once the app registry is ready: portal.mfa
        # imports allauth's models, which cannot be imported while apps load.
        from portal import checks  # noqa: F401, PLC0415 - registers the deploy checks
        from portal.mfa import remember_mfa_state  # noqa: PLC0415 - models load first

        user_logged_in.connect(remember_mfa_state, dispatch_uid="portal.mfa_state")
