import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    bind=True,
    acks_late=True,
    # SMTPException is an OSError already; named for the reader. Socket errors and
    # timeouts (OSError) cover a mail server that is down or slow.
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    time_limit=60,
    soft_time_limit=50,
)
def send_email(self, *, subject: str, body: str, to: list[str]) -> None:
    """Send one plain-text e-mail; SMTP hiccups are retried with exponential backoff
    (30 s, 60 s, … up to 10 minutes, with jitter; 8 retries ≈ 40 minutes in all).

    Idempotent enough: a retry after a partial failure may send a duplicate, never lose
    the e-mail (acks_late: a worker that dies mid-send leaves the message for another).
    """
    send_mail(subject=subject, message=body, from_email=None, recipient_list=to)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def send_digests() -> int:
    """The day's digest of notices, one e-mail per person who chose one (portal.mail)."""
    from portal import mail  # noqa: PLC0415 - a real cycle: portal.mail queues send_email

    return mail.send_digests()
