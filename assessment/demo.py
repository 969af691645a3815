"""Demo reviews in every state (seed_demo), and scoring helpers shared with the tests.

Everything goes through the services, so demo data obeys the workflow's rules.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from assessment import services
from assessment.enums import Decision, ReviewState
from assessment.models import Interview, Review
from assessment.selectors import review_items
from profiles.serialization import framework_version_queryset


def score_all(assignment, actor, *, option_code="aangetoond", overrides=None):
    """Fill every score of an assignment; `overrides` maps criterion code → option code."""
    review = assignment.review
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    options = {o.code: o for o in version.score_options.all()}
    items = review_items(review, version)
    for _route, condition in items.formal_conditions:
        services.save_score(
            assignment=assignment,
            target=condition,
            met=True,
            motivation="Aangetoond met het geüploade document.",
            actor=actor,
        )
    for declaration in items.formal_declarations:
        services.save_score(assignment=assignment, target=declaration, met=True, actor=actor)
    for criterion in items.criteria:
        code = (overrides or {}).get(criterion.code, option_code)
        services.save_score(
            assignment=assignment,
            target=criterion,
            option=options[code],
            motivation=f"Motivering bij {criterion.code}: de kandidaat laat met een concreet "
            "voorbeeld uit de casus zien hoe de indicatoren in het handelen terugkomen.",
            interview_question="Kun je een voorbeeld geven?" if code == "toelichten" else "",
            actor=actor,
        )
    return items


def agree_all(first, second, *, overrides=None):
    """Both assessors score alike and submit; they record the joint verdict."""
    items = score_all(first, first.assessor, overrides=overrides)
    services.submit_assessment(assignment=first, actor=first.assessor)
    score_all(second, second.assessor, overrides=overrides)
    services.submit_assessment(assignment=second, actor=second.assessor)
    review = Review.objects.get(pk=first.review_id)
    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    verdicts = {
        c.pk: (options[(overrides or {}).get(c.code, "aangetoond")], "") for c in items.criteria
    }
    services.record_agreement(
        review=review,
        verdicts=verdicts,
        questions="C3.2 Inlevingsvermogen: kun je een voorbeeld geven?",
        actor=first.assessor,
    )
    review.refresh_from_db()
    return review


def let_interview_day_come(review) -> None:
    """Demo and test data: the planned interview's day has come (recording it is refused
    before that day), as if the data were made in the days it spans."""
    Interview.objects.filter(review=review).update(scheduled_at=timezone.now())


def hold_interview(review, office, assessor, *, final_code="aangetoond"):
    """The office plans the toetsgesprek and `assessor` records it, with `final_code`
    as the final score of every criterion referred to it."""
    services.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=10),
        location="Utrecht, kantoor Register Jobcoach",
        video_link="",
        actor=office,
    )
    let_interview_day_come(review)
    review.refresh_from_db()
    final = review.portfolio.framework_version.score_options.get(code=final_code)
    services.record_interview(
        review=review,
        notes="De kandidaat gaf overtuigende voorbeelden bij de open vragen.",
        final_scores={
            agreed.criterion_id: final
            for agreed in review.agreed_scores.filter(
                round=review.round, option__refers_to_interview=True
            )
        },
        actor=assessor,
    )
    review.refresh_from_db()
    return review


DEMO_REVIEWS = [
    ("kandidaat5@demo.registerjobcoach.nl", "Lotte", "Mulder", ReviewState.ASSIGNED),
    ("kandidaat6@demo.registerjobcoach.nl", "Daan", "Bos", ReviewState.IN_ASSESSMENT),
    ("kandidaat7@demo.registerjobcoach.nl", "Fenna", "de Boer", ReviewState.ASSESSED),
    ("kandidaat8@demo.registerjobcoach.nl", "Ahmed", "Yilmaz", ReviewState.INTERVIEW_PLANNED),
    ("kandidaat9@demo.registerjobcoach.nl", "Iris", "Peters", ReviewState.DECIDED),
]


def _advance(portfolio, target, assessor, second_assessor, office):
    review = services.assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    if target == ReviewState.ASSIGNED:
        return
    first = review.assignments.get(assessor=assessor)
    second = review.assignments.get(assessor=second_assessor)
    services.declare_conflict(assignment=first, conflict="", actor=assessor)
    services.declare_conflict(assignment=second, conflict="", actor=second_assessor)
    first.refresh_from_db()
    second.refresh_from_db()
    if target == ReviewState.IN_ASSESSMENT:
        score_all(first, assessor)
        services.submit_assessment(assignment=first, actor=assessor)
        return
    if target == ReviewState.ASSESSED:
        score_all(first, assessor)
        services.submit_assessment(assignment=first, actor=assessor)
        score_all(second, second_assessor, overrides={"C3.2": "toelichten"})
        services.submit_assessment(assignment=second, actor=second_assessor)
        return
    review = agree_all(first, second, overrides={"C3.2": "toelichten"})
    services.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=10),
        location="Utrecht, kantoor Register Jobcoach",
        video_link="",
        actor=office,
    )
    if target == ReviewState.INTERVIEW_PLANNED:
        return
    let_interview_day_come(review)
    review.refresh_from_db()
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    met = review.portfolio.framework_version.score_options.get(code="aangetoond")
    services.record_interview(
        review=review,
        notes="C3.2: de kandidaat gaf een overtuigend voorbeeld van afstemming op de cliënt.",
        final_scores={c32.criterion_id: met},
        actor=assessor,
    )
    services.decide(review=review, decision=Decision.GRANTED, reason="", actor=office)


def seed_demo() -> list[str]:
    """Demo candidates with reviews in every state (idempotent)."""
    from portal.demo import DEMO_PASSWORD  # noqa: PLC0415
    from portal.enums import Role  # noqa: PLC0415
    from portal.models import User  # noqa: PLC0415
    from portfolio.demo import fill_portfolio  # noqa: PLC0415
    from portfolio.models import Portfolio  # noqa: PLC0415
    from portfolio.services import start_portfolio, submit_portfolio  # noqa: PLC0415
    from profiles.selectors import current_published_version  # noqa: PLC0415

    version = current_published_version()
    assessor = User.objects.filter(email="assessor@demo.registerjobcoach.nl").first()
    second = User.objects.filter(email="assessor2@demo.registerjobcoach.nl").first()
    office = User.objects.filter(email="bureau@demo.registerjobcoach.nl").first()
    if not (version and assessor and second and office):
        return ["beoordelingen: demo-accounts of kader ontbreken, overgeslagen"]
    lines = []
    for email, first_name, last_name, state in DEMO_REVIEWS:
        candidate, _created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first_name, "last_name": last_name, "role": Role.CANDIDATE},
        )
        if _created:
            candidate.set_password(DEMO_PASSWORD)
            candidate.save(update_fields=["password"])
            EmailAddress.objects.create(user=candidate, email=email, verified=True, primary=True)
        if Portfolio.objects.filter(candidate=candidate).exists():
            continue
        portfolio = start_portfolio(candidate=candidate, version=version)
        fill_portfolio(portfolio)
        submit_portfolio(portfolio=portfolio, actor=candidate)
        portfolio.refresh_from_db()
        _advance(portfolio, state, assessor, second, office)
        lines.append(f"beoordeling van {email}: {ReviewState(state).label}")
    return lines
