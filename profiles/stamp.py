"""The content stamp: one database row that every change to framework or profile data
replaces, in the same transaction (`profiles.signals`).

Everything kept of the framework's content — the published tree in each process and in
the shared cache, rendered pieces of it in template caches — is keyed on this stamp
(`profiles.selectors.version_with_content` reads it with the version's status, in the
one query a request makes anyway). So an edit in the admin is seen by every process on
its next request, without a restart and without clearing a cache.

The stamp is a random token, not a counter: a database that is reset or restored never
meets an old cache entry under a key it had before.
"""

import uuid

from django.db import models
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STAMP_ROW = 1


def new_token() -> str:
    return uuid.uuid4().hex


class ContentStamp(models.Model):
    """A single row (pk 1)."""

    token = models.CharField(_("stempel"), max_length=32, default=new_token)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("inhoudsstempel")
        verbose_name_plural = _("inhoudsstempel")

    def __str__(self):
        return self.token


def bump_content_stamp() -> None:
    """A new stamp: whatever was kept under the old one is never read again. Called within
    the transaction of the change, so the new stamp is visible exactly when the change is."""
    values = {"token": new_token(), "changed_at": timezone.now()}
    if ContentStamp.objects.filter(pk=STAMP_ROW).update(**values):
        return
    # Not there (a flushed test database): create it; a racing creator wins, then update.
    _stamp, created = ContentStamp.objects.get_or_create(pk=STAMP_ROW, defaults=values)
    if not created:
        ContentStamp.objects.filter(pk=STAMP_ROW).update(**{**values, "token": new_token()})


def current_stamp_subquery() -> Subquery:
    """The stamp as a subquery, to be read together with another row (no extra query)."""
    return Subquery(ContentStamp.objects.filter(pk=STAMP_ROW).values("token")[:1])


def current_stamp() -> str:
    """The stamp on its own (one query); "" before the first change of a flushed database."""
    return ContentStamp.objects.filter(pk=STAMP_ROW).values_list("token", flat=True).first() or ""
