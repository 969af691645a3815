"""A granted decision registers the candidate, in the decision's own transaction."""

from django.core import mail
from django.utils import timezone

from assessment import services as review_services
from assessment.demo import agree_all, hold_interview
from assessment.enums import Decision
from portfolio import services as portfolio_services
from portfolio.demo import fill_portfolio
from register.enums import RegistrationStatus
from register.models import Registration


def _review_ready_for_decision(candidate, version, assessor, second_assessor, office):
    portfolio = portfolio_services.start_portfolio(candidate=candidate, version=version)
    fill_portfolio(portfolio)
    portfolio_services.submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    review = review_services.assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    first = review.assignments.get(assessor=assessor)
    second = review.assignments.get(assessor=second_assessor)
    review_services.declare_conflict(assignment=first, conflict="", actor=assessor)
    review_services.declare_conflict(assignment=second, conflict="", actor=second_assessor)
    first.refresh_from_db()
    second.refresh_from_db()
    review = agree_all(first, second, overrides={"C3.2": "toelichten"})
    return hold_interview(review, office, assessor)


def test_a_grant_registers_the_candidate(
    seeded_version,
    candidate,
    assessor,
    second_assessor,
    office,
    django_capture_on_commit_callbacks,
):
    review = _review_ready_for_decision(
        candidate, seeded_version, assessor, second_assessor, office
    )
    assert not Registration.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_services.decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    registration = Registration.objects.get()
    year = timezone.localdate().year
    assert registration.candidate == candidate
    assert registration.review == review
    assert registration.framework_version == seeded_version
    assert registration.number == f"RJC-{year}-00001"
    assert registration.starts_on == timezone.localdate(review.decided_at)
    assert registration.status == RegistrationStatus.VALID
    subjects = [m.subject for m in mail.outbox if m.to == [candidate.email]]
    assert "Je bent ingeschreven in het Register Jobcoach" in subjects
