from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError, connection, models, transaction
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.history import time_spent_per_state
from assessment.models import AgreedScore, Report, Review, Score
from audit import services as audit
from audit.enums import AuditAction
from audit.models import AuditEntry
from dataprotection import export, services, tasks
from dataprotection.enums import ErasureReason
from dataprotection.models import Erasure
from dataprotection.selectors import retention_for
from objections import services as objection_services
from portal.models import User
from portfolio.models import Answer, Document, Portfolio, Signature, Snapshot
from portfolio.services import start_portfolio
from register import services as register_services
from register.certificate import make_certificate
from register.models import Registration
from tests.dataprotection.conftest import OTHER_MARKER
from tests.factories.files import pdf_upload


def _text_columns():
    """(model, field) for every text, char and JSON column of every table."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field


def _find(needle: str) -> list[str]:
    """Every column (model.field) in the database that contains `needle`."""
    found = []
    for model, field in _text_columns():
        rows = model.objects.annotate(_as_text=Cast(field.name, models.TextField())).filter(
            _as_text__icontains=needle
        )
        if rows.exists():
            found.append(f"{model._meta.label}.{field.name}")
    return found


def _statistics() -> dict:
    """What the office counts: it must add up the same after an erasure."""
    return {
        "portfolios": sorted(
            Portfolio.objects.values_list(
                "state", "framework_version_id", "basic_route_id", "supplementary_route_id"
            )
        ),
        "portfolio_dates": sorted(Portfolio.objects.values_list("created_at", "submitted_at")),
        "reviews": sorted(Review.objects.values_list("state", "decision", "round", "decided_at")),
        "scores": sorted(Score.objects.values_list("option_id", "met"), key=str),
        "agreed": sorted(AgreedScore.objects.values_list("option_id", "final_option_id"), key=str),
        "answers": Answer.objects.count(),
        "documents": sorted(Document.objects.values_list("content_type", "size", "document_date")),
        "signatures": Signature.objects.count(),
        "snapshots": Snapshot.objects.count(),
        "reports": Report.objects.count(),
        "audit": sorted(AuditEntry.objects.values_list("action", "at")),
        # From the review transitions' from → to, which erasure keeps (not personal).
        "time_per_state": time_spent_per_state(),
    }


def _stored_files() -> set[str]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _erase(candidate, capture, *, actor=None, reason=ErasureReason.CANDIDATE_REQUEST):
    with capture(execute=True):  # the files go after commit
        return services.erase_candidate(candidate=candidate, actor=actor, reason=reason)


def _age(world_or_candidate, years: int) -> None:
    """Move a candidate's decision and activity `years` into the past."""
    candidate = getattr(world_or_candidate, "candidate", world_or_candidate)
    past = relativedelta(years=years)
    for review in Review.objects.filter(portfolio__candidate=candidate, decided_at__isnull=False):
        Review.objects.filter(pk=review.pk).update(decided_at=review.decided_at - past)
    User.objects.filter(pk=candidate.pk).update(
        date_joined=candidate.date_joined - past, last_login=timezone.now() - past
    )
    for portfolio in Portfolio.objects.filter(candidate=candidate):
        Portfolio.objects.filter(pk=portfolio.pk).update(updated_at=portfolio.updated_at - past)
        Answer.objects.filter(portfolio=portfolio).update(updated_at=timezone.now() - past)
        Document.objects.filter(portfolio=portfolio).update(uploaded_at=timezone.now() - past)
        Signature.objects.filter(portfolio=portfolio).update(signed_at=timezone.now() - past)


@pytest.mark.django_db
def test_erasure_leaves_nothing_personal_in_any_column_or_storage(
    world, office, django_capture_on_commit_callbacks
):
    candidate, other = world.candidate, world.other
    # The candidate downloaded their data once (an audit entry about them).
    Client().force_login(candidate)
    export.export_candidate_data(candidate=candidate, actor=candidate).close()
    for needle in world.name_needles:
        assert _find(needle), needle  # the world really holds them
    candidate_files = {d.file.name for d in Document.objects.filter(portfolio=world.portfolio)} | {
        r.file.name for r in world.review.reports.all()
    }
    other_files = {d.file.name for d in Document.objects.filter(portfolio=world.other_portfolio)}
    assert len(candidate_files) == 5
    assert _stored_files() == candidate_files | other_files
    other_answers = list(Answer.objects.filter(portfolio=world.other_portfolio).values())
    other_user = User.objects.filter(pk=other.pk).values().get()
    sessions_before = Session.objects.count()
    before = _statistics()
    assert {"submitted", "assigned", "in_assessment"} <= set(before["time_per_state"])

    erasure = _erase(candidate, django_capture_on_commit_callbacks, actor=office)

    for needle in world.name_needles:
        assert _find(needle) == [], needle
    assert _stored_files() == other_files
    _assert_the_account_is_anonymised(candidate, sessions_before)

    # The office's statistics add up as before (plus the erasure's own entry).
    after = _statistics()
    erased_entry = AuditEntry.objects.get(action=AuditAction.CANDIDATE_ERASED)
    after["audit"].remove((erased_entry.action, erased_entry.at))
    assert after == before

    # The other candidate is untouched.
    assert list(Answer.objects.filter(portfolio=world.other_portfolio).values()) == other_answers
    assert User.objects.filter(pk=other.pk).values().get() == other_user
    assert {"portfolio.Answer.text", "portfolio.Snapshot.content"} <= set(_find(OTHER_MARKER))
    assert {"account.EmailAddress.email", "portal.User.email"} <= set(_find(other.email))

    _assert_the_erasure_is_recorded(erasure, erased_entry, world, office)


def _assert_the_account_is_anonymised(candidate, sessions_before) -> None:
    """No name, address, password or session left; the admin's log says only
    "geanonimiseerd" and no audit entry is about the candidate or by them."""
    candidate.refresh_from_db()
    assert candidate.email == f"verwijderd-{candidate.pk}@anoniem.invalid"
    assert (candidate.first_name, candidate.last_name) == ("", "")
    assert not candidate.is_active
    assert not candidate.has_usable_password()
    assert not EmailAddress.objects.filter(user=candidate).exists()
    assert Session.objects.count() == sessions_before - 2  # the world's and this test's login
    assert set(LogEntry.objects.values_list("object_repr", "change_message")) == {
        ("geanonimiseerd", "")
    }
    assert not AuditEntry.objects.filter(subject_user_id=candidate.pk).exists()
    assert not AuditEntry.objects.filter(actor_id=candidate.pk).exists()


def _assert_the_erasure_is_recorded(erasure, erased_entry, world, office) -> None:
    """The erasure's record (who, why, what was counted) and its audit entry."""
    candidate = world.candidate
    erasure.refresh_from_db()
    assert erasure.user_id == candidate.pk
    assert erasure.erased_by == office
    assert erasure.reason == ErasureReason.CANDIDATE_REQUEST
    assert erasure.files_deleted_at is not None
    assert erasure.counts["files"] == 5
    assert erasure.counts["portfolios"] == 1
    assert erasure.counts["answers"] == world.portfolio.answers.count()
    assert erased_entry.actor_id == office.pk
    assert erased_entry.summary == f"#{candidate.pk}: Op verzoek van de kandidaat"


@pytest.mark.dates
def test_retention_dates(seeded_version, erasable_candidate, world, settings):
    decided_at = world.review.decided_at
    retention = retention_for([world.candidate, world.other])
    assert retention[world.candidate.pk].erasable_from == timezone.localdate(
        decided_at
    ) + relativedelta(years=7)
    assert retention[world.candidate.pk].basis == "decision"
    # Submitted and not decided: held for as long as the review runs.
    assert retention[world.other.pk].erasable_from is None
    settings.RETENTION_YEARS = 3
    assert retention_for([world.candidate])[world.candidate.pk].erasable_from == (
        timezone.localdate(decided_at) + relativedelta(years=3)
    )


@pytest.mark.dates
def test_retention_of_a_draft_and_of_an_account(seeded_version, candidate, outsider):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    portfolio.refresh_from_db()
    retention = retention_for([candidate, outsider])
    assert retention[candidate.pk].erasable_from == timezone.localdate(
        portfolio.updated_at
    ) + relativedelta(years=2)
    assert retention[candidate.pk].basis == "inactive"
    assert retention[outsider.pk].erasable_from == timezone.localdate(
        outsider.date_joined
    ) + relativedelta(years=2)
    assert retention[outsider.pk].basis == "account"


@pytest.mark.dates
def test_refused_before_the_retention_period_unless_the_candidate_asks(
    world, django_capture_on_commit_callbacks
):
    until = timezone.localdate(world.review.decided_at) + relativedelta(years=7)
    months = "januari februari maart april mei juni juli augustus september oktober november"
    month = [*months.split(), "december"][until.month - 1]
    with pytest.raises(services.ErasureRefused) as refused:
        _erase(world.candidate, django_capture_on_commit_callbacks, reason="retention")
    assert str(refused.value) == f"De bewaartermijn loopt nog tot {until.day} {month} {until.year}."
    assert not Erasure.objects.exists()
    assert User.objects.get(pk=world.candidate.pk).email == "xandrijn.quellenberg@example.nl"
    with pytest.raises(services.ErasureRefused, match="in beoordeling"):
        _erase(world.other, django_capture_on_commit_callbacks, reason="retention")

    _erase(world.candidate, django_capture_on_commit_callbacks, reason="request")
    with pytest.raises(services.ErasureRefused, match="al geanonimiseerd"):
        _erase(world.candidate, django_capture_on_commit_callbacks, reason="request")


def test_only_candidates_are_erased(office, assessor, django_capture_on_commit_callbacks):
    for user in (office, assessor):
        with pytest.raises(services.ErasureRefused, match="Alleen kandidaten"):
            _erase(user, django_capture_on_commit_callbacks)


@pytest.mark.dates
def test_after_the_period_the_retention_reason_is_enough(world, django_capture_on_commit_callbacks):
    _age(world, 8)
    erasure = _erase(world.candidate, django_capture_on_commit_callbacks, reason="retention")
    assert erasure.reason == ErasureReason.RETENTION_EXPIRED
    assert erasure.erased_by is None


@pytest.mark.dates
def test_the_command_dry_run_changes_nothing_and_the_real_run_respects_the_period(
    world, django_capture_on_commit_callbacks, seeded_version, outsider
):
    _age(world, 8)  # decided 8 years ago: past the 7 years
    draft = start_portfolio(candidate=outsider, version=seeded_version)
    _age(outsider, 1)  # a draft, one year idle: within the 2 years
    before = _statistics()
    files = _stored_files()

    out = StringIO()
    call_command("erase_expired_candidates", "--dry-run", stdout=out)
    aged = Review.objects.get(pk=world.review.pk).decided_at
    until = timezone.localdate(aged) + relativedelta(years=7)
    expected = f"kandidaat #{world.candidate.pk}: zou anonimiseren"
    assert out.getvalue().splitlines() == [
        f"{expected} (termijn verstreken op {until:%Y-%m-%d})",
        "1 kandidaten zou anonimiseren (dry run)",
    ]
    assert not Erasure.objects.exists()
    assert _statistics() == before
    assert _stored_files() == files
    assert User.objects.get(pk=world.candidate.pk).email == "xandrijn.quellenberg@example.nl"

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_expired_candidates", stdout=out)
    assert out.getvalue().splitlines()[-1] == "1 kandidaten geanonimiseerd"
    assert list(Erasure.objects.values_list("user_id", "reason", "erased_by")) == [
        (world.candidate.pk, "retention", None)
    ]
    assert User.objects.get(pk=outsider.pk).email == "buitenstaander@example.nl"
    assert Portfolio.objects.get(pk=draft.pk).candidate_id == outsider.pk
    assert User.objects.get(pk=world.other.pk).email == "otmar.pijlgracht@example.nl"
    # A second run finds nobody.
    out = StringIO()
    call_command("erase_expired_candidates", stdout=out)
    assert out.getvalue().splitlines() == ["0 kandidaten geanonimiseerd"]


@pytest.mark.dates
def test_the_daily_task_runs_the_same_service(
    world, django_capture_on_commit_callbacks, settings, monkeypatch
):
    assert settings.CELERY_BEAT_SCHEDULE["erase-expired-candidates"] == {
        "task": "dataprotection.tasks.erase_expired_candidates",
        "schedule": 60 * 60 * 24,
    }
    calls = []
    real = services.erase_expired
    monkeypatch.setattr(services, "erase_expired", lambda **kw: calls.append(kw) or real(**kw))
    _age(world, 8)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.erase_expired_candidates.delay().get() == 1
    assert len(calls) == 1
    assert Erasure.objects.get().user_id == world.candidate.pk
    assert _find("Quellenberg") == []

    settings.RETENTION_AUTO_ERASE = False
    _age(world.other, 8)
    assert tasks.erase_expired_candidates.delay().get() == 0
    assert len(calls) == 1


def test_an_interrupted_file_deletion_is_finished_by_the_next_run(
    world, django_capture_on_commit_callbacks
):
    other_files = {d.file.name for d in Document.objects.filter(portfolio=world.other_portfolio)}
    # Erased, but the process died before the files went (no on-commit callbacks run).
    erasure = services.erase_candidate(
        candidate=world.candidate, actor=None, reason=ErasureReason.CANDIDATE_REQUEST
    )
    assert len(_stored_files() - other_files) == 5
    Erasure.objects.filter(pk=erasure.pk).update(erased_at=timezone.now() - timedelta(hours=1))
    services.erase_expired()
    assert _stored_files() == other_files
    erasure.refresh_from_db()
    assert erasure.files_deleted_at is not None
    assert erasure.counts["files"] == 5
    assert not Document.objects.filter(portfolio=world.portfolio).exclude(file="").exists()


def test_the_audit_trail_stays_append_only(world, office, django_capture_on_commit_callbacks):
    _erase(world.candidate, django_capture_on_commit_callbacks, actor=office)
    entry = AuditEntry.objects.get(action=AuditAction.CANDIDATE_ERASED)
    with pytest.raises(audit.AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="vervalst")
    with pytest.raises(audit.AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.summary = "vervalst"
    with pytest.raises(audit.AuditImmutable):
        entry.save()
    if connection.vendor == "postgresql":
        # The database's own trigger refuses a raw UPDATE outside erasure_allowed().
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "UPDATE audit_auditentry SET summary = 'vervalst' WHERE id = %s", [entry.pk]
            )
    assert AuditEntry.objects.get(pk=entry.pk).summary != "vervalst"


# --- the office's page ----------------------------------------------------------------------


@pytest.mark.dates
def test_office_erases_on_request_only_with_the_reason(
    world, office, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(office)
    url = reverse("dataprotection:erase", args=[world.candidate.pk])
    until = timezone.localdate(world.review.decided_at) + relativedelta(years=7)
    page = client.get(url).content.decode()
    assert f"De bewaartermijn loopt nog tot {until.day}" in page
    assert "Xandrijn Quellenberg" in page

    response = client.post(url, {"reason": "retention", "confirm": "on"})
    assert response.status_code == 400
    assert "De bewaartermijn loopt nog tot" in response.content.decode()
    assert not Erasure.objects.exists()
    response = client.post(url, {"reason": "request"})  # not confirmed
    assert response.status_code == 400
    assert not Erasure.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "request", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dataprotection:office")
    assert list(Erasure.objects.values_list("user_id", "reason", "erased_by")) == [
        (world.candidate.pk, "request", office.pk)
    ]
    overview = client.get(reverse("dataprotection:office")).content.decode()
    assert f"#{world.candidate.pk}" in overview
    assert "Quellenberg" not in overview
    assert "Pijlgracht" in overview


@pytest.mark.django_db
def test_an_erased_job_coach_leaves_the_public_register(
    world, office, django_capture_on_commit_callbacks
):
    registration = register_services.register(
        candidate=world.candidate,
        version=world.review.portfolio.framework_version,
        starts_on=timezone.localdate(),
        actor=office,
    )
    verify = reverse("register:verify", args=[registration.number])
    assert Client().get(verify).status_code == 200
    made = make_certificate(registration_id=registration.pk)
    assert made.file.name in _stored_files()
    erasure = _erase(world.candidate, django_capture_on_commit_callbacks)
    assert erasure.counts["registrations"] == 1
    # The certificate names the job coach: its file goes with the registration.
    assert made.file.name not in _stored_files()
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert Client().get(verify).status_code == 404


@pytest.mark.django_db
def test_erasure_blanks_the_objection_and_deletes_its_attachments(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        objection = objection_services.lodge_objection(
            review=world.review,
            reasons="Mijn naam is Jansen en C2.1 staat op bladzijde 4.",
            files=[pdf_upload("bezwaar-jansen.pdf")],
            actor=world.candidate,
        )
    attachment = objection.attachments.get()
    stored = attachment.file.name
    assert default_storage.exists(stored)
    _erase(world.candidate, django_capture_on_commit_callbacks)
    objection.refresh_from_db()
    attachment.refresh_from_db()
    assert (objection.reasons, objection.outcome_reason) == ("", "")
    assert "jansen" not in attachment.name.lower()
    assert attachment.sha256 == ""
    assert not default_storage.exists(stored)
