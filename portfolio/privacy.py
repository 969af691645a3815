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

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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


# --- BSN -------------------------------------------------------------------------------------

_NUMBER_BEFORE = r"(?<!\d)(?<!\d[.,/-])"
_NUMBER_AFTER = r"(?!\d)(?![.,/-]\d)"
BSN_RE = re.compile(
    _NUMBER_BEFORE
    + r"(?:\d{9}|\d{3}(?P<a>[ .-])\d{3}(?P=a)\d{3}|\d{4}(?P<b>[ .-])\d{2}(?P=b)\d{3})"
    + _NUMBER_AFTER
)


def is_valid_bsn(digits: str) -> bool:
    """The elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _bsn_spans(text: str):
    for match in BSN_RE.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group())):
            yield match.start(), match.end()


# --- e-mail ----------------------------------------------------------------------------------

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


def _email_spans(text: str):
    for match in EMAIL_RE.finditer(text):
        yield match.start(), match.end()


# --- phone -----------------------------------------------------------------------------------

PHONE_RE = re.compile(
    r"(?<![\w+(])"
    r"(?:(?P<intl>(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?)|\(?0)"
    r"[1-9](?:\)?[ .-]?\d){8}"
    r"(?!\d)(?![.,/-]\d)"
)
_IBAN_PREFIX = re.compile(r"[A-Za-z]{2}\d{2} ?[A-Za-z]{4} ?\Z")
_DATE_LIKE = re.compile(r"(?<!\d)\d{1,2}([-./])\d{1,2}\1\d{2,4}(?!\d)")


def _phone_spans(text: str):
    for match in PHONE_RE.finditer(text):
        raw = match.group()
        if _DATE_LIKE.search(raw):
            continue  # 01-01-2023 12 is a date and a time, not a phone number
        if _IBAN_PREFIX.search(text, max(0, match.start() - 12), match.start()):
            continue  # the account part of an IBAN that failed its check
        if not match.group("intl"):
            # The area code (with its 0) is 3 or 4 digits; only mobile numbers (06) and
            # unbroken runs have a 2-digit first group or none at all.
            first = re.match(r"\(?(\d+)", raw).group(1)
            if len(first) < 3 and first != "06":
                continue
        yield match.start(), match.end()


# --- IBAN ------------------------------------------------------------------------------------

IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
# Where an IBAN may start; from there the country's length decides where it ends. Grouped
# by four with single spaces, or compact.
IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")


def is_valid_iban(value: str) -> bool:
    """Country length and the ISO 7064 mod-97 check (letters count as 10–35)."""
    compact = value.replace(" ", "").upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _iban_end(text: str, start: int, length: int) -> int | None:
    """Where an IBAN of `length` characters starting at `start` ends (single spaces may
    separate the characters), or None when the text runs out or runs on."""
    count, position = 0, start
    while position < len(text) and count < length:
        char = text[position]
        if char.isalnum():
            count += 1
        elif not (
            char == " " and count and position + 1 < len(text) and text[position + 1].isalnum()
        ):
            return None
        position += 1
    if count < length or (position < len(text) and text[position].isalnum()):
        return None
    return position


def _iban_spans(text: str):
    for match in IBAN_START_RE.finditer(text):
        length = IBAN_LENGTHS.get(match.group()[:2].upper())
        end = _iban_end(text, match.start(), length) if length else None
        if end is not None and is_valid_iban(text[match.start() : end]):
            yield match.start(), end


# --- dates of birth --------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_DMY_RE = re.compile(
    _NUMBER_BEFORE + r"(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?!\d)(?![.,/-]\d)"
)
DATE_ISO_RE = re.compile(
    _NUMBER_BEFORE + r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _NUMBER_AFTER
)
DATE_TEXT_RE = re.compile(
    r"(?<![\w])(?P<d>\d{1,2})\s+(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
BIRTH_WORDS_RE = re.compile(
    r"(?<!\w)(?:geboren|geboorte\w*|geb\.?|d\.?o\.?b\.?|date of birth|born)(?!\w)",
    re.IGNORECASE,
)
PERIOD_WORDS_RE = re.compile(r"(?<!\w)(?:sinds|vanaf|per|tot|t/m|tot en met)\s*$", re.IGNORECASE)
BIRTH_WORD_BEFORE, BIRTH_WORD_AFTER = 30, 15
MIN_AGE, MAX_AGE = 14, 100


def _parse_date(match) -> tuple[date | None, bool]:
    """The date of a match and whether its year was written in full."""
    groups = match.groupdict()
    month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["m"])
    year_text = groups["y"]
    year = int(year_text)
    try:
        return date(year, month, int(groups["d"])), len(year_text) == 4
    except ValueError:
        return None, False


def _with_century(value: date, today: date) -> date | None:
    """A two-digit year (12-03-85) in the past hundred years."""
    try:
        candidate = value.replace(year=2000 + value.year)
        if candidate > today:
            candidate = value.replace(year=1900 + value.year)
    except ValueError:  # 29 February in a year that is not a leap year
        return None
    return candidate


def _birth_date_spans(text: str, today: date):
    youngest = today - relativedelta(years=MIN_AGE)
    oldest = today - relativedelta(years=MAX_AGE)
    for pattern in (DATE_TEXT_RE, DATE_ISO_RE, DATE_DMY_RE):
        for match in pattern.finditer(text):
            value, full_year = _parse_date(match)
            if value is None:
                continue
            before = text[max(0, match.start() - BIRTH_WORD_BEFORE) : match.start()]
            after = text[match.end() : match.end() + BIRTH_WORD_AFTER]
            near_birth_word = bool(BIRTH_WORDS_RE.search(before) or BIRTH_WORDS_RE.search(after))
            if not full_year:
                if not near_birth_word:
                    continue
                value = _with_century(value, today)
                if value is None:
                    continue
            if value > today:
                continue
            of_age = oldest <= value <= youngest and not PERIOD_WORDS_RE.search(before)
            if near_birth_word or of_age:
                yield match.start(), match.end()


# --- addresses -------------------------------------------------------------------------------

# Postcode letters are capitals; SA, SD and SS are never issued.
POSTCODE_RE = re.compile(r"(?<![\w])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
_HOUSE_NUMBER = r"\d{1,4}(?:-?[A-Za-z]{1,2}|-\d{1,4})?"
NUMBER_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:nr\.?[ \t]*|huisnummer[ \t]*)?" + _HOUSE_NUMBER + r"(?![\w])"
)
STREET_BEFORE_RE = re.compile(
    r"(?<![\w])[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'.-]*[ \t]+" + _HOUSE_NUMBER + r"[ \t]*,?\s*\Z"
)


def _looks_like_years(postcode: str, number: str) -> bool:
    years = range(1900, 2100)
    digits = re.sub(r"\D", "", number)
    return int(postcode[:4]) in years and digits.isdigit() and int(digits) in years


def _address_spans(text: str):
    for match in POSTCODE_RE.finditer(text):
        after = NUMBER_AFTER_RE.match(text, match.end())
        if after and _looks_like_years(match.group(), after.group()):
            continue  # "in 2024 EN 2025": two years, not a postcode and a house number
        if after:
            yield match.start(), after.end()
            continue
        window_start = max(0, match.start() - 60)
        before = STREET_BEFORE_RE.search(text[window_start : match.start()])
        if before:
            yield window_start + before.start(), match.end()


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
    in the cache under a hash of exactly those for a day; one cache round trip per page.
    The masked excerpts are rebuilt from the text. Submitting does not use this: it scans
    afresh (`scan`).
    """
    today = today or timezone.localdate()
    keys = [_cache_key(text, today) if text else None for text, _field in texts]
    known = cache.get_many([key for key in keys if key])
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
    return result


# The rules' own fingerprint: any change to this module makes earlier cached scans unused.
_RULES = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8).hexdigest()
SCAN_CACHE_SECONDS = 60 * 60 * 24


def _cache_key(text: str, today: date) -> str:
    digest_ = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"privacy-scan:{_RULES}:{today.isoformat()}:{digest_}"


def _spans(text: str, today: date) -> list[tuple[str, int, int]]:
    """The places of the findings: (kind, start, end), in text order."""
    finders = {
        FindingKind.EMAIL: _email_spans(text),
        FindingKind.IBAN: _iban_spans(text),
        FindingKind.PHONE: _phone_spans(text),
        FindingKind.BSN: _bsn_spans(text),
        FindingKind.BIRTH_DATE: _birth_date_spans(text, today),
        FindingKind.ADDRESS: _address_spans(text),
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
