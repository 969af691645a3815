"""The data stamp of the quality figures: one row that every change to the data behind
them replaces, in the transaction of the change (`quality.signals`).

The figures a Celery task keeps (`quality.stored`) carry the stamp they were computed
under; the dashboard reads the current one — two primary-key lookups in one query,
whatever the number of reviews — and recomputes when they differ. The stamp is the
row's counter (`changes`, raised with F(), so concurrent changes never lose one) and a
random token set with it: a database that is restored or reset never meets an old
kept entry under a stamp it had before. The framework's content stamp
(`profiles.stamp`, replaced by every edit of framework data) is read in the same
query: criteria, sections and the scale are what the figures are grouped and labelled
by.

Bumped inside the writing transaction, like the content stamp: the new stamp becomes
visible exactly when the change does, so a computation that read the old stamp before
the change committed is stale, never falsely current. The row lock this takes is held
only by the few transactions that change figures (a submission, a joint verdict, an
interview's final scores, an assignment, a calibration round), never by an autosave.
"""

import uuid

from django.db import connection
from django.db.models import F
from django.utils import timezone

from profiles.stamp import STAMP_ROW as CONTENT_ROW
from profiles.stamp import ContentStamp
from quality.models import FiguresStamp

STAMP_ROW = 1


def _values() -> dict:
    return {"token": uuid.uuid4().hex, "changes": F("changes") + 1, "changed_at": timezone.now()}


def bump() -> None:
    """A new stamp: every kept figure computed under the old one is stale from the commit
    of the calling transaction on."""
    if FiguresStamp.objects.filter(pk=STAMP_ROW).update(**_values()):
        return
    # Not there (a flushed test database): create it; a racing creator wins, then update.
    _row, created = FiguresStamp.objects.get_or_create(
        pk=STAMP_ROW,
        defaults={"token": uuid.uuid4().hex, "changes": 1, "changed_at": timezone.now()},
    )
    if not created:
        FiguresStamp.objects.filter(pk=STAMP_ROW).update(**_values())


_CURRENT_SQL = """
SELECT (SELECT token FROM {figures} WHERE id = %s), (SELECT changes FROM {figures} WHERE id = %s),
       (SELECT token FROM {content} WHERE id = %s)
"""


def current() -> str:
    """The stamp as it is now, in one query of two primary-key lookups."""
    sql = _CURRENT_SQL.format(
        figures=FiguresStamp._meta.db_table, content=ContentStamp._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [STAMP_ROW, STAMP_ROW, CONTENT_ROW])
        token, changes, content = cursor.fetchone()
    return f"{changes}:{token}:{content}"
