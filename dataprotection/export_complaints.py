"""The complaints about a job coach's registration and the office's measures on it
(suspension, lifting, striking off), for the data export's gegevens.json.

The complainant's name and contact details are a third party's personal data: they
stay out (AVG art. 15 lid 4). The measures come from the audit trail (the one history);
the trail masks their reasons, so the reason given is the registration's current one,
on the measure that gave the current status."""

from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints.models import Complaint
from register import rules
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


def _is_measure(entry: AuditEntry) -> bool:
    status = entry.changes.get("status", {})
    return bool({status.get("voor"), status.get("na")} & set(rules.OFFICE_HELD))


def measures_data(registration: Registration) -> list[dict]:
    """Every status change from or to suspended or struck off, oldest first: the date,
    the statuses, the end of a suspension, the complaint it follows (its id in
    `klachten`) and, on the one that gave the current status, the reason."""
    entries = AuditEntry.objects.filter(
        action=AuditAction.REGISTRATION_STATUS,
        object_type=registration._meta.label_lower,
        object_id=str(registration.pk),
    ).order_by("at", "pk")
    measures = [e for e in entries if _is_measure(e)]
    return [
        {
            "op": _iso(e.at),
            "van": e.changes["status"].get("voor"),
            "naar": e.changes["status"].get("na"),
            "geschorst_tot_en_met": e.changes.get("geschorst tot en met", {}).get("na"),
            "klacht": e.changes.get("klacht", {}).get("na"),
            "reden": (
                registration.status_reason
                if e is measures[-1] and e.changes["status"].get("na") == registration.status
                else None
            ),
        }
        for e in measures
    ]
