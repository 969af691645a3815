"""The toetsgesprek: the office plans it, an assessor records it with the final scores."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.enums import ReviewState
from assessment.models import Interview, Review
from assessment.selectors import referred_to_interview
from assessment.services.transition import ReviewError, audit_review, locked, require, transition
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.mail import queue_mail


@transaction.atomic
def plan_interview(*, review: Review, scheduled_at, location: str, video_link: str, actor):
    """The office plans the toetsgesprek; assessors and candidate are told."""
    limits.LOCATION.check(location, error=ReviewError)
    limits.VIDEO_LINK.check(video_link, error=ReviewError)
    today = timezone.localdate()
    if problem := limits.date_problem(timezone.localdate(scheduled_at), today=today, future=True):
        raise ReviewError(problem)
    review = locked(review)
    require(review, "plan_interview", actor=actor)
    if not (location.strip() or video_link.strip()):
        raise ReviewError(_("Vul een plaats of een videolink in."))
    if scheduled_at <= timezone.now():
        raise ReviewError(_("Het toetsgesprek moet in de toekomst liggen."))
    interview, _created = Interview.objects.update_or_create(
        review=review,
        defaults={
            "scheduled_at": scheduled_at,
            "location": location.strip(),
            "video_link": video_link.strip(),
        },
    )
    transition(review, ReviewState.INTERVIEW_PLANNED, actor=actor)
    queue_mail(
        template="assessment/email/interview_planned",
        context={"review": review, "interview": interview, "site_url": settings.SITE_URL},
        to=[review.portfolio.candidate.email],
    )
    return interview


@transaction.atomic
def record_interview(*, review: Review, notes: str, final_scores: dict, actor):
    """An assessor records the interview: notes per open question and the final score of
    every criterion that was referred to the interview ({criterion_id: ScoreOption}).

    Refused, with nothing saved: a final score for a criterion that was not referred to
    the interview, an option of another scale, or one that refers to the interview again.
    """
    limits.INTERVIEW_NOTES.check(notes, error=ReviewError)
    review = locked(review)
    require(review, "record_interview", actor=actor)
    open_items = referred_to_interview(review)  # the audit entry names the option
    _check_final_scores(open_items, final_scores, version_id=review.portfolio.framework_version_id)
    if not notes.strip():
        raise ReviewError(_("Schrijf een verslag van het toetsgesprek."))
    for agreed in open_items:
        agreed.final_option = final_scores[agreed.criterion_id]
        agreed.save(update_fields=["final_option"])
    interview = review.interview
    interview.notes = notes.strip()
    # Held at its planned time (the guard refuses recording before its day), not when
    # the notes are written down; recorded earlier on that day, it is held by now.
    interview.held_at = min(interview.scheduled_at, timezone.now())
    interview.save(update_fields=["notes", "held_at"])
    audit_review(
        review,
        AuditAction.INTERVIEW_RECORDED,
        actor=actor,
        target=interview,
        changes={
            "verslag": audit.change(None, audit.masked(interview.notes)),
            **{
                agreed.criterion.code: audit.change(
                    agreed.option.label, final_scores[agreed.criterion_id].label
                )
                for agreed in open_items
            },
        },
    )
    transition(review, ReviewState.INTERVIEW_HELD, actor=actor)
    return interview


def _check_final_scores(open_items, final_scores: dict, *, version_id: int) -> None:
    """Every referred criterion gets one final score of this version's scale that is a
    definitive verdict; no other criterion gets one."""
    referred = {agreed.criterion_id for agreed in open_items}
    if set(final_scores) - referred:
        raise ReviewError(
            _("Alleen criteria die naar het toetsgesprek zijn verwezen krijgen een eindscore.")
        )
    missing = [a.criterion.code for a in open_items if final_scores.get(a.criterion_id) is None]
    if missing:
        raise ReviewError(_("Geef een eindscore voor: %(codes)s.") % {"codes": ", ".join(missing)})
    for agreed in open_items:
        option = final_scores[agreed.criterion_id]
        if option.version_id != version_id:
            raise ReviewError(
                _("De eindscore van %(code)s hoort niet bij de schaal van dit kader.")
                % {"code": agreed.criterion.code}
            )
        if option.refers_to_interview:
            raise ReviewError(
                _(
                    "De eindscore van %(code)s kan niet '%(label)s' zijn: na het "
                    "toetsgesprek is het oordeel definitief."
                )
                % {"code": agreed.criterion.code, "label": option.label}
            )
