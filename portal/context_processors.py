from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.enums import Role
from portal.mfa import mfa_required


def navigation(request):
    """The header's role-aware navigation: (label, url) tuples; and the two-factor rule."""
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items.append((_("Start"), reverse("start")))
        if user.is_candidate:
            items.append((_("Mijn portfolio"), reverse("portfolio:home")))
            items.append((_("Mijn gegevens"), reverse("dataprotection:my_data")))
            items.append((_("Bezwaar"), reverse("objections:mine")))
        if user.is_assessor:
            items.append((_("Mijn beoordelingen"), reverse("assessment:my_reviews")))
        if user.role == Role.OBJECTION_MEMBER:
            items.append((_("Bezwaren"), reverse("objections:member_list")))
        if user.is_office and user.is_staff:
            items.append((_("Wachtrij"), reverse("assessment:queue")))
            items.append((_("Bewaartermijnen"), reverse("dataprotection:office")))
            items.append((_("Bezwaren"), reverse("objections:office_list")))
            items.append((_("Registraties"), reverse("complaints:registrations")))
        items.append((_("Toetsingskader"), reverse("profiles:framework_current")))
        items.append((_("Competentieprofielen"), reverse("profiles:profile_list")))
        if user.is_office and user.is_staff:
            items.append((_("Beheer"), reverse("admin:index")))
    # Whether this account must use two-factor authentication (the MFA pages explain it).
    return {"nav_items": items, "mfa_required": user is not None and mfa_required(user)}
