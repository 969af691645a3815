"""Small helpers for reading the database."""

import functools

from django.db import router
from django.db.models import QuerySet


def one_or_none(queryset: QuerySet):
    """The first row of `queryset` as it is ordered, or None: LIMIT 1, nothing else.

    For a read of one row by its key. `.first()` on an unordered queryset sorts by the
    primary key, which costs a sort clause to compile on every request, and on a model
    with an ordering it sorts through that ordering's joins."""
    return next(iter(queryset[:1]), None)


def rows_where(model, field: str, value) -> list:
    """`list(model.objects.filter(**{field: value}))`, in the model's ordering, without
    compiling the query on every call.

    For the few reads every portfolio page makes (its answers, documents, signatures):
    Django compiles a queryset's SQL anew each time, about 0.2 ms, more than the query
    itself takes on PostgreSQL. The SQL is compiled once per model, field and database
    (from the ORM, so columns, quoting and ordering are Django's) and run as a raw
    query, which still converts every column as the ORM does."""
    alias = router.db_for_read(model)
    sql = _compiled_where(model, field, alias)
    return list(model._default_manager.db_manager(alias).raw(sql, [value]))


# A value in range of every integer column (a value out of a column's range compiles to no
# query at all); only its place in the parameters is used.
_SENTINEL = 12_345


@functools.cache
def _compiled_where(model, field: str, alias: str) -> str:
    if field not in {f.attname for f in model._meta.concrete_fields}:
        raise ValueError(f"{model.__name__}.{field}: not a column of the model")
    queryset = model._default_manager.db_manager(alias).filter(**{field: _SENTINEL})
    sql, params = queryset.query.get_compiler(alias).as_sql()
    if tuple(params) != (_SENTINEL,):
        raise ValueError(f"{model.__name__}.{field}: not a plain filter on one value")
    return sql
