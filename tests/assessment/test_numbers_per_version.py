"""The review's periods, set differently in a new framework version: a review of a portfolio
on the new version follows the new period, one on the old version the old."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.forms import AdditionsForm
from assessment.models import Assignment
from assessment.selectors import assessment_deadline
from assessment.services.assignment import assign_assessors
from assessment.services.reminders import send_deadline_reminders
from portal.enums import Role
from tests.factories.portfolios import make_portfolio
from tests.factories.users import UserFactory
from tests.factories.versions import publish_edited_copy


def _periods(**fields):
    def edit(draft):
        type(draft).objects.filter(pk=draft.pk).update(**fields)

    return edit


@pytest.fixture
def new_review(review, seeded_version, office, other_candidate):
    """A second review, of a portfolio on a new version; `make(**periods)` returns it."""

    def make(**periods):
        version = publish_edited_copy(seeded_version, actor=office, edit=_periods(**periods))
        portfolio = make_portfolio(candidate=other_candidate, version=version, state="submitted")
        first, second = (
            UserFactory(email=f"assessor-v2-{n}@example.nl", role=Role.ASSESSOR) for n in (1, 2)
        )
        return assign_assessors(portfolio=portfolio, first=first, second=second, actor=office)

    return make


def _assigned_days_ago(review, days):
    Assignment.objects.filter(review=review).update(
        created_at=timezone.now() - timedelta(days=days)
    )


@pytest.mark.django_db
def test_assessment_days_is_obeyed_per_version(review, new_review):
    newer = new_review(assessment_days=14)
    for one, days in ((review, 28), (newer, 14)):
        assigned = min(a.created_at for a in one.assignments.all())
        assert assessment_deadline(one) - timezone.localdate(assigned) == timedelta(days=days)


@pytest.mark.django_db
def test_reminder_days_is_obeyed_per_version(
    review, new_review, django_capture_on_commit_callbacks
):
    newer = new_review(reminder_days=10)
    for one in (review, newer):
        _assigned_days_ago(one, 20)  # due in 8 days: within 10, not within 5
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(now=timezone.now())
    reminded = sorted(address for message in mail.outbox for address in message.to)
    assert reminded == ["assessor-v2-1@example.nl", "assessor-v2-2@example.nl"]


@pytest.mark.django_db
def test_additions_days_is_obeyed_per_version(review, new_review):
    newer = new_review(additions_days=21)
    today = timezone.localdate()
    for one, days in ((review, 42), (newer, 21)):
        form = AdditionsForm(version=one.portfolio.framework_version)
        assert form.initial["deadline"] == today + timedelta(days=days)


@pytest.mark.django_db
def test_assessors_see_the_stated_diploma_against_the_window(declared, assessor):
    first, _second = declared
    client = Client()
    client.force_login(assessor)
    page = client.get(reverse("assessment:score", args=[first.pk])).content.decode()
    assert 'id="route-checks"' in page
    assert (
        "✓ <strong>A2.4</strong> het diploma moet behaald zijn op of voor 31 december 2012 · "
        "opgegeven: 31 december 2012"
    ) in page
