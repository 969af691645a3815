"""The audit trail: append-only, complete for the workflow, personal text masked."""

import json
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessment.enums import ReviewState
from assessment.selectors import review_items
from assessment.services.reports import make_report
from audit import services as audit
from audit.enums import AuditAction
from audit.models import AuditEntry
from audit.services import AuditImmutable
from profiles.services import copy_version_to_draft
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review
from tests.factories.versions import section_form


@pytest.fixture
def decided(seeded_version, candidate, assessor, second_assessor, office):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    review = make_review(
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        state=ReviewState.DECIDED,
    ).review
    make_report(review_id=review.pk, round=review.round)  # the task's work, on commit
    return review


def _actions(portfolio_id):
    return list(
        AuditEntry.objects.filter(portfolio_id=portfolio_id)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_the_whole_workflow_is_audited_with_who_and_what(
    decided, candidate, assessor, second_assessor, office
):
    actions = _actions(decided.portfolio_id)
    portfolio = decided.portfolio
    # Candidate side, in order: start, routes, an upload per document, a signature per
    # declaration, then the submission.
    uploads, signatures = portfolio.documents.count(), portfolio.signatures.count()
    assert actions[:2] == [AuditAction.PORTFOLIO_STARTED, AuditAction.ROUTES_CHOSEN]
    submitted_at = actions.index(AuditAction.PORTFOLIO_SUBMITTED)
    assert sorted(actions[2:submitted_at]) == sorted(
        [AuditAction.DOCUMENT_UPLOADED] * uploads + [AuditAction.SIGNATURE_SIGNED] * signatures
    )
    assert (uploads, signatures) == (3, 5)
    counts = {action: actions.count(action) for action in set(actions)}
    assert counts[AuditAction.PORTFOLIO_SUBMITTED] == 1
    assert counts[AuditAction.CONFLICT_DECLARED] == 2
    assert counts[AuditAction.ASSESSMENT_SUBMITTED] == 2
    assert counts[AuditAction.VERDICT_AGREED] == 1
    assert counts[AuditAction.INTERVIEW_RECORDED] == 1
    assert counts[AuditAction.DECISION_MADE] == 1
    assert counts[AuditAction.REPORT_GENERATED] == 1
    # Every workflow transition: assigned, in assessment, assessed, agreed, planned, held,
    # decided.
    transitions = AuditEntry.objects.filter(
        portfolio_id=decided.portfolio_id, action=AuditAction.REVIEW_TRANSITION
    )
    assert [t.changes["status"]["na"] for t in transitions] == [
        ReviewState.ASSIGNED,
        ReviewState.IN_ASSESSMENT,
        ReviewState.ASSESSED,
        ReviewState.AGREED,
        ReviewState.INTERVIEW_PLANNED,
        ReviewState.INTERVIEW_HELD,
        ReviewState.DECIDED,
    ]
    _assert_every_score_is_audited(decided, assessor, second_assessor)
    decision = AuditEntry.objects.get(
        portfolio_id=decided.portfolio_id, action=AuditAction.DECISION_MADE
    )
    assert (decision.actor_id, decision.changes["besluit"]["na"]) == (office.pk, "granted")
    # The person concerned is the candidate on every entry about the portfolio.
    assert set(
        AuditEntry.objects.filter(portfolio_id=decided.portfolio_id).values_list(
            "subject_user_id", flat=True
        )
    ) == {candidate.pk}


def _assert_every_score_is_audited(decided, assessor, second_assessor) -> None:
    """One saved score per item of the review (formal conditions, declarations, criteria)
    for each of the two assessors: counted from the framework, not from the trail."""
    scores = AuditEntry.objects.filter(
        portfolio_id=decided.portfolio_id, action=AuditAction.SCORE_SAVED
    )
    items = review_items(decided, decided.portfolio.framework_version)
    per_assessor = (
        len(items.formal_conditions) + len(items.formal_declarations) + len(items.criteria)
    )
    assert per_assessor > 0
    by_actor = Counter(scores.values_list("actor_id", flat=True))
    assert by_actor == {assessor.pk: per_assessor, second_assessor.pk: per_assessor}
    first = scores.filter(actor_id=assessor.pk).first()
    assert first.actor_label == assessor.email
    assert set(first.changes) in ({"option", "motivering"}, {"met", "motivering"})


@pytest.mark.django_db
def test_personal_text_never_enters_the_trail(decided, candidate):
    portfolio = decided.portfolio
    texts = [a.text for a in portfolio.answers.all() if len(a.text) > 40]
    texts += [s.full_name for s in portfolio.signatures.all()]
    texts.append(decided.interview.notes)
    texts += [
        score.motivation
        for a in decided.assignments.all()
        for assessment in a.assessments.all()
        for score in assessment.scores.all()
        if score.motivation
    ]
    dumped = json.dumps(
        list(AuditEntry.objects.filter(portfolio_id=portfolio.pk).values("summary", "changes")),
        ensure_ascii=False,
    )
    assert texts
    leaked = [t[:40] for t in texts if t in dumped]
    assert leaked == []
    signed = AuditEntry.objects.filter(action=AuditAction.SIGNATURE_SIGNED).first()
    assert signed.changes["naam"]["na"] == audit.masked(candidate.get_full_name())


@pytest.mark.django_db
def test_downloads_are_audited(decided, candidate, assessor):
    document = decided.portfolio.documents.first()
    owner = Client()
    owner.force_login(candidate)
    reader = Client()
    reader.force_login(assessor)
    assignment = decided.assignments.get(assessor=assessor)
    for client, url in [
        (owner, reverse("portfolio:download", args=[decided.portfolio_id, document.pk])),
        (owner, reverse("assessment:report", args=[decided.pk])),
        (reader, reverse("assessment:document", args=[assignment.pk, document.pk])),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        # Reading the whole stream closes the file (the test client's wrapper).
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    downloads = AuditEntry.objects.filter(
        action=AuditAction.DOCUMENT_DOWNLOADED, portfolio_id=decided.portfolio_id
    )
    assert sorted(downloads.values_list("actor_id", "object_id")) == sorted(
        [(candidate.pk, str(document.pk)), (assessor.pk, str(document.pk))]
    )
    report = AuditEntry.objects.get(action=AuditAction.REPORT_DOWNLOADED)
    assert (report.actor_id, report.portfolio_id) == (candidate.pk, decided.portfolio_id)


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted(decided):
    entry = AuditEntry.objects.filter(portfolio_id=decided.portfolio_id).first()
    entry.summary = "overschreven"
    with pytest.raises(AuditImmutable):
        entry.save()
    with pytest.raises(AuditImmutable):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="overschreven")
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.summary != "overschreven"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_rewrite_the_trail(decided):
    from django.db import DatabaseError, transaction  # noqa: PLC0415

    entry = AuditEntry.objects.filter(portfolio_id=decided.portfolio_id).first()
    for statement in (
        "UPDATE audit_auditentry SET summary = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    # Erasure is the one way through, and only inside its own transaction.
    with audit.erasure_allowed(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = '' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.summary == ""
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET summary = 'y' WHERE id = %s", [entry.pk])


@pytest.mark.django_db
def test_anonymising_a_candidate_keeps_actions_and_times(decided, candidate):
    before = list(
        AuditEntry.objects.filter(portfolio_id=decided.portfolio_id).values_list("action", "at")
    )
    rewritten = audit.anonymise_user(user_id=candidate.pk)
    entries = AuditEntry.objects.filter(portfolio_id=decided.portfolio_id)
    assert rewritten >= len(before)
    assert list(entries.values_list("action", "at")) == before
    assert not entries.filter(subject_user_id=candidate.pk).exists()
    assert not AuditEntry.objects.filter(actor_id=candidate.pk).exists()
    assert not entries.exclude(summary="").exists()
    assert candidate.email not in json.dumps(list(entries.values()), default=str)


@pytest.mark.django_db
def test_admin_edits_to_the_framework_are_audited(office_client, seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    copied = AuditEntry.objects.get(action=AuditAction.FRAMEWORK_CHANGED)
    assert (copied.actor_id, copied.object_id) == (office.pk, str(draft.pk))
    section = draft.sections.get(code="D")
    data = section_form(section)
    old_title = section.title
    data["title"] = "Ontwikkelplan voor vier jaar"
    response = office_client.post(reverse("admin:profiles_section_change", args=[section.pk]), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action=AuditAction.FRAMEWORK_CHANGED).latest("pk")
    assert entry.object_type == "profiles.section"
    assert entry.changes == {"title": {"voor": old_title, "na": "Ontwikkelplan voor vier jaar"}}
    # The trail in the admin is readable but offers no add, change or delete.
    listing = office_client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    assert office_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = office_client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"summary": "x"}
    )
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.summary.startswith("gewijzigd")


@pytest.mark.django_db
def test_the_office_reads_the_trail_of_a_portfolio(
    decided, office_client, candidate_client, assessor_client, django_assert_num_queries
):
    url = reverse("assessment:audit_trail", args=[decided.portfolio_id])
    # session, user, portfolio + candidate, count, one page of entries, and the session
    # refresh of the inactivity timeout (savepoint, update, release): the same for any
    # number of entries (one page of 50).
    with django_assert_num_queries(8):
        page = office_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Besluit genomen" in html
    assert "Terug naar het portfolio" in html  # a submitted portfolio: in the queue
    assert html.count("<tr>") - 1 == min(
        50, AuditEntry.objects.filter(portfolio_id=decided.portfolio_id).count()
    )
    assert candidate_client.get(url).status_code == 404
    assert assessor_client.get(url).status_code == 404
    assert office_client.get(reverse("assessment:audit_trail", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_deleting_framework_content_in_the_admin_is_audited(office_client, seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    section = draft.sections.get(code="D")
    url = reverse("admin:profiles_section_delete", args=[section.pk])
    response = office_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action=AuditAction.FRAMEWORK_CHANGED).latest("pk")
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        office.pk,
        "profiles.section",
        str(section.pk),
    )
    assert entry.summary == f"verwijderd: {section}"
    assert not draft.sections.filter(code="D").exists()
