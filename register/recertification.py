"""Recertification: a registered job coach starts a portfolio on the current published
recertification framework within its window, and a grant extends the same registration.

The window and the validity are data: the recertification version's
`recertification_window_months` (months before the end of the registration) and the
register policy of that version (else the default). Every refusal names its reason in
Dutch; anything unknown refuses (fail closed).

Attempts per period: an attempt decided "not granted" is closed (`close`), and the job
coach may start a new one while the registration is within the window and not expired;
never while one is open, while an objection against the closed one is pending, or once
one was granted (the period is renewed).
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from objections.enums import ObjectionState
from portal.mail import queue_mail
from profiles.enums import FrameworkKind
from profiles.selectors import current_published_version
from register import rules
from register.models import Recertification, Registration
from register.selectors import policy_for


class RecertificationRefused(Exception):
    """The job coach cannot start (or the office cannot grant) a recertification now."""


def current_version():
    """The newest published recertification framework version, or None."""
    return current_published_version(kind=FrameworkKind.RECERTIFICATION)


def window_opens_on(registration: Registration, version) -> date | None:
    """The first local day on which the job coach may start (None: no window in the data)."""
    months = version.recertification_window_months if version else None
    if not months:
        return None
    return rules.add_months(registration.valid_until + timedelta(days=1), -months)


# An objection is settled once upheld or rejected; any other state is still pending.
OBJECTION_SETTLED = frozenset({ObjectionState.UPHELD, ObjectionState.REJECTED})


def attempt_is_open(attempt: Recertification) -> bool:
    """Started and not yet decided: neither renewed nor closed as "not granted"."""
    return not attempt.is_renewed and not attempt.is_closed


def attempt_renewed_the_period(attempt: Recertification) -> bool:
    """Granted: the period it was started for is renewed (no second attempt)."""
    return attempt.is_renewed


def objection_is_pending(attempt: Recertification) -> bool:
    """Closed as "not granted", and the job coach's objection to that decision is not
    settled yet: upheld, it may still grant this attempt."""
    review = getattr(attempt.portfolio, "review", None)
    objection = getattr(review, "objection", None) if review is not None else None
    pending = objection is not None and objection.state not in OBJECTION_SETTLED
    return attempt.is_closed and pending


def _attempt_refusals() -> tuple:
    """Each named predicate on an earlier attempt for the same period, with its reason."""
    return (
        (attempt_is_open, _("Je hebt je hercertificering voor deze periode al gestart.")),
        (attempt_renewed_the_period, _("Je registratie is voor deze periode al verlengd.")),
        (
            objection_is_pending,
            _(
                "Je bezwaar tegen het besluit over je hercertificering is nog in behandeling; "
                "je kunt opnieuw starten als het is afgehandeld."
            ),
        ),
    )


def attempts_for_period(registration: Registration) -> list[Recertification]:
    """The attempts for the registration's current period, each with its review and
    objection (one query)."""
    return list(
        registration.recertifications.filter(
            period_valid_until=registration.valid_until
        ).select_related("portfolio__review__objection")
    )


def refusal(registration: Registration | None, version, *, today: date) -> str | None:
    """Why a recertification cannot start now, or None: a published recertification
    framework with a window, a registration that is neither suspended, struck off nor
    expired, today within the window, and no earlier attempt for this period that is
    open, granted, or awaiting an objection (`_attempt_refusals`)."""
    if registration is None:
        return _("Je hebt geen registratie om te verlengen.")
    if version is None or not version.is_published or not version.framework.is_recertification:
        return _("Er is nog geen toetsingskader voor hercertificering gepubliceerd.")
    return _window_refusal(registration, version, today=today)


def _window_refusal(registration: Registration, version, *, today: date) -> str | None:
    opens = window_opens_on(registration, version)
    reasons = (
        (opens is None, _("Het toetsingskader voor hercertificering noemt geen termijn.")),
        (
            registration.status in rules.OFFICE_HELD,
            _("Je registratie is geschorst of doorgehaald."),
        ),
        (
            today > registration.valid_until,
            _("Je registratie is verlopen; hercertificering kan alleen vóór het einde."),
        ),
    )
    if reason := next((text for applies, text in reasons if applies), None):
        return reason
    if today < opens:
        return _("Je kunt je hercertificering starten vanaf %(date)s.") % {
            "date": date_format(opens, "j F Y")
        }
    for attempt in attempts_for_period(registration):
        for applies, text in _attempt_refusals():
            if applies(attempt):
                return text
    return None


def may_start(registration: Registration | None, *, today: date | None = None) -> bool:
    """The page asks this (no template compares a date or a state)."""
    today = today or timezone.localdate()
    return refusal(registration, current_version(), today=today) is None


@transaction.atomic
def start(*, candidate):
    """Start the job coach's recertification portfolio on the current recertification
    version. Side effects: the portfolio (audited by `start_portfolio`), the
    Recertification row for this period (at most one open or granted per period: the
    constraint holds also when two requests race), an audit row. Raises
    `RecertificationRefused`."""
    from portfolio.errors import PortfolioError  # noqa: PLC0415 - portfolio imports register
    from portfolio.services import start_portfolio  # noqa: PLC0415 - as above

    registration = (
        Registration.objects.select_for_update().filter(candidate_id=candidate.pk).first()
    )
    version = current_version()
    if problem := refusal(registration, version, today=timezone.localdate()):
        raise RecertificationRefused(problem)
    try:
        with transaction.atomic():
            _close_decided(candidate)
            portfolio = start_portfolio(candidate=candidate, version=version)
            Recertification.objects.create(
                registration=registration,
                portfolio=portfolio,
                period_valid_until=registration.valid_until,
                previous_version=registration.framework_version,
                previous_review_id=registration.review_id,
            )
    except PortfolioError as exc:
        raise RecertificationRefused(str(exc)) from exc
    except IntegrityError as exc:
        raise RecertificationRefused(
            _("Je hebt je hercertificering voor deze periode al gestart.")
        ) from exc
    audit.record(
        actor=candidate,
        action=AuditAction.RECERTIFICATION_STARTED,
        portfolio_id=portfolio.pk,
        subject_user_id=candidate.pk,
        target=registration,
        summary=f"{registration.number}: {version}",
        changes={"periode tot en met": audit.change(None, registration.valid_until.isoformat())},
    )
    return portfolio


def _close_decided(candidate) -> None:
    """The candidate's decided portfolio (of the certification being renewed) leaves the
    active states; an undecided one refuses the start (`PortfolioError`)."""
    from portfolio.enums import ACTIVE_STATES  # noqa: PLC0415 - portfolio imports register
    from portfolio.services.portfolios import close_decided  # noqa: PLC0415 - as above

    for previous in candidate.portfolios.filter(state__in=ACTIVE_STATES):
        close_decided(portfolio=previous, actor=candidate)


def renew(*, review, actor) -> Registration | None:
    """Called on a grant (inside the decision's transaction): a granted recertification
    extends its registration from the old end date by the policy's validity. None when
    the review is no recertification; idempotent (a renewed period is not renewed again).

    Refused (the decision is undone: fail closed) for a registration that is suspended
    or struck off. Side effects: the history row, an audit row, the status the new dates
    give (audited and mailed by `change_status`) and an e-mail about the new date.
    """
    recertification = (
        Recertification.objects.select_for_update().filter(portfolio_id=review.portfolio_id).first()
    )
    if recertification is None:
        return None
    if recertification.is_renewed:
        return recertification.registration
    registration = Registration.objects.select_for_update().get(pk=recertification.registration_id)
    if problem := _renewal_refusal(recertification, registration):
        from assessment.services.transition import ReviewError  # noqa: PLC0415 - cycle

        raise ReviewError(problem)
    version = review.portfolio.framework_version
    policy = policy_for(version.pk)
    before = registration.valid_until
    new_until = rules.valid_until(before + timedelta(days=1), months=policy.validity_months)
    _record_renewal(recertification, registration, review, new_until, actor=actor)
    return registration


def _renewal_refusal(recertification, registration) -> str | None:
    """Why a grant cannot renew: the office holds the registration, or (a "not granted"
    revised on objection) a newer attempt for the same period is open or granted."""
    if registration.status in rules.OFFICE_HELD:
        return _("De registratie is geschorst of doorgehaald: niet verlengd.")
    newer = Recertification.objects.filter(
        registration_id=registration.pk,
        period_valid_until=recertification.period_valid_until,
        closed_at__isnull=True,
    ).exclude(pk=recertification.pk)
    if recertification.is_closed and newer.exists():
        return _("Er loopt al een nieuwe hercertificering voor deze periode: niet verlengd.")
    return None


def close(*, review) -> bool:
    """Called on a decision of "not granted" (also one revised on objection): the
    recertification attempt of that portfolio is closed, and the job coach may start a
    new one (`refusal` says when). False when the review is no recertification or the
    attempt was closed already (idempotent)."""
    closed = Recertification.objects.filter(
        portfolio_id=review.portfolio_id, closed_at__isnull=True
    ).update(closed_at=timezone.now())
    return bool(closed)


def _record_renewal(recertification, registration, review, new_until: date, *, actor) -> None:
    from register.services import follow_calendar  # noqa: PLC0415 - services imports us

    before = (registration.valid_until, registration.framework_version, registration.review_id)
    recertification.review = review
    recertification.previous_version = before[1]
    recertification.renewed_at = timezone.now()
    recertification.renewed_by = actor
    recertification.new_valid_until = new_until
    recertification.closed_at = None  # a "not granted" revised to a grant on objection
    recertification.save()
    registration.valid_until = new_until
    registration.framework_version = review.portfolio.framework_version
    registration.review = review  # the previous certification of the next recertification
    registration.save(update_fields=["valid_until", "framework_version", "review"])
    audit.record(
        actor=actor,
        action=AuditAction.REGISTRATION_RENEWED,
        portfolio_id=review.portfolio_id,
        subject_user_id=registration.candidate_id,
        target=registration,
        summary=registration.number,
        changes={
            "geldig tot en met": audit.change(before[0].isoformat(), new_until.isoformat()),
            "kaderversie": audit.change(str(before[1]), str(registration.framework_version)),
        },
    )
    queue_mail(
        template="register/email/renewed",
        context={"registration": registration, "before": before[0]},
        to=[registration.candidate.email],
    )
    follow_calendar(registration=registration, today=timezone.localdate(), known=None)


def undo_renewal(*, review, actor) -> Registration | None:
    """Called by `register.services.revoke_registration` when the grant of a
    recertification is revised to "not granted" (an upheld objection): the renewal is
    undone instead of striking the registration off. The registration gets back the end
    date, framework version and review of the period the history row renewed, and the
    status its dates then give; the history row is no longer renewed (a later grant may
    renew the period again). None when `review` renewed nothing.

    Side effects: an audit row, the status change (audited and mailed by
    `change_status`) and an e-mail about the restored date, on commit.
    """
    from register.services import follow_calendar  # noqa: PLC0415 - services imports us

    recertification = (
        Recertification.objects.select_for_update()
        .filter(review=review, renewed_at__isnull=False)
        .first()
    )
    if recertification is None:
        return None
    registration = Registration.objects.select_for_update().get(pk=recertification.registration_id)
    before = (registration.valid_until, str(registration.framework_version))
    registration.valid_until = recertification.period_valid_until
    registration.framework_version = recertification.previous_version or (
        registration.framework_version
    )
    registration.review = recertification.previous_review
    registration.save(update_fields=["valid_until", "framework_version", "review"])
    recertification.renewed_at = recertification.renewed_by = None
    recertification.new_valid_until = None
    recertification.save(update_fields=["renewed_at", "renewed_by", "new_valid_until"])
    audit.record(
        actor=actor,
        action=AuditAction.REGISTRATION_RENEWED,
        portfolio_id=review.portfolio_id,
        subject_user_id=registration.candidate_id,
        target=registration,
        summary=_("%(number)s: verlenging ingetrokken na bezwaar")
        % {"number": registration.number},
        changes={
            "geldig tot en met": audit.change(
                before[0].isoformat(), registration.valid_until.isoformat()
            ),
            "kaderversie": audit.change(before[1], str(registration.framework_version)),
        },
    )
    queue_mail(
        template="register/email/renewal_revoked",
        context={"registration": registration, "before": before[0]},
        to=[registration.candidate.email],
    )
    follow_calendar(registration=registration, today=timezone.localdate(), known=None)
    return registration


def previous_texts(portfolio) -> dict[str, str]:
    """{code: text} of the answers in the sealed snapshot (the last round) of the
    certification this recertification portfolio renews; empty for any other portfolio
    or when there is no sealed snapshot. Two queries at most."""
    from portfolio.models import Snapshot  # noqa: PLC0415 - portfolio imports register

    previous = (
        Recertification.objects.filter(portfolio_id=portfolio.pk)
        .values_list("previous_review__portfolio_id", flat=True)
        .first()
    )
    if previous is None:
        return {}
    snapshot = Snapshot.objects.filter(portfolio_id=previous).order_by("-round").first()
    if snapshot is None:
        return {}
    return {
        entry["code"]: entry.get("text") or ""
        for section in snapshot.content.get("sections", [])
        for entry in section.get("entries", [])
        if entry.get("kind") == "answer"
    }
