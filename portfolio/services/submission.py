"""Submitting a portfolio: the completeness and privacy checks, the sealed snapshot."""

import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from portal.mail import queue_mail
from portfolio import eligibility, entries, privacy, workflow
from portfolio.enums import PortfolioState
from portfolio.errors import AlreadySubmitted, IncompletePortfolio, PrivacyNotConfirmed
from portfolio.models import Portfolio, Snapshot
from portfolio.selectors import portfolio_content, portfolio_progress, privacy_findings
from portfolio.services.common import audit_entry


def build_snapshot_content(content) -> dict:
    """The sealed record: every text, signature and file fingerprint of the portfolio."""
    portfolio, version = content.portfolio, content.version
    sections = [
        {
            "code": section.code,
            "entries": [
                sealed
                for entry in section_entries
                for sealed in entry.kind.snapshot(content, entry)
            ],
        }
        for section, section_entries in entries.walk(version)
    ]
    return {
        "portfolio": portfolio.pk,
        "candidate": {
            "name": portfolio.candidate.get_full_name(),
            "email": portfolio.candidate.email,
        },
        "framework": {"slug": version.framework.slug, "version": version.number},
        "routes": {
            "A1": portfolio.basic_route.code if portfolio.basic_route else None,
            "A2": portfolio.supplementary_route.code if portfolio.supplementary_route else None,
        },
        "sections": sections,
    }


def fingerprint(snapshot_content: dict) -> str:
    canonical = json.dumps(
        snapshot_content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def submit_portfolio(
    *,
    portfolio: Portfolio,
    actor,
    privacy_confirmed: bool = False,
    privacy_digest: str | None = None,
) -> Snapshot:
    """Lock the portfolio and seal a snapshot with its SHA-256 fingerprint.

    When the privacy guard finds possible personal data of clients in the texts, the
    candidate must confirm (`privacy_confirmed`) that the text identifies no one, and the
    confirmation counts only with `privacy_digest` — the digest of exactly the warnings
    the submit page showed (`selectors.privacy_digest`). Otherwise `PrivacyNotConfirmed`.

    Side effects: state → submitted; a Snapshot row (with the overridden warnings: when,
    by whom, kinds per field — never the values); an audit entry for the override; e-mails
    to the office and the candidate after commit. A second submit (double click) raises
    `AlreadySubmitted`.
    """
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    refused = workflow.refusal(portfolio, PortfolioState.SUBMITTED, actor=actor)
    if refused:
        raise AlreadySubmitted(refused)
    content = portfolio_content(portfolio)
    progress = portfolio_progress(content)
    if not progress.complete:
        raise IncompletePortfolio(progress.missing)
    field_findings, findings = _checked_privacy(content, privacy_confirmed, privacy_digest)
    previous_state = portfolio.state
    snapshot = _seal(content)
    if findings:
        _record_privacy_override(snapshot, field_findings, findings, actor=actor)
    portfolio.state = PortfolioState.SUBMITTED
    portfolio.submitted_at = timezone.now()
    portfolio.reopened_sections = []
    # The periods were checked on `measured_on` (today, the first time); from now on they
    # stay measured on this date (eligibility.measured_on says why).
    portfolio.first_submitted_on = eligibility.measured_on(portfolio)
    portfolio.save(
        update_fields=[
            "state",
            "submitted_at",
            "reopened_sections",
            "first_submitted_on",
            "updated_at",
        ]
    )
    audit_entry(
        portfolio,
        AuditAction.PORTFOLIO_SUBMITTED,
        actor=actor,
        target=snapshot,
        summary=f"ronde {snapshot.round}, SHA-256 {snapshot.sha256[:16]}…",
        changes={"status": audit.change(previous_state, PortfolioState.SUBMITTED)},
    )
    _queue_submitted_mail(portfolio, snapshot)
    return snapshot


def _seal(content) -> Snapshot:
    """The next round's snapshot of the portfolio, with its SHA-256 fingerprint."""
    sealed = build_snapshot_content(content)
    return Snapshot.objects.create(
        portfolio=content.portfolio,
        round=content.portfolio.snapshots.count() + 1,
        content=sealed,
        sha256=fingerprint(sealed),
    )


def _checked_privacy(content, confirmed: bool, shown_digest: str | None):
    """The privacy findings (per field and all), once the candidate confirmed exactly these
    warnings (or there are none); `PrivacyNotConfirmed` otherwise."""
    field_findings = privacy_findings(content, fresh=True)
    findings = [f for field in field_findings for f in field.findings]
    if findings and not confirmed:
        raise PrivacyNotConfirmed(field_findings)
    if findings and shown_digest != privacy.digest(findings):
        # The confirmation counts only for exactly the warnings the candidate was shown
        # (their digest comes with it); none, or another, is no confirmation of these.
        raise PrivacyNotConfirmed(field_findings, changed=True)
    return field_findings, findings


def _queue_submitted_mail(portfolio: Portfolio, snapshot: Snapshot) -> None:
    mail_context = {"portfolio": portfolio, "snapshot": snapshot, "site_url": settings.SITE_URL}
    queue_mail(
        template="portfolio/email/submitted_office",
        context=mail_context,
        to=[settings.OFFICE_EMAIL],
    )
    queue_mail(
        template="portfolio/email/submitted_candidate",
        context=mail_context,
        to=[portfolio.candidate.email],
    )


def _record_privacy_override(snapshot: Snapshot, field_findings, findings, *, actor) -> None:
    """Keep on the snapshot, and in the audit trail, that the candidate submitted despite
    the privacy warnings: kinds and fields only, the values never leave the text."""
    portfolio = snapshot.portfolio
    snapshot.privacy_override_at = timezone.now()
    snapshot.privacy_override_by = actor
    snapshot.privacy_findings = privacy.summarise(findings)
    snapshot.save(update_fields=["privacy_override_at", "privacy_override_by", "privacy_findings"])
    audit.record(
        actor=actor,
        action=AuditAction.PRIVACY_WARNING_OVERRIDDEN,
        portfolio_id=portfolio.pk,
        subject_user_id=portfolio.candidate_id,
        target=portfolio,
        summary=_(
            "Ingediend (ronde %(round)d) ondanks %(count)d privacywaarschuwing(en) in "
            "%(fields)s; de kandidaat bevestigde dat de tekst geen herleidbare gegevens van "
            "cliënten bevat."
        )
        % {
            "round": snapshot.round,
            "count": len(findings),
            "fields": ", ".join(f.field for f in field_findings),
        },
        changes=privacy.counts_by_kind(findings),
    )
