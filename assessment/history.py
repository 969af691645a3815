"""The review's history, read from the audit trail (the one history of the workflow):
the "Verloop" list of the office's page and the time spent per state."""

from django.db import connection

from assessment import workflow
from assessment.enums import ReviewState
from assessment.models import Review
from audit.enums import AuditAction
from audit.models import AuditEntry
from portal.enums import label_of


def review_history(review: Review) -> list[dict]:
    """The review's transitions from the audit trail, oldest first (one query), with the
    states and the step in Dutch: what the office reads as "Verloop"."""
    entries = (
        AuditEntry.objects.filter(
            portfolio_id=review.portfolio_id, action=AuditAction.REVIEW_TRANSITION
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    history = []
    for entry in entries:
        status = entry.changes.get("status") or {}
        step = workflow.STEPS.get(entry.summary)
        history.append(
            {
                "at": entry.at,
                # The person by name; the label (their address then) if the account is gone.
                "actor": str(entry.actor) if entry.actor else entry.actor_label,
                "step": step.label if step else "",
                "from": label_of(ReviewState, status.get("voor")) if status.get("voor") else "",
                "to": label_of(ReviewState, status.get("na")) if status.get("na") else "",
            }
        )
    return history


def time_spent_per_state() -> dict:
    """Average days a review spent in each state it has left, from the audit trail.

    In one SQL query (a window over the review's transition entries, whose `changes`
    hold {"status": {"voor": from, "na": to}}), not a loop over every entry: a state was
    entered at the previous transition of the review, or at the review's creation.
    """
    if connection.vendor == "postgresql":
        source = "(a.changes -> 'status' ->> 'voor')"
        seconds = "EXTRACT(EPOCH FROM (ev.at - COALESCE(ev.prev_at, r.created_at)))"
    else:  # SQLite keeps JSON and datetimes as text
        source = "json_extract(a.changes, '$.status.voor')"
        seconds = "(julianday(ev.at) - julianday(COALESCE(ev.prev_at, r.created_at))) * 86400"
    entries, reviews = AuditEntry._meta.db_table, Review._meta.db_table
    sql = f"""
        WITH ev AS (
            SELECT a.portfolio_id, {source} AS from_state, a.at,
                   LAG(a.at) OVER (PARTITION BY a.portfolio_id ORDER BY a.at, a.id) AS prev_at
            FROM {entries} a
            WHERE a.action = %s
        )
        SELECT ev.from_state, AVG({seconds})
        FROM ev JOIN {reviews} r ON r.portfolio_id = ev.portfolio_id
        WHERE ev.from_state IS NOT NULL AND ev.from_state <> ''
        GROUP BY ev.from_state
    """  # noqa: S608 - table names from the models, no user input
    with connection.cursor() as cursor:
        cursor.execute(sql, [AuditAction.REVIEW_TRANSITION.value])
        return {state: round(float(avg) / 86400, 1) for state, avg in cursor.fetchall()}
