"""Writes to portfolios, and the eligibility rules that decide what a portfolio needs."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portfolio.enums import ACTIVE_STATES, PortfolioState
from portfolio.models import Portfolio
from profiles.enums import EducationLevel
from profiles.models import EducationRequirement, FrameworkVersion


class PortfolioError(Exception):
    """A refused change to a portfolio; the message is shown to the user."""


@dataclass(frozen=True)
class Requirements:
    """What a portfolio must contain, given the chosen routes."""

    required_sections: tuple[str, ...]
    exempt_sections: tuple[str, ...]
    interview_required: bool


def compute_requirements(
    *,
    version: FrameworkVersion,
    basic_route: EducationRequirement | None,
    supplementary_route: EducationRequirement | None,
) -> Requirements:
    """The sections required and exempt, from the exemptions of the chosen routes.

    Until both routes are chosen nothing is exempt: the full portfolio is shown.
    """
    section_codes = [s.code for s in version.sections.all()]
    exempt: set[str] = set()
    interview_required = True
    for route in (basic_route, supplementary_route):
        if route is None:
            continue
        exempt |= {s.code for s in route.exempt_sections.all()}
        interview_required = interview_required and not route.waives_interview
    return Requirements(
        required_sections=tuple(code for code in section_codes if code not in exempt),
        exempt_sections=tuple(code for code in section_codes if code in exempt),
        interview_required=interview_required,
    )


@transaction.atomic
def start_portfolio(*, candidate, version: FrameworkVersion) -> Portfolio:
    """Start the candidate's portfolio on a published version (one active at a time)."""
    if not version.is_published:
        raise PortfolioError(_("Een portfolio kan alleen op een gepubliceerde versie starten."))
    if Portfolio.objects.filter(candidate=candidate, state__in=ACTIVE_STATES).exists():
        raise PortfolioError(_("Je hebt al een portfolio in behandeling."))
    try:
        with transaction.atomic():
            return Portfolio.objects.create(candidate=candidate, framework_version=version)
    except IntegrityError as exc:  # a double click that raced the check above
        raise PortfolioError(_("Je hebt al een portfolio in behandeling.")) from exc


@transaction.atomic
def choose_routes(
    *,
    portfolio: Portfolio,
    basic_route: EducationRequirement,
    supplementary_route: EducationRequirement,
) -> Requirements:
    """Record the A1 and A2 routes. Answers already written are kept whatever changes."""
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    if portfolio.state != PortfolioState.DRAFT:
        raise PortfolioError(_("Het portfolio is ingediend en kan niet meer worden gewijzigd."))
    version = portfolio.framework_version
    for route, level in (
        (basic_route, EducationLevel.BASIC),
        (supplementary_route, EducationLevel.SUPPLEMENTARY),
    ):
        if route.level != level or route.section.version_id != version.pk:
            raise PortfolioError(_("Deze opleidingseis hoort niet bij dit onderdeel."))
    portfolio.basic_route = basic_route
    portfolio.supplementary_route = supplementary_route
    portfolio.save(update_fields=["basic_route", "supplementary_route", "updated_at"])
    return compute_requirements(
        version=version, basic_route=basic_route, supplementary_route=supplementary_route
    )
