from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # portfolio (candidate side)
    PORTFOLIO_STARTED = "portfolio.started", _("Portfolio gestart")
    ROUTES_CHOSEN = "portfolio.routes", _("Routes gekozen")
    PORTFOLIO_SUBMITTED = "portfolio.submitted", _("Portfolio ingediend")
    PORTFOLIO_REOPENED = "portfolio.reopened", _("Portfolio heropend voor aanvullingen")
    PORTFOLIO_CLOSED = "portfolio.closed", _("Portfolio afgesloten")
    DOCUMENT_UPLOADED = "document.uploaded", _("Bestand geüpload")
    DOCUMENT_DOWNLOADED = "document.downloaded", _("Bestand gedownload")
    DOCUMENT_DELETED = "document.deleted", _("Bestand verwijderd")
    SIGNATURE_SIGNED = "signature.signed", _("Verklaring ondertekend")
    SIGNATURE_WITHDRAWN = "signature.withdrawn", _("Handtekening ingetrokken")
    PRIVACY_WARNING_OVERRIDDEN = "privacy.overridden", _("Privacywaarschuwing genegeerd")
    # review
    REVIEW_TRANSITION = "review.transition", _("Statuswijziging beoordeling")
    CONFLICT_DECLARED = "review.conflict", _("Belangenverklaring")
    SCORE_SAVED = "score.saved", _("Score opgeslagen")
    ASSESSMENT_SUBMITTED = "assessment.submitted", _("Beoordeling ingediend")
    VERDICT_AGREED = "verdict.agreed", _("Gezamenlijk oordeel vastgelegd")
    INTERVIEW_RECORDED = "interview.recorded", _("Toetsgesprek vastgelegd")
    DECISION_MADE = "decision.made", _("Besluit genomen")
    REPORT_GENERATED = "report.generated", _("Rapport gemaakt")
    REPORT_DOWNLOADED = "report.downloaded", _("Rapport gedownload")
    # objection (bezwaar) against a decision
    OBJECTION_LODGED = "objection.lodged", _("Bezwaar ingediend")
    OBJECTION_TRANSITION = "objection.transition", _("Statuswijziging bezwaar")
    OBJECTION_CONFLICT = "objection.conflict", _("Belangenverklaring bezwaarcommissie")
    OBJECTION_DOCUMENT = "objection.document", _("Bijlage bij bezwaar")
    # the framework, edited by the office in the admin
    FRAMEWORK_CHANGED = "framework.changed", _("Toetsingskader gewijzigd")
    # the register
    REGISTRATION_CREATED = "registration.created", _("Registratie aangemaakt")
    REGISTRATION_STATUS = "registration.status", _("Status registratie gewijzigd")
    REGISTRATION_PUBLICATION = "registration.publication", _("Keuze publicatie gewijzigd")
    COMPLAINT_RECORDED = "complaint.recorded", _("Klacht vastgelegd")
    COMPLAINT_TRANSITION = "complaint.transition", _("Statuswijziging klacht")
    CERTIFICATE_GENERATED = "certificate.generated", _("Certificaat gemaakt")
    CERTIFICATE_DOWNLOADED = "certificate.downloaded", _("Certificaat gedownload")
    RECERTIFICATION_STARTED = "recertification.started", _("Hercertificering gestart")
    REGISTRATION_RENEWED = "registration.renewed", _("Registratie verlengd")
    # data rights
    DATA_EXPORTED = "data.exported", _("Gegevens gedownload")
    CANDIDATE_ERASED = "candidate.erased", _("Kandidaat geanonimiseerd")
    # assessor quality
    CALIBRATION_SCORED = "quality.calibration", _("Kalibratieronde gescoord")
