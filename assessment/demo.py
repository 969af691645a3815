"""Demo reviews in every state (seed_demo).

They are made by the tests' builders (tests/factories), which go through the services,
so demo data obeys the workflow's rules, as the tests' data does.
"""

from assessment.enums import ReviewState
from portal.demo import demo_candidate
from portal.models import User
from portfolio.models import Portfolio
from profiles.selectors import current_published_version
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review

DEMO_REVIEWS = [
    ("kandidaat5@demo.registerjobcoach.nl", "Lotte", "Mulder", ReviewState.ASSIGNED),
    ("kandidaat6@demo.registerjobcoach.nl", "Daan", "Bos", ReviewState.IN_ASSESSMENT),
    ("kandidaat7@demo.registerjobcoach.nl", "Fenna", "de Boer", ReviewState.ASSESSED),
    ("kandidaat8@demo.registerjobcoach.nl", "Ahmed", "Yilmaz", ReviewState.INTERVIEW_PLANNED),
    ("kandidaat9@demo.registerjobcoach.nl", "Iris", "Peters", ReviewState.DECIDED),
]


def seed_demo() -> list[str]:
    """Demo candidates with reviews in every state (idempotent)."""
    version = current_published_version()
    assessor = User.objects.filter(email="assessor@demo.registerjobcoach.nl").first()
    second = User.objects.filter(email="assessor2@demo.registerjobcoach.nl").first()
    office = User.objects.filter(email="bureau@demo.registerjobcoach.nl").first()
    if not (version and assessor and second and office):
        return ["beoordelingen: demo-accounts of kader ontbreken, overgeslagen"]
    lines = []
    for email, first_name, last_name, state in DEMO_REVIEWS:
        candidate = demo_candidate(email, first_name, last_name)
        if Portfolio.objects.filter(candidate=candidate).exists():
            continue
        portfolio = make_portfolio(candidate=candidate, version=version, state="submitted")
        make_review(
            portfolio=portfolio,
            assessor=assessor,
            second_assessor=second,
            office=office,
            state=state,
        )
        lines.append(f"beoordeling van {email}: {ReviewState(state).label}")
    return lines
