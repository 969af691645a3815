"""Which parts of the portfolio are required, from the exemptions of the chosen routes."""

from dataclasses import dataclass

from profiles.models import EducationRequirement, FrameworkVersion


@dataclass(frozen=True)
class Requirements:
    """What a portfolio must contain, given the chosen routes."""

    required_sections: tuple[str, ...]
    exempt_sections: tuple[str, ...]
    interview_required: bool


def compute_requirements(
    *,
    version: FrameworkVersion,
    basic_route: EducationRequirement | None,
    supplementary_route: EducationRequirement | None,
) -> Requirements:
    """The sections required and exempt, from the exemptions of the chosen routes.

    Until both routes are chosen nothing is exempt: the full portfolio is shown.
    """
    section_codes = [s.code for s in version.sections.all()]
    exempt: set[str] = set()
    interview_required = True
    for route in (basic_route, supplementary_route):
        if route is None:
            continue
        exempt |= {s.code for s in route.exempt_sections.all()}
        interview_required = interview_required and not route.waives_interview
    return Requirements(
        required_sections=tuple(code for code in section_codes if code not in exempt),
        exempt_sections=tuple(code for code in section_codes if code in exempt),
        interview_required=interview_required,
    )
