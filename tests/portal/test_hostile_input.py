"""Hostile-input walk: EVERY URL pattern, attacked as the role that may use it.

It extends the permission matrix (test_permission_matrix.py): the same world, the same
URL patterns and rows, the same clients. For every pattern it

- GETs the URL with hostile query strings: every query parameter a view of the portal or
  the admin reads set at once to NUL, another C0 or a C1 control character, 100 kB of
  text, 2**63, -1, 65537, 4294968496, "1e9", "abc", "²" or "٣" (str.isdecimal() says yes
  to the last, int() reads it as 3);
- GETs it with a control character, and for an id with a number that does not fit in
  the database, in each of its path segments;
- POSTs every mutation (each row of the matrix with a POST) as the role the matrix lets
  through, with each hostile value in each field the view reads, one field at a time,
  the other fields realistic; and once with a control character in a field NAME.

Every answer must be 200 (a form with errors), 302, 400, 403, 404, 405 or 409 — never a
500; a control character always a 400 with the Dutch message. Nothing may be written
(database rows, stored files, outbox) unless the value is within the field's bounds
(`in_bounds`): then the write is what the portal is for. Each POST runs in a savepoint
that is rolled back, so a write that is allowed does not change the world for the next.

A URL pattern without a row fails by name, as in the permission matrix (the rows are
its rows). The run prints the figures.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import Resolver404, resolve

from complaints import services as complaint_limits
from portal import limits
from profiles.models import EducationRequirement
from tests.portal.matrix_world import ROLES, build_world
from tests.portal.test_permission_matrix import (
    ADMIN_LOGIN,
    LOGIN,
    PAYLOADS,
    ROWS,
    SKIP,
    Clients,
    Row,
    To,
    WriteRecorder,
    _kwargs,
    _request,
    _stored_files,
    build_path,
    rows_for,
    url_patterns,
)

BIG = "x" * 100_000
HOSTILE = {
    "NUL": "a\x00b",
    "ESC": "a\x1bb",
    "C1": "a\x85b",
    "100kB": BIG,
    "2**63": str(2**63),
    "-1": "-1",
    "65537": "65537",
    "4294968496": "4294968496",
    "1e9": "1e9",
    "abc": "abc",
    "superscript": "²",
    "arabic-indic": "٣",
}
CONTROL = {"NUL", "ESC", "C1"}
# Dates: far in the past, far in the future, and the date types' own edges.
HOSTILE_DATES = {
    "year 1": "0001-01-01",
    "year 1900": "1900-01-01",
    "year 9999": "9999-12-31",
    "year 3000": "3000-01-01T10:00",
    "first minute": "0001-01-01T00:00",  # before any time zone's offset can apply
    "last minute": "9999-12-31T23:59",
}
DATE_FIELDS = {"document_date", "signed_on", "deadline", "scheduled_at", "date_value"}

# Every query parameter a view reads (ours, allauth's, the admin's changelist).
QUERY_KEYS = ("pagina", "status", "assessor", "dagen", "next", "q", "p", "o", "term", "e")

# Fields a view reads that the matrix's realistic payload leaves out.
EXTRA_FIELDS = {
    "assessment:save_score": lambda ids: {"interview_question": "Vraag?", "met": "yes"},
    "assessment:compare": lambda ids: {f"reason-{ids['criterion']}": "Toelichting."},
    "portfolio:submit": lambda ids: {"privacy_confirm": "yes", "privacy_digest": "0" * 64},
    "portfolio:autosave": lambda ids: {"date_value": ""},
}

# The bounds of the fields a hostile value can legitimately pass (`in_bounds`).
TEXT_FIELDS = {
    "motivation": limits.MOTIVATION,
    "interview_question": limits.INTERVIEW_QUESTION,
    "questions": limits.INTERVIEW_QUESTIONS,
    "notes": limits.INTERVIEW_NOTES,
    "conflict": limits.CONFLICT,
    "reason": limits.DECISION_REASON,  # decide; the additions' reason is as long
    "location": limits.LOCATION,
    "text": limits.ANSWER,
    "full_name": limits.FULL_NAME,
    "privacy_digest": limits.TextLimit("", limits.PRIVACY_DIGEST),
    "complainant": complaint_limits.COMPLAINANT,
    "contact": complaint_limits.CONTACT,
    "summary": complaint_limits.SUMMARY,
}
NUMBER_FIELDS = {
    "years": limits.YEARS,
    "hours": limits.HOURS,
    "study_hours": limits.STUDY_HOURS,
}
# Fields whose every value is legitimate: checkboxes (any value sent means "ticked"), a
# field no view reads. Per URL pattern where a name means something else elsewhere.
ANY_VALUE = {
    "confirmed",
    "privacy_confirm",
    "unexpected",
    "dataprotection:erase confirm",
    *(f"complaints:{name} confirm" for name in ("suspend", "lift", "strike_off")),
}
CHOICES = {"dataprotection:erase reason"}  # not the free-text "reason" of the office
ALLOWED = {200, 302, 400, 403, 404, 405, 409}


def _text_limit(name: str):
    if re.fullmatch(r"reason-\d+", name):
        return limits.AGREED_REASON
    return TEXT_FIELDS.get(name)


def _number(value: str) -> int | None:
    """The number a form field reads from `value` (int() takes "٣" as 3), or None."""
    return int(value) if value.isdecimal() else None


def in_bounds(key: str, name: str, value: str, *, ignored: frozenset, ids: set) -> bool:
    """Whether `value` is a legitimate value of field `name` of URL pattern `key` (then a
    write may follow). `ids`: the ids of the world's rows (an id field may name one)."""
    if limits.has_control_characters(value) or f"{key} {name}" in CHOICES:
        return False
    if name in ignored or name in ANY_VALUE or f"{key} {name}" in ANY_VALUE:
        return True
    if (limit := _text_limit(name)) is not None:
        return limit.problem(value) is None
    number = _number(value)
    if name in NUMBER_FIELDS:
        return number is not None and NUMBER_FIELDS[name].problem(number) is None
    # An id, a choice, a date, a target: only an id of a row that exists may be one.
    return number is not None and number in ids


@dataclass
class Walk:
    world: object
    clients: Clients
    failures: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    patterns: int = 0
    gets: int = 0
    posts: int = 0
    payloads: set = field(default_factory=set)
    known_ids: set = field(default_factory=set)
    mutations: int = 0  # (URL pattern case, role) pairs whose POST was attacked

    def request(
        self, role, method, url, data=None, *, where, control=False, may_write=False, encoded=False
    ):
        files, outbox, recorder = _stored_files(), len(mail.outbox), WriteRecorder()
        client = self.clients.get(role)  # logged in before the recording starts
        with transaction.atomic(), connection.execute_wrapper(recorder):
            if encoded:
                form = "application/x-www-form-urlencoded"
                response = client.post(url, data, content_type=form, headers={"HX-Request": "true"})
                self.clients.check(role)
            else:
                response = _request(self.clients, role, method, url, data)
            transaction.set_rollback(True)
        self.statuses[response.status_code] += 1
        if method == "get":
            self.gets += 1
        else:
            self.posts += 1
        status = response.status_code
        if status not in ALLOWED:
            self.failures.append(f"{method.upper()} {url[:200]} as {role}: {status} ({where})")
        elif control and (status != 400 or "stuurteken" not in response.content.decode()):
            self.failures.append(f"{method.upper()} {url[:200]} as {role}: {status}, not the 400")
        changed = recorder.writes or _stored_files() != files or len(mail.outbox) != outbox
        if changed and not may_write:
            self.failures.append(
                f"{method.upper()} {url[:200]} as {role} ({where}) WROTE {recorder.writes[:3]}"
            )
        return response


def _reaches_the_view(expected) -> bool:
    """A matrix expectation that means the role gets past the access check."""
    if expected is SKIP:
        return True
    if expected in (LOGIN, ADMIN_LOGIN):
        return False
    return isinstance(expected, To) or expected in (200, 400)


def _role_for_get(row: Row) -> str:
    for role, expected in zip(ROLES, row.get, strict=True):
        if _reaches_the_view(expected) and expected is not SKIP:
            return role
    for role, expected in zip(ROLES, row.post or (None,) * len(ROLES), strict=True):
        if _reaches_the_view(expected):
            return role
    return "office" if row.key.startswith("admin") else "candidate"


def _path_variants(pattern, row, ids) -> list[tuple[str, str, bool]]:
    """(label, path, control) with a hostile value in each path segment of the row."""
    variants = []
    kwargs = _kwargs(row.kwargs, ids)
    for name, value in kwargs.items():
        converter = re.search(rf"<(\w+):{name}>", pattern.route)
        kind = converter.group(1) if converter else "str"
        hostile = {"C1": "%C2%85", "NUL": "%00"}
        if kind == "int":
            hostile = {"2**63": str(2**63), "20 digits": "9" * 20, "zero": "0"}
        elif isinstance(value, int) or str(value).isdigit():
            hostile |= {"2**63": str(2**63)}
        for label, bad in hostile.items():
            path = build_path(pattern.route, {**kwargs, name: "\x01MARK\x01"})
            path = path.replace("\x01MARK\x01", bad)
            variants.append((f"{name}={label}", path, label in {"C1", "NUL"}))
    return variants


def walk_gets(walk: Walk, pattern, row, ids) -> None:
    path = build_path(pattern.route, _kwargs(row.kwargs, ids))
    role = _role_for_get(row)
    where = pattern.key + (f" [{row.label}]" if row.label else "")
    for label, value in HOSTILE.items():
        walk.payloads.add(f"query:{label}")
        query = urlencode(dict.fromkeys(QUERY_KEYS, value))
        walk.request(role, "get", f"{path}?{query}", where=where, control=label in CONTROL)
    # A control character in a parameter's name, not its value.
    walk.request(role, "get", f"{path}?pa%00gina=1", where=where, control=True)
    for label, bad_path, control in _path_variants(pattern, row, ids):
        walk.payloads.add(f"path:{label.split('=')[1]}")
        walk.request(role, "get", bad_path, where=f"{where} {label}", control=control)


def _admin_form_fields(walk, role, path) -> dict:
    """The fields of an admin add/change form, read from the page the office gets."""
    html = walk.clients.get(role).get(path).content.decode()
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html))
    skip = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "post"}
    return {n: "" for n in sorted(names - skip) if not n.endswith(("-TOTAL_FORMS", "__prefix__"))}


def _payload(row, key, ids) -> dict:
    """A fresh realistic payload (an uploaded file is read once per request)."""
    extra = EXTRA_FIELDS.get(key)
    return PAYLOADS[row.data](ids) | (extra(ids) if extra else {}) | {"unexpected": "x"}


def walk_posts(walk: Walk, pattern, row, ids, ignored: frozenset) -> None:
    path = build_path(pattern.route, _kwargs(row.kwargs, ids))
    where = pattern.key + (f" [{row.label}]" if row.label else "")
    for role, expected in zip(ROLES, row.post, strict=True):
        if not _reaches_the_view(expected):
            continue
        walk.mutations += 1
        if pattern.route.startswith("beheer/"):
            walk_admin_post(walk, role, path, where)
            continue
        for name in _payload(row, pattern.key, ids):
            values = HOSTILE | (HOSTILE_DATES if name in DATE_FIELDS else {})
            for label, value in values.items():
                walk.payloads.add(f"post:{label}")
                data = _payload(row, pattern.key, ids)
                data[name] = [value] if isinstance(data[name], list) else value
                walk.request(
                    role,
                    "post",
                    path,
                    data,
                    where=f"{where} {name}={label}",
                    control=label in CONTROL,
                    may_write=in_bounds(
                        pattern.key, name, value, ignored=ignored, ids=walk.known_ids
                    ),
                )
        # A control character in a field's name; and url-encoded (as htmx posts).
        data = {**_payload(row, pattern.key, ids), "ke\x00y": "x"}
        walk.request(role, "post", path, data, where=f"{where} key=NUL", control=True)
        data = {k: v for k, v in _payload(row, pattern.key, ids).items() if k != "file"}
        walk.request(
            role,
            "post",
            path,
            urlencode({**data, "unexpected": HOSTILE["C1"]}, doseq=True),
            where=f"{where} urlencoded C1",
            control=True,
            encoded=True,
        )


def walk_admin_post(walk: Walk, role, path, where) -> None:
    """The office's admin forms: each hostile value in every field of the form at once.
    Published framework content is read-only (a 403); a draft's object may be written
    with a text value (the admin is the office's own tool), never with a control
    character."""
    fields = _admin_form_fields(walk, role, path)
    for label, value in HOSTILE.items():
        walk.payloads.add(f"post:{label}")
        data = {**dict.fromkeys(fields, value), "unexpected": value}
        data |= {"_save": "Opslaan", "post": "yes"}
        walk.request(
            role,
            "post",
            path,
            data,
            where=f"{where} all fields={label}",
            control=label in CONTROL,
            may_write=label not in CONTROL,
        )


def _ignored_fields(world) -> frozenset:
    """Fields a view does not read in this world (so any value is within bounds)."""
    route = EducationRequirement.objects.get(pk=world.ids["draft_route"])
    return frozenset() if route.min_study_hours else frozenset({"study_hours"})


@pytest.mark.django_db
def test_hostile_input_walk(seeded_version, capsys):
    world = build_world(seeded_version)
    walk = Walk(world, Clients(world))
    walk.known_ids = {v for v in world.ids.values() if isinstance(v, int)}
    ignored = _ignored_fields(world)
    rows_by_key: dict[str, list[Row]] = {}
    for row in ROWS:
        rows_by_key.setdefault(row.key, []).append(row)
    for pattern in url_patterns():
        rows = [r for r in rows_for(pattern, world, rows_by_key) if not r.shadowed_by]
        if not rows_for(pattern, world, rows_by_key):
            walk.failures.append(f"{pattern.key} (/{pattern.route}): no row — add one to ROWS")
            continue
        walk.patterns += 1
        if rows and len(rows[0].get) == len(ROLES):
            walk_gets(walk, pattern, rows[0], world.ids)
        for row in rows:
            if row.post is not None and len(row.get) == len(ROLES):
                walk_posts(walk, pattern, row, world.ids, ignored)

    with capsys.disabled():
        print(  # noqa: T201 - the figure is part of the report
            f"\nhostile-input walk: {walk.patterns} URL patterns × {len(walk.payloads)} "
            f"payloads = {walk.gets} GET + {walk.posts} POST requests ({walk.mutations} "
            f"mutations attacked); answers "
            f"{dict(sorted(walk.statuses.items()))}"
        )
    assert not walk.failures, f"{len(walk.failures)} failures:\n" + "\n".join(walk.failures)
    assert walk.statuses[500] == 0


def test_a_hostile_path_segment_is_built_into_the_right_place():
    """The walk's own tool: the hostile value lands in exactly the named segment."""

    @dataclass
    class P:
        route: str

    row = Row("x", {"pk": "a", "code": "b"}, ())
    variants = _path_variants(
        P("portfolio/<int:pk>/onderdeel/<str:code>/"), row, {"a": 7, "b": "A"}
    )
    assert [(label, path) for label, path, _c in variants] == [
        ("pk=2**63", f"/portfolio/{2**63}/onderdeel/A/"),
        ("pk=20 digits", f"/portfolio/{'9' * 20}/onderdeel/A/"),
        ("pk=zero", "/portfolio/0/onderdeel/A/"),
        ("code=C1", "/portfolio/7/onderdeel/%C2%85/"),
        ("code=NUL", "/portfolio/7/onderdeel/%00/"),
    ]
    assert [c for _l, _p, c in variants] == [False, False, False, True, True]
    assert quote("\x85") == "%C2%85"
    with pytest.raises(Resolver404):
        resolve("/portfolio/abc/")
