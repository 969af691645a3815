"""Re-encrypt every two-factor secret with the newest key of MFA_ENCRYPTION_KEYS.

Rotation: put the new key first in MFA_ENCRYPTION_KEYS (keep the old one after it),
restart, run this, then remove the old key and restart again. Secrets stored before
encryption are encrypted by it too. Idempotent; one transaction.
"""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.secret_box import reencrypt_authenticators


class Command(BaseCommand):
    help = "Re-encrypt the TOTP keys and recovery seeds with the newest MFA_ENCRYPTION_KEYS key."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = reencrypt_authenticators(Authenticator.objects.select_for_update())
        self.stdout.write(f"{count} authenticators re-encrypted with the newest key.")
