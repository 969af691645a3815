"""Writes of prepared files: request one (content-addressed, one in flight per person and
kind), build it (in a Celery task), forget old ones."""

import logging
from datetime import timedelta

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from downloads.enums import PreparedStatus
from downloads.models import PreparedFile
from downloads.registry import KINDS, Built, TooLarge
from portal.models import User

logger = logging.getLogger(__name__)

# A request still pending after this is taken as lost (its task never ran: the broker was
# down when it was queued); a new request then replaces it. Above the task's time limit.
STALE_AFTER = timedelta(minutes=10)
# How long a made file is kept for its owner to download (then `forget_old_files`).
KEEP_FOR = timedelta(hours=24)


@transaction.atomic
def request_file(*, owner, kind: str, subject_id: int) -> PreparedFile:
    """The prepared file of `kind` about `subject_id` for `owner`, as its content is now.

    The same content is made once: a ready (or pending) file with the current content key
    is returned as it is. One request per person and kind is in flight: while one is
    pending, asking again returns that one. Call after the caller's access check.

    Side effects: a PreparedFile row; its build queued after commit (in-process when
    Celery runs eagerly, so on the embedded defaults it is ready on return).
    """
    from downloads.tasks import build_prepared_file  # noqa: PLC0415 - tasks import services

    key = KINDS[kind].key(owner, subject_id)
    User.objects.select_for_update().filter(pk=owner.pk).first()  # double clicks take turns
    mine = PreparedFile.objects.filter(owner=owner, kind=kind)
    stale = timezone.now() - STALE_AFTER
    mine.filter(status=PreparedStatus.PENDING, created_at__lt=stale).update(
        status=PreparedStatus.FAILED, error=_("Het maken duurde te lang.")
    )
    existing = mine.filter(subject_id=subject_id, key=key).first()
    if existing and (existing.is_pending or (existing.is_ready and _file_exists(existing))):
        return existing
    if existing:
        _delete(existing)  # failed, or its file is gone: make it again
    pending = mine.filter(status=PreparedStatus.PENDING).first()
    if pending:
        return pending
    prepared = PreparedFile.objects.create(owner=owner, kind=kind, subject_id=subject_id, key=key)
    transaction.on_commit(lambda: build_prepared_file.delay(prepared_id=prepared.pk), robust=True)
    return prepared


def _file_exists(prepared: PreparedFile) -> bool:
    return bool(prepared.file.name) and prepared.file.storage.exists(prepared.file.name)


def _delete(prepared: PreparedFile) -> None:
    if prepared.file.name:
        prepared.file.storage.delete(prepared.file.name)
    prepared.delete()


def build(*, prepared_id: int) -> PreparedFile | None:
    """Make the file of a pending request (the Celery task's body; idempotent).

    The content is read as it is now: when it changed since the request, the file is
    stored under the key of what was built, so a key always names its content.
    """
    prepared = (
        PreparedFile.objects.filter(pk=prepared_id, status=PreparedStatus.PENDING)
        .select_related("owner")
        .first()
    )
    if prepared is None:
        return None
    kind = KINDS[prepared.kind]
    try:
        built = kind.build(prepared.owner, prepared.subject_id)
    except TooLarge as exc:
        return _fail(prepared, str(exc))
    if built is None:  # the portfolio or account is gone
        prepared.delete()
        return None
    with built.data:
        return _store(prepared, built)


def _store(prepared: PreparedFile, built: Built) -> PreparedFile | None:
    with transaction.atomic():
        locked = PreparedFile.objects.select_for_update().filter(pk=prepared.pk).first()
        if locked is None or not locked.is_pending:
            return None
        if built.key is not None and built.key != locked.key:
            for other in PreparedFile.objects.filter(
                owner_id=locked.owner_id,
                kind=locked.kind,
                subject_id=locked.subject_id,
                key=built.key,
            ):
                _delete(other)
            locked.key = built.key
        built.data.seek(0, 2)
        locked.size = built.data.tell()
        built.data.seek(0)
        locked.file.save(built.filename, File(built.data), save=False)
        locked.filename = built.filename
        locked.content_type = built.content_type
        locked.status = PreparedStatus.READY
        locked.finished_at = timezone.now()
        locked.save()
    return locked


def fail(*, prepared_id: int, message: str) -> None:
    """Mark a request failed (the task ran out of time or memory)."""
    prepared = PreparedFile.objects.filter(pk=prepared_id, status=PreparedStatus.PENDING).first()
    if prepared is not None:
        _fail(prepared, message)


def _fail(prepared: PreparedFile, message: str) -> PreparedFile:
    prepared.status = PreparedStatus.FAILED
    prepared.error = message[:300]
    prepared.finished_at = timezone.now()
    prepared.save(update_fields=["status", "error", "finished_at"])
    logger.warning("prepared file %s failed: %s", prepared.pk, message)
    return prepared


def forget_old_files(*, now=None) -> int:
    """Delete made files older than KEEP_FOR, and failed requests (daily)."""
    moment = now or timezone.now()
    return _delete_all(PreparedFile.objects.filter(created_at__lt=moment - KEEP_FOR))


def forget_files_of(*, owner_id: int) -> int:
    """Delete every prepared file of an account (erasure)."""
    return _delete_all(PreparedFile.objects.filter(owner_id=owner_id))


def forget_files_about(*, kind: str, subject_id: int) -> int:
    """Delete every prepared file of a kind about one subject, whoever asked (erasure)."""
    return _delete_all(PreparedFile.objects.filter(kind=kind, subject_id=subject_id))


def _delete_all(prepared_files) -> int:
    count = 0
    for prepared in prepared_files:
        _delete(prepared)
        count += 1
    return count
