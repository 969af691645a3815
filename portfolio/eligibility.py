"""Eligibility: which parts of the portfolio are required (from the exemptions of the chosen
routes), and the rules of the routes themselves — the A2 diploma windows, the documents'
age — with the date everything is measured on."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from profiles.enums import DocumentAgeSeverity
from profiles.models import EducationRequirement, FrameworkVersion


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
    # The framework says whether an interview is part of it at all; a route may waive it.
    interview_required = version.has_interview
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


# --- the date everything is measured on ------------------------------------------------------


def measured_on(portfolio) -> date:
    """The date the framework's periods are measured on: the first submission's local date,
    or today before the first submission.

    The case window ("in de afgelopen twee jaar gestart", "minimaal zes maanden onderweg")
    and a document's age ("maximaal twee jaar oud") describe the portfolio as it was
    handed in. Measured again on every resubmission, time spent in the review would count
    against the candidate: after an additions round that did not reopen C, the case would
    fall out of its window and nothing could fix it. A reopened C (or A) is measured on
    the same first-submission date too, so that the replacement is judged by the same
    yardstick as the original and as every other candidate: the date of application.
    """
    return portfolio.first_submitted_on or timezone.localdate()


# --- the A2 diploma windows ("na augustus 2022 van Sara Werkt") --------------------------------


def _long_date(value: date) -> str:
    return date_format(value, "j F Y")


def _names(names: list[str]) -> str:
    """Names in a sentence: "Combo, Elan of Saxion"."""
    if len(names) == 1:
        return names[0]
    return _("%(first)s of %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _date_range(route: EducationRequirement) -> str:
    """The dates in a sentence: "op of na 1 september 2022", "tussen … en …"."""
    earliest, latest = route.diploma_earliest, route.diploma_latest
    if earliest and latest:
        return _("tussen %(earliest)s en %(latest)s (beide inbegrepen)") % {
            "earliest": _long_date(earliest),
            "latest": _long_date(latest),
        }
    if earliest:
        return _("op of na %(date)s") % {"date": _long_date(earliest)}
    if latest:
        return _("op of voor %(date)s") % {"date": _long_date(latest)}
    return ""


def diploma_window_text(route: EducationRequirement) -> str:
    """What the route's window asks, e.g. "van Sara Werkt zijn en behaald op of na
    1 september 2022" (empty when the route has no window)."""
    dates = _date_range(route)
    if route.accepted_providers:
        providers = _names(route.accepted_providers)
        if dates:
            return _("van %(providers)s zijn en behaald %(dates)s") % {
                "providers": providers,
                "dates": dates,
            }
        return _("van %(providers)s zijn") % {"providers": providers}
    return _("behaald zijn %(dates)s") % {"dates": dates} if dates else ""


def diploma_window_problem(
    route: EducationRequirement | None, *, diploma_date: date | None, provider: str
) -> str | None:
    """Why the stated diploma does not fit the route's window, or None when it does (or
    the route has no window). Nothing stated yet is a problem too: "not yet", never "met"."""
    return diploma_missing(route, diploma_date=diploma_date, provider=provider) or (
        diploma_mismatch(route, diploma_date=diploma_date, provider=provider)
    )


def _window_sentence(route: EducationRequirement) -> str:
    return _("Voor %(code)s moet het diploma %(window)s") % {
        "code": route.code,
        "window": diploma_window_text(route),
    }


def diploma_missing(
    route: EducationRequirement | None, *, diploma_date: date | None, provider: str
) -> str | None:
    """What the candidate has yet to state about the diploma for the route's window."""
    if route is None or not route.has_diploma_window:
        return None
    what = []
    if diploma_date is None and (route.diploma_earliest or route.diploma_latest):
        what.append(_("de datum"))
    if route.accepted_providers and not provider.strip():
        what.append(_("de opleider"))
    if not what:
        return None
    return _("%(window)s. Vul %(what)s van je diploma in.") % {
        "window": _window_sentence(route),
        "what": _(" en ").join(what),
    }


def diploma_mismatch(
    route: EducationRequirement | None, *, diploma_date: date | None, provider: str
) -> str | None:
    """Why what the candidate stated falls outside the route's window (parts not stated
    yet are left to `diploma_missing`)."""
    if route is None or not route.has_diploma_window:
        return None
    facts = []
    if provider.strip() and accepted_provider(route, provider) is None:
        facts.append(_("van %(provider)s") % {"provider": " ".join(provider.split())})
    earliest, latest = route.diploma_earliest, route.diploma_latest
    if diploma_date is not None and (
        (earliest and diploma_date < earliest) or (latest and diploma_date > latest)
    ):
        facts.append(_("behaald op %(date)s") % {"date": _long_date(diploma_date)})
    if not facts:
        return None
    return _("%(window)s; je diploma is %(facts)s.") % {
        "window": _window_sentence(route),
        "facts": _(" en ").join(facts),
    }


def accepted_provider(route: EducationRequirement, provider: str) -> str | None:
    """The route's own spelling of `provider` when the route accepts it (any provider
    when the route names none), else None."""
    if not route.accepted_providers:
        return " ".join(provider.split())
    wanted = provider_key(provider)
    return next((p for p in route.accepted_providers if provider_key(p) == wanted), None)


def stated_diploma(
    route: EducationRequirement, *, diploma_date: date | None, provider: str
) -> tuple[date | None, str]:
    """What to keep of a statement: the date where the window bounds dates, the provider
    (in the route's spelling) where it names providers; nothing for a route without."""
    has_dates = bool(route.diploma_earliest or route.diploma_latest)
    kept_provider = ""
    if route.accepted_providers and provider.strip():
        kept_provider = accepted_provider(route, provider) or ""
    return (diploma_date if has_dates else None), kept_provider


def diploma_snapshot_entries(portfolio, route: EducationRequirement) -> list[dict]:
    """The statement for the chosen A2 route's window, as the sealed snapshot keeps it."""
    if route.pk != portfolio.supplementary_route_id or not route.has_diploma_window:
        return []
    stated = portfolio.diploma_date.isoformat() if portfolio.diploma_date else None
    return [
        {
            "kind": "diploma",
            "code": route.code,
            "date": stated,
            "provider": portfolio.diploma_provider,
        }
    ]


def provider_key(name: str) -> str:
    """Provider names compared without case and extra spaces."""
    return " ".join(name.split()).casefold()


# --- document age ("maximaal twee jaar oud") -------------------------------------------------


def document_age_problem(
    requirement: EducationRequirement, *, name: str, document_date: date, on: date
) -> str | None:
    """Why a document is too old for the route on the date `on`, or None."""
    if requirement.max_document_age_months is None:
        return None
    oldest = on - relativedelta(months=requirement.max_document_age_months)
    if document_date >= oldest:
        return None
    return _(
        "%(name)s is ouder dan %(months)d maanden (gedateerd %(date)s; op %(on)s mag het "
        "niet van voor %(oldest)s zijn); het kader vraagt een recenter document."
    ) % {
        "name": name,
        "months": requirement.max_document_age_months,
        "date": document_date.strftime("%d-%m-%Y"),
        "on": on.strftime("%d-%m-%Y"),
        "oldest": oldest.strftime("%d-%m-%Y"),
    }


def document_age_blocks(requirement: EducationRequirement) -> bool:
    return requirement.document_age_severity == DocumentAgeSeverity.BLOCKING


# --- B1's thresholds, worded from the numbers present -----------------------------------------


def _years_and_hours(years: int | None, hours: int | None) -> list[str]:
    parts = []
    if years is not None:
        parts.append(ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years})
    if hours is not None:
        parts.append(ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours})
    return parts


def threshold_text(declaration) -> str:
    """The declaration's thresholds in a sentence, made from the numbers it has
    ("Drempel: minimaal 2 jaar en 1200 uur."; empty when it has none): never a "None"."""
    parts = _years_and_hours(declaration.min_years, declaration.min_hours)
    if not parts:
        return ""
    return _("Drempel: minimaal %(what)s.") % {"what": _(" en ").join(parts)}


def stated_text(signature) -> str:
    """What a signature states, "2 jaar, 1200 uur", from the numbers it has."""
    return ", ".join(_years_and_hours(signature.years, signature.hours))


# --- for the assessors' formal checks ---------------------------------------------------------


@dataclass(frozen=True)
class RouteCheck:
    """One rule of a chosen route, what the candidate gave for it, and whether it fits."""

    code: str
    rule: str
    stated: str
    fits: bool


def route_checks(portfolio, routes, documents_by_requirement: dict) -> list[RouteCheck]:
    """The diploma window of the chosen A2 route against the stated date and provider, and
    every route document against the route's maximum age (on `measured_on`)."""
    checks = []
    on = measured_on(portfolio)
    for route in routes:
        if route is None:
            continue
        if route.has_diploma_window:
            stated = [portfolio.diploma_provider] if portfolio.diploma_provider else []
            if portfolio.diploma_date:
                stated.append(_long_date(portfolio.diploma_date))
            checks.append(
                RouteCheck(
                    code=route.code,
                    rule=_("het diploma moet %(window)s") % {"window": diploma_window_text(route)},
                    stated=", ".join(stated) or _("niets opgegeven"),
                    fits=diploma_window_problem(
                        route,
                        diploma_date=portfolio.diploma_date,
                        provider=portfolio.diploma_provider,
                    )
                    is None,
                )
            )
        if route.max_document_age_months is None:
            continue
        rule = _("maximaal %(months)d maanden oud op %(on)s") % {
            "months": route.max_document_age_months,
            "on": _long_date(on),
        }
        for document in documents_by_requirement.get(route.pk, []):
            problem = document_age_problem(
                route, name=document.original_name, document_date=document.document_date, on=on
            )
            checks.append(
                RouteCheck(
                    code=route.code,
                    rule=rule,
                    stated=f"{document.original_name}, {_long_date(document.document_date)}",
                    fits=problem is None,
                )
            )
    return checks
