import contextlib
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assessment.enums import ReviewState
from assessment.models import Assignment, Reminder, Review
from assessment.office_queue import dashboard_generation, office_dashboard
from assessment.selectors import assessment_deadline
from assessment.services.reminders import send_deadline_reminders
from assessment.services.scoring import submit_assessment
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.models import Portfolio
from tests.assessment.helpers import score_everything
from tests.factories.portfolios import make_portfolio
from tests.factories.users import UserFactory


def _age_assignments(review, days, *, now=None):
    Assignment.objects.filter(review=review).update(
        created_at=(now or timezone.now()) - timedelta(days=days)
    )


# Runs of the daily task around a local midnight, summer (CEST, UTC+2) and winter (CET,
# UTC+1): at 23:30 UTC, and at 00:30 and 01:30 in Amsterdam. Each pairs the instant with
# the local date it falls on.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RUNS = {
    "winter 23:30 UTC": (datetime(2026, 1, 14, 23, 30, tzinfo=UTC), date(2026, 1, 15)),
    "winter 00:30 CET": (datetime(2026, 1, 15, 0, 30, tzinfo=AMSTERDAM), date(2026, 1, 15)),
    "winter 01:30 CET": (datetime(2026, 1, 15, 1, 30, tzinfo=AMSTERDAM), date(2026, 1, 15)),
    "summer 23:30 UTC": (datetime(2026, 7, 14, 23, 30, tzinfo=UTC), date(2026, 7, 15)),
    "summer 00:30 CEST": (datetime(2026, 7, 15, 0, 30, tzinfo=AMSTERDAM), date(2026, 7, 15)),
    "summer 01:30 CEST": (datetime(2026, 7, 15, 1, 30, tzinfo=AMSTERDAM), date(2026, 7, 15)),
}
# Later runs on the same local day: the next UTC day has begun for the 23:30 UTC run.
SAME_LOCAL_DAY = (timedelta(minutes=30), timedelta(hours=1), timedelta(minutes=61))


def _run(moment, capture) -> int:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_deadline_reminders(now=timezone.now())


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
@pytest.mark.django_db
@pytest.mark.dates
def test_assessment_reminders_go_out_once_per_local_day(
    run, declared, assessor, second_assessor, django_capture_on_commit_callbacks
):
    moment, local_day = run
    first, _second = declared
    review = first.review
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    _age_assignments(review, 22, now=moment)  # due in 6 days: the framework reminds 5 ahead
    mail.outbox.clear()
    assert _run(moment, django_capture_on_commit_callbacks) == 0
    _age_assignments(review, 24, now=moment)  # due in 4 days
    assert _run(moment, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[second_assessor.email]]
    assert "Herinnering" in mail.outbox[0].subject
    for later in SAME_LOCAL_DAY:
        assert _run(moment + later, django_capture_on_commit_callbacks) == 0
    assert _run(moment + timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    assert list(Reminder.objects.filter(review=review).values_list("kind", "round", "sent_on")) == [
        ("assessment", 1, local_day),
        ("assessment", 1, local_day + timedelta(days=1)),
    ]


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
@pytest.mark.django_db
@pytest.mark.dates
def test_additions_reminders_go_out_once_per_local_day(
    run, declared, assessor, second_assessor, office, candidate, django_capture_on_commit_callbacks
):
    from assessment.services.decision import request_additions  # noqa: PLC0415
    from tests.assessment.helpers import agree_everything  # noqa: PLC0415

    moment, local_day = run
    first, second = declared
    review = agree_everything(first, second, assessor, second_assessor)
    review.interview_required = False
    review.save(update_fields=["interview_required"])
    with time_machine.travel(moment, tick=False):
        request_additions(
            review=review,
            sections=["C2"],
            deadline=local_day + timedelta(days=6),  # outside the 5-day reminder period
            reason="Aanvullen.",
            actor=office,
        )
    mail.outbox.clear()
    assert _run(moment, django_capture_on_commit_callbacks) == 0
    Portfolio.objects.filter(pk=review.portfolio_id).update(
        additions_deadline=local_day + timedelta(days=5)  # the first day it reminds
    )
    assert _run(moment, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[candidate.email]]
    for later in SAME_LOCAL_DAY:
        assert _run(moment + later, django_capture_on_commit_callbacks) == 0
    assert _run(moment + timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert list(Reminder.objects.filter(review=review).values_list("kind", "round", "sent_on")) == [
        ("additions", 1, local_day),
        ("additions", 1, local_day + timedelta(days=1)),
    ]


@pytest.mark.django_db
@pytest.mark.dates
def test_a_second_run_that_finds_todays_reminder_recorded_sends_nothing(
    declared, assessor, django_capture_on_commit_callbacks
):
    """Two beat runs at once: the one that loses the race on the unique (review, kind,
    round, local day) row sends nothing, even though it saw the review as due."""
    first, _second = declared
    review = first.review
    moment = RUNS["winter 23:30 UTC"][0]
    _age_assignments(review, 24, now=moment)
    Reminder.objects.create(
        review=review, kind="assessment", round=review.round, sent_on=date(2026, 1, 15)
    )
    mail.outbox.clear()
    assert _run(moment, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            review=review, kind="assessment", round=review.round, sent_on=date(2026, 1, 15)
        )


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


@pytest.mark.django_db
@pytest.mark.dates
def test_overdue_additions_are_flagged(declared, assessor, second_assessor, office):
    from assessment.services.decision import request_additions  # noqa: PLC0415
    from tests.assessment.helpers import agree_everything  # noqa: PLC0415

    first, second = declared
    review = agree_everything(first, second, assessor, second_assessor)
    review.interview_required = False
    review.save(update_fields=["interview_required"])
    deadline = timezone.localdate() + timedelta(days=3)
    request_additions(
        review=review, sections=["C2"], deadline=deadline, reason="Aanvullen.", actor=office
    )
    assert office_dashboard(timezone.now())["overdue"] == []
    Portfolio.objects.filter(pk=review.portfolio_id).update(
        additions_deadline=timezone.localdate() - timedelta(days=1)
    )
    overdue = office_dashboard(timezone.now())["overdue"]
    assert [(item["review_id"], item["what"]) for item in overdue] == [(review.pk, "additions")]


@pytest.mark.django_db
def test_time_spent_per_state_comes_from_the_audit_trail(declared):
    from assessment.history import time_spent_per_state  # noqa: PLC0415

    first, _second = declared
    review = first.review
    entry = AuditEntry.objects.get(
        portfolio_id=review.portfolio_id,
        action=AuditAction.REVIEW_TRANSITION,
        changes__status__na="assigned",
    )
    assert entry.changes["status"] == {"voor": "submitted", "na": "assigned"}
    type(review).objects.filter(pk=review.pk).update(created_at=entry.at - timedelta(days=3))
    assert time_spent_per_state() == {"submitted": 3.0}


@pytest.mark.django_db
def test_the_queue_filters_by_assessor_and_age(declared, office_client, seeded_version, assessor):
    other = UserFactory(email="nieuw@example.nl", first_name="Nieuwe", last_name="Kandidaat")
    make_portfolio(candidate=other, version=seeded_version, state="submitted", a2_number=1)
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


class RolledBack(Exception):
    pass


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
    # A change that is never committed (rolled back) leaves the cached figures alone: the
    # signal's on-commit callback is dropped with the savepoint, the generation stays.
    generation = dashboard_generation()
    review = Review.objects.get(pk=first.review_id)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RolledBack),
        transaction.atomic(),
    ):
        review.state = ReviewState.DECIDED
        review.save(update_fields=["state"])
        raise RolledBack
    assert callbacks == []
    assert dashboard_generation() == generation
    assert counts() == after
