"""Small helpers for reading the database."""

from django.db.models import QuerySet


def one_or_none(queryset: QuerySet):
    """The first row of `queryset` as it is ordered, or None: LIMIT 1, nothing else.

    For a read of one row by its key. `.first()` on an unordered queryset sorts by the
    primary key, which costs a sort clause to compile on every request, and on a model
    with an ordering it sorts through that ordering's joins."""
    return next(iter(queryset[:1]), None)
