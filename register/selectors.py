"""Reads of the register: the office's policy, the public search and pages, one's own."""

from django.db.models import Q
from django.http import Http404

from register.models import RegisterPolicy, Registration

SEARCH_RESULTS = 25  # the most a search shows: enough for a name, no bulk listing


def policies() -> dict:
    """Every policy by version id (None: the default); one query, a handful of rows."""
    return {policy.version_id: policy for policy in RegisterPolicy.objects.all()}


def policy_for(version_id: int | None, known: dict | None = None) -> RegisterPolicy:
    """The policy of a version, else the default. Fails closed: without one nothing is
    registered (the default is made by a migration and cannot be deleted in the admin)."""
    known = policies() if known is None else known
    policy = known.get(version_id) or known.get(None)
    if policy is None:
        raise RegisterPolicy.DoesNotExist("no register policy")
    return policy


def search(query: str, *, withheld: Q | None = None) -> list[Registration]:
    """Registrations whose name or (published) place contains `query`, or whose number it
    is, without those the office's policy `withheld` (`register.visibility`). One query;
    on PostgreSQL the trigram indexes of migration 0002 serve the `icontains`
    (UPPER(...) LIKE), on SQLite it scans."""
    query = query.strip()
    found = Registration.objects.filter(
        Q(public_name__icontains=query)
        | Q(number__iexact=query)
        | Q(show_place=True, place__icontains=query)
    )
    if withheld is not None:
        found = found.exclude(withheld)
    return list(found.order_by("public_name", "number")[:SEARCH_RESULTS])


def public_registration(number: str) -> Registration:
    """The registration with this number, or 404 (also for a malformed number)."""
    if len(number) > Registration._meta.get_field("number").max_length:
        raise Http404
    registration = Registration.objects.filter(number=number.upper()).first()
    if registration is None:
        raise Http404
    return registration


def own_registration(user) -> Registration:
    """The user's own registration, or 404."""
    registration = Registration.objects.filter(candidate_id=user.pk).first()
    if registration is None:
        raise Http404
    return registration
