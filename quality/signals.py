"""Every change to the data behind the quality figures replaces their data stamp
(`quality.stamp`), in the transaction of the change.

Signals, not calls in each service: the figures read scores, submissions, assignments,
joint verdicts and final scores, calibration cases and rounds, and the assessors' names, written
by several apps' services and by the admin; one forgotten path would show stale figures
as current. What does not change a figure does not bump, so the dashboard stays current
while assessors work:

- a score counts once its assessment is submitted (the service refuses changes after
  that): saving one of an open assessment, the autosave, does not bump;
- a new assessment (opened by the first score) and a new assignment have no submitted
  scores yet;
- a user's save bumps only for an assessor, and not when only the login time changes;
- a calibration round counts once submitted (CalibrationRound), not its autosaves.

The rare bulk writes (quality.demo) bump themselves. Framework edits replace the
content stamp (`profiles.signals`), which the data stamp includes.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from assessment.models import AgreedScore, Assessment, Assignment, Score
from portal.enums import Role
from quality.models import CalibrationCase, CalibrationReference, CalibrationRound
from quality.stamp import bump

NAME_FIELDS = frozenset({"first_name", "last_name", "email", "role"})


def _raw(kwargs) -> bool:
    return bool(kwargs.get("raw"))  # loaddata: no stamp table guaranteed yet


def _always(sender, **kwargs) -> None:
    if not _raw(kwargs):
        bump()


def _unless_new(sender, instance, created=False, **kwargs) -> None:
    """An assignment: a new one has no submitted scores yet."""
    if not created and not _raw(kwargs):
        bump()


def _assessment_saved(sender, instance, created=False, **kwargs) -> None:
    if _raw(kwargs) or (created and instance.submitted_at is None):
        return
    bump()


def _assessment_deleted(sender, instance, **kwargs) -> None:
    if instance.submitted_at is not None:
        bump()


def _score_changed(sender, instance, **kwargs) -> None:
    """Only a score of a submitted assessment counts (one query unless the assessment is
    at hand: the service's update of an open score)."""
    if _raw(kwargs) or instance.assessment_id is None:
        return
    if Score.assessment.is_cached(instance):
        submitted = instance.assessment.submitted_at is not None
    else:
        submitted = Assessment.objects.filter(
            pk=instance.assessment_id, submitted_at__isnull=False
        ).exists()
    if submitted:
        bump()


def _user_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """An assessor's name is shown in the figures."""
    if _raw(kwargs) or created or instance.role != Role.ASSESSOR:
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return
    bump()


def connect() -> None:
    for model in (AgreedScore, CalibrationCase, CalibrationReference, CalibrationRound):
        name = model.__name__
        post_save.connect(_always, sender=model, dispatch_uid=f"quality-save-{name}")
        post_delete.connect(_always, sender=model, dispatch_uid=f"quality-delete-{name}")
    post_save.connect(_unless_new, sender=Assignment, dispatch_uid="quality-save-Assignment")
    post_delete.connect(_always, sender=Assignment, dispatch_uid="quality-delete-Assignment")
    post_save.connect(_assessment_saved, sender=Assessment, dispatch_uid="quality-save-Assessment")
    post_delete.connect(
        _assessment_deleted, sender=Assessment, dispatch_uid="quality-delete-Assessment"
    )
    post_save.connect(_score_changed, sender=Score, dispatch_uid="quality-save-Score")
    post_delete.connect(_score_changed, sender=Score, dispatch_uid="quality-delete-Score")
    post_save.connect(_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="quality-user")
