"""Demo registrations in every status (seed_demo), through the same services as a grant.

The granted demo reviews of `assessment.demo` have registered their candidates already;
these are job coaches registered earlier, so every status shows in the public register.
"""

from datetime import timedelta

from django.utils import timezone

from portal.demo import demo_candidate
from portal.models import User
from profiles.selectors import current_published_version
from register import rules, services
from register.enums import RegistrationStatus
from register.models import Registration
from register.selectors import policies
from register.tasks import make_certificate

# (e-mail, first name, last name, place, started this many months ago, office status)
DEMO_REGISTRATIONS = (
    ("geregistreerd1@demo.registerjobcoach.nl", "Anouk", "Smit", "Utrecht", 6, ""),
    ("geregistreerd2@demo.registerjobcoach.nl", "Bram", "de Boer", "Zwolle", 44, ""),
    ("geregistreerd3@demo.registerjobcoach.nl", "Chantal", "Peters", "Breda", 50, ""),
    (
        "geregistreerd4@demo.registerjobcoach.nl",
        "Dennis",
        "Hendriks",
        "Groningen",
        12,
        # Suspended by `complaints.demo`, after a complaint (through its services).
        "",
    ),
    (
        "geregistreerd5@demo.registerjobcoach.nl",
        "Esra",
        "Yilmaz",
        "Rotterdam",
        20,
        RegistrationStatus.STRUCK_OFF,
    ),
)
OFFICE_REASON = "Demo: besluit van het bureau na een klacht."


def seed_demo() -> list[str]:
    """Registrations valid, expiring, expired, suspended and struck off (idempotent)."""
    version = current_published_version()
    office = User.objects.filter(email="bureau@demo.registerjobcoach.nl").first()
    if not (version and office):
        return ["register: demo-accounts of kader ontbreken, overgeslagen"]
    today = timezone.localdate()
    known = policies()
    lines = []
    for email, first, last, place, months_ago, office_status in DEMO_REGISTRATIONS:
        coach = demo_candidate(email, first, last)
        if hasattr(coach, "registration"):
            continue
        starts_on = rules.add_months(today, -months_ago) + timedelta(days=3)
        registration = services.register(
            candidate=coach, version=version, starts_on=starts_on, actor=office
        )
        services.set_publication(
            registration=registration, actor=coach, place=place, show_place=True
        )
        services.follow_calendar(registration=registration, today=today, known=known)
        if office_status:
            services.change_status(
                registration=registration, to=office_status, actor=office, reason=OFFICE_REASON
            )
        registration.refresh_from_db()
        lines.append(
            f"registratie {registration.number} ({email}): {registration.get_status_display()}"
        )
    return [*lines, *_certificates()]


def _certificates() -> list[str]:
    """Every demo registration gets its certificate now (the task run eagerly, also
    when a broker is configured: the demo shows them at once)."""
    made = 0
    for registration_id in Registration.objects.values_list("pk", flat=True):
        made += bool(make_certificate.apply(kwargs={"registration_id": registration_id}).get())
    return [f"register: {made} certificaten gemaakt"] if made else []
