from audit.enums import AuditAction
from audit.models import AuditEntry
from tests.factories.reviews import agree_all, hold_interview, score_all

__all__ = ["agree_everything", "hold_interview", "score_everything"]


def score_everything(assignment, actor, *, option_code="aangetoond", overrides=None):
    assert assignment.assessor_id == actor.pk
    return score_all(assignment, actor, option_code=option_code, overrides=overrides)


def agree_everything(first, second, assessor, second_assessor, *, overrides=None):
    assert (first.assessor_id, second.assessor_id) == (assessor.pk, second_assessor.pk)
    return agree_all(first, second, overrides=overrides)


def transitions(review) -> list[tuple]:
    """The review's history as the audit trail keeps it: (from, to, actor id), in order."""
    entries = AuditEntry.objects.filter(
        portfolio_id=review.portfolio_id, action=AuditAction.REVIEW_TRANSITION
    ).order_by("at", "pk")
    return [(e.changes["status"]["voor"], e.changes["status"]["na"], e.actor_id) for e in entries]
