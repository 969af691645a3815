"""Queue e-mails after the transaction commits, so a rolled-back change sends nothing
and a failing mail server never blocks the change itself.

Nobody is mailed about their own action (`actor`). A notice (`notice=True`: a status
change of work someone follows) goes out as each person chose (User.mail_preference):
at once, in the day's digest (`send_digests`), or not at all. Everything else — what
asks someone to act or what they must know — always goes out at once.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from kombu.exceptions import OperationalError

from portal.enums import MailPreference
from portal.models import PendingNotice, User
from portal.tasks import send_email

logger = logging.getLogger(__name__)


def queue_mail(
    *,
    template: str,
    context: dict,
    to: list[str],
    language: str = "nl",
    actor=None,
    notice: bool = False,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send on commit.

    `actor`: whoever caused the mail; they get no copy. `notice`: a status change, sent
    per each recipient's preference (direct, digest, off); see the module docstring.

    `robust=True`: when sending fails (in eager mode, or with the broker down and the
    mail server too) the error is logged, the committed change stands and its request
    answers normally. With a broker the send task retries with backoff by itself; with
    the broker unreachable the e-mail is sent from this process (`_send`).
    """
    to = [address for address in to if address.lower() not in _own_addresses(actor)]
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    if notice:
        to = _direct_recipients(to, subject=subject, body=body)
    if to:
        transaction.on_commit(lambda: _send(subject=subject, body=body, to=to), robust=True)


def _own_addresses(actor) -> set[str]:
    """The actor's address; for the office, the office's shared mailbox as well (the
    office acted, so its mailbox need not hear of it)."""
    if actor is None:
        return set()
    own = {(actor.email or "").lower()}
    if getattr(actor, "is_office", False):
        own.add(settings.OFFICE_EMAIL.lower())
    return own


def _direct_recipients(to: list[str], *, subject: str, body: str) -> list[str]:
    """Who gets this notice now; it is kept for the digest of those who chose one (one
    query for the people, one insert). An address of no account (the office's shared
    mailbox) gets it at once."""
    people = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=to).only("pk", "email", "mail_preference")
    }
    direct, digest = [], []
    for address in to:
        user = people.get(address.lower())
        preference = user.mail_preference if user else MailPreference.EACH
        if preference == MailPreference.EACH:
            direct.append(address)
        elif preference == MailPreference.DIGEST:
            digest.append(PendingNotice(user=user, subject=subject[:300], body=body))
    PendingNotice.objects.bulk_create(digest)
    return direct


def send_digests() -> int:
    """Send each person with kept notices one e-mail listing them, and forget them.

    Side effects: one e-mail per person (on commit), their PendingNotice rows deleted in
    the same transaction, so a notice is sent once. Returns the number of digests.
    """
    sent = 0
    user_ids = PendingNotice.objects.values_list("user_id", flat=True).distinct()
    for user in User.objects.filter(pk__in=list(user_ids)):
        with transaction.atomic():
            notices = list(PendingNotice.objects.select_for_update().filter(user=user))
            if not notices:
                continue
            queue_mail(
                template="portal/email/digest",
                context={"user": user, "notices": notices},
                to=[user.email],
            )
            PendingNotice.objects.filter(pk__in=[n.pk for n in notices]).delete()
        sent += 1
    return sent


def _send(*, subject: str, body: str, to: list[str]) -> None:
    """Queue the send; with the broker unreachable, send it from this process instead
    (a slower answer, but the e-mail is not lost with the task that could not be
    queued). A mail server that is down as well is logged by the robust on_commit."""
    try:
        send_email.delay(subject=subject, body=body, to=to)
    except OperationalError as exc:
        logger.warning("Broker unreachable (%s): sending the e-mail from this process", exc)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
