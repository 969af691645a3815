"""Reads for the data rights: when a candidate may be erased, and the office's overview.
Everything the portal holds about a candidate (the export) is read in
`dataprotection.export_data`.

Retention (settings, env-configurable):
- a portfolio with a final decision: RETENTION_YEARS after the decision;
- a portfolio never decided and waiting for the candidate (a draft, or reopened for
  additions that never came): RETENTION_INACTIVE_YEARS after the last activity on it;
- a portfolio under review (submitted, no final decision): never on its own;
- the account itself: RETENTION_INACTIVE_YEARS after the last login (or sign-up).
A candidate may be erased from the latest of these dates. The periods are counted in
local days (Europe/Amsterdam): the local date of the event plus the years, erasable
from the start of that local day, whatever the hour or the season of the event.
"""

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assessment.enums import ReviewState
from dataprotection.models import Erasure
from dataprotection.rules import can_manage_candidate_data
from portal.enums import Role
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Document, Portfolio, Signature


@dataclass(frozen=True)
class Retention:
    """When a candidate's data may be erased: from the start of the local day
    `erasable_from`. None while a portfolio is under review (it then never expires on
    its own)."""

    erasable_from: date | None
    basis: str  # "decision", "inactive", "account" or "review"

    def expired(self, now: datetime) -> bool:
        return self.erasable_from is not None and self.erasable_from <= timezone.localdate(now)


def _latest(model, field: str):
    return Subquery(
        model.objects.filter(portfolio=OuterRef("pk")).order_by(f"-{field}").values(field)[:1]
    )


def retention_for(candidates) -> dict[int, Retention]:
    """{candidate id: Retention} for a list of candidates, in one query for all of them."""
    by_id = {c.pk: c for c in candidates}
    years = relativedelta(years=settings.RETENTION_YEARS)
    inactive = relativedelta(years=settings.RETENTION_INACTIVE_YEARS)
    result = {
        pk: Retention(timezone.localdate(user.last_login or user.date_joined) + inactive, "account")
        for pk, user in by_id.items()
    }
    portfolios = (
        Portfolio.objects.filter(candidate_id__in=by_id)
        .select_related("review")
        .annotate(
            last_answer=_latest(Answer, "updated_at"),
            last_document=_latest(Document, "uploaded_at"),
            last_signature=_latest(Signature, "signed_at"),
        )
    )
    for portfolio in portfolios:
        current = result[portfolio.candidate_id]
        if current.erasable_from is None:
            continue  # already held by a review in progress
        review = getattr(portfolio, "review", None)
        if review is not None and review.state == ReviewState.DECIDED and review.decided_at:
            until, basis = timezone.localdate(review.decided_at) + years, "decision"
        elif portfolio.state in (PortfolioState.DRAFT, PortfolioState.REOPENED):
            activity = [
                portfolio.updated_at,
                portfolio.submitted_at,
                portfolio.last_answer,
                portfolio.last_document,
                portfolio.last_signature,
            ]
            last = max(d for d in activity if d)
            until, basis = timezone.localdate(last) + inactive, "inactive"
        else:
            result[portfolio.candidate_id] = Retention(None, "review")
            continue
        if until >= current.erasable_from:  # on a tie the portfolio is the reason
            result[portfolio.candidate_id] = Retention(until, basis)
    return result


def unerased_candidates():
    return User.objects.filter(role=Role.CANDIDATE).exclude(
        pk__in=Erasure.objects.values("user_id")
    )


def expired_candidates(now: datetime) -> list[tuple[User, Retention]]:
    """Every candidate not yet erased whose retention period is over, oldest first."""
    candidates = list(unerased_candidates().order_by("pk"))
    retention = retention_for(candidates)
    return [(c, retention[c.pk]) for c in candidates if retention[c.pk].expired(now)]


def candidate_for_office(user, candidate_id: int) -> User:
    """A candidate, for the office; the same 404 for everybody else and for a non-candidate."""
    if not can_manage_candidate_data(user):
        raise Http404
    return get_object_or_404(User, pk=candidate_id, role=Role.CANDIDATE)


OVERVIEW_PAGE_SIZE = 50


def office_overview(page_number, now: datetime):
    """One page of the office's list of candidates with their retention date: the count,
    the candidates, their portfolios with the dates that count, their erasures."""
    page = Paginator(
        User.objects.filter(role=Role.CANDIDATE).order_by("pk"), OVERVIEW_PAGE_SIZE
    ).get_page(page_number)
    candidates = list(page.object_list)
    retention = retention_for(candidates)
    erased = dict(
        Erasure.objects.filter(user_id__in=[c.pk for c in candidates]).values_list(
            "user_id", "erased_at"
        )
    )
    rows = [
        {
            "candidate": c,
            "retention": retention[c.pk],
            "expired": retention[c.pk].expired(now),
            "erased_at": erased.get(c.pk),
        }
        for c in candidates
    ]
    return page, rows


# --- the export -----------------------------------------------------------------------------
