from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from portal.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    demo_recovery_codes,
    ensure_demo_accounts,
)
from portal.enums import Role


def seed_apps() -> list[str]:
    """Each app may add demo data of its own in `<app>/demo.py: seed_demo()`; the portal
    layer knows nothing of what they contain."""
    report = []
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.demo")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "seed_demo"):
            report.extend(module.seed_demo())
    return report


class Command(BaseCommand):
    help = "Maakt demo-accounts en demodata voor elke rol aan (idempotent) en toont de logins."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo draait niet in productie (PORTAL_MODE=production).")
        accounts = ensure_demo_accounts()
        # Demo data sends no e-mail (the console would fill up with notifications).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            report = seed_apps()
        self.stdout.write("")
        self.stdout.write(f"Portaal: {settings.SITE_URL}/   Beheer: {settings.SITE_URL}/beheer/")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for account, created in accounts:
            state = "nieuw" if created else "bijgewerkt"
            self.stdout.write(
                f"  {Role(account.role).label:<10} {account.email:<40} "
                f"{account.first_name} {account.last_name} ({state})"
            )
        for line in report:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            "  (kandidaat5–9@demo.registerjobcoach.nl: portfolio's in elke fase van de "
            "beoordeling, zelfde wachtwoord)"
        )
        self.stdout.write("")
        self.stdout.write(
            "Assessoren en bureau loggen in met tweestapsverificatie. De code na het wachtwoord:"
        )
        self.stdout.write("  - `.venv/bin/python manage.py demo_totp` toont de huidige codes, of")
        self.stdout.write(
            f"  - zet sleutel {DEMO_TOTP_SECRET} in een authenticator-app (TOTP, 6 cijfers, "
            "30 s), of"
        )
        self.stdout.write(
            "  - gebruik een herstelcode (elk één keer per account; seed_demo zet ze terug): "
            + " ".join(demo_recovery_codes()[:5])
        )
