"""Every bound on user input, in one place: forms, services and messages read them here.

A text limit fits what the text is for (a motivation is a few paragraphs, an answer in
the portfolio may be long); a number limit fits its meaning (years in a career, hours of
work in such a career), well inside the database column, so a value never wraps or
overflows on its way there. Forms turn a breach into a Dutch field error, services into
their own domain error (`check`), the middleware refuses control characters in any
request (portal.middleware.ControlCharacterMiddleware).

Nothing here is a rule of the toetsingskader: the framework's minimums (two years, the
hours, the case window) live in the framework data; these are the technical outer bounds
of what the portal accepts at all.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# C0 and C1 control characters and DEL; tab, line feed and carriage return are text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CONTROL_CHARACTER_MESSAGE = gettext_lazy(
    "Je invoer bevat een ongeldig teken (een stuurteken). Verwijder het en probeer het opnieuw."
)


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


@dataclass(frozen=True)
class TextLimit:
    """The longest text a field takes, with the name a message gives it."""

    label: str | Promise  # "De motivering": the subject of the sentence in a message
    max_length: int

    def problem(self, value: str) -> str | None:
        """A Dutch message when `value` is too long or holds a control character."""
        if has_control_characters(value):
            return _("%(label)s bevat een ongeldig teken (een stuurteken). Verwijder het.") % {
                "label": self.label
            }
        if len(value) > self.max_length:
            return _(
                "%(label)s is te lang: maximaal %(max)s tekens, nu %(count)s. Maak de tekst korter."
            ) % {
                "label": self.label,
                "max": f"{self.max_length:,}".replace(",", "."),
                "count": f"{len(value):,}".replace(",", "."),
            }
        return None

    def check(self, value: str, *, error: type[Exception]) -> None:
        """Raise `error(message)` when the text is out of bounds (a service's guard)."""
        if (message := self.problem(value)) is not None:
            raise error(message)


@dataclass(frozen=True)
class NumberLimit:
    """The smallest and largest whole number a field takes."""

    label: str | Promise
    minimum: int
    maximum: int

    def problem(self, value: int | None) -> str | None:
        if value is None or self.minimum <= value <= self.maximum:
            return None
        return _("%(label)s moet tussen %(min)s en %(max)s liggen.") % {
            "label": self.label,
            "min": f"{self.minimum:,}".replace(",", "."),
            "max": f"{self.maximum:,}".replace(",", "."),
        }

    def check(self, value: int | None, *, error: type[Exception]) -> None:
        if (message := self.problem(value)) is not None:
            raise error(message)


# --- texts ------------------------------------------------------------------------------------
# The assessors' texts: a motivation or a reason is a few paragraphs; the notes of a whole
# interview and the list of its questions are longer.
MOTIVATION = TextLimit(gettext_lazy("De motivering"), 5_000)
INTERVIEW_QUESTION = TextLimit(gettext_lazy("De vraag voor het toetsgesprek"), 2_000)
AGREED_REASON = TextLimit(gettext_lazy("De toelichting op het gezamenlijke oordeel"), 5_000)
INTERVIEW_QUESTIONS = TextLimit(gettext_lazy("De vragen voor het toetsgesprek"), 20_000)
INTERVIEW_NOTES = TextLimit(gettext_lazy("Het verslag van het toetsgesprek"), 50_000)
CONFLICT = TextLimit(gettext_lazy("De beschrijving van het belangenconflict"), 2_000)
# The office's texts.
DECISION_REASON = TextLimit(gettext_lazy("De motivering van het besluit"), 10_000)
ADDITIONS_REASON = TextLimit(gettext_lazy("De toelichting op de aanvullingen"), 10_000)
LOCATION = TextLimit(gettext_lazy("De plaats"), 300)  # Interview.location's column
VIDEO_LINK = TextLimit(gettext_lazy("De videolink"), 200)  # Interview.video_link's column
# The candidate's texts. An answer is generous (the longest word guide is a few thousand
# words; 50,000 characters is some 7,000 Dutch words) but not unbounded.
ANSWER = TextLimit(gettext_lazy("Je antwoord"), 50_000)
# The typed signature is the account's first and last name (150 each) with a space.
FULL_NAME = TextLimit(gettext_lazy("Je naam"), 301)
# Values of the office's queue filters and similar query parameters.
QUERY_VALUE = 100
PRIVACY_DIGEST = 64  # a SHA-256 in hex (portfolio.privacy.digest)

# --- numbers ----------------------------------------------------------------------------------
# A working life: nobody has been a jobcoach for more than 60 years, and 60 years of some
# 1,700 hours is about 100,000 hours.
YEARS = NumberLimit(gettext_lazy("Het aantal jaren"), 0, 60)
HOURS = NumberLimit(gettext_lazy("Het aantal uren"), 0, 100_000)
# The study hours on one diploma or certificate (a full bachelor is 240 EC = 6,720 h).
STUDY_HOURS = NumberLimit(gettext_lazy("Het aantal studie-uren"), 1, 10_000)
# A database id (BigAutoField) is at most 2**63 - 1; anything larger does not exist.
MAX_ID = 2**63 - 1
# Page numbers of a list: far more than any list has, small enough for any arithmetic.
MAX_PAGE = 100_000

# --- dates ------------------------------------------------------------------------------------
# The oldest date a document or a case can carry: older than any working jobcoach's papers.
EARLIEST_DATE = date(1950, 1, 1)
# How far ahead the office plans: an additions deadline or an interview within a year.
MAX_DAYS_AHEAD = 366


def date_problem(value: date, *, today: date, future: bool = False) -> str | None:
    """A Dutch message when a date is absurdly far in the past or the future.

    `future=True`: a date the office sets ahead (deadline, interview), at most
    MAX_DAYS_AHEAD from `today`. Otherwise a date of the past (a document, a case), not
    before EARLIEST_DATE and not later than a year from today. Whether the date meets the
    framework's rules (in the future, within the case window) is the service's own check.
    """
    if future:
        latest = today + timedelta(days=MAX_DAYS_AHEAD)
        if value > latest:
            return _("Kies een datum binnen een jaar, uiterlijk %(date)s.") % {
                "date": latest.strftime("%d-%m-%Y")
            }
        return None
    if value < EARLIEST_DATE:
        return _("Kies een datum na %(date)s.") % {"date": EARLIEST_DATE.strftime("%d-%m-%Y")}
    if value > today + timedelta(days=MAX_DAYS_AHEAD):
        return _("Deze datum ligt te ver in de toekomst.")
    return None


def parse_id(value: str | None) -> int | None:
    """An id from a form or a query string, or None: a tampered value is no 500.

    Only ASCII digits (str.isdecimal() also takes "٣", which int() reads as 3), at most
    MAX_ID, no sign.
    """
    if not value or not value.isascii() or not value.isdecimal():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_page(value: str | None) -> int:
    """A page number from the query string: garbage, zero or beyond MAX_PAGE → page 1.

    (The paginator then answers the last page for a number past the end.)"""
    number = parse_id(value)
    return number if number is not None and number <= MAX_PAGE else 1
