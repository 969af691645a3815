"""The objection's dates, from the periods the office set on the framework version
(`ObjectionTerms`): every date is a local date (Europe/Amsterdam), the last day on which
the thing may still be done ("uiterlijk")."""

from datetime import date

from objections.models import ObjectionTerms
from portal.dates import days_after


def terms_for(version):
    """The version's objection periods; the model's defaults when the office set none.
    No query when the caller selected `framework_version__objection_terms`."""
    try:
        return version.objection_terms
    except ObjectionTerms.DoesNotExist:
        return ObjectionTerms(version=version)


def lodge_deadline(review, terms=None) -> date | None:
    """The last local day on which the candidate may object to `review`'s decision."""
    if review.decided_at is None:
        return None
    terms = terms or terms_for(review.portfolio.framework_version)
    return days_after(review.decided_at, terms.period_days)


def assignment_deadline(objection, terms) -> date:
    return days_after(objection.lodged_at, terms.assignment_days)


def decision_deadline(objection, terms) -> date | None:
    if objection.assigned_at is None:
        return None
    return days_after(objection.assigned_at, terms.decision_days)
