import re
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
@pytest.mark.dates
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
@pytest.mark.dates
def test_the_office_dashboard_counts_states_and_flags_overdue(declared, office_client):
    first, _second = declared
    review = first.review
    deadline = assessment_deadline(review)
    version = review.portfolio.framework_version
    first_assigned = min(a.created_at for a in review.assignments.all())
    assert deadline == timezone.localdate(first_assigned) + timedelta(days=version.assessment_days)
    assert office_dashboard(timezone.now())["overdue"] == []
    _age_assignments(review, version.assessment_days + 2)
    dashboard = office_dashboard(timezone.now())
    assert [item["review_id"] for item in dashboard["overdue"]] == [review.pk]
    counts = {row["value"]: row["count"] for row in dashboard["rows"]}
    assert counts["assigned"] == 1
    html = office_client.get(reverse("assessment:queue")).content.decode()
    assert 'id="overdue"' in html
    assert review.portfolio.candidate.get_full_name() in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.dates
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
    assert [(item["review_id"], item["what"]) for item in overdue] == [(review.pk, "additions")]


@pytest.mark.django_db
def test_time_spent_per_state_comes_from_the_audit_trail(declared):
    from assessment.selectors import time_spent_per_state  # noqa: PLC0415

    first, _second = declared
    review = first.review
    event = review.events.get(to_state="assigned")
    type(review).objects.filter(pk=review.pk).update(created_at=event.at - timedelta(days=3))
    assert time_spent_per_state() == {"submitted": 3.0}


@pytest.mark.django_db
def test_the_queue_filters_by_assessor_and_age(declared, office_client, seeded_version, assessor):
    from portfolio.demo import fill_portfolio  # noqa: PLC0415
    from portfolio.models import Portfolio  # noqa: PLC0415
    from portfolio.services import start_portfolio, submit_portfolio  # noqa: PLC0415
    from tests.factories.users import UserFactory  # noqa: PLC0415

    other = UserFactory(email="nieuw@example.nl", first_name="Nieuwe", last_name="Kandidaat")
    portfolio = start_portfolio(candidate=other, version=seeded_version)
    fill_portfolio(portfolio, a2_number=1)
    submit_portfolio(portfolio=portfolio, actor=other)
    old = declared[0].review.portfolio
    Portfolio.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=20))
    url = reverse("assessment:queue")
    by_assessor = office_client.get(url, {"assessor": assessor.pk}).content.decode()
    assert old.candidate.get_full_name() in by_assessor
    assert "Nieuwe Kandidaat" not in by_assessor
    by_age = office_client.get(url, {"dagen": 10}).content.decode()
    assert old.candidate.get_full_name() in by_age
    assert "Nieuwe Kandidaat" not in by_age
    everyone = office_client.get(url).content.decode()
    assert "Nieuwe Kandidaat" in everyone


@pytest.mark.django_db
def test_the_cached_dashboard_is_fresh_after_a_committed_change(
    declared, office_client, assessor, second_assessor, django_capture_on_commit_callbacks
):
    first, second = declared
    url = reverse("assessment:queue")

    def counts():
        html = office_client.get(url).content.decode()
        table = html[html.index('id="state-counts"') : html.index("</table>")]
        rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td>", table)
        return {state: int(n) for state, n in rows if n != "0"}

    before = counts()
    assert before == {"Assessoren toegewezen": 1}
    assigned = f"{url}?status=assigned"

    def assigned_total():
        return office_client.get(assigned).context["page"].paginator.count

    assert assigned_total() == 1
    # Both assessments in: the review moves on. The change is committed, so the next
    # queue page shows it at once, not after the cache's minute.
    with django_capture_on_commit_callbacks(execute=True):
        for assignment, who in ((first, assessor), (second, second_assessor)):
            score_everything(assignment, who)
            submit_assessment(assignment=assignment, actor=who)
    after = counts()
    assert after != before
    # The filtered list's kept total follows too.
    assert assigned_total() == 0
    assert sum(after.values()) == 1
    assert "Assessoren toegewezen" not in after
    # A change that is never committed (rolled back) leaves the cached figures alone.
    from assessment.models import Review  # noqa: PLC0415

    with django_capture_on_commit_callbacks(execute=False):
        Review.objects.filter(pk=first.review_id).first().save()
    assert counts() == after
