"""Demo portfolios in every candidate-side state (seed_demo).

They are made by the tests' builders (tests/factories), which go through the services,
so demo data obeys the same rules as real data and as the tests' data.
"""

from portal.models import User
from portfolio.models import Portfolio
from profiles.selectors import current_published_version
from tests.factories.portfolios import make_portfolio

# (candidate e-mail, what to make of their portfolio, its description)
DEMO_PORTFOLIOS = [
    ("kandidaat@demo.registerjobcoach.nl", {"state": "partial"}, "concept, deels ingevuld"),
    ("kandidaat2@demo.registerjobcoach.nl", {"state": "complete"}, "compleet, nog niet ingediend"),
    ("kandidaat3@demo.registerjobcoach.nl", {"state": "submitted"}, "ingediend"),
    (
        "kandidaat4@demo.registerjobcoach.nl",
        {"state": "submitted", "a2_number": 1},
        "vrijgestelde route (A2.1), ingediend",
    ),
]


def seed_demo() -> list[str]:
    """Demo portfolios in every candidate-side state (idempotent: skips existing ones)."""
    version = current_published_version()
    if version is None:
        return ["portfolio's: geen gepubliceerd toetsingskader, overgeslagen"]
    lines = []
    for email, kind, description in DEMO_PORTFOLIOS:
        candidate = User.objects.filter(email=email).first()
        if candidate is None or Portfolio.objects.filter(candidate=candidate).exists():
            continue
        make_portfolio(candidate=candidate, version=version, **kind)
        lines.append(f"portfolio van {email}: {description}")
    return lines
