"""Recertification on a framework the office builds (profiles.recertification_demo: the
admin's forms and services): started within its window, scored by one assessor without
an interview, and a grant extends the same registration."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.models import AgreedScore, Review
from assessment.services import assignment as assignment_service
from assessment.services.decision import decide, revise_decision
from assessment.services.transition import ReviewError
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.models import Snapshot
from profiles.selectors import current_published_version
from register import recertification, rules, services
from register.enums import RegistrationStatus
from register.models import Recertification, Registration
from tests.factories.portfolios import fill_portfolio, submit
from tests.factories.registrations import recertification_attempt
from tests.factories.reviews import score_and_submit
from tests.register.conftest import expires_in


def test_the_built_framework_has_the_recertification_shape(recert_version):
    assert recert_version.is_published
    assert recert_version.framework.is_recertification
    assert recert_version.assessor_count == 1
    assert not recert_version.has_interview
    assert recert_version.recertification_window_months == 12
    assert [s.code for s in recert_version.sections.all()] == ["U", "O", "E"]
    # A new candidate still starts on the initial framework.
    assert current_published_version().framework.slug == "register-jobcoach"
    assert recertification.current_version() == recert_version


def test_the_window_opens_12_months_before_the_end(registered, recert_version):
    expires_in(registered, months=14)
    problem = recertification.refusal(registered, recert_version, today=timezone.localdate())
    assert problem.startswith("Je kunt je hercertificering starten vanaf")
    with pytest.raises(recertification.RecertificationRefused):
        recertification.start(candidate=registered.candidate)
    assert not Recertification.objects.exists()
    # A registration of 12 months from today: the window (12 months) opens today.
    until = rules.valid_until(timezone.localdate(), months=12)
    Registration.objects.filter(pk=registered.pk).update(valid_until=until)
    registered.refresh_from_db()
    assert recertification.refusal(registered, recert_version, today=timezone.localdate()) is None
    tomorrow = timezone.localdate() + timedelta(days=1)
    Registration.objects.filter(pk=registered.pk).update(valid_until=until + timedelta(days=1))
    registered.refresh_from_db()
    assert recertification.window_opens_on(registered, recert_version) == tomorrow


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": RegistrationStatus.SUSPENDED}, "geschorst of doorgehaald"),
        ({"status": RegistrationStatus.STRUCK_OFF}, "geschorst of doorgehaald"),
        ({"valid_until_days": -1}, "verlopen"),
    ],
)
def test_start_is_refused_for_a_registration_that_cannot_be_renewed(registered, change, message):
    if "status" in change:
        Registration.objects.filter(pk=registered.pk).update(status=change["status"])
    else:
        until = timezone.localdate() + timedelta(days=change["valid_until_days"])
        Registration.objects.filter(pk=registered.pk).update(valid_until=until)
    with pytest.raises(recertification.RecertificationRefused, match=message):
        recertification.start(candidate=registered.candidate)


def test_without_a_published_recertification_framework_nothing_starts(
    seeded_version, candidate, office
):
    registration = services.register(
        candidate=candidate, version=seeded_version, starts_on=timezone.localdate(), actor=office
    )
    expires_in(registration, months=1)
    with pytest.raises(recertification.RecertificationRefused, match="nog geen toetsingskader"):
        recertification.start(candidate=candidate)


def test_started_once_per_period(registered, recert_version):
    portfolio = recertification.start(candidate=registered.candidate)
    assert portfolio.framework_version == recert_version
    assert portfolio.recertification.period_valid_until == registered.valid_until
    with pytest.raises(recertification.RecertificationRefused, match="al gestart"):
        recertification.start(candidate=registered.candidate)
    assert AuditEntry.objects.filter(action=AuditAction.RECERTIFICATION_STARTED).count() == 1


def test_mine_starts_it_and_the_section_shows_the_previous_development_plan(
    registered, candidate_client
):
    page = candidate_client.get(reverse("register:mine")).content.decode()
    assert "Hercertificering starten" in page
    response = candidate_client.post(reverse("register:recertify"))
    portfolio = registered.candidate.portfolios.get(recertification__isnull=False)
    assert response.url == reverse("portfolio:dashboard", args=[portfolio.pk])
    sealed = Snapshot.objects.get(portfolio=registered.review.portfolio)
    plan = next(
        e["text"] for s in sealed.content["sections"] for e in s["entries"] if e["code"] == "D.3"
    )
    html = candidate_client.get(
        reverse("portfolio:section", args=[portfolio.pk, "O"])
    ).content.decode()
    assert 'data-previous="D.3"' in html
    assert plan.split("\n")[0][:60] in html
    again = candidate_client.post(reverse("register:recertify"), follow=True).content.decode()
    assert "al gestart" in again


def test_one_assessor_no_interview_and_the_grant_extends_the_registration(
    registered,
    assessor,
    second_assessor,
    office,
    assessor_client,
    django_capture_on_commit_callbacks,
):
    coach = registered.candidate
    old_until, number = registered.valid_until, registered.number
    portfolio = recertification.start(candidate=coach)
    fill_portfolio(portfolio)
    submit(portfolio)
    with pytest.raises(ReviewError, match="één assessor"):
        assignment_service.assign_assessors(
            portfolio=portfolio, first=assessor, second=second_assessor, actor=office
        )
    review = assignment_service.assign_assessors(portfolio=portfolio, first=assessor, actor=office)
    assert review.assessor_count == 1
    assert not review.interview_required
    (only,) = review.assignments.all()
    assignment_service.declare_conflict(assignment=only, conflict="", actor=assessor)
    only.refresh_from_db()
    score_and_submit(only)
    review = Review.objects.get(pk=review.pk)
    # The single assessment is the agreed verdict: no comparison, straight to "agreed".
    assert review.state == ReviewState.AGREED
    assert AgreedScore.objects.filter(review=review).count() == 1
    # The assessor's page promises no other assessor's scores.
    page = assessor_client.get(reverse("assessment:score", args=[only.pk])).content.decode()
    assert "Je beoordeling is ingediend op" in page
    assert "De scores van de andere assessor" not in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    registration = Registration.objects.get(candidate=coach)
    assert Registration.objects.count() == 1
    assert registration.number == number
    assert registration.valid_until == rules.valid_until(old_until + timedelta(days=1), months=48)
    assert registration.framework_version == portfolio.framework_version
    history = Recertification.objects.get(portfolio=portfolio)
    assert history.is_renewed
    assert history.period_valid_until == old_until
    assert history.new_valid_until == registration.valid_until
    assert AuditEntry.objects.filter(action=AuditAction.REGISTRATION_RENEWED).count() == 1
    assert any("is verlengd" in m.subject for m in mail.outbox if m.to == [coach.email])
    verify = reverse("register:verify", args=[number])
    from django.test import Client  # noqa: PLC0415 - an anonymous visitor

    html = Client().get(verify).content.decode()
    assert registration.valid_until.strftime("%Y") in html


def test_a_recertification_revoked_on_objection_undoes_the_renewal(
    registered, assessor, office, django_capture_on_commit_callbacks
):
    coach, old_until = registered.candidate, registered.valid_until
    old_version, old_review = registered.framework_version, registered.review
    review = recertification_attempt(registered, assessor, office, decision=Decision.GRANTED)
    registered.refresh_from_db()
    assert registered.valid_until > old_until
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        revise_decision(
            review=review,
            decision=Decision.NOT_GRANTED,
            reason="De commissie acht het ontwikkelplan niet aangetoond.",
            actor=office,
        )
    registration = Registration.objects.get(candidate=coach)
    # Not struck off: the previous period stands, with its version and review.
    assert registration.valid_until == old_until
    assert registration.framework_version == old_version
    assert registration.review == old_review
    # Recomputed from the dates: the old period ends in 3 months.
    assert registration.status == RegistrationStatus.EXPIRING
    history = Recertification.objects.get(portfolio=review.portfolio)
    assert not history.is_renewed
    assert history.new_valid_until is None
    undone = AuditEntry.objects.filter(action=AuditAction.REGISTRATION_RENEWED).latest("pk")
    assert undone.changes["geldig tot en met"]["na"] == old_until.isoformat()
    assert "ingetrokken" in undone.summary
    subjects = [m.subject for m in mail.outbox if m.to == [coach.email]]
    assert any("is ingetrokken" in s for s in subjects)


def test_a_revoked_renewal_keeps_the_office_suspension(
    registered, assessor, office, django_capture_on_commit_callbacks
):
    """The dates go back, the office's suspension stands (only the office lifts it)."""
    old_until = registered.valid_until
    review = recertification_attempt(registered, assessor, office, decision=Decision.GRANTED)
    services.change_status(
        registration=registered, to=RegistrationStatus.SUSPENDED, actor=office, reason="Klacht."
    )
    with django_capture_on_commit_callbacks(execute=True):
        revise_decision(
            review=review, decision=Decision.NOT_GRANTED, reason="Niet aangetoond.", actor=office
        )
    registered.refresh_from_db()
    assert registered.valid_until == old_until
    assert registered.status == RegistrationStatus.SUSPENDED


def test_the_previous_answer_costs_two_queries_once_per_page(registered, candidate_client):
    from django.db import connection  # noqa: PLC0415 - only this test counts
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 - as above

    portfolio = recertification.start(candidate=registered.candidate)
    counts = {}
    for code in ("E", "O"):
        url = reverse("portfolio:section", args=[portfolio.pk, code])
        candidate_client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            assert candidate_client.get(url).status_code == 200
        counts[code] = len(queries)
    # Section O shows D.3 of the sealed snapshot: the recertification's link, the snapshot.
    assert counts["O"] == counts["E"] + 2
