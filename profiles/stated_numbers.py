"""Numbers a framework text states, checked against the numbers in the data.

A declaration says "minimaal 1.200 uur" in words the candidate signs, and holds
`min_hours = 1200` that the portal checks. When a new version changes the number, the
text must change with it: these checks find the text that still states the old one
(used by the model's validation, so the admin refuses it, and before publishing).
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


def _value(token: str) -> int:
    token = token.lower()
    return _WORDS[token] if token in _WORDS else int(re.sub(r"[.\s]", "", token))


def stated(text: str, unit: str) -> list[int]:
    """Every number `text` states in `unit` ("years" or "hours"): "1.200 uur" → 1200,
    "twee jaar" → 2 ("een half jaar" is no number of years)."""
    pattern = re.compile(rf"(?<![\w.]){_NUMBER}\s+(?:{_UNITS[unit]})\b", re.IGNORECASE)
    return [_value(match.group(1)) for match in pattern.finditer(text or "")]


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
