"""Queue e-mails after the transaction commits, so a rolled-back change sends nothing
and a failing mail server never blocks the change itself."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from kombu.exceptions import OperationalError

from portal.tasks import send_email

logger = logging.getLogger(__name__)


def queue_mail(*, template: str, context: dict, to: list[str], language: str = "nl") -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send on commit.

    `robust=True`: when sending fails (in eager mode, or with the broker down and the
    mail server too) the error is logged, the committed change stands and its request
    answers normally. With a broker the send task retries with backoff by itself; with
    the broker unreachable the e-mail is sent from this process (`_send`).
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: _send(subject=subject, body=body, to=to), robust=True)


def _send(*, subject: str, body: str, to: list[str]) -> None:
    """Queue the send; with the broker unreachable, send it from this process instead
    (a slower answer, but the e-mail is not lost with the task that could not be
    queued). A mail server that is down as well is logged by the robust on_commit."""
    try:
        send_email.delay(subject=subject, body=body, to=to)
    except OperationalError as exc:
        logger.warning("Broker unreachable (%s): sending the e-mail from this process", exc)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
