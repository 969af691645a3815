"""An e-mail backend whose server is down: every send raises, and is counted."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    attempts = 0  # class-wide: Django makes a backend instance per send

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
