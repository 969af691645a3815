"""Reads of objections: access-checked fetching (the same 404 for "not yours" and "does not
exist"), the lists, and the file the committee member reads."""

from itertools import groupby

from django.http import Http404
from django.utils import timezone

from assessment.enums import ReviewState
from assessment.models import Report, Review, Score
from objections import periods
from objections import rules as objection_rules
from objections.models import Objection
from portal.rules import is_office
from portfolio.models import Snapshot

RELATED = (
    "review__portfolio__candidate",
    "review__portfolio__framework_version__objection_terms",
    "member",
)


def _objections():
    return Objection.objects.select_related(*RELATED)


def review_for_lodging(user, review_id: int) -> Review:
    """The candidate's own decided review; 404 for anything else."""
    review = (
        Review.objects.select_related("portfolio__framework_version__objection_terms")
        .filter(pk=review_id, portfolio__candidate_id=user.pk, state=ReviewState.DECIDED)
        .first()
    )
    if review is None:
        raise Http404
    return review


def objection_for_candidate(user, pk: int) -> Objection:
    objection = _objections().filter(pk=pk, review__portfolio__candidate_id=user.pk).first()
    if objection is None:
        raise Http404
    return objection


def objection_for_office(user, pk: int) -> Objection:
    if not is_office(user):
        raise Http404
    objection = _objections().filter(pk=pk).first()
    if objection is None:
        raise Http404
    return objection


def objection_for_member(user, pk: int) -> Objection:
    """The member's own assigned objection; 404 for anything else."""
    if not objection_rules.is_objection_member(user):
        raise Http404
    objection = _objections().filter(pk=pk, member_id=user.pk).first()
    if objection is None:
        raise Http404
    return objection


def objection_for_attachment(user, pk: int) -> Objection:
    """Who may read the attachments: the candidate, the office, the cleared member."""
    objection = _objections().filter(pk=pk).first()
    if objection is None or not (
        objection_rules.is_candidate_of(user, objection)
        or is_office(user)
        or objection_rules.is_cleared_member(user, objection)
    ):
        raise Http404
    return objection


def office_list():
    return _objections().order_by("-lodged_at", "-pk")


def member_list(user):
    return _objections().filter(member_id=user.pk).order_by("-assigned_at", "-pk")


def with_deadlines(objection: Objection) -> dict:
    """The objection's dates from the version's periods (local dates)."""
    terms = periods.terms_for(objection.review.portfolio.framework_version)
    return {
        "terms": terms,
        "assignment_deadline": periods.assignment_deadline(objection, terms),
        "decision_deadline": periods.decision_deadline(objection, terms),
        "today": timezone.localdate(),
    }


def _sealed_sections(snapshot) -> list[dict]:
    """The sealed entries as (code, what to read): an answer's text, a declaration's
    statement or a document's name."""
    if snapshot is None:
        return []
    return [
        {
            "code": section["code"],
            "entries": [
                {
                    "code": entry.get("code", ""),
                    "text": entry.get("text") or entry.get("statement") or entry.get("name", ""),
                }
                for entry in section.get("entries", [])
            ],
        }
        for section in snapshot.content.get("sections", [])
    ]


def case_file(objection: Objection) -> dict:
    """What the committee member reads (read-only): the sealed portfolio of the decided
    round, every report, and the scores of both assessments of that round. Four queries."""
    review = objection.review
    snapshot = Snapshot.objects.filter(portfolio_id=review.portfolio_id, round=review.round).first()
    reports = list(Report.objects.filter(review=review).order_by("round", "created_at"))
    scores = (
        Score.objects.filter(
            assessment__assignment__review=review,
            assessment__round=review.round,
            assessment__submitted_at__isnull=False,
        )
        .select_related(
            "assessment__assignment__assessor",
            "criterion__section",
            "condition",
            "declaration",
            "option",
        )
        .order_by("assessment__assignment__created_at", "criterion_id", "condition_id", "pk")
    )
    assessments = [
        {"assignment": assignment, "scores": list(rows)}
        for assignment, rows in groupby(scores, key=lambda s: s.assessment.assignment)
    ]
    return {
        "snapshot": snapshot,
        "sections": _sealed_sections(snapshot),
        "reports": reports,
        "assessments": assessments,
    }
