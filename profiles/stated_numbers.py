"""Numbers a framework text states, checked against the numbers in the data.

A declaration says "minimaal 1.200 uur" in words the candidate signs, and holds
`min_hours = 1200` that the portal checks. When a new version changes the number, the
text must change with it: these checks find the text that still states the old one
(used by the model's validation, so the admin refuses it, and before publishing). The
same holds for a route's document age ("maximaal twee jaar oud") and study hours
("Minimaal 98 uur"), and the case's window ("in de afgelopen twee jaar gestart",
"minimaal een half jaar onderweg"): publishing refuses a text that states another.
"""

import re

from django.utils.translation import gettext as _

_WORDS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "twaalf": 12,
}
_NUMBER = r"(\d{1,3}(?:[.\s]\d{3})+|\d+|" + "|".join(_WORDS) + r")"
_UNITS = {"years": r"jaar|jaren", "hours": r"uur|uren"}
_PERIOD = r"(jaar|jaren|maand|maanden)"
# Where a text states a period in months (a year is 12): the document's age, the case's
# start and how long it runs. Narrow on purpose: other periods in the texts (the
# development plan's "vier jaar") are no such number.
AGE = re.compile(rf"(?<![\w.]){_NUMBER}\s+{_PERIOD}\s+oud\b", re.IGNORECASE)
CASE_START = re.compile(rf"afgelopen\s+{_NUMBER}\s+{_PERIOD}\s+gestart\b", re.IGNORECASE)
CASE_RUNNING = re.compile(
    rf"(een half jaar|(?<![\w.]){_NUMBER}\s+{_PERIOD})\s+onderweg\b", re.IGNORECASE
)


def _value(token: str) -> int:
    token = token.lower()
    return _WORDS[token] if token in _WORDS else int(re.sub(r"[.\s]", "", token))


def stated(text: str, unit: str) -> list[int]:
    """Every number `text` states in `unit` ("years" or "hours"): "1.200 uur" → 1200,
    "twee jaar" → 2 ("een half jaar" is no number of years)."""
    pattern = re.compile(rf"(?<![\w.]){_NUMBER}\s+(?:{_UNITS[unit]})\b", re.IGNORECASE)
    return [_value(match.group(1)) for match in pattern.finditer(text or "")]


def stated_months(text: str, pattern) -> list[int]:
    """Every period `pattern` (AGE, CASE_START, CASE_RUNNING) finds in `text`, in
    months: "twee jaar oud" → 24, "een half jaar onderweg" → 6."""
    if pattern is CASE_RUNNING:
        found = []
        for match in pattern.finditer(text or ""):
            if match.group(1).lower() == "een half jaar":
                found.append(6)
            else:
                value = _value(match.group(2))
                found.append(value * 12 if match.group(3).lower().startswith("ja") else value)
        return found
    return [
        _value(m.group(1)) * (12 if m.group(2).lower().startswith("ja") else 1)
        for m in pattern.finditer(text or "")
    ]


def _differs(where: str, stated_value: int, value: int, unit: str) -> str:
    return _(
        "%(where)s: de tekst noemt %(stated)s %(unit)s, maar het gegeven is %(value)s "
        "%(unit)s. Pas de tekst of het gegeven aan, zodat ze hetzelfde zeggen."
    ) % {"where": where, "stated": stated_value, "value": value, "unit": unit}


def requirement_drift(requirement) -> list[str]:
    """Problems of an education route whose texts (criterion, deliverables, conditions)
    state another document age or number of study hours than its data."""
    texts = [requirement.criterion, requirement.deliverables, requirement.exemption_note]
    texts += [condition.text for condition in requirement.conditions.all()]
    where = f"{requirement.get_level_display()} {requirement.number}"
    problems = []
    if (age := requirement.max_document_age_months) is not None:
        for text in texts:
            problems += [
                _differs(where, n, age, _("maanden")) for n in stated_months(text, AGE) if n != age
            ]
    if (hours := requirement.min_study_hours) is not None:
        for text in texts[:2]:
            problems += [
                _differs(where, n, hours, _("uur")) for n in stated(text, "hours") if n != hours
            ]
    return problems


def case_drift(version, texts) -> list[str]:
    """Problems of the version's `texts` (code, text) that state another case window
    than its data (case_start_within_months, case_min_running_months)."""
    checks = [
        (CASE_START, version.case_start_within_months),
        (CASE_RUNNING, version.case_min_running_months),
    ]
    problems = []
    for code, text in texts:
        for pattern, value in checks:
            if value is None:
                continue
            problems += [
                _differs(code, n, value, _("maanden"))
                for n in stated_months(text, pattern)
                if n != value
            ]
    return problems


def declaration_drift(declaration) -> dict[str, list[str]]:
    """{field: problems} for a declaration whose texts state a number of years or hours
    other than its thresholds; empty when they agree."""
    problems: dict[str, list[str]] = {}
    expected = {"years": declaration.min_years, "hours": declaration.min_hours}
    for name in ("criterion", "statement"):
        for unit, value in expected.items():
            if value is None:
                continue
            for number in stated(getattr(declaration, name), unit):
                if number != value:
                    problems.setdefault(name, []).append(
                        _(
                            "De tekst noemt %(stated)s %(unit)s, maar de drempel is %(value)s "
                            "%(unit)s. Pas de tekst of de drempel aan, zodat ze hetzelfde zeggen."
                        )
                        % {
                            "stated": number,
                            "value": value,
                            "unit": _("jaar") if unit == "years" else _("uur"),
                        }
                    )
    return problems


def version_drift(declarations) -> list[str]:
    """One line per problem of the `declarations` (of one version) whose texts state
    another number than their thresholds ("B1.1: De tekst noemt 1200 uur, …")."""
    lines = []
    for declaration in declarations:
        for problems in declaration_drift(declaration).values():
            lines.extend(f"{declaration.code}: {problem}" for problem in problems)
    return lines
