"""Demo data: one objection in progress (seed_demo; idempotent)."""

from assessment.enums import ReviewState
from assessment.models import Review
from objections import services
from objections.rules import has_no_objection

DEMO_CANDIDATE = "kandidaat9@demo.registerjobcoach.nl"  # decided in assessment.demo
DEMO_MEMBER = "bezwaar@demo.registerjobcoach.nl"  # portal.demo.DEMO_ACCOUNTS
DEMO_OFFICE = "bureau@demo.registerjobcoach.nl"
DEMO_REASONS = (
    "De assessoren hebben mijn casusbeschrijving bij taak 3 niet goed gelezen: de "
    "afstemming met de werkgever staat op bladzijde 4. Ik vraag het besluit te herzien."
)


def seed_demo() -> list[str]:
    """The decided demo review gets an objection, assigned to the committee member, who
    declared no conflict: "in behandeling"."""
    from portal.models import User  # noqa: PLC0415 - like assessment.demo: seed only

    review = (
        Review.objects.filter(portfolio__candidate__email=DEMO_CANDIDATE, state=ReviewState.DECIDED)
        .select_related("portfolio__candidate")
        .first()
    )
    member = User.objects.filter(email=DEMO_MEMBER).first()
    office = User.objects.filter(email=DEMO_OFFICE).first()
    if review is None or member is None or office is None:
        return ["bezwaar: demo-beoordeling of -accounts ontbreken, overgeslagen"]
    if not has_no_objection(None, review):
        return []
    objection = services.lodge_objection(
        review=review, reasons=DEMO_REASONS, actor=review.portfolio.candidate
    )
    objection = services.assign_member(objection=objection, member=member, actor=office)
    objection = services.declare(objection=objection, conflict="", actor=member)
    return [f"bezwaar van {DEMO_CANDIDATE}: {objection.get_state_display()}"]
