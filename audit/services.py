"""Writing the audit trail (append-only) and anonymising it on erasure.

Every service that changes something worth auditing calls `record()` inside its own
transaction, so the entry is written exactly when the change is. Personal text (answers,
motivations, notes) is never copied into the trail: `masked()` keeps only its length.
"""

from django.utils.translation import gettext as _

from audit.enums import AuditAction

# The append-only guard lives in audit.guard (the model asks it without importing this
# module); callers keep using audit.services.AuditImmutable and erasure_allowed.
from audit.guard import AuditImmutable, erasure_allowed  # noqa: F401 - re-exported
from audit.models import AuditEntry

ANONYMOUS_LABEL = "geanonimiseerd"


def masked(text: str | None) -> str:
    """What the trail keeps of a personal text: that it was there, and how long it was."""
    if not text:
        return ""
    return _("«tekst verborgen, %(count)d tekens»") % {"count": len(text)}


def change(before, after) -> dict:
    return {"voor": before, "na": after}


def record(
    *,
    actor,
    action: AuditAction | str,
    portfolio_id: int | None = None,
    subject_user_id: int | None = None,
    target=None,
    summary: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """Append one entry. `target` is the model instance acted on (type and id are kept);
    `changes` maps a field to `change(before, after)` with personal text `masked()`."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor_id=actor.pk if is_user else None,
        actor_label=actor.email if is_user else "systeem",
        action=action,
        portfolio_id=portfolio_id,
        subject_user_id=subject_user_id,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        changes=changes or {},
    )


def blank(entries, **also) -> int:
    """Erasure: empty the summaries and changes of `entries` (and set `also`), keeping
    the action, the time and a review transition's from → to: workflow states, never
    personal, which the office's time-per-state statistics are made of. Call inside
    `erasure_allowed()`."""
    states = {
        pk: changes["status"]
        for pk, changes in entries.filter(action=AuditAction.REVIEW_TRANSITION).values_list(
            "pk", "changes"
        )
        if isinstance(changes, dict) and "status" in changes
    }
    count = entries.update(summary="", changes={}, **also)
    for pk, status in states.items():
        AuditEntry.objects.filter(pk=pk).update(changes={"status": status})
    return count


def anonymise_user(*, user_id: int) -> int:
    """Erasure: strip who and what from every entry by or about the user; keep the
    action and the time (the anonymised statistics). Returns the number of entries."""
    with erasure_allowed():
        by_user = AuditEntry.objects.filter(actor_id=user_id).update(
            actor_id=None, actor_label=ANONYMOUS_LABEL
        )
        about_user = blank(
            AuditEntry.objects.filter(subject_user_id=user_id),
            subject_user_id=None,
            actor_label=ANONYMOUS_LABEL,
        )
    return by_user + about_user
