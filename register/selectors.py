"""Reads of the register: the office's policy, the public search and pages, one's own."""

import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404

from register.models import RegisterPolicy, Registration

SEARCH_RESULTS = 25  # the most a search shows: enough for a name, no bulk listing
WORD = re.compile(r"\w+")
MAX_WORDS = 8  # a name and a place; the form bounds the query's length as well


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
    """Registrations whose number `query` is, or whose name or (published) place holds
    every word of it, without those the office's policy `withheld`
    (`register.visibility`). One query.

    On PostgreSQL a word matches a word that begins with it ("jans" finds Jansen, "de
    vries" Anna de Vries), served by the full-text indexes of migrations 0007 and 0008
    (the places shown only): about 1 ms at 10,000 registrations, where the `icontains`
    scan took 15 ms. SQLite's small databases are scanned for each word anywhere in the
    name or place."""
    query = query.strip()
    found = Registration.objects.filter(
        Q(number=query.upper())  # numbers are made in capitals (`RegisterPolicy`)
        | _words_match("public_name", query)
        | (Q(show_place=True) & _words_match("place", query))
    )
    if withheld is not None:
        found = found.exclude(withheld)
    return list(found.order_by("public_name", "number")[:SEARCH_RESULTS])


def _words_match(column: str, query: str) -> Q:
    """`column` holds every word of `query`, each as the beginning of one of its words."""
    words = WORD.findall(query)[:MAX_WORDS]
    if not words:
        return Q(pk__in=[])
    if connection.vendor != "postgresql":
        matches = Q()
        for word in words:
            matches &= Q(**{f"{column}__icontains": word})
        return matches
    # `\w` holds no quote or operator: the words are safe inside to_tsquery's syntax.
    terms = " & ".join(f"'{word}':*" for word in words)
    return Q(
        RawSQL(  # noqa: S611 — `column` is one of two names in this module; the words go as a parameter
            f"to_tsvector('simple', {column}) @@ to_tsquery('simple', %s)",
            [terms],
            output_field=BooleanField(),
        )
    )


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
