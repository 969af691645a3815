"""The append-only guard of the audit trail: rows change only inside
`erasure_allowed()`. Apart from `audit.services` so that `audit.models` can ask it
without importing the services (which import the models).
"""

import threading
from contextlib import contextmanager

from django.db import connection, transaction

_state = threading.local()


class AuditImmutable(Exception):
    """An audit entry was about to be changed or deleted outside an erasure."""


def require_erasure() -> None:
    if not getattr(_state, "erasure", False):
        raise AuditImmutable("Audit entries are append-only; only erasure may rewrite them.")


@contextmanager
def erasure_allowed():
    """The only way to rewrite audit rows: for anonymising an erased candidate.

    On PostgreSQL the database trigger is lifted for this transaction only (SET LOCAL),
    so nothing else running at the same time can change the trail.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL portal.audit_erasure = 'on'")
        _state.erasure = True
        try:
            yield
        finally:
            _state.erasure = False
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL portal.audit_erasure = 'off'")
