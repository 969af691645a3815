"""Reads of the office's register pages. Every selector answers 404 to anyone but the
office (the same answer as "does not exist")."""

from django.db.models import Count, Q
from django.http import Http404

from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints.enums import ComplaintState
from complaints.models import Complaint, Measure
from portal.rules import is_office
from register.models import Registration

PAGE_SIZE = 50
HISTORY_ACTIONS = (
    AuditAction.REGISTRATION_CREATED,
    AuditAction.REGISTRATION_STATUS,
    AuditAction.REGISTRATION_PUBLICATION,
    AuditAction.COMPLAINT_RECORDED,
    AuditAction.COMPLAINT_TRANSITION,
)


def _office_only(user) -> None:
    if not is_office(user):
        raise Http404


def registrations(user, *, query: str = "", status: str = "", open_complaints: bool = False):
    """The office's list: filtered, with the number of open complaints (one query per
    page, plus the paginator's count)."""
    _office_only(user)
    found = Registration.objects.annotate(
        open_complaints=Count("complaints", filter=~Q(complaints__state=ComplaintState.CLOSED))
    )
    if query:
        found = found.filter(
            Q(public_name__icontains=query)
            | Q(number__icontains=query)
            | Q(candidate__email__iexact=query)
        )
    if status:
        found = found.filter(status=status)
    if open_complaints:
        found = found.filter(open_complaints__gt=0)
    return found.order_by("public_name", "number")


def registration_for_office(user, pk: int) -> Registration:
    _office_only(user)
    registration = Registration.objects.select_related("candidate").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def complaint_for_office(user, pk: int) -> Complaint:
    _office_only(user)
    complaint = (
        Complaint.objects.select_related("registration__candidate", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def complaints_of(registration: Registration) -> list[Complaint]:
    return list(registration.complaints.order_by("-received_on", "-pk"))


def measures_of(registration: Registration) -> list[Measure]:
    """The office's measures on the registration with their reasons, newest first (one
    query)."""
    return list(registration.measures.select_related("taken_by").order_by("-created_at", "-pk"))


def history(registration: Registration, complaints: list[Complaint]) -> list[AuditEntry]:
    """The registration's history from the audit trail: its own changes and those of its
    `complaints` (one query)."""
    complaint_ids = [str(complaint.pk) for complaint in complaints]
    return list(
        AuditEntry.objects.filter(
            Q(object_type="register.registration", object_id=str(registration.pk))
            | Q(object_type="complaints.complaint", object_id__in=complaint_ids),
            subject_user_id=registration.candidate_id,
            action__in=HISTORY_ACTIONS,
        ).order_by("-at", "-pk")
    )
