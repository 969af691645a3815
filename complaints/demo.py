"""Demo complaints (seed_demo), through `complaints.services` like the office's pages:
one in handling about a valid registration, and one closed as founded that suspended
its job coach. Runs after `register.demo` (the app order); idempotent: a registration
with a complaint gets no other."""

from datetime import timedelta

from django.utils import timezone

from complaints import rules, services
from complaints.enums import ComplaintOutcome
from portal.models import User
from register.models import Registration

IN_HANDLING = "geregistreerd1@demo.registerjobcoach.nl"
SUSPENDED = "geregistreerd4@demo.registerjobcoach.nl"


def _registration(email: str) -> Registration | None:
    return (
        Registration.objects.filter(candidate__email=email, complaints__isnull=True)
        .select_related("candidate")
        .first()
    )


def _record(registration: Registration, office, *, complainant: str, summary: str):
    complaint = services.record_complaint(
        registration=registration,
        complainant=complainant,
        contact="werkgever@voorbeeld.nl",
        received_on=max(timezone.localdate() - timedelta(days=14), registration.starts_on),
        summary=summary,
        actor=office,
    )
    return services.start_handling(complaint=complaint, actor=office)


def seed_demo() -> list[str]:
    office = User.objects.filter(email="bureau@demo.registerjobcoach.nl").first()
    if office is None:
        return []
    lines = []
    if (registration := _registration(IN_HANDLING)) is not None:
        _record(
            registration,
            office,
            complainant="Demo: een werkgever",
            summary="Demo: de jobcoach kwam afspraken over de begeleiding niet na.",
        )
        lines.append(f"klacht in behandeling over {registration.number}")
    if (registration := _registration(SUSPENDED)) is not None:
        complaint = _record(
            registration,
            office,
            complainant="Demo: een werknemer",
            summary="Demo: vertrouwelijke gegevens van een werknemer gedeeld met derden.",
        )
        if rules.is_suspendable(office, registration):
            services.suspend(
                registration=registration,
                reason="Demo: schorsing na een gegronde klacht.",
                until=timezone.localdate() + timedelta(days=90),
                actor=office,
                complaint=complaint,
            )
        services.close_complaint(
            complaint=complaint,
            outcome=ComplaintOutcome.FOUNDED,
            reason="Demo: de jobcoach heeft de gegevens gedeeld; de registratie is geschorst.",
            actor=office,
        )
        lines.append(f"klacht afgehandeld, registratie {registration.number} geschorst")
    return lines
