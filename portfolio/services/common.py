"""What the portfolio services share: the audit entry about a portfolio, the lock that
keeps a submitted (or not reopened) section from changing, the bounds on dates."""

from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portfolio.errors import PortfolioError
from portfolio.models import Portfolio


def audit_entry(portfolio: Portfolio, action: AuditAction, *, actor, target=None, **fields) -> None:
    """An audit entry about this portfolio (its candidate is the person concerned)."""
    audit.record(
        actor=actor,
        action=action,
        portfolio_id=portfolio.pk,
        subject_user_id=portfolio.candidate_id,
        target=target if target is not None else portfolio,
        **fields,
    )


def locked_draft(portfolio: Portfolio, section_code: str) -> Portfolio:
    """The portfolio locked for writing, if `section_code` may be changed now."""
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    if not portfolio.is_editable:
        raise PortfolioError(_("Het portfolio is ingediend en kan niet meer worden gewijzigd."))
    if not portfolio.section_is_editable(section_code):
        raise PortfolioError(
            _("Onderdeel %(code)s is niet heropend voor aanvullingen.") % {"code": section_code}
        )
    return portfolio


def check_date(value) -> None:
    """A date of the past (a document, a case) within the portal's outer bounds."""
    if value is not None and (problem := limits.date_problem(value, today=timezone.localdate())):
        raise PortfolioError(problem)
