"""Starting a portfolio, choosing its routes, reopening it for additions."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.enums import ReviewState
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.mail import queue_mail
from portfolio import eligibility, workflow
from portfolio.eligibility import Requirements, compute_requirements
from portfolio.enums import ACTIVE_STATES, PortfolioState
from portfolio.errors import PortfolioError
from portfolio.models import Portfolio
from portfolio.services.common import audit_entry, locked_draft
from profiles.enums import EducationLevel
from profiles.models import EducationRequirement, FrameworkVersion


@transaction.atomic
def start_portfolio(*, candidate, version: FrameworkVersion) -> Portfolio:
    """Start the candidate's portfolio on a published version (one active at a time)."""
    if not version.is_published:
        raise PortfolioError(_("Een portfolio kan alleen op een gepubliceerde versie starten."))
    if Portfolio.objects.filter(candidate=candidate, state__in=ACTIVE_STATES).exists():
        raise PortfolioError(_("Je hebt al een portfolio in behandeling."))
    try:
        with transaction.atomic():
            portfolio = Portfolio.objects.create(candidate=candidate, framework_version=version)
    except IntegrityError as exc:  # a double click that raced the check above
        raise PortfolioError(_("Je hebt al een portfolio in behandeling.")) from exc
    audit_entry(portfolio, AuditAction.PORTFOLIO_STARTED, actor=candidate, summary=str(version))
    return portfolio


@transaction.atomic
def choose_routes(
    *,
    portfolio: Portfolio,
    basic_route: EducationRequirement,
    supplementary_route: EducationRequirement,
    diploma_date=None,
    diploma_provider: str = "",
) -> Requirements:
    """Record the A1 and A2 routes, with the diploma's date and provider where the A2
    route has a window ("na augustus 2022 van Sara Werkt"). Answers already written are
    kept whatever changes.

    A stated date or provider outside the route's window raises `PortfolioError` naming
    the window; nothing is saved then. Not stating them yet is allowed: the progress lists
    them as missing and submission is refused until they are stated.
    """
    portfolio = locked_draft(portfolio, basic_route.section.code)
    version = portfolio.framework_version
    for route, level in (
        (basic_route, EducationLevel.BASIC),
        (supplementary_route, EducationLevel.SUPPLEMENTARY),
    ):
        if route.level != level or route.section.version_id != version.pk:
            raise PortfolioError(_("Deze opleidingseis hoort niet bij dit onderdeel."))
    if diploma_date is not None and diploma_date > timezone.localdate():
        raise PortfolioError(_("De datum van je diploma ligt in de toekomst."))
    problem = eligibility.diploma_mismatch(
        supplementary_route, diploma_date=diploma_date, provider=diploma_provider
    )
    if problem:
        raise PortfolioError(problem)
    before = _routes_record(portfolio)
    portfolio.basic_route = basic_route
    portfolio.supplementary_route = supplementary_route
    portfolio.diploma_date, portfolio.diploma_provider = eligibility.stated_diploma(
        supplementary_route, diploma_date=diploma_date, provider=diploma_provider
    )
    audit_entry(
        portfolio,
        AuditAction.ROUTES_CHOSEN,
        actor=portfolio.candidate,
        summary=f"{basic_route.code} + {supplementary_route.code}",
        changes={"routes": audit.change(before, _routes_record(portfolio))},
    )
    portfolio.save(
        update_fields=[
            "basic_route",
            "supplementary_route",
            "diploma_date",
            "diploma_provider",
            "updated_at",
        ]
    )
    return compute_requirements(
        version=version, basic_route=basic_route, supplementary_route=supplementary_route
    )


def _code(route) -> str | None:
    return route.code if route is not None else None


def _routes_record(portfolio: Portfolio) -> list:
    """The routes (and the stated diploma, when there is one) as the audit trail keeps them."""
    record = [_code(portfolio.basic_route), _code(portfolio.supplementary_route)]
    if portfolio.diploma_date or portfolio.diploma_provider:
        date = portfolio.diploma_date.isoformat() if portfolio.diploma_date else None
        record.append({"diploma": date, "opleider": portfolio.diploma_provider})
    return record


@transaction.atomic
def reopen_for_additions(
    *, portfolio: Portfolio, sections: list[str], deadline, actor=None
) -> Portfolio:
    """Reopen exactly the named sections of a submitted portfolio until `deadline`.

    Called by the review when additions are requested. Side effects: state → reopened;
    e-mail to the candidate after commit. Earlier snapshots stay as they were.
    """
    if problem := limits.date_problem(deadline, today=timezone.localdate(), future=True):
        raise PortfolioError(problem)
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    refused = workflow.refusal(portfolio, PortfolioState.REOPENED, actor=actor)
    if refused:
        raise PortfolioError(refused)
    known = set(portfolio.framework_version.sections.values_list("code", flat=True))
    unknown = [code for code in sections if code not in known]
    if not sections or unknown:
        raise PortfolioError(_("Noem de onderdelen die aangevuld moeten worden."))
    if deadline <= timezone.localdate():
        raise PortfolioError(_("De termijn voor aanvullingen moet in de toekomst liggen."))
    audit_entry(
        portfolio,
        AuditAction.PORTFOLIO_REOPENED,
        actor=actor,
        summary=", ".join(sections) + f" tot {deadline.isoformat()}",
        changes={"status": audit.change(portfolio.state, PortfolioState.REOPENED)},
    )
    portfolio.state = PortfolioState.REOPENED
    portfolio.reopened_sections = list(sections)
    portfolio.additions_deadline = deadline
    portfolio.save(update_fields=["state", "reopened_sections", "additions_deadline", "updated_at"])
    queue_mail(
        template="portfolio/email/reopened",
        context={"portfolio": portfolio, "site_url": settings.SITE_URL},
        to=[portfolio.candidate.email],
    )
    return portfolio


@transaction.atomic
def close_decided(*, portfolio: Portfolio, actor) -> Portfolio:
    """Close the candidate's decided portfolio when they start the next certification
    (register.recertification): it leaves the active states. Refused while its review
    is not decided (fail closed). Side effects: state → closed; audit row."""
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    refused = workflow.refusal(portfolio, PortfolioState.CLOSED, actor=actor)
    if refused:
        raise PortfolioError(refused)
    review = getattr(portfolio, "review", None)  # the reverse one-to-one, if any
    if review is None or review.state != ReviewState.DECIDED:
        raise PortfolioError(_("Je vorige portfolio is nog in behandeling."))
    audit_entry(
        portfolio,
        AuditAction.PORTFOLIO_CLOSED,
        actor=actor,
        changes={"status": audit.change(portfolio.state, PortfolioState.CLOSED)},
    )
    portfolio.state = PortfolioState.CLOSED
    portfolio.save(update_fields=["state", "updated_at"])
    return portfolio
