"""The office queue's rows and its assessor filter, read as values.

The queue showed 25 portfolios with their candidates, reviews, assignments and assessors
as model instances (some 200 per page, every column of each) and a filter with every
assessor: building them and looking their attributes up in the template was most of the
page's time. Here only the columns shown are read, as plain values, and the filter's
options are printed in one go.
"""

from collections import namedtuple
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessment.enums import ReviewState
from assessment.models import Assignment
from portal.enums import Role, label_of
from portal.models import User

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


@dataclass(frozen=True)
class QueueRow:
    pk: int
    candidate_name: str
    candidate_email: str
    submitted_at: object
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


def queue_rows(values, user) -> list[QueueRow]:
    """One page of `as_values()` rows, with each review's active assessors (one query)."""
    values = list(values)
    names: dict[int, list[str]] = {}
    reviews = [v["review__pk"] for v in values if v["review__pk"]]
    assigned = (
        Assignment.objects.filter(review_id__in=reviews, withdrawn_at__isnull=True)
        .order_by("review__created_at", "created_at")
        .values_list("review_id", "assessor__first_name", "assessor__last_name")
    )
    for review_id, first, last in assigned if reviews else ():
        names.setdefault(review_id, []).append(full_name(first, last))
    rows = []
    for v in values:
        review = QueueReview(v["review__state"]) if v["review__pk"] else None
        rows.append(
            QueueRow(
                pk=v["pk"],
                candidate_name=full_name(v["candidate__first_name"], v["candidate__last_name"]),
                candidate_email=v["candidate__email"],
                submitted_at=v["submitted_at"],
                state_label=label_of(ReviewState, review.state) if review else "",
                assessors=", ".join(names.get(v["review__pk"], ())),
                assign_url=reverse("assessment:assign", args=[v["pk"]]),
                to_assign=user.has_perm("assessment.awaits_assessors", review),
            )
        )
    return rows


def assessor_options(selected: str) -> SafeString:
    """The filter's `<option>`s, one per active assessor, `selected` (the id typed in the
    query string) marked."""
    people = (
        User.objects.filter(role=Role.ASSESSOR, is_active=True)
        .order_by(*User._meta.ordering)
        .values_list("pk", "first_name", "last_name")
    )
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<option value="{}"{}>{}</option>',
                    pk,
                    " selected" if selected == str(pk) else "",
                    full_name(first, last),
                ),
            )
            for pk, first, last in people
        ),
    )
