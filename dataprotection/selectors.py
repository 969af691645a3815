"""Reads for the data rights: when a candidate may be erased, and everything the portal
holds about a candidate (the export).

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
from assessment.models import Review
from audit.enums import AuditAction
from audit.models import AuditEntry
from dataprotection.models import Erasure
from dataprotection.rules import can_manage_candidate_data
from portal.enums import Role
from portal.models import User
from portfolio import entries
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Document, Portfolio, Signature
from portfolio.validators import safe_filename


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


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def document_path(document: Document) -> str:
    """Where a document goes in the ZIP: readable, unique, no path tricks (the upload's own
    rule for display names, applied again to what is stored)."""
    name = safe_filename(document.original_name)
    return f"bestanden/portfolio-{document.portfolio_id}/{document.pk}-{name}"


def report_path(report) -> str:
    return f"rapporten/rapport-{report.review_id}-ronde-{report.round}.pdf"


def _target_code(answer: Answer) -> str:
    return entries.code(answer.question or answer.criterion or answer.product_question)


def _target_text(answer: Answer) -> str:
    if answer.question_id:
        return answer.question.text
    if answer.criterion_id:
        return answer.criterion.title
    return answer.product_question.text


def _score_target(score) -> str:
    if score.criterion_id:
        return score.criterion.code
    if score.declaration_id:
        return score.declaration.code
    return score.condition.text


def _review_history(review: Review) -> list[dict]:
    """The review's state changes, from the audit trail (the one history)."""
    entries = AuditEntry.objects.filter(
        portfolio_id=review.portfolio_id, action=AuditAction.REVIEW_TRANSITION
    ).order_by("at", "pk")
    return [
        {
            "van": entry.changes.get("status", {}).get("voor"),
            "naar": entry.changes.get("status", {}).get("na"),
            "op": _iso(entry.at),
        }
        for entry in entries
    ]


def _review_data(review: Review) -> dict:
    """What the candidate sees of the review. Assessors' scores, motivations, the joint
    verdict and the interview notes are included only once the office has decided: they
    are then in the candidate's report as well. Before that the assessment is in progress
    and assessors work independently (AVG art. 23 allows the exam body to withhold it
    until the decision), so only the state and the planned interview are shown."""
    data = {
        "status": review.state,
        "status_omschrijving": str(review.get_state_display()),
        "ronde": review.round,
        "aangemaakt_op": _iso(review.created_at),
        "toetsgesprek_nodig": review.interview_required,
        "verloop": _review_history(review),
        "toetsgesprek": None,
        "besluit": None,
        "rapporten": [
            {
                "ronde": r.round,
                "gemaakt_op": _iso(r.created_at),
                "sha256": r.sha256,
                "bestand": report_path(r),
            }
            for r in review.reports.all()
        ],
    }
    interview = getattr(review, "interview", None)
    decided = review.state == ReviewState.DECIDED
    if interview is not None:
        data["toetsgesprek"] = {
            "gepland_op": _iso(interview.scheduled_at),
            "plaats": interview.location,
            "videolink": interview.video_link,
            "gehouden_op": _iso(interview.held_at),
            "verslag": interview.notes if decided else None,
        }
    if not decided:
        return data
    scores = []
    for assignment in review.assignments.all():
        if assignment.withdrawn_at:
            continue
        for assessment in assignment.assessments.all():
            for score in assessment.scores.all():
                scores.append(
                    {
                        "assessor": str(assignment.get_role_display()),
                        "ronde": assessment.round,
                        "onderdeel": _score_target(score),
                        "score": score.option.label if score.option_id else None,
                        "voldaan": score.met,
                        "motivering": score.motivation,
                    }
                )
    data["besluit"] = {
        "besluit": review.decision,
        "besluit_omschrijving": str(review.get_decision_display()),
        "besloten_op": _iso(review.decided_at),
        "motivering": review.decision_reason,
        "gezamenlijk_oordeel": [
            {
                "ronde": a.round,
                "criterium": a.criterion.code,
                "score": a.option.label,
                "eindscore_na_toetsgesprek": a.final_option.label if a.final_option_id else None,
                "toelichting": a.reason,
            }
            for a in review.agreed_scores.all()
        ],
        "scores": scores,
    }
    return data


def candidate_data(candidate: User) -> dict:
    """Everything the portal holds about the candidate, as one JSON-ready dict."""
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    portfolios = (
        Portfolio.objects.filter(candidate=candidate)
        .select_related(
            "framework_version__framework",
            "basic_route",
            "supplementary_route",
            "review__interview",
        )
        .prefetch_related(
            "answers__question",
            "answers__criterion__section",
            "answers__product_question__criterion__section",
            "signatures__declaration",
            "documents__requirement",
            "documents__question",
            "snapshots",
            "review__reports",
            "review__agreed_scores__criterion__section",
            "review__agreed_scores__option",
            "review__agreed_scores__final_option",
            "review__assignments__assessments__scores__criterion__section",
            "review__assignments__assessments__scores__declaration",
            "review__assignments__assessments__scores__condition",
            "review__assignments__assessments__scores__option",
        )
        .order_by("created_at")
    )
    portfolio_list = []
    for p in portfolios:
        version = p.framework_version
        review = getattr(p, "review", None)
        portfolio_list.append(
            {
                "id": p.pk,
                "toetsingskader": {
                    "kader": version.framework.slug,
                    "versie": version.number,
                    "titel": version.title,
                },
                "status": p.state,
                "status_omschrijving": str(p.get_state_display()),
                "aangemaakt_op": _iso(p.created_at),
                "laatst_gewijzigd": _iso(p.updated_at),
                "ingediend_op": _iso(p.submitted_at),
                "routes": {
                    key: {"code": route.code, "criterium": route.criterion} if route else None
                    for key, route in (("A1", p.basic_route), ("A2", p.supplementary_route))
                },
                "diploma": {"datum": _iso(p.diploma_date), "opleider": p.diploma_provider},
                "eerste_indiening_op": _iso(p.first_submitted_on),
                "heropende_onderdelen": p.reopened_sections,
                "aanvullen_uiterlijk": _iso(p.additions_deadline),
                "antwoorden": sorted(
                    (
                        {
                            "code": _target_code(a),
                            "vraag": _target_text(a),
                            "tekst": a.text,
                            "datum": _iso(a.date_value),
                            "revisie": a.revision,
                            "opgeslagen_op": _iso(a.updated_at),
                        }
                        for a in p.answers.all()
                    ),
                    key=lambda row: row["code"],
                ),
                "handtekeningen": [
                    {
                        "verklaring": s.declaration.code,
                        "ondertekende_tekst": s.statement,
                        "naam": s.full_name,
                        "datum": _iso(s.signed_on),
                        "ondertekend_op": _iso(s.signed_at),
                        "jaren": s.years,
                        "uren": s.hours,
                    }
                    for s in p.signatures.all()
                ],
                "documenten": [
                    {
                        "id": d.pk,
                        "onderdeel": d.requirement.code if d.requirement_id else d.question.code,
                        "bestandsnaam": d.original_name,
                        "soort": d.content_type,
                        "grootte": d.size,
                        "sha256": d.sha256,
                        "datum_document": _iso(d.document_date),
                        "studie_uren": d.study_hours,
                        "geupload_op": _iso(d.uploaded_at),
                        "bestand": document_path(d),
                    }
                    for d in p.documents.all()
                ],
                "inzendingen": [
                    {
                        "ronde": s.round,
                        "vingerafdruk_sha256": s.sha256,
                        "verzegeld_op": _iso(s.created_at),
                        "inhoud": s.content,
                        "privacywaarschuwingen_bevestigd_op": _iso(s.privacy_override_at),
                        "genegeerde_privacywaarschuwingen": s.privacy_findings,
                    }
                    for s in p.snapshots.all()
                ],
                "beoordeling": _review_data(review) if review is not None else None,
            }
        )
    own_actions = AuditEntry.objects.filter(actor_id=candidate.pk).order_by("at", "pk")
    return {
        "account": {
            "id": candidate.pk,
            "voornaam": candidate.first_name,
            "achternaam": candidate.last_name,
            "naam": candidate.get_full_name(),
            "e-mailadres": candidate.email,
            "rol": candidate.role,
            "rol_omschrijving": str(candidate.get_role_display()),
            "actief": candidate.is_active,
            "aangemaakt_op": _iso(candidate.date_joined),
            "laatst_ingelogd": _iso(candidate.last_login),
            "e-mailadressen": [
                {"e-mailadres": e.email, "geverifieerd": e.verified, "primair": e.primary}
                for e in EmailAddress.objects.filter(user=candidate).order_by("pk")
            ],
        },
        "portfolios": portfolio_list,
        "eigen_handelingen": [
            {"op": _iso(e.at), "handeling": e.action, "omschrijving": e.summary}
            for e in own_actions
        ],
    }
