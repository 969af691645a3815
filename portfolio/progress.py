"""The portfolio's progress: what is done and missing per section, and the rules it
measures against (the case's start window, the documents' age)."""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio import eligibility
from portfolio.enums import EntryState


@dataclass
class Missing:
    text: str
    anchor: str


@dataclass
class SectionProgress:
    section: object
    required: bool
    done: int = 0
    total: int = 0
    missing: list[Missing] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Each item's state by its slot ("criterion-12"), as its kind counted it above: the
    # declarations, questions, criteria and a product's numbered questions.
    states: dict[str, EntryState] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Progress:
    sections: list[SectionProgress]
    interview_required: bool

    @property
    def required_sections(self) -> list[SectionProgress]:
        return [s for s in self.sections if s.required]

    @property
    def done(self) -> int:
        return sum(s.done for s in self.required_sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.required_sections)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def missing(self) -> list[tuple[object, Missing]]:
        return [(s.section, m) for s in self.required_sections for m in s.missing]

    @property
    def complete(self) -> bool:
        return not self.missing


def case_start_problem(
    version, start: date | None, today: date | None = None, *, measured_on: date | None = None
) -> str | None:
    """Why a case start date does not meet the framework's rules, or None when it does.

    The window is measured on `measured_on` (the first submission's date, see
    `eligibility.measured_on`), else on today; "in the future" is always about today.
    """
    if start is None:
        return None
    today = today or timezone.localdate()
    reference = measured_on or today
    earliest = reference - relativedelta(months=version.case_start_within_months)
    latest = reference - relativedelta(months=version.case_min_running_months)
    if start > today:
        return _("De startdatum ligt in de toekomst.")
    if reference != today and (start < earliest or start > latest):
        return _(
            "Het begeleidingstraject moet bij je eerste indiening op %(on)s minimaal "
            "%(min)d maanden onderweg zijn en in de %(within)d maanden daarvoor zijn gestart "
            "(op of na %(earliest)s en op of voor %(latest)s)."
        ) % {
            "on": reference.strftime("%d-%m-%Y"),
            "min": version.case_min_running_months,
            "within": version.case_start_within_months,
            "earliest": earliest.strftime("%d-%m-%Y"),
            "latest": latest.strftime("%d-%m-%Y"),
        }
    if start < earliest:
        return _(
            "Het begeleidingstraject moet in de afgelopen %(months)d maanden zijn gestart "
            "(op of na %(date)s)."
        ) % {"months": version.case_start_within_months, "date": earliest.strftime("%d-%m-%Y")}
    if start > latest:
        return _(
            "Het begeleidingstraject moet minimaal %(months)d maanden onderweg zijn "
            "(gestart op of voor %(date)s)."
        ) % {"months": version.case_min_running_months, "date": latest.strftime("%d-%m-%Y")}
    return None


def document_age_note(requirement, document, on: date) -> str | None:
    """Why the document is too old for its route on `on` (a warning or, when the route's
    severity is blocking, the reason it does not count), or None."""
    return eligibility.document_age_problem(
        requirement, name=document.original_name, document_date=document.document_date, on=on
    )
