"""A calibration case's portfolio, anonymised for the assessors who score it: the
candidate's names and e-mail address, and every finding of the privacy guard
(portfolio.privacy: BSN, e-mail, phone, IBAN, date of birth, address), replaced by what
they are ("[naam]", "[telefoonnummer]" …) — never masked by halves, which would leave
initials and endings to recognise."""

import copy
import re

from django.utils.translation import gettext as _

from portfolio import privacy

MIN_NAME_LENGTH = 2  # a single letter (an initial) is no name to replace


def name_pattern(candidate) -> re.Pattern | None:
    """The candidate's full name and each part of it, longest first, as whole words, in
    any case."""
    parts = {candidate.get_full_name()}
    for name in (candidate.first_name, candidate.last_name):
        parts.update(name.split())
        parts.add(name)
    parts = sorted((p.strip() for p in parts if len(p.strip()) >= MIN_NAME_LENGTH), key=len)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in reversed(parts))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def anonymise(text: str, names: re.Pattern | None, email: str = "") -> str:
    """`text` without the candidate's e-mail address and names and without anything the
    privacy guard finds (scanned after those are out, so they are never found)."""
    if not text:
        return text
    if email:
        text = re.sub(re.escape(email), f"[{privacy.FindingKind.EMAIL.label}]", text, flags=re.I)
    if names is not None:
        text = names.sub(_("[naam]"), text)
    for finding in reversed(privacy.scan(text)):
        text = f"{text[: finding.start]}[{finding.label}]{text[finding.end :]}"
    return text


def anonymised_content(content: dict, candidate) -> dict:
    """A copy of sealed snapshot content with every answer's text anonymised (the
    answers are all of it the scoring page shows)."""
    names = name_pattern(candidate)
    result = copy.deepcopy(content)
    for section in result.get("sections", []):
        for entry in section.get("entries", []):
            if entry.get("kind") == "answer" and entry.get("text"):
                entry["text"] = anonymise(entry["text"], names, candidate.email)
    return result
