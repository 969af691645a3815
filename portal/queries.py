"""Small helpers for reading the database.

The reads every page of a kind makes (the candidate's portfolio and its answers, the
assessor's assignment) are compiled once: Django compiles a queryset's SQL anew on every
evaluation, 0.2–0.7 ms for these, more than PostgreSQL takes to answer them. `one_row` and
`rows_where` build the queryset once with stand-in ids, keep its SQL and its compiler,
and then run that SQL with the real ids, turning the rows into objects as Django's own
model iterable does (columns converted, select_related objects and annotations set).
"""

import dataclasses

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators


def one_or_none(queryset: QuerySet):
    """The first row of `queryset` as it is ordered, or None: LIMIT 1, nothing else.

    For a read of one row by its key. `.first()` on an unordered queryset sorts by the
    primary key, which costs a sort clause to compile on every request, and on a model
    with an ordering it sorts through that ordering's joins."""
    return next(iter(queryset[:1]), None)


def one_row(build, *ids: int):
    """`one_or_none(build(*ids))`, with the SQL compiled once.

    `build` is a module-level function of the ids only (it names the query's shape): any
    other value in its query is kept as it was compiled, so only fixed integers may be
    in it besides the ids (a text, a date or a time is refused).
    `ids` are integers (keys); a call with anything else, or with an id beyond two
    billion, is read through the ORM."""
    if "<" in build.__qualname__:  # a lambda or a local function: no stable shape
        raise ValueError(f"{build.__qualname__}: one_row needs a module-level function")
    rows = _run(("one", build), lambda *stand_ins: build(*stand_ins)[:1], ids)
    return rows[0] if rows else None


def rows_where(model, field: str, value: int) -> list:
    """`list(model.objects.filter(**{field: value}))`, in the model's ordering, with the
    SQL compiled once per model and column (the portfolio's answers, documents and
    signatures on every portfolio page)."""
    if field not in {f.attname for f in model._meta.concrete_fields}:
        raise ValueError(f"{model.__name__}.{field}: not a column of the model")
    if value is None:  # an unsaved row's: as the ORM's related managers refuse it
        raise ValueError(f"{model.__name__}.{field}: no value (an unsaved row?)")
    return _run(
        ("rows", model, field),
        lambda stand_in: model._default_manager.filter(**{field: stand_in}),
        (value,),
    )


# Stand-ins for the ids while compiling: in range of every integer column, a positive
# small integer's too (a value out of a column's range compiles to no query at all). The
# query is compiled with two sets; only where they stand in the parameters counts, and
# every other value must be the same in both (a value worked out from an id is not).
_STAND_INS = (tuple(range(32_001, 32_011)), tuple(range(32_101, 32_111)))
_ORDINARY_IDS = 2_000_000_000


@dataclasses.dataclass(frozen=True)
class _Compiled:
    alias: str
    sql: str
    params: tuple  # a constant, or the index of the id that goes there (a `_Slot`)
    # After as_sql(): its select, klass_info and annotations are set. Shared by threads:
    # what is used of it only reads (the converters read the backend's operations).
    compiler: object
    model: type
    init_list: list
    start: int
    end: int
    populators: list


@dataclasses.dataclass(frozen=True)
class _Slot:
    index: int


_COMPILED: dict = {}


def _run(key, build, ids: tuple) -> list:
    if not all(type(value) is int and 0 < value < _ORDINARY_IDS for value in ids):
        # An odd id (a text; out of a column's range, from a hostile URL): the ORM's own
        # read, which finds nothing for a value no column can hold.
        return list(build(*ids))
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = _compile(build, len(ids))
    params = [ids[p.index] if isinstance(p, _Slot) else p for p in compiled.params]
    with connections[compiled.alias].cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    found = []
    for row in compiled.compiler.results_iter([rows]):
        obj = compiled.model.from_db(
            compiled.alias, compiled.init_list, row[compiled.start : compiled.end]
        )
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, position in compiled.compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        found.append(obj)
    return found


def _compile(build, count: int) -> _Compiled:
    (queryset, compiler, sql, params), *again = [
        _compiled_with(build, stand_ins[:count]) for stand_ins in _STAND_INS
    ]
    if any((sql, params) != (sql_, params_) for _qs, _c, sql_, params_ in again):
        raise ValueError("a value in the query depends on the ids: it cannot be compiled once")
    if {p.index for p in params if isinstance(p, _Slot)} != set(range(count)):
        raise ValueError("every id must be a parameter of the query")
    # Any other value is kept as compiled: only fixed integers (a row's fixed key), never
    # a text or a moment (a date is text on SQLite), which could change between calls.
    if any(not isinstance(p, _Slot | int) for p in params):
        raise ValueError("a query with a text, date or time in it cannot be compiled once")
    select, klass_info = compiler.select, compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    return _Compiled(
        alias=queryset.db,
        sql=sql,
        params=params,
        compiler=compiler,
        model=klass_info["model"],
        init_list=[f[0].target.attname for f in select[start:end]],
        start=start,
        end=end,
        populators=get_related_populators(klass_info, select, queryset.db),
    )


def _compiled_with(build, stand_ins: tuple):
    queryset = build(*stand_ins)
    if (
        queryset._prefetch_related_lookups
        or queryset._known_related_objects  # a related manager's: the ORM sets them
        or queryset.query.select_for_update  # the ORM checks for its transaction
        or queryset._iterable_class.__name__ != "ModelIterable"
    ):
        raise ValueError("only a plain queryset of model objects is compiled once")
    compiler = queryset.query.get_compiler(queryset.db)
    sql, raw_params = compiler.as_sql()
    # An id's place: the stand-in, as an int or wrapped in its column's type (psycopg's
    # Int2 for a small integer); the real id goes there as a plain int.
    params = tuple(
        _Slot(stand_ins.index(p)) if isinstance(p, int) and p in stand_ins else p
        for p in raw_params
    )
    return queryset, compiler, sql, params
