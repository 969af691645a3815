from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import demo_totp_codes, is_demo_email


class Command(BaseCommand):
    help = (
        "Toont de huidige inlogcodes (tweestapsverificatie) van de demo-accounts. "
        "Alleen voor demo-adressen, nooit in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="alleen dit demo-account")

    def handle(self, *args, email=None, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_totp draait niet in productie (PORTAL_MODE=production).")
        if email and not is_demo_email(email):
            raise CommandError(f"{email} is geen demo-account; codes alleen voor demo-adressen.")
        rows = [row for row in demo_totp_codes() if not email or row[0] == email.lower()]
        if not rows:
            raise CommandError("Geen demo-account met een authenticator-app (draai seed_demo).")
        for address, code, left in rows:
            self.stdout.write(f"{address:<40} {code}   (nog {left} s geldig)")
