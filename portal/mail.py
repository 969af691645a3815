"""Queue e-mails after the transaction commits, so a rolled-back change sends nothing
and a failing mail server never blocks the change itself."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from portal.tasks import send_email


def queue_mail(*, template: str, context: dict, to: list[str], language: str = "nl") -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send on commit.

    `robust=True`: when queueing fails (broker down; or, in eager mode, the send itself
    failing) the error is logged, the committed change stands and its request answers
    normally. With a broker the send task retries with backoff by itself.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to), robust=True)
