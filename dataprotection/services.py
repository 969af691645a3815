"""Writes of the data rights: erasure (the export's ZIP is written in
`dataprotection.export`).

Erasure keeps the anonymised statistics the office counts with — portfolios with their
state, framework version, routes and dates; reviews with their state and decision; scores
with their option or met/not met; documents' type, size and dates — and removes every
personal text, the candidate's files, their account details, logins and e-mail addresses.
"""

import posixpath

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assessment.models import (
    AgreedScore,
    Assessment,
    Assignment,
    Interview,
    Report,
    Review,
    Score,
    report_upload_to,
)
from audit import services as audit
from audit.enums import AuditAction
from audit.models import AuditEntry
from dataprotection import selectors
from dataprotection.enums import DATA_EXPORT, ErasureReason
from dataprotection.models import Erasure
from downloads.services import forget_files_about, forget_files_of
from objections.models import Objection, ObjectionAttachment, attachment_upload_to
from portal.enums import Role
from portal.models import User
from portfolio.models import (
    Answer,
    Document,
    Portfolio,
    Signature,
    Snapshot,
    document_upload_to,
)
from register.models import CERTIFICATE_FOLDER, Registration

ANONYMISED = "geanonimiseerd"
# allauth's apps keep rows per user (e-mail addresses, MFA authenticators, social
# logins, user sessions); every row of theirs that points at the user goes.
ALLAUTH_APPS = {"account", "mfa", "socialaccount", "usersessions"}


class ErasureRefused(Exception):
    """The erasure may not happen (yet); the message is shown to the office."""


# --- erasure --------------------------------------------------------------------------------


def _file_fields(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def _stored_files(candidate_id: int) -> list[tuple[type, int, str, str]]:
    """Every stored file of the candidate: (model, pk, field, name).

    Found generically, so a file model added later (e.g. a copy of a snapshot) is covered
    when it points at the candidate, one of their portfolios or one of their reviews."""
    portfolio_ids = list(Portfolio.objects.filter(candidate_id=candidate_id).values_list("pk"))
    review_ids = list(Review.objects.filter(portfolio__in=portfolio_ids).values_list("pk"))
    owners = {
        Portfolio: [p for (p,) in portfolio_ids],
        Review: [r for (r,) in review_ids],
        User: [candidate_id],
        # An objection's attachments point at the objection, not at the review.
        Objection: list(
            Objection.objects.filter(review__in=review_ids).values_list("pk", flat=True)
        ),
    }
    found = []
    for model in apps.get_models():
        fields = _file_fields(model)
        if not fields:
            continue
        query = models.Q()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in owners:
                query |= models.Q(**{f"{field.name}__in": owners[field.related_model]})
        if not query:
            continue
        for row in model.objects.filter(query).values("pk", *fields):
            found.extend((model, row["pk"], name, row[name]) for name in fields if row[name])
    return found


def _storage_prefixes(candidate_id: int) -> list[str]:
    """The folders the portal stores the candidate's uploads and reports under."""
    portfolio_ids = Portfolio.objects.filter(candidate_id=candidate_id).values_list("pk", flat=True)
    review_ids = Review.objects.filter(portfolio__candidate_id=candidate_id).values_list(
        "pk", flat=True
    )
    # The folders as the models' upload_to names them (their last part is a random key).
    return (
        [
            posixpath.dirname(document_upload_to(Document(portfolio_id=pk), "x"))
            for pk in portfolio_ids
        ]
        + [posixpath.dirname(report_upload_to(Report(review_id=pk), "x")) for pk in review_ids]
        + [
            posixpath.dirname(attachment_upload_to(ObjectionAttachment(objection_id=pk), "x"))
            for pk in Objection.objects.filter(review__in=review_ids).values_list("pk", flat=True)
        ]
        # The registration's certificate: its row is gone with the registration.
        + [CERTIFICATE_FOLDER.format(candidate_id=candidate_id)]
    )


def _list_prefix(prefix: str) -> list[str]:
    try:
        _dirs, names = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [f"{prefix}/{name}" for name in names]


def purge_files(*, erasure: Erasure) -> int:
    """Delete the erased candidate's files from storage and blank the references.

    Idempotent: safe to run again when an earlier run was interrupted (the daily task
    retries every erasure whose `files_deleted_at` is still empty). Returns the number
    of files deleted."""
    deleted = 0
    for model, pk, field, name in _stored_files(erasure.user_id):
        if default_storage.exists(name):
            default_storage.delete(name)
            deleted += 1
        model.objects.filter(pk=pk).update(**{field: ""})
    for prefix in _storage_prefixes(erasure.user_id):
        for name in _list_prefix(prefix):
            default_storage.delete(name)
            deleted += 1
    Erasure.objects.filter(pk=erasure.pk).update(
        files_deleted_at=timezone.now(),
        counts={**erasure.counts, "files": erasure.counts.get("files", 0) + deleted},
    )
    return deleted


def _delete_sessions(user_id: int) -> int:
    """Database sessions of the user (the session store keeps only the account id)."""
    stale = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        try:
            decoded = session.get_decoded()
        except Exception:  # noqa: BLE001, S112 - an unreadable session is nobody's
            continue
        if str(decoded.get("_auth_user_id")) == str(user_id):
            stale.append(session.pk)
    Session.objects.filter(pk__in=stale).delete()
    return len(stale)


def _delete_allauth_rows(user: User) -> int:
    deleted = 0
    for model in apps.get_models():
        if model._meta.app_label not in ALLAUTH_APPS:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                count, _per_model = model.objects.filter(**{field.name: user}).delete()
                deleted += count
    return deleted


def _anonymise_admin_log(user: User, portfolio_ids, review_ids) -> None:
    """The admin's history names the objects it changed; those of this candidate go."""
    query = models.Q()
    for model, ids in ((User, [user.pk]), (Portfolio, portfolio_ids), (Review, review_ids)):
        query |= models.Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        )
    LogEntry.objects.filter(query).update(object_repr=ANONYMISED, change_message="")


def _anonymised_snapshot(content: dict) -> dict:
    # The statistics the office counts by stay: framework version and routes.
    return {
        ANONYMISED: True,
        "framework": content.get("framework"),
        "routes": content.get("routes"),
    }


def _wipe_objections_and_registration(user: User, review_ids: list) -> dict:
    """An objection's grounds, its outcome's reasons and its attachments' names; and the
    entry in the public register, which names the job coach (a verification of the
    number then answers "unknown")."""
    objections = Objection.objects.filter(review__in=review_ids)
    counts = {"objections": objections.update(reasons="", outcome_reason="")}
    ObjectionAttachment.objects.filter(objection__in=objections).update(name=ANONYMISED, sha256="")
    deleted = Registration.objects.filter(candidate=user).delete()[1]
    counts["registrations"] = deleted.get("register.Registration", 0)
    return counts


def _wipe_personal_data(user: User) -> dict:
    """Blank every personal text about the candidate; returns what was touched."""
    portfolio_ids = list(Portfolio.objects.filter(candidate=user).values_list("pk", flat=True))
    reviews = Review.objects.filter(portfolio__in=portfolio_ids)
    review_ids = list(reviews.values_list("pk", flat=True))
    # What the candidate stated about their diploma (date, provider) is about them too.
    Portfolio.objects.filter(pk__in=portfolio_ids).update(diploma_date=None, diploma_provider="")
    counts = {
        "portfolios": len(portfolio_ids),
        "reviews": len(review_ids),
        "answers": Answer.objects.filter(portfolio__in=portfolio_ids).update(
            text="", date_value=None
        ),
        "signatures": Signature.objects.filter(portfolio__in=portfolio_ids).update(
            full_name="", statement=""
        ),
        "documents": Document.objects.filter(portfolio__in=portfolio_ids).update(
            original_name=ANONYMISED, sha256=""
        ),
    }
    snapshots = Snapshot.objects.filter(portfolio__in=portfolio_ids)
    for snapshot in snapshots:
        snapshot.content = _anonymised_snapshot(snapshot.content)
        snapshot.sha256 = ""
        snapshot.save(update_fields=["content", "sha256"])
    counts["snapshots"] = len(snapshots)
    Review.objects.filter(pk__in=review_ids).update(decision_reason="", interview_questions="")
    counts.update(_wipe_objections_and_registration(user, review_ids))
    Assignment.objects.filter(review__in=review_ids).update(conflict="")
    assessments = Assessment.objects.filter(assignment__review__in=review_ids)
    counts["scores"] = Score.objects.filter(assessment__in=assessments).update(
        motivation="", interview_question=""
    )
    AgreedScore.objects.filter(review__in=review_ids).update(reason="")
    Interview.objects.filter(review__in=review_ids).update(location="", video_link="", notes="")
    Report.objects.filter(review__in=review_ids).update(sha256="")
    _anonymise_admin_log(user, portfolio_ids, review_ids)

    counts["audit_entries"] = audit.anonymise_user(user_id=user.pk)
    # Entries about the candidate's portfolios written by others (assessors, office)
    # keep who did what and when; their summaries and changes may name the candidate.
    with audit.erasure_allowed():
        counts["audit_entries"] += audit.blank(
            AuditEntry.objects.filter(portfolio_id__in=portfolio_ids)
        )
    counts["sessions"] = _delete_sessions(user.pk)
    counts["account_rows"] = _delete_allauth_rows(user)

    user.email = f"verwijderd-{user.pk}@anoniem.invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.save(
        update_fields=["email", "first_name", "last_name", "is_active", "is_staff", "password"]
    )
    return counts


def erase_candidate(*, candidate: User, actor, reason: ErasureReason | str, now=None) -> Erasure:
    """Anonymise a candidate and delete their files.

    With reason RETENTION_EXPIRED, refused (ErasureRefused) before the retention period
    is over; CANDIDATE_REQUEST (the right to erasure) may act at any time.
    Side effects: personal texts blanked, account anonymised and deactivated, sessions
    and allauth rows deleted, audit trail anonymised, an Erasure row and a
    CANDIDATE_ERASED audit entry; the files go from storage after commit.
    """
    now = now or timezone.now()
    if reason not in ErasureReason.values:
        raise ErasureRefused(_("Kies een reden."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=candidate.pk)
        if user.role != Role.CANDIDATE:
            raise ErasureRefused(_("Alleen kandidaten worden zo geanonimiseerd."))
        if Erasure.objects.filter(user_id=user.pk).exists():
            raise ErasureRefused(_("Deze kandidaat is al geanonimiseerd."))
        if reason == ErasureReason.RETENTION_EXPIRED:
            retention = selectors.retention_for([user])[user.pk]
            if retention.erasable_from is None:
                raise ErasureRefused(
                    _(
                        "Het portfolio van deze kandidaat is in beoordeling; de bewaartermijn "
                        "begint pas na het besluit."
                    )
                )
            if not retention.expired(now):
                raise ErasureRefused(
                    _("De bewaartermijn loopt nog tot %(date)s.")
                    % {"date": formats.date_format(retention.erasable_from)}
                )
        counts = _wipe_personal_data(user)
        erasure = Erasure.objects.create(
            user_id=user.pk,
            erased_at=now,
            erased_by=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
            counts=counts,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CANDIDATE_ERASED,
            target=erasure,
            summary=f"#{user.pk}: {ErasureReason(reason).label}",
        )
        transaction.on_commit(lambda: purge_files(erasure=erasure))
        # Made files (PDFs of the portfolio, exports, also the office's) go too.
        transaction.on_commit(lambda: forget_files_of(owner_id=user.pk))
        transaction.on_commit(lambda: forget_files_about(kind=DATA_EXPORT, subject_id=user.pk))
    return erasure


def erase_expired(*, now=None, dry_run: bool = False) -> list[tuple[int, object]]:
    """Erase every candidate whose retention period is over (the command and the daily
    task). Returns [(candidate id, erasable from)]; with dry_run nothing changes.

    Also finishes the file deletion of earlier erasures that was interrupted."""
    now = now or timezone.now()
    due = [(c.pk, r.erasable_from) for c, r in selectors.expired_candidates(now)]
    if dry_run:
        return due
    for erasure in Erasure.objects.filter(files_deleted_at__isnull=True, erased_at__lt=now):
        purge_files(erasure=erasure)
    done = []
    for candidate_id, erasable_from in due:
        candidate = User.objects.get(pk=candidate_id)
        try:
            erase_candidate(
                candidate=candidate,
                actor=None,
                reason=ErasureReason.RETENTION_EXPIRED,
                now=now,
            )
        except ErasureRefused:
            continue  # changed since the list was made (e.g. newly submitted)
        done.append((candidate_id, erasable_from))
    return done
