"""The review's workflow, declared once: every step, the states it leaves and enters,
who may take it and the guards that must hold (names of predicates in
`assessment.rules`), with a Dutch label.

`assessment.services.transition.transition()` (the only place that assigns `Review.state`) enforces
this table; `assessment.rules` turns every step into a `may_<step>` predicate that views
and templates ask; `manage.py workflow_diagram` draws it for the README. The portfolio's
own steps (submit, reopen, resubmit) are declared in `portfolio.workflow`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from assessment.enums import ReviewState as S


@dataclass(frozen=True)
class Step:
    """One step of the review. `target` None: an action that leaves the state as it is."""

    name: str
    sources: tuple[str, ...]
    target: str | None
    actor: str  # a role predicate in assessment.rules, asked as (user, review)
    label: Promise
    refused: Promise  # why not, when the review is in none of `sources`
    guards: tuple[str, ...] = ()  # predicates in assessment.rules, asked as (user, review)
    # The e-mail about this step asks its readers to act (always sent at once); otherwise it
    # is a notice that follows each reader's mail preference (portal.mail).
    asks_to_act: bool = False


# The states in which both independent assessments of the round are in: from then on the
# assessors may see each other's scores.
ASSESSMENTS_IN = (
    S.ASSESSED,
    S.AGREED,
    S.INTERVIEW_PLANNED,
    S.INTERVIEW_HELD,
    S.ADDITIONS_REQUESTED,
    S.DECIDED,
)
SCORING = (S.ASSIGNED, S.IN_ASSESSMENT)

TRANSITIONS = (
    Step(
        name="assign",
        asks_to_act=True,
        sources=(S.SUBMITTED,),
        target=S.ASSIGNED,
        actor="is_office",
        guards=("portfolio_awaits_review",),
        label=_("Assessoren toewijzen"),
        refused=_("Aan dit portfolio zijn al assessoren toegewezen."),
    ),
    Step(
        name="start_scoring",
        sources=(S.ASSIGNED,),
        target=S.IN_ASSESSMENT,
        actor="is_cleared_assessor",
        label=_("Eerste score opslaan"),
        refused=_("Er kan nu niet worden gescoord."),
    ),
    Step(
        name="return_for_conflict",
        sources=SCORING,
        target=S.SUBMITTED,
        actor="was_assigned_assessor",
        label=_("Belangenconflict melden"),
        refused=_("Een belangenconflict kun je alleen vóór het beoordelen melden."),
    ),
    Step(
        name="complete_assessments",
        asks_to_act=True,
        sources=(S.IN_ASSESSMENT,),
        target=S.ASSESSED,
        actor="is_cleared_assessor",
        guards=("all_assessments_in",),
        label=_("Laatste beoordeling indienen"),
        refused=_("Er kan nu geen beoordeling worden ingediend."),
    ),
    Step(
        name="add_third_assessor",
        asks_to_act=True,
        sources=(S.ASSESSED,),
        target=S.IN_ASSESSMENT,
        actor="is_office",
        guards=("compares_assessments",),
        label=_("Derde assessor toevoegen"),
        refused=_("Een derde assessor kan pas als beide beoordelingen binnen zijn."),
    ),
    Step(
        name="record_agreement",
        sources=(S.ASSESSED,),
        target=S.AGREED,
        actor="is_assigned_assessor",
        # With one assessor (framework data) the service takes this step itself when the
        # assessment is submitted: that assessment is the verdict (scoring services).
        label=_("Gezamenlijk oordeel vastleggen"),
        refused=_("Het gezamenlijke oordeel kan pas als beide beoordelingen binnen zijn."),
    ),
    Step(
        name="plan_interview",
        asks_to_act=True,
        sources=(S.AGREED,),
        target=S.INTERVIEW_PLANNED,
        actor="is_office",
        guards=("interview_is_required",),
        label=_("Toetsgesprek plannen"),
        refused=_("Het toetsgesprek kan nu niet worden gepland."),
    ),
    Step(
        name="record_interview",
        sources=(S.INTERVIEW_PLANNED,),
        target=S.INTERVIEW_HELD,
        actor="is_assigned_assessor",
        guards=("interview_day_has_come",),
        label=_("Toetsgesprek vastleggen"),
        refused=_("Er is geen gepland toetsgesprek."),
    ),
    Step(
        name="request_additions",
        sources=(S.AGREED, S.INTERVIEW_HELD),
        target=S.ADDITIONS_REQUESTED,
        actor="is_office",
        guards=("is_ready_to_decide",),
        label=_("Aanvullingen vragen"),
        refused=_("Aanvullingen kunnen nog niet worden gevraagd in deze fase."),
    ),
    Step(
        name="resume",
        asks_to_act=True,
        sources=(S.ADDITIONS_REQUESTED,),
        target=S.ASSIGNED,
        actor="is_office",
        guards=("additions_resubmitted",),
        label=_("Aanvulling terug naar dezelfde assessoren"),
        refused=_("Er zijn geen aanvullingen gevraagd."),
    ),
    Step(
        name="decide",
        sources=(S.AGREED, S.INTERVIEW_HELD),
        target=S.DECIDED,
        actor="is_office",
        guards=("is_ready_to_decide",),
        label=_("Besluiten"),
        refused=_("Het besluit kan nog niet worden genomen in deze fase."),
    ),
    Step(
        name="decide_without_agreement",
        sources=(S.ASSESSED,),
        target=S.DECIDED,
        actor="is_office",
        label=_("Besluiten zonder gezamenlijk oordeel (met motivering)"),
        refused=_("Het besluit kan nog niet worden genomen in deze fase."),
    ),
)

# Steps that leave the state as it is, guarded the same way.
ACTIONS = (
    Step(
        name="declare_conflict",
        sources=(S.SUBMITTED, *SCORING),
        target=None,
        actor="is_assigned_assessor",
        label=_("Belangenconflict verklaren"),
        refused=_("Een belangenconflict kun je alleen vóór het beoordelen melden."),
    ),
    Step(
        name="score",
        sources=SCORING,
        target=None,
        actor="is_cleared_assessor",
        label=_("Scoren"),
        refused=_("Er kan nu niet worden gescoord."),
    ),
    Step(
        name="submit_assessment",
        sources=SCORING,
        target=None,
        actor="is_cleared_assessor",
        label=_("Beoordeling indienen"),
        refused=_("Er kan nu geen beoordeling worden ingediend."),
    ),
    Step(
        name="see_other_scores",
        sources=ASSESSMENTS_IN,
        target=None,
        actor="is_assigned_assessor",
        guards=("compares_assessments",),
        label=_("De scores van de andere assessor zien"),
        refused=_("De vergelijking is pas te zien als beide beoordelingen binnen zijn."),
    ),
    Step(
        name="open_interview",
        sources=(S.INTERVIEW_PLANNED, S.INTERVIEW_HELD),
        target=None,
        actor="is_assigned_assessor",
        label=_("Het toetsgesprek openen"),
        refused=_("Er is geen toetsgesprek."),
    ),
)

STEPS = {step.name: step for step in TRANSITIONS + ACTIONS}
# The steps the office takes: its review page asks each of them.
OFFICE_STEPS = tuple(name for name, step in STEPS.items() if step.actor == "is_office")

# Why a guard refuses, in the words the user reads (else the step's own `refused`).
GUARD_REFUSALS = {
    "portfolio_awaits_review": _("Alleen een ingediend portfolio kan worden toegewezen."),
    "all_assessments_in": _("Nog niet alle beoordelingen zijn ingediend."),
    "interview_is_required": _("Op deze route is geen toetsgesprek nodig."),
    "compares_assessments": _(
        "Dit toetsingskader vraagt één assessor: er is niets te vergelijken."
    ),
    "additions_resubmitted": _("De kandidaat heeft de aanvullingen nog niet ingediend."),
    "interview_day_has_come": _("Het toetsgesprek kun je pas vastleggen vanaf de geplande datum."),
}

ROLE_REFUSALS = {
    "is_office": _("Alleen het bureau kan dit doen."),
    "is_assigned_assessor": _("Alleen de assessoren van dit portfolio kunnen dit doen."),
    "is_cleared_assessor": _("Alleen de assessoren van dit portfolio kunnen dit doen."),
    "was_assigned_assessor": _("Alleen de assessoren van dit portfolio kunnen dit doen."),
}

# The actor in words (README diagram).
ROLE_LABELS = {
    "is_office": _("bureau"),
    "is_assigned_assessor": _("assessor"),
    "is_cleared_assessor": _("assessor zonder belangenconflict"),
    "was_assigned_assessor": _("assessor"),
}


def step_between(source: str, target: str) -> Step | None:
    """The declared transition from `source` to `target` (at most one), or None."""
    return next((t for t in TRANSITIONS if source in t.sources and t.target == target), None)
