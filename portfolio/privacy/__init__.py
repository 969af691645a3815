"""Privacy guard: finds data in a candidate's text that could identify a client.

Candidates write about the people they coach; the portfolio must not contain anything that
leads back to them. `scan(text, field=...)` returns every `Finding` with its exact place
(offsets, line, field) and a masked excerpt. Pure functions, no database: the same scan
runs on every autosave, on the submit page and inside `submit_portfolio`.

It warns, it never blocks: a finding is a *possible* personal datum. The rules, chosen to
catch what matters without drowning the candidate in false alarms:

- BSN: nine digits, together (123456782) or grouped 3-3-3 / 4-2-3 with dots, spaces or
  hyphens (123.456.782, 1234 56 782), that pass the elfproef. A nine-digit number that
  fails the elfproef is not flagged. Eight-digit numbers are not flagged either (the
  "leading zero left off" form of a BSN is indistinguishable from file and case numbers).
- E-mail addresses.
- Dutch phone numbers: ten digits starting with 0 (06-12345678, 020 123 4567,
  (010) 123 45 67) or +31/0031 followed by nine (+31 6 12345678, +31 (0)20 1234567).
  Dates, years and shorter numbers never match.
- IBAN: two letters, two check digits and the account part, grouped or compact, with the
  length of the country (NL 18, BE 16, DE 22, …) and a valid mod-97 check.
- Dates of birth: a full date (12-03-1985, 12/3/1985, 12 maart 1985, 1985-03-12) that
  is either near a birth word (geboren, geb., geboortedatum, DOB, … up to 30 characters
  before or 15 after), or would make someone 14 to 100 years old today — unless it
  starts a period ("sinds", "vanaf", "per", "tot", "t/m"). Recent dates ("op 3 maart
  2025 had ik een gesprek") are therefore never flagged without a birth word.
- Addresses: a Dutch postcode (1234 AB) with a house number right after it (1234 AB 12,
  1234AB 12a) or a street and house number right before it (Dorpsstraat 12, 1234 AB).
"""

import bisect
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portfolio.privacy.patterns import (
    address_spans,
    birth_date_spans,
    bsn_spans,
    email_spans,
    iban_spans,
    phone_spans,
)


class FindingKind(models.TextChoices):
    BSN = "bsn", gettext_lazy("BSN-nummer")
    EMAIL = "email", gettext_lazy("e-mailadres")
    PHONE = "phone", gettext_lazy("telefoonnummer")
    IBAN = "iban", gettext_lazy("IBAN-rekeningnummer")
    BIRTH_DATE = "birth_date", gettext_lazy("geboortedatum")
    ADDRESS = "address", gettext_lazy("adres (postcode met huisnummer)")


# When two patterns claim the same characters, the first kind here wins (an IBAN holds a
# ten-digit run that would otherwise pass for a phone number).
PRIORITY = [
    FindingKind.EMAIL,
    FindingKind.IBAN,
    FindingKind.PHONE,
    FindingKind.BSN,
    FindingKind.BIRTH_DATE,
    FindingKind.ADDRESS,
]
EXCERPT_CONTEXT = 20


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # offset of the first character in the scanned text
    end: int  # offset just past the last character
    line: int  # 1-based line number of `start`
    field: str  # the question/criterion code the text belongs to ("C1", "C3.2")
    masked: str  # the match with all but its first and last two characters starred
    excerpt: str  # the match in its surroundings on the line, every finding masked

    @property
    def label(self) -> str:
        return FindingKind(self.kind).label

    @property
    def message(self) -> str:
        return _(
            "Mogelijk een %(kind)s (regel %(line)d): %(masked)s — verwijder of anonimiseer "
            "gegevens van cliënten"
        ) % {"kind": self.label, "line": self.line, "masked": self.masked}


# --- masking ---------------------------------------------------------------------------------


def mask(value: str) -> str:
    """Star every letter and digit but the first and last two (one of each when short);
    separators stay, so the masked text has the same length and shape as the original."""
    positions = [i for i, char in enumerate(value) if char.isalnum()]
    keep = 2 if len(positions) > 6 else 1
    hidden = set(positions[keep:-keep]) if len(positions) > 2 * keep else set()
    return "".join("*" if i in hidden else char for i, char in enumerate(value))


# --- the scan --------------------------------------------------------------------------------


def scan(text: str, *, field: str = "", today: date | None = None) -> list[Finding]:
    """Every possible personal datum in `text`, in the order they appear.

    `field` names the question or criterion the text belongs to; `today` anchors the age
    rule for dates of birth (tests pass a fixed day).
    """
    if not text:
        return []
    return _findings(text, field, _spans(text, today or timezone.localdate()))


def scan_many(texts: list[tuple[str, str]], *, today: date | None = None) -> list[list[Finding]]:
    """`scan(text, field=field)` of every (text, field) pair, remembered in the cache.

    Pages show the findings of every box on each view, and scanning a complete portfolio
    (some 45,000 characters) takes about 30 ms. The scan is a pure function of the text,
    the day and these rules, so its places (kind and offsets, no personal data) are kept
    in the cache under a hash of exactly those for a day, and the last ones in this
    process too; at most one cache round trip per page.
    The masked excerpts are rebuilt from the text. Submitting does not use this: it scans
    afresh (`scan`).
    """
    today = today or timezone.localdate()
    keys = [_cache_key(text, today) if text else None for text, _field in texts]
    known = {key: _LOCAL_SCANS[key] for key in keys if key in _LOCAL_SCANS}
    if wanted := [key for key in keys if key and key not in known]:
        known |= cache.get_many(wanted)
    fresh = {}
    result = []
    for (text, field), key in zip(texts, keys, strict=True):
        if key is None:
            result.append([])
            continue
        spans = known.get(key)
        if spans is None:
            spans = fresh[key] = _spans(text, today)
        result.append(_findings(text, field, spans))
    if fresh:
        cache.set_many(fresh, SCAN_CACHE_SECONDS)
    _keep_local(known | fresh)
    return result


# The last scans this process read or made, by the same content address (the text's hash,
# the day and the rules, so never stale): a page whose texts did not change is read
# without the cache's round trip (about 0.5 ms for a complete portfolio's 50 texts).
# Offsets only, no text; emptied whole when full (one atomic step between threads).
_LOCAL_SCANS: dict[str, list[tuple[str, int, int]]] = {}
_LOCAL_SCANS_MAX = 20_000


def _keep_local(scans: dict) -> None:
    if len(_LOCAL_SCANS) + len(scans) > _LOCAL_SCANS_MAX:
        _LOCAL_SCANS.clear()
    _LOCAL_SCANS.update(scans)


def forget_local_scans() -> None:
    """Drop this process's scans (the test suite does so between tests, with the cache)."""
    _LOCAL_SCANS.clear()


# The rules' own fingerprint: any change to this package makes earlier cached scans unused.
_RULES = hashlib.blake2b(
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))),
    digest_size=8,
).hexdigest()
SCAN_CACHE_SECONDS = 60 * 60 * 24


def _cache_key(text: str, today: date) -> str:
    digest_ = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"privacy-scan:{_RULES}:{today.isoformat()}:{digest_}"


def _spans(text: str, today: date) -> list[tuple[str, int, int]]:
    """The places of the findings: (kind, start, end), in text order."""
    finders = {
        FindingKind.EMAIL: email_spans(text),
        FindingKind.IBAN: iban_spans(text),
        FindingKind.PHONE: phone_spans(text),
        FindingKind.BSN: bsn_spans(text),
        FindingKind.BIRTH_DATE: birth_date_spans(text, today),
        FindingKind.ADDRESS: address_spans(text),
    }
    taken: list[tuple[str, int, int]] = []
    occupied = bytearray(len(text))  # characters already claimed by a finding
    for kind in PRIORITY:
        for start, end in finders[kind]:
            if not any(occupied[start:end]):
                taken.append((str(kind), start, end))
                occupied[start:end] = b"\x01" * (end - start)
    taken.sort(key=lambda item: item[1])
    return taken


def _findings(text: str, field: str, spans: list[tuple[str, int, int]]) -> list[Finding]:
    if not spans:
        return []
    masked_text = list(text)
    for _kind, start, end in spans:
        masked_text[start:end] = mask(text[start:end])
    masked_text = "".join(masked_text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return [
        Finding(
            kind=kind,
            start=start,
            end=end,
            line=bisect.bisect_right(line_starts, start),
            field=field,
            masked=masked_text[start:end],
            excerpt=_excerpt(masked_text, start, end),
        )
        for kind, start, end in spans
    ]


def _excerpt(masked_text: str, start: int, end: int) -> str:
    line_start = masked_text.rfind("\n", 0, start) + 1
    line_end = masked_text.find("\n", end)
    line_end = len(masked_text) if line_end == -1 else line_end
    left = max(line_start, start - EXCERPT_CONTEXT)
    right = min(line_end, end + EXCERPT_CONTEXT)
    excerpt = masked_text[left:right].strip()
    return ("…" if left > line_start else "") + excerpt + ("…" if right < line_end else "")


def counts_by_kind(findings) -> dict[str, int]:
    """How many findings of each kind, in `FindingKind` order (for the audit trail)."""
    counts: dict[str, int] = {}
    for kind in FindingKind.values:
        number = sum(1 for f in findings if f.kind == kind)
        if number:
            counts[kind] = number
    return counts


def digest(findings) -> str:
    """A short fingerprint of *where* the findings are (field, kind, offsets — no values):
    the submit form carries it, so a confirmation only covers the warnings it showed."""
    places = [[f.field, f.kind, f.start, f.end] for f in findings]
    return hashlib.sha256(json.dumps(places).encode()).hexdigest()[:16]


def summarise(findings) -> list[dict]:
    """What is kept of overridden findings: per field and kind how many, never the values."""
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding.field, finding.kind)
        counts[key] = counts.get(key, 0) + 1
    return [{"field": field, "kind": kind, "count": n} for (field, kind), n in counts.items()]
