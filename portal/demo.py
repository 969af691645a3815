"""Demo accounts for every role (used by `manage.py seed_demo`; never in production)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from portal.enums import Role
from portal.models import User

DEMO_PASSWORD = "jobcoach-demo-2026"  # noqa: S105 - printed on purpose, demo only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("kandidaat@demo.registerjobcoach.nl", "Kim", "de Vries", Role.CANDIDATE),
    DemoAccount("kandidaat2@demo.registerjobcoach.nl", "Sanne", "Jansen", Role.CANDIDATE),
    DemoAccount("kandidaat3@demo.registerjobcoach.nl", "Youssef", "Amrani", Role.CANDIDATE),
    DemoAccount("kandidaat4@demo.registerjobcoach.nl", "Eva", "Smit", Role.CANDIDATE),
    DemoAccount("assessor@demo.registerjobcoach.nl", "Pieter", "Bakker", Role.ASSESSOR),
    DemoAccount("assessor2@demo.registerjobcoach.nl", "Fatima", "El Amrani", Role.ASSESSOR),
    DemoAccount("bureau@demo.registerjobcoach.nl", "Marieke", "Visser", Role.OFFICE),
]


@transaction.atomic
def ensure_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create (or reset) the demo accounts. Returns (account, created) pairs."""
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "is_staff": account.role == Role.OFFICE,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        result.append((account, created))
    return result
