"""The office queue's rows and its assessor filter, read as values; the rows' markup kept
per content.

The queue showed 25 portfolios with their candidates, reviews, assignments and assessors
as model instances (some 200 per page, every column of each) and a filter with every
assessor: building them and looking their attributes up in the template was most of the
page's time. Here only the columns shown are read, as plain values, and the filter's
options are printed in one go. The rows (a URL reversal, a date, a state label and a step
predicate each, some ten template nodes) are rendered on Jinja2 once per content: what
`rows_key` digests is every value they print from (the portfolio, the candidate's name
and address, the submission, the review's state, the active assessors' names), the
language, the time zone and the code of this module and its template. A kept rendering
therefore cannot go stale; it only expires.
"""

import hashlib
from collections import namedtuple
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessment import rules as review_rules
from assessment.enums import ReviewState
from assessment.models import Assignment
from portal import jinja
from portal.enums import Role, label_of
from portal.models import User
from portal.release import release

# What the queue's step predicate reads of a review (assessment.rules.awaits_assessors).
QueueReview = namedtuple("QueueReview", ["state"])

ROW_FIELDS = (
    "pk",
    "submitted_at",
    "candidate__first_name",
    "candidate__last_name",
    "candidate__email",
    "review__pk",
    "review__state",
)
TEMPLATE = "assessment/_queue_rows.html"  # under assessment/jinja2/
# Kept an hour: a page's rows change with every assignment or state change on it (a new
# content, a new key), and the office pages through the same filters for a while.
KEPT_SECONDS = 3600


@dataclass(frozen=True)
class QueueRow:
    pk: int
    candidate_name: str
    candidate_email: str
    submitted_on: str  # the local date of the submission, "j-n-Y"; "" without one
    state_label: str  # "" without a review
    assessors: str  # the active assessors' names, comma-separated
    assign_url: str
    to_assign: bool  # the button says "Toewijzen" instead of "Details"


def full_name(first_name: str, last_name: str) -> str:
    """As `User.get_full_name()` (Django's AbstractUser) prints it, from the two values."""
    return f"{first_name} {last_name}".strip()


def as_values(portfolios):
    """The queue's query (portfolios, filtered and ordered) narrowed to the columns shown."""
    return portfolios.values(*ROW_FIELDS)


def _local_date(moment) -> str:
    """As Django's `date:"j-n-Y"` prints an aware datetime (made local first)."""
    if moment is None:
        return ""
    day = timezone.localdate(moment)
    return f"{day.day}-{day.month}-{day.year:04d}"


def assessor_names(values: list[dict]) -> dict[int, str]:
    """{review id: its active assessors' names, comma-separated} for a page of
    `as_values()` rows (one query)."""
    reviews = [v["review__pk"] for v in values if v["review__pk"]]
    if not reviews:
        return {}
    names: dict[int, list[str]] = {}
    assigned = (
        Assignment.objects.filter(review_id__in=reviews, withdrawn_at__isnull=True)
        .order_by("review__created_at", "created_at")
        .values_list("review_id", "assessor__first_name", "assessor__last_name")
    )
    for review_id, first, last in assigned:
        names.setdefault(review_id, []).append(full_name(first, last))
    return {review_id: ", ".join(people) for review_id, people in names.items()}


def queue_rows(values: list[dict], names: dict[int, str]) -> list[QueueRow]:
    """One page of `as_values()` rows, with their reviews' `assessor_names`."""
    rows = []
    for v in values:
        review = QueueReview(v["review__state"]) if v["review__pk"] else None
        rows.append(
            QueueRow(
                pk=v["pk"],
                candidate_name=full_name(v["candidate__first_name"], v["candidate__last_name"]),
                candidate_email=v["candidate__email"],
                submitted_on=_local_date(v["submitted_at"]),
                state_label=label_of(ReviewState, review.state) if review else "",
                assessors=names.get(v["review__pk"], ""),
                assign_url=reverse("assessment:assign", args=[v["pk"]]),
                # Who asks does not matter: the predicate reads the review only.
                to_assign=review_rules.awaits_assessors(None, review),
            )
        )
    return rows


def rows_key(values: list[dict], names: dict[int, str]) -> str:
    """The content address of a page's rows."""
    shown = [tuple(v[field] for field in ROW_FIELDS) for v in values]
    digest = hashlib.sha256(repr((shown, names)).encode()).hexdigest()
    zone = timezone.get_current_timezone_name()
    return f"queue-rows:{release()}:{digest}:{get_language()}:{zone}"


def rows_html(values) -> SafeString:
    """The table rows of one page of `as_values()` rows: from the shared cache, else
    rendered and kept."""
    values = list(values)
    names = assessor_names(values)
    key = rows_key(values, names)
    kept = cache.get(key)
    if kept is None:
        kept = str(render(queue_rows(values, names)))
        cache.set(key, kept, KEPT_SECONDS)
    return mark_safe(kept)  # noqa: S308 (rendered by `render`, every value escaped)


def render(rows: list[QueueRow]) -> SafeString:
    """The rows' markup, uncached."""
    labels = {
        "unassigned": _("Nog toe te wijzen"),
        "assign": _("Toewijzen"),
        "details": _("Details"),
        "empty": _("Geen portfolio's in deze selectie."),
    }
    return jinja.render(TEMPLATE, {"rows": rows, "labels": labels})


def assessor_options(selected: str) -> SafeString:
    """The filter's `<option>`s, one per active assessor, `selected` (the id typed in the
    query string) marked."""
    people = (
        User.objects.filter(role=Role.ASSESSOR, is_active=True)
        .order_by(*User._meta.ordering)
        .values_list("pk", "first_name", "last_name")
    )
    # Escaped here (the ids are integers): one string instead of 50 format_html calls.
    return mark_safe(  # noqa: S308
        "".join(
            f'<option value="{pk}"{" selected" if selected == str(pk) else ""}>'
            f"{escape(full_name(first, last))}</option>"
            for pk, first, last in people
        )
    )
