"""The complaints about a job coach's registration and the office's measures on it
(suspension, lifting, striking off), for the data export's gegevens.json.

The complainant's name and contact details are a third party's personal data: they
stay out (AVG art. 15 lid 4). The measures are their own rows (complaints.Measure), each
with its reason; the status history (the calendar's changes too) comes from the audit
trail, which masks reasons."""

from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints.models import Complaint, Measure
from register.models import Registration


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def complaints_data(registration: Registration) -> list[dict]:
    """Each complaint: when received, its summary, status, outcome and its reasons."""
    complaints = Complaint.objects.filter(registration=registration).order_by("received_on", "pk")
    return [
        {
            "id": c.pk,
            "ontvangen_op": _iso(c.received_on),
            "samenvatting": c.summary,
            "status": c.state,
            "status_omschrijving": str(c.get_state_display()),
            "uitkomst": c.outcome or None,
            "uitkomst_omschrijving": str(c.get_outcome_display()) if c.outcome else None,
            "motivering_uitkomst": c.outcome_reason,
            "afgehandeld_op": _iso(c.closed_on),
        }
        for c in complaints
    ]


def measures_data(registration: Registration) -> list[dict]:
    """Every measure the office took (suspension, lifting, striking off), oldest first:
    the day, the statuses, the end of a suspension, the reason, the complaint it follows
    (its id in `klachten`) and the role of who took it (as for the assessors: no staff
    names)."""
    measures = Measure.objects.filter(registration=registration).select_related("taken_by")
    return [
        {
            "maatregel": m.kind,
            "maatregel_omschrijving": str(m.get_kind_display()),
            "op": _iso(m.taken_on),
            "van": m.status_before,
            "naar": m.status_after,
            "geschorst_tot_en_met": _iso(m.suspended_until),
            "reden": m.reason or None,  # empty: taken before reasons were kept per measure
            "klacht": m.complaint_id,
            "genomen_door": str(m.taken_by.get_role_display()) if m.taken_by else None,
        }
        for m in measures.order_by("created_at", "pk")
    ]


def status_history(registration: Registration) -> list[dict]:
    """Every status change of the registration from the audit trail, oldest first: also
    those of the calendar (expiry, the set end of a suspension). Reasons: in the
    measures (the trail masks them)."""
    entries = AuditEntry.objects.filter(
        action=AuditAction.REGISTRATION_STATUS,
        object_type=registration._meta.label_lower,
        object_id=str(registration.pk),
    ).order_by("at", "pk")
    return [
        {
            "op": _iso(e.at),
            "van": e.changes.get("status", {}).get("voor"),
            "naar": e.changes.get("status", {}).get("na"),
            "door_het_bureau": e.actor_id is not None,
        }
        for e in entries
    ]
