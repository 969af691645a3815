"""A candidate's data export as a prepared file (downloads): a ZIP made by a Celery task
within a size bound, never in a request. Asked for by the candidate (their own data) or
the office (a candidate's); each request makes a fresh export and its audit entry."""

import uuid

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dataprotection import export
from dataprotection.enums import DATA_EXPORT
from downloads.registry import Built, Kind, register
from portal.models import User
from portal.rules import is_office


def _candidate_for(owner, candidate_id: int) -> User | None:
    """The candidate whose data `owner` may export: themselves, or any for the office."""
    if owner.pk != candidate_id and not is_office(owner):
        return None
    return User.objects.filter(pk=candidate_id).first()


def build_export(owner, candidate_id: int) -> Built | None:
    candidate = _candidate_for(owner, candidate_id)
    if candidate is None:
        return None
    stamp = timezone.localdate().isoformat()
    return Built(
        key=None,
        filename=f"gegevens-register-jobcoach-{candidate_id}-{stamp}.zip",
        content_type="application/zip",
        data=export.export_candidate_data(candidate=candidate, actor=owner),
    )


def _back_url(owner, candidate_id: int) -> str:
    return reverse("dataprotection:office" if is_office(owner) else "dataprotection:my_data")


def register_kinds() -> None:
    register(
        DATA_EXPORT,
        Kind(
            label=lambda: _("Export van gegevens (ZIP)"),
            # Every request is a new export (and a new audit entry): no content key.
            key=lambda owner, candidate_id: uuid.uuid4().hex,
            build=build_export,
            back_url=_back_url,
        ),
    )
