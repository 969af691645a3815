"""The report survives a lost task: the decision stands when queueing fails, and the
hourly sweep queues what is missing (once made, never twice)."""

import pytest
from kombu.exceptions import OperationalError as BrokerDown

from assessment import tasks
from assessment.enums import Decision, ReviewState
from assessment.models import Report
from assessment.office_queue import office_dashboard_changed
from assessment.services.decision import decide
from portal.enums import Role
from register import tasks as register_tasks
from register.models import Registration
from tests.factories.users import UserFactory


@pytest.fixture
def office(db):
    return UserFactory(email="bureau.besluit@example.nl", role=Role.OFFICE)


def test_a_broker_down_at_decision_time_does_not_undo_or_break_the_decision(
    agreed_review, office, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broker_down(**kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.generate_report, "delay", broker_down)
    monkeypatch.setattr(register_tasks.make_certificate, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        decide(review=agreed_review, decision=Decision.GRANTED, reason="", actor=office)
    # the transition e-mail, the registration's e-mail (a grant registers) and its
    # certificate, the decision e-mail, the report (and the office dashboard's refresh,
    # assessment.signals)
    assert len([c for c in callbacks if c is not office_dashboard_changed]) == 5
    agreed_review.refresh_from_db()
    assert (agreed_review.state, agreed_review.decision) == (
        ReviewState.DECIDED,
        Decision.GRANTED,
    )
    assert not Report.objects.filter(review=agreed_review).exists()
    logged = [r for r in caplog.records if "in on_commit()" in r.getMessage()]
    assert [str(r.exc_info[1]) for r in logged] == [
        "Error 111 connecting to 127.0.0.1:6379. Connection refused."
    ] * 2  # the certificate's task, then the report's
    assert Registration.objects.filter(review=agreed_review).exists()


def test_the_sweep_queues_a_missing_report_once(agreed_review, office):
    # Without executing on-commit callbacks (a plain test transaction), the decision's
    # report task is never queued: the situation the sweep exists for.
    decide(review=agreed_review, decision=Decision.GRANTED, reason="", actor=office)
    assert not Report.objects.filter(review=agreed_review).exists()
    assert tasks.queue_missing_reports() == 1  # eager: the report is made right away
    (report,) = Report.objects.filter(review=agreed_review)
    assert report.round == agreed_review.round
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert tasks.queue_missing_reports() == 0
    assert Report.objects.filter(review=agreed_review).count() == 1


def test_report_task_retries_database_and_storage_errors():
    from django.db import InterfaceError, OperationalError  # noqa: PLC0415

    assert set(tasks.generate_report.autoretry_for) == {OSError, OperationalError, InterfaceError}
    assert tasks.generate_report.acks_late is True
