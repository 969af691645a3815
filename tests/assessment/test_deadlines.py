from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assignment, ReviewEvent
from assessment.selectors import assessment_deadline, office_dashboard
from assessment.services import send_deadline_reminders, submit_assessment
from tests.assessment.helpers import score_everything


def _age_assignments(review, days):
    Assignment.objects.filter(review=review).update(
        created_at=timezone.now() - timedelta(days=days)
    )


@pytest.mark.django_db(transaction=True)
def test_reminders_go_to_assessors_who_have_not_submitted_once_a_day(
    declared, assessor, second_assessor
):
    first, _second = declared
    review = first.review
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    mail.outbox.clear()
    assert send_deadline_reminders(now=timezone.now()) == 0  # not due yet (28 days)
    _age_assignments(review, 24)  # due in 4 days; the framework reminds 5 days ahead
    assert send_deadline_reminders(now=timezone.now()) == 1
    assert [m.to for m in mail.outbox] == [[second_assessor.email]]
    assert "Herinnering" in mail.outbox[0].subject
    assert send_deadline_reminders(now=timezone.now()) == 0  # once a day
    assert ReviewEvent.objects.filter(review=review, note__startswith="Herinnering").count() == 1


@pytest.mark.django_db
def test_the_office_dashboard_counts_states_and_flags_overdue(declared, office_client):
    first, _second = declared
    review = first.review
    deadline = assessment_deadline(review)
    version = review.portfolio.framework_version
    assert (deadline - min(a.created_at for a in review.assignments.all())).days == (
        version.assessment_days
    )
    assert office_dashboard(timezone.now())["overdue"] == []
    _age_assignments(review, version.assessment_days + 2)
    dashboard = office_dashboard(timezone.now())
    assert [item["review"].pk for item in dashboard["overdue"]] == [review.pk]
    counts = {row["state"]: row["count"] for row in dashboard["rows"]}
    assert counts["Assessoren toegewezen"] == 1
    html = office_client.get(reverse("assessment:queue")).content.decode()
    assert 'id="overdue"' in html
    assert review.portfolio.candidate.get_full_name() in html


@pytest.mark.django_db(transaction=True)
def test_additions_deadline_reminder_and_overdue_flag(
    declared, assessor, second_assessor, office, candidate
):
    from assessment.services import request_additions  # noqa: PLC0415
    from portfolio.models import Portfolio  # noqa: PLC0415
    from tests.assessment.helpers import agree_everything  # noqa: PLC0415

    first, second = declared
    review = agree_everything(first, second, assessor, second_assessor)
    review.interview_required = False
    review.save(update_fields=["interview_required"])
    deadline = timezone.localdate() + timedelta(days=3)  # within the 5-day reminder period
    request_additions(
        review=review, sections=["C2"], deadline=deadline, reason="Aanvullen.", actor=office
    )
    mail.outbox.clear()
    assert send_deadline_reminders(now=timezone.now()) == 1
    assert [m.to for m in mail.outbox] == [[candidate.email]]
    assert send_deadline_reminders(now=timezone.now()) == 0  # once a day
    Portfolio.objects.filter(pk=review.portfolio_id).update(
        additions_deadline=timezone.localdate() - timedelta(days=1)
    )
    overdue = office_dashboard(timezone.now())["overdue"]
    assert [(item["review"].pk, item["what"]) for item in overdue] == [(review.pk, "additions")]
