"""Attempts at recertifying one period: after "not granted" the job coach may try again
while the registration is within the window and not expired (to the local day); never
while an attempt is open, while an objection against the closed one is pending, or once
one was granted. The database holds it too: per period at most one attempt is open or
granted (`one_open_or_granted_recertification_per_period`)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision
from assessment.services.decision import decide, revise_decision
from assessment.services.transition import ReviewError
from objections import services as objection_services
from portal.dates import start_of_day
from register import recertification
from register.models import Recertification, Registration
from tests.factories.registrations import recertification_attempt


def _refusal(registration):
    registration.refresh_from_db()
    return recertification.refusal(
        registration, recertification.current_version(), today=timezone.localdate()
    )


def test_after_not_granted_a_second_attempt_starts_and_its_grant_renews(
    registered, assessor, office
):
    old_until = registered.valid_until
    first = recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    closed = Recertification.objects.get(portfolio=first.portfolio)
    assert closed.is_closed
    assert not closed.is_renewed
    assert _refusal(registered) is None

    second = recertification_attempt(registered, assessor, office)
    attempts = Recertification.objects.filter(registration=registered)
    assert [a.period_valid_until for a in attempts] == [old_until, old_until]
    assert [a.is_closed for a in attempts.order_by("pk")] == [True, False]
    decide(review=second, decision=Decision.GRANTED, reason="", actor=office)
    registered.refresh_from_db()
    assert registered.valid_until > old_until
    renewed = Recertification.objects.get(portfolio=second.portfolio)
    assert renewed.is_renewed
    assert renewed.period_valid_until == old_until
    # The closed attempt stays in the history as it was.
    assert Recertification.objects.get(portfolio=first.portfolio).is_closed


def test_mine_says_not_granted_and_offers_a_new_attempt(
    registered, assessor, office, candidate_client
):
    recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    page = candidate_client.get(reverse("register:mine")).content.decode()
    assert "is niet toegekend" in page
    assert "Hercertificering starten" in page
    response = candidate_client.post(reverse("register:recertify"))
    assert response.status_code == 302
    assert Recertification.objects.filter(registration=registered).count() == 2
    page = candidate_client.get(reverse("register:mine")).content.decode()
    assert "is gestart" in page
    assert "Hercertificering starten" not in page


def test_refused_while_an_attempt_is_open(registered, assessor, office):
    review = recertification_attempt(registered, assessor, office)  # assessed, not decided
    assert _refusal(registered) == "Je hebt je hercertificering voor deze periode al gestart."
    with pytest.raises(recertification.RecertificationRefused, match="al gestart"):
        recertification.start(candidate=registered.candidate)
    assert Recertification.objects.filter(registration=registered).count() == 1
    # Not even past the service: the database refuses a second open attempt.
    with pytest.raises(IntegrityError), transaction.atomic():
        Recertification.objects.create(
            registration=registered,
            portfolio=_other_portfolio(registered),
            period_valid_until=registered.valid_until,
        )
    assert review.portfolio.recertification.closed_at is None


def _other_portfolio(registration):
    from portfolio.models import Portfolio  # noqa: PLC0415 - only this helper makes one

    return Portfolio.objects.create(
        candidate=registration.candidate,
        framework_version=recertification.current_version(),
        state="closed",
    )


def test_refused_after_granted(registered, assessor, office):
    old_until = registered.valid_until
    review = recertification_attempt(registered, assessor, office, decision=Decision.GRANTED)
    registered.refresh_from_db()
    # The new period's window opens 12 months before its end: years from now.
    assert _refusal(registered).startswith("Je kunt je hercertificering starten vanaf")
    # The granted attempt ends its period: were the registration back on that period,
    # it still refuses (the predicate), and the database holds no second attempt for it.
    granted = Recertification.objects.get(portfolio=review.portfolio)
    assert recertification.attempt_renewed_the_period(granted)
    Registration.objects.filter(pk=registered.pk).update(valid_until=old_until)
    assert _refusal(registered) == "Je registratie is voor deze periode al verlengd."
    with pytest.raises(IntegrityError), transaction.atomic():
        Recertification.objects.create(
            registration=registered,
            portfolio=_other_portfolio(registered),
            period_valid_until=old_until,
        )


def test_a_new_attempt_after_not_granted_until_the_last_local_day(registered, assessor, office):
    """On a frozen clock: the last day of the registration (23:59:59 local time) still
    starts a new attempt; from 00:00 on the day after, it is expired."""
    recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    last_day = registered.valid_until
    with time_machine.travel(start_of_day(last_day + timedelta(days=1)), tick=False):
        assert timezone.localdate() == last_day + timedelta(days=1)
        with pytest.raises(recertification.RecertificationRefused, match="verlopen"):
            recertification.start(candidate=registered.candidate)
    with time_machine.travel(
        start_of_day(last_day + timedelta(days=1)) - timedelta(seconds=1), tick=False
    ):
        assert timezone.localdate() == last_day
        portfolio = recertification.start(candidate=registered.candidate)
    assert portfolio.recertification.period_valid_until == last_day


def test_a_pending_objection_against_not_granted_refuses_a_new_attempt(
    registered, assessor, office
):
    first = recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    objection = objection_services.lodge_objection(
        review=first, reasons="De uren staan in de bijlage.", actor=registered.candidate
    )
    assert "nog in behandeling" in _refusal(registered)
    with pytest.raises(recertification.RecertificationRefused, match="nog in behandeling"):
        recertification.start(candidate=registered.candidate)
    # Rejected: the decision stands, and a new attempt may start.
    objection.state = "rejected"
    objection.save(update_fields=["state"])
    assert _refusal(registered) is None


def test_no_objection_once_a_new_attempt_started(registered, assessor, office, candidate_client):
    first = recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    recertification.start(candidate=registered.candidate)
    with pytest.raises(objection_services.ObjectionError, match="opnieuw aan je hercertificering"):
        objection_services.lodge_objection(
            review=first, reasons="De uren staan in de bijlage.", actor=registered.candidate
        )
    page = candidate_client.get(reverse("objections:mine")).content.decode()
    assert reverse("objections:lodge", args=[first.pk]) not in page


def test_a_grant_on_objection_does_not_renew_a_period_tried_again(registered, assessor, office):
    """Fail closed: were the old "not granted" revised to a grant while a newer attempt
    for the period runs, the revision is refused (never two renewals of one period)."""
    first = recertification_attempt(registered, assessor, office, decision=Decision.NOT_GRANTED)
    recertification.start(candidate=registered.candidate)
    with pytest.raises(ReviewError, match="nieuwe hercertificering"):
        revise_decision(review=first, decision=Decision.GRANTED, reason="Gegrond.", actor=office)
    assert Recertification.objects.get(portfolio=first.portfolio).is_closed


def test_a_grant_revised_to_not_granted_lets_the_coach_try_again(registered, assessor, office):
    old_until = registered.valid_until
    review = recertification_attempt(registered, assessor, office, decision=Decision.GRANTED)
    revise_decision(
        review=review, decision=Decision.NOT_GRANTED, reason="Niet aangetoond.", actor=office
    )
    registered.refresh_from_db()
    assert registered.valid_until == old_until
    attempt = Recertification.objects.get(portfolio=review.portfolio)
    assert attempt.is_closed
    assert not attempt.is_renewed
    assert _refusal(registered) is None


def test_the_office_sees_no_route_line_where_the_framework_has_no_routes(
    registered, assessor, office, office_client
):
    # The initial certification chose routes; its recertification framework has none.
    initial = registered.review.portfolio
    review = recertification_attempt(registered, assessor, office)
    pages = {
        "initial": office_client.get(reverse("assessment:dossier", args=[initial.pk])),
        "assign": office_client.get(reverse("assessment:assign", args=[review.portfolio_id])),
        "dossier": office_client.get(reverse("assessment:dossier", args=[review.portfolio_id])),
    }
    html = {name: page.content.decode() for name, page in pages.items()}
    assert f"Route: {initial.basic_route.code}" in html["initial"]
    for name in ("assign", "dossier"):
        assert pages[name].status_code == 200
        assert "Route:" not in html[name], name
