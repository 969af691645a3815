from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Toetsingskader en profielen")

    def ready(self):
        from profiles import signals  # noqa: PLC0415 - models are loaded only now

        signals.connect()
