"""Signing and withdrawing the declarations (B1, E)."""

from django.db import transaction
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portfolio import signing
from portfolio.errors import PortfolioError, SignatureRefused
from portfolio.models import Portfolio, Signature
from portfolio.services.common import audit_entry, locked_draft
from profiles.models import Declaration


@transaction.atomic
def sign_declaration(
    *,
    portfolio: Portfolio,
    declaration: Declaration,
    full_name: str,
    signed_on,
    confirmed: bool,
    years: int | None,
    hours: int | None,
    actor,
) -> Signature:
    """Sign a B1/E declaration with the typed full name; thresholds from the framework."""
    limits.FULL_NAME.check(full_name, error=PortfolioError)
    limits.YEARS.check(years, error=PortfolioError)
    limits.HOURS.check(hours, error=PortfolioError)
    portfolio = locked_draft(portfolio, declaration.section.code)
    if declaration.framework_version.pk != portfolio.framework_version_id:
        raise PortfolioError(_("Deze verklaring hoort niet bij jouw portfolio."))
    problems = signing.signature_problems(
        declaration,
        actor=actor,
        full_name=full_name,
        signed_on=signed_on,
        confirmed=confirmed,
        years=years,
        hours=hours,
    )
    if problems:
        raise SignatureRefused(problems)
    signature, _created = Signature.objects.update_or_create(
        portfolio=portfolio,
        declaration=declaration,
        defaults={
            "statement": declaration.statement,
            "full_name": " ".join(full_name.split()),
            "signed_on": signed_on,
            "years": years if declaration.min_years is not None else None,
            "hours": hours if declaration.min_hours is not None else None,
            "signed_by": actor,
        },
    )
    audit_entry(
        portfolio,
        AuditAction.SIGNATURE_SIGNED,
        actor=actor,
        target=signature,
        summary=declaration.code,
        changes={
            "naam": audit.change(None, audit.masked(signature.full_name)),
            "datum": audit.change(None, signed_on.isoformat()),
            "jaren": audit.change(None, signature.years),
            "uren": audit.change(None, signature.hours),
        },
    )
    return signature


@transaction.atomic
def withdraw_signature(*, signature: Signature) -> None:
    portfolio = locked_draft(signature.portfolio, signature.declaration.section.code)
    audit_entry(
        portfolio,
        AuditAction.SIGNATURE_WITHDRAWN,
        actor=portfolio.candidate,
        target=signature,
        summary=signature.declaration.code,
    )
    signature.delete()
