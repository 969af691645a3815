"""Why a declaration cannot be signed as given, per field (the rule lives here; the
service refuses with it and the page shows each reason at its field)."""

from django.utils import timezone
from django.utils.translation import gettext as _


def signature_problems(
    declaration, *, actor, full_name: str, signed_on, confirmed: bool, years, hours
) -> dict[str, str]:
    """{form field: what is wrong}; empty when the signature may be placed. Thresholds
    come from the declaration (the framework's data)."""
    problems = {}
    if not confirmed:
        problems["confirmed"] = _("Bevestig dat de verklaring naar waarheid is.")
    expected_name = actor.get_full_name().strip().casefold()
    if " ".join(full_name.split()).casefold() != " ".join(expected_name.split()):
        problems["full_name"] = _(
            "Typ je volledige naam zoals bij je account bekend: %(name)s."
        ) % {"name": actor.get_full_name()}
    if signed_on != timezone.localdate():
        problems["signed_on"] = _("Onderteken met de datum van vandaag.")
    if declaration.min_years is not None and (years is None or years < declaration.min_years):
        problems["years"] = _(
            "Voor deze verklaring zijn minimaal %(min)d jaar werkervaring nodig."
        ) % {"min": declaration.min_years}
    if declaration.min_hours is not None and (hours is None or hours < declaration.min_hours):
        problems["hours"] = _(
            "Voor deze verklaring zijn minimaal %(min)d uur werkervaring nodig."
        ) % {"min": declaration.min_hours}
    return problems
