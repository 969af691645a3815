"""Everything the portal holds about a candidate, as one JSON-ready dict (the data export's
gegevens.json, `dataprotection.export`), and where its files go in the ZIP."""

from allauth.account.models import EmailAddress

from assessment.enums import ReviewState
from assessment.models import Review
from audit.enums import AuditAction
from audit.models import AuditEntry
from dataprotection.export_complaints import complaints_data, measures_data, status_history
from objections.models import Objection
from portal.models import User
from portfolio import entries
from portfolio.models import Answer, Document, Portfolio
from portfolio.validators import safe_filename
from register.models import Certificate, Registration


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def document_path(document: Document) -> str:
    """Where a document goes in the ZIP: readable, unique, no path tricks (the upload's own
    rule for display names, applied again to what is stored)."""
    name = safe_filename(document.original_name)
    return f"bestanden/portfolio-{document.portfolio_id}/{document.pk}-{name}"


def report_path(report) -> str:
    return f"rapporten/rapport-{report.review_id}-ronde-{report.round}.pdf"


def attachment_path(attachment) -> str:
    """Where an objection's attachment goes in the ZIP (named as the document's are)."""
    name = safe_filename(attachment.name)
    return f"bezwaren/bezwaar-{attachment.objection_id}/{attachment.pk}-{name}"


def certificate_path(registration) -> str:
    return f"registratie/certificaat-{registration.number}.pdf"


def candidate_data(candidate: User) -> dict:
    """Everything the portal holds about the candidate, as one JSON-ready dict."""
    own_actions = AuditEntry.objects.filter(actor_id=candidate.pk).order_by("at", "pk")
    return {
        "account": _account_data(candidate),
        "portfolios": [_portfolio_data(p) for p in _portfolios(candidate)],
        "registratie": _registration_data(candidate),
        "bezwaren": _objection_data(candidate),
        "eigen_handelingen": [
            {"op": _iso(e.at), "handeling": e.action, "omschrijving": e.summary}
            for e in own_actions
        ],
    }


def _registration_data(candidate: User) -> dict | None:
    """The entry in the Register Jobcoach, with what the job coach chose to publish."""
    registration = Registration.objects.filter(candidate=candidate).first()
    if registration is None:
        return None
    return {
        "registratienummer": registration.number,
        "status": registration.status,
        "status_sinds": _iso(registration.status_since),
        "reden_status": registration.status_reason,
        "geschorst_tot_en_met": _iso(registration.suspended_until),
        "ingangsdatum": _iso(registration.starts_on),
        "geldig_tot_en_met": _iso(registration.valid_until),
        "naam_in_het_register": registration.public_name,
        "plaats": registration.place,
        "organisatie": registration.organisation,
        "website": registration.website,
        "plaats_tonen": registration.show_place,
        "organisatie_tonen": registration.show_organisation,
        "website_tonen": registration.show_website,
        "certificaat": _certificate_data(registration),
        "klachten": complaints_data(registration),
        "maatregelen": measures_data(registration),
        "statusverloop": status_history(registration),
    }


def _certificate_data(registration: Registration) -> dict | None:
    certificate = Certificate.objects.filter(registration=registration).first()
    if certificate is None:
        return None
    return {
        "afgegeven_op": _iso(certificate.made_on),
        "sha256": certificate.sha256,
        "bestand": certificate_path(registration),
    }


def _objection_data(candidate: User) -> list[dict]:
    """The candidate's objections: their grounds, the attachments (their files are in the
    ZIP under `attachment_path`), the outcome."""
    objections = Objection.objects.filter(review__portfolio__candidate=candidate)
    return [
        {
            "ingediend_op": _iso(o.lodged_at),
            "status": o.state,
            "besluit": o.decision,
            "gronden": o.reasons,
            "bijlagen": [
                {
                    "naam": a.name,
                    "soort": a.content_type,
                    "grootte": a.size,
                    "sha256": a.sha256,
                    "geupload_op": _iso(a.created_at),
                    "bestand": attachment_path(a),
                }
                for a in o.attachments.all()
            ],
            "uitspraak_op": _iso(o.decided_at),
            "motivering_uitspraak": o.outcome_reason,
            "herzien_besluit": o.revised_decision,
        }
        for o in objections.prefetch_related("attachments").order_by("lodged_at", "pk")
    ]


def _account_data(candidate: User) -> dict:
    return {
        "id": candidate.pk,
        "voornaam": candidate.first_name,
        "achternaam": candidate.last_name,
        "naam": candidate.get_full_name(),
        "e-mailadres": candidate.email,
        "rol": candidate.role,
        "rol_omschrijving": str(candidate.get_role_display()),
        "actief": candidate.is_active,
        "aangemaakt_op": _iso(candidate.date_joined),
        "laatst_ingelogd": _iso(candidate.last_login),
        "e-mailadressen": [
            {"e-mailadres": e.email, "geverifieerd": e.verified, "primair": e.primary}
            for e in EmailAddress.objects.filter(user=candidate).order_by("pk")
        ],
    }


def _portfolios(candidate: User):
    return (
        Portfolio.objects.filter(candidate=candidate)
        .select_related(
            "framework_version__framework",
            "basic_route",
            "supplementary_route",
            "review__interview",
        )
        .prefetch_related(
            "answers__question",
            "answers__criterion__section",
            "answers__product_question__criterion__section",
            "signatures__declaration",
            "documents__requirement",
            "documents__question",
            "snapshots",
            "review__reports",
            "review__agreed_scores__criterion__section",
            "review__agreed_scores__option",
            "review__agreed_scores__final_option",
            "review__assignments__assessments__scores__criterion__section",
            "review__assignments__assessments__scores__declaration",
            "review__assignments__assessments__scores__condition",
            "review__assignments__assessments__scores__option",
        )
        .order_by("created_at")
    )


def _portfolio_data(p: Portfolio) -> dict:
    version = p.framework_version
    review = getattr(p, "review", None)
    return {
        "id": p.pk,
        "toetsingskader": {
            "kader": version.framework.slug,
            "versie": version.number,
            "titel": version.title,
        },
        "status": p.state,
        "status_omschrijving": str(p.get_state_display()),
        "aangemaakt_op": _iso(p.created_at),
        "laatst_gewijzigd": _iso(p.updated_at),
        "ingediend_op": _iso(p.submitted_at),
        "routes": {
            key: {"code": route.code, "criterium": route.criterion} if route else None
            for key, route in (("A1", p.basic_route), ("A2", p.supplementary_route))
        },
        "diploma": {"datum": _iso(p.diploma_date), "opleider": p.diploma_provider},
        "eerste_indiening_op": _iso(p.first_submitted_on),
        "heropende_onderdelen": p.reopened_sections,
        "aanvullen_uiterlijk": _iso(p.additions_deadline),
        "antwoorden": sorted((_answer_data(a) for a in p.answers.all()), key=lambda r: r["code"]),
        "handtekeningen": [
            {
                "verklaring": s.declaration.code,
                "ondertekende_tekst": s.statement,
                "naam": s.full_name,
                "datum": _iso(s.signed_on),
                "ondertekend_op": _iso(s.signed_at),
                "jaren": s.years,
                "uren": s.hours,
            }
            for s in p.signatures.all()
        ],
        "documenten": [_document_data(d) for d in p.documents.all()],
        "inzendingen": [
            {
                "ronde": s.round,
                "vingerafdruk_sha256": s.sha256,
                "verzegeld_op": _iso(s.created_at),
                "inhoud": s.content,
                "privacywaarschuwingen_bevestigd_op": _iso(s.privacy_override_at),
                "genegeerde_privacywaarschuwingen": s.privacy_findings,
            }
            for s in p.snapshots.all()
        ],
        "beoordeling": _review_data(review) if review is not None else None,
    }


def _answer_data(a: Answer) -> dict:
    return {
        "code": _target_code(a),
        "vraag": _target_text(a),
        "tekst": a.text,
        "datum": _iso(a.date_value),
        "revisie": a.revision,
        "opgeslagen_op": _iso(a.updated_at),
    }


def _document_data(d: Document) -> dict:
    return {
        "id": d.pk,
        "onderdeel": d.requirement.code if d.requirement_id else d.question.code,
        "bestandsnaam": d.original_name,
        "soort": d.content_type,
        "grootte": d.size,
        "sha256": d.sha256,
        "datum_document": _iso(d.document_date),
        "studie_uren": d.study_hours,
        "geupload_op": _iso(d.uploaded_at),
        "bestand": document_path(d),
    }


def _target_code(answer: Answer) -> str:
    return entries.code(answer.question or answer.criterion or answer.product_question)


def _target_text(answer: Answer) -> str:
    if answer.question_id:
        return answer.question.text
    if answer.criterion_id:
        return answer.criterion.title
    return answer.product_question.text


def _score_target(score) -> str:
    if score.criterion_id:
        return score.criterion.code
    if score.declaration_id:
        return score.declaration.code
    return score.condition.text


def _review_history(review: Review) -> list[dict]:
    """The review's state changes, from the audit trail (the one history)."""
    entries = AuditEntry.objects.filter(
        portfolio_id=review.portfolio_id, action=AuditAction.REVIEW_TRANSITION
    ).order_by("at", "pk")
    return [
        {
            "van": entry.changes.get("status", {}).get("voor"),
            "naar": entry.changes.get("status", {}).get("na"),
            "op": _iso(entry.at),
        }
        for entry in entries
    ]


def _review_data(review: Review) -> dict:
    """What the candidate sees of the review. Assessors' scores, motivations, the joint
    verdict and the interview notes are included only once the office has decided: they
    are then in the candidate's report as well. Before that the assessment is in progress
    and assessors work independently (AVG art. 23 allows the exam body to withhold it
    until the decision), so only the state and the planned interview are shown."""
    decided = review.state == ReviewState.DECIDED
    interview = getattr(review, "interview", None)
    return {
        "status": review.state,
        "status_omschrijving": str(review.get_state_display()),
        "ronde": review.round,
        "aangemaakt_op": _iso(review.created_at),
        "toetsgesprek_nodig": review.interview_required,
        "verloop": _review_history(review),
        "toetsgesprek": (
            {
                "gepland_op": _iso(interview.scheduled_at),
                "plaats": interview.location,
                "videolink": interview.video_link,
                "gehouden_op": _iso(interview.held_at),
                "verslag": interview.notes if decided else None,
            }
            if interview is not None
            else None
        ),
        "besluit": _decision_data(review) if decided else None,
        "rapporten": [
            {
                "ronde": r.round,
                "gemaakt_op": _iso(r.created_at),
                "sha256": r.sha256,
                "bestand": report_path(r),
            }
            for r in review.reports.all()
        ],
    }


def _decision_data(review: Review) -> dict:
    """The decision with the joint verdict and every active assessor's scores."""
    return {
        "besluit": review.decision,
        "besluit_omschrijving": str(review.get_decision_display()),
        "besloten_op": _iso(review.decided_at),
        "motivering": review.decision_reason,
        "gezamenlijk_oordeel": [
            {
                "ronde": a.round,
                "criterium": a.criterion.code,
                "score": a.option.label,
                "eindscore_na_toetsgesprek": a.final_option.label if a.final_option_id else None,
                "toelichting": a.reason,
            }
            for a in review.agreed_scores.all()
        ],
        "scores": [
            {
                "assessor": str(assignment.get_role_display()),
                "ronde": assessment.round,
                "onderdeel": _score_target(score),
                "score": score.option.label if score.option_id else None,
                "voldaan": score.met,
                "motivering": score.motivation,
            }
            for assignment in review.assignments.all()
            if not assignment.withdrawn_at
            for assessment in assignment.assessments.all()
            for score in assessment.scores.all()
        ],
    }
