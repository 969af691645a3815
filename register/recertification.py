"""Recertification: a registered job coach starts a portfolio on the current published
recertification framework within its window, and a grant extends the same registration.

The window and the validity are data: the recertification version's
`recertification_window_months` (months before the end of the registration) and the
register policy of that version (else the default). Every refusal names its reason in
Dutch; anything unknown refuses (fail closed).
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
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


def refusal(registration: Registration | None, version, *, today: date) -> str | None:
    """Why a recertification cannot start now, or None: a published recertification
    framework with a window, a registration that is neither suspended, struck off nor
    expired, today within the window, and none started for this period yet."""
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
    if registration.recertifications.filter(period_valid_until=registration.valid_until).exists():
        return _("Je hebt je hercertificering voor deze periode al gestart.")
    return None


def may_start(registration: Registration | None, *, today: date | None = None) -> bool:
    """The page asks this (no template compares a date or a state)."""
    today = today or timezone.localdate()
    return refusal(registration, current_version(), today=today) is None


@transaction.atomic
def start(*, candidate):
    """Start the job coach's recertification portfolio on the current recertification
    version. Side effects: the portfolio (audited by `start_portfolio`), the
    Recertification row for this period (one per period: the constraint holds also
    when two requests race), an audit row. Raises `RecertificationRefused`."""
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
    if registration.status in rules.OFFICE_HELD:
        from assessment.services.transition import ReviewError  # noqa: PLC0415 - cycle

        raise ReviewError(_("De registratie is geschorst of doorgehaald: niet verlengd."))
    version = review.portfolio.framework_version
    policy = policy_for(version.pk)
    before = registration.valid_until
    new_until = rules.valid_until(before + timedelta(days=1), months=policy.validity_months)
    _record_renewal(recertification, registration, review, new_until, actor=actor)
    return registration


def _record_renewal(recertification, registration, review, new_until: date, *, actor) -> None:
    from register.services import follow_calendar  # noqa: PLC0415 - services imports us

    before = (registration.valid_until, registration.framework_version, registration.review_id)
    recertification.review = review
    recertification.previous_version = before[1]
    recertification.renewed_at = timezone.now()
    recertification.renewed_by = actor
    recertification.new_valid_until = new_until
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
