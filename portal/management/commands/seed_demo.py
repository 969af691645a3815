from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import DEMO_PASSWORD, ensure_demo_accounts


class Command(BaseCommand):
    help = "Maakt demo-accounts voor elke rol aan (idempotent) en toont de inloggegevens."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo draait niet in productie (PORTAL_MODE=production).")
        accounts = ensure_demo_accounts()
        self.stdout.write("")
        self.stdout.write(f"Portaal: {settings.SITE_URL}/   Beheer: {settings.SITE_URL}/beheer/")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for account, created in accounts:
            state = "nieuw" if created else "bijgewerkt"
            self.stdout.write(
                f"  {account.role:<10} {account.email:<40} "
                f"{account.first_name} {account.last_name} ({state})"
            )
