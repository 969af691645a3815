"""The data export holds the complaints about the job coach's registration and every
measure of the office with its own reason, without the complainant's name or contact
details; the audit trail keeps masking the reasons."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from complaints import services as complaint_services
from complaints.enums import ComplaintOutcome
from register import services as register_services
from register.enums import RegistrationStatus
from tests.dataprotection.test_export import _client, _zip

COMPLAINANT = "Wieteke Brammelaar-ZQX"
CONTACT = "wieteke-zqx@voorbeeld.nl"


@pytest.mark.django_db
def test_the_export_holds_complaints_and_measures_but_not_the_complainant(
    world, office, django_capture_on_commit_callbacks
):
    candidate = world.candidate
    today = timezone.localdate()
    complaint = _complaint_handled_and_struck_off(
        world, office, today, django_capture_on_commit_callbacks
    )
    archive = _zip(_client(candidate))
    raw = archive.read("gegevens.json").decode()
    # Third parties' data stay out: not anywhere in the export.
    assert COMPLAINANT not in raw
    assert CONTACT not in raw
    for name in archive.namelist():
        body = archive.read(name).decode(errors="ignore")
        assert COMPLAINANT not in body
        assert CONTACT not in body
    registratie = json.loads(raw)["registratie"]
    assert registratie["status"] == RegistrationStatus.STRUCK_OFF
    assert registratie["reden_status"] == "Ernstig tekortgeschoten."
    _assert_the_complaint_is_listed(registratie, complaint, today)
    _assert_each_measure_with_its_own_reason(registratie, complaint, today)
    # Who took them: the role, as for the assessors (no staff names).
    assert {m["genomen_door"] for m in registratie["maatregelen"]} == {"Bureau"}
    assert office.get_full_name() not in raw
    assert [(c["van"], c["naar"], c["door_het_bureau"]) for c in registratie["statusverloop"]] == [
        ("geldig", "geschorst", True),
        ("geschorst", "geldig", True),
        ("geldig", "doorgehaald", True),
    ]
    # The trail itself still masks the reasons.
    trail = json.dumps(
        list(AuditEntry.objects.filter(subject_user_id=candidate.pk).values("changes", "summary"))
    )
    for reason in ("Onderzoek naar de klacht.", "Onderzoek afgerond.", "Ernstig tekortgeschoten."):
        assert reason not in trail
    leesmij = archive.read("LEESMIJ.txt").decode()
    assert "klager" in leesmij


def _complaint_handled_and_struck_off(world, office, today, capture):
    """The candidate is registered; a complaint is recorded and handled, the registration
    suspended, the suspension lifted, the complaint closed as founded and the candidate
    struck off. Returns the complaint."""
    registration = register_services.register(
        candidate=world.candidate,
        version=world.portfolio.framework_version,
        starts_on=today,
        actor=office,
    )
    with capture(execute=True):
        complaint = complaint_services.record_complaint(
            registration=registration,
            complainant=COMPLAINANT,
            contact=CONTACT,
            received_on=today,
            summary="Afspraken over de begeleiding niet nagekomen.",
            actor=office,
        )
        complaint_services.start_handling(complaint=complaint, actor=office)
        complaint_services.suspend(
            registration=registration,
            reason="Onderzoek naar de klacht.",
            until=today + timedelta(days=30),
            actor=office,
            complaint=complaint,
        )
        complaint_services.lift_suspension(
            registration=registration, reason="Onderzoek afgerond.", actor=office
        )
        complaint_services.close_complaint(
            complaint=complaint,
            outcome=ComplaintOutcome.FOUNDED,
            reason="De afspraken zijn aantoonbaar niet nagekomen.",
            actor=office,
        )
        complaint_services.strike_off(
            registration=registration,
            reason="Ernstig tekortgeschoten.",
            actor=office,
            complaint=complaint,
        )
    return complaint


def _assert_the_complaint_is_listed(registratie, complaint, today) -> None:
    """The one complaint: received, what it said, handled, with its outcome and reason."""
    [listed] = registratie["klachten"]
    assert listed["id"] == complaint.pk
    assert listed["ontvangen_op"] == today.isoformat()
    assert listed["samenvatting"] == "Afspraken over de begeleiding niet nagekomen."
    assert listed["status"] == "afgehandeld"
    assert listed["uitkomst"] == ComplaintOutcome.FOUNDED
    assert listed["motivering_uitkomst"] == "De afspraken zijn aantoonbaar niet nagekomen."
    assert listed["afgehandeld_op"] == today.isoformat()


def _assert_each_measure_with_its_own_reason(registratie, complaint, today) -> None:
    """The suspension, its lifting and the striking off, in that order."""
    suspension, lifting, striking_off = registratie["maatregelen"]
    assert (suspension["van"], suspension["naar"]) == ("geldig", RegistrationStatus.SUSPENDED)
    assert suspension["maatregel"] == "schorsing"
    assert suspension["op"] == today.isoformat()
    assert suspension["geschorst_tot_en_met"] == (today + timedelta(days=30)).isoformat()
    assert suspension["klacht"] == complaint.pk
    # Each measure keeps its own reason, not only the one of the current status.
    assert suspension["reden"] == "Onderzoek naar de klacht."
    assert (lifting["maatregel"], lifting["van"], lifting["naar"]) == (
        "opheffing",
        RegistrationStatus.SUSPENDED,
        RegistrationStatus.VALID,
    )
    assert lifting["reden"] == "Onderzoek afgerond."
    assert (lifting["klacht"], lifting["geschorst_tot_en_met"]) == (None, None)
    assert striking_off["naar"] == RegistrationStatus.STRUCK_OFF
    assert striking_off["klacht"] == complaint.pk
    assert striking_off["reden"] == "Ernstig tekortgeschoten."


@pytest.mark.django_db
def test_without_a_registration_there_are_no_complaints(world):
    data = json.loads(_zip(_client(world.candidate)).read("gegevens.json"))
    assert data["registratie"] is None
