"""A mail server that is down never blocks a workflow step, and the send is retried
with backoff. Runs on every database (no threads); on_commit callbacks really run
because the tests use real transactions (transaction=True)."""

import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from assessment.enums import ReviewState
from assessment.models import Review
from portal.celery import app
from portal.tasks import send_email
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio, Snapshot
from tests.factories.portfolios import make_portfolio
from tests.reliability.mail_backends import FailingBackend

FAILING = "tests.reliability.mail_backends.FailingBackend"


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = FAILING
    FailingBackend.attempts = 0
    return FailingBackend


@pytest.mark.django_db(transaction=True)
def test_submitting_commits_and_answers_normally_when_mail_fails(
    seeded_version, candidate, candidate_client, failing_mail, caplog
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="complete")
    response = candidate_client.post(
        reverse("portfolio:submit", args=[portfolio.pk]), {"confirm": "yes"}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("portfolio:dashboard", args=[portfolio.pk]),
    )
    portfolio = Portfolio.objects.get(pk=portfolio.pk)
    assert portfolio.state == PortfolioState.SUBMITTED
    assert Snapshot.objects.filter(portfolio=portfolio).count() == 1
    # Two e-mails (office, candidate), each tried once (in eager mode the first retry
    # raises), then logged by the robust on_commit instead of reaching the view. With a
    # broker the retries are scheduled instead (next test).
    assert failing_mail.attempts == 2
    assert mail.outbox == []
    logged = [r for r in caplog.records if r.name == "django.db.backends.base"]
    assert len(logged) == 2
    assert all("SMTPServerDisconnected" in str(r.exc_info[1]) for r in logged)


@pytest.mark.django_db(transaction=True)
def test_office_assignment_commits_when_mail_fails(
    seeded_version, candidate, assessor, second_assessor, office_client, failing_mail
):

    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    failing_mail.attempts = 0
    response = office_client.post(
        reverse("assessment:assign", args=[portfolio.pk]),
        {"first": assessor.pk, "second": second_assessor.pk},
    )
    assert (response.status_code, response["Location"]) == (302, reverse("assessment:queue"))
    review = Review.objects.get(portfolio=portfolio)
    assert review.state == ReviewState.ASSIGNED
    assert failing_mail.attempts == 1


def test_send_email_retries_with_exponential_backoff(settings, monkeypatch):
    """Run as a worker would (each retry re-applied, not raised) and record the countdowns."""
    settings.EMAIL_BACKEND = FAILING
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    FailingBackend.attempts = 0
    countdowns = []
    original = send_email.retry

    def recording_retry(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return original(*args, **kwargs)

    monkeypatch.setattr(send_email, "retry", recording_retry)
    result = send_email.apply(
        kwargs={"subject": "Test", "body": "Tekst", "to": ["a@example.nl"]}, throw=False
    )
    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert result.state == "FAILURE"
    assert FailingBackend.attempts == 9
    assert send_email.max_retries == 8
    # Full jitter: each wait is random up to the exponential ceiling 30·2^n, capped at 600.
    assert len(countdowns) == 9
    ceilings = [30, 60, 120, 240, 480, 600, 600, 600, 600]
    assert all(0 <= c <= ceiling for c, ceiling in zip(countdowns, ceilings, strict=True))
    assert issubclass(smtplib.SMTPException, send_email.autoretry_for)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_unreachable_the_email_is_sent_from_the_web_process(
    seeded_version, candidate, candidate_client, monkeypatch
):
    """A task that cannot be queued (Redis down) used to lose its e-mail."""

    def unreachable(**kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_email, "delay", unreachable)
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="complete")
    response = candidate_client.post(
        reverse("portfolio:submit", args=[portfolio.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 302
    # The office and the candidate are told, as with a broker.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([settings.OFFICE_EMAIL, candidate.email])
