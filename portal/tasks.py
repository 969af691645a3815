from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
    time_limit=60,
    soft_time_limit=50,
)
def send_email(self, *, subject: str, body: str, to: list[str]) -> None:
    """Send one plain-text e-mail; SMTP hiccups are retried with backoff."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
