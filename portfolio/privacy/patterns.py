"""The patterns of the privacy guard: where in a text each kind of personal datum may be.

Each `*_spans(text)` yields the (start, end) of every match of its kind; `portfolio.privacy`
decides between overlapping matches and makes the findings. The rules themselves are
described at the top of `portfolio/privacy/__init__.py`.
"""

import re
from datetime import date

from dateutil.relativedelta import relativedelta

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


def bsn_spans(text: str):
    for match in BSN_RE.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group())):
            yield match.start(), match.end()


# --- e-mail ----------------------------------------------------------------------------------

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


def email_spans(text: str):
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


def phone_spans(text: str):
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


def iban_spans(text: str):
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


def birth_date_spans(text: str, today: date):
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


def address_spans(text: str):
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
