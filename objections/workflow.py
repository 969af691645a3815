"""The objection's workflow, declared once (in the style of `assessment.workflow`): every
step, the states it leaves and enters, who may take it and the guards that must hold
(names of predicates in `objections.rules`), with a Dutch label.

`objections.services.transition()` (the only place that assigns `Objection.state`)
enforces it; `objections.rules` turns every step into a `may_<step>` predicate that views
and templates ask. Lodging creates the objection (no state before it): its guards are
`objections.rules.may_lodge`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from objections.enums import ObjectionState as S


@dataclass(frozen=True)
class Step:
    """One step. `target` None: an action that leaves the state as it is."""

    name: str
    sources: tuple[str, ...]
    target: str | None
    actor: str  # a role predicate in objections.rules, asked as (user, objection)
    label: Promise
    refused: Promise
    guards: tuple[str, ...] = ()


OPEN = (S.LODGED, S.ASSIGNED, S.IN_REVIEW)
CLOSED = (S.UPHELD, S.REJECTED)

TRANSITIONS = (
    Step(
        name="assign",
        sources=(S.LODGED,),
        target=S.ASSIGNED,
        actor="is_office",
        label=_("Toewijzen aan een lid van de bezwaarcommissie"),
        refused=_("Dit bezwaar is al toegewezen."),
    ),
    Step(
        name="declare_no_conflict",
        sources=(S.ASSIGNED,),
        target=S.IN_REVIEW,
        actor="is_assigned_member",
        label=_("Verklaren dat je geen belangenconflict hebt"),
        refused=_("Je hebt al een verklaring gegeven."),
    ),
    Step(
        name="return_for_conflict",
        sources=(S.ASSIGNED,),
        target=S.LODGED,
        actor="is_assigned_member",
        label=_("Belangenconflict melden"),
        refused=_("Een belangenconflict meld je vóór je het dossier inziet."),
    ),
    Step(
        name="uphold",
        sources=(S.IN_REVIEW,),
        target=S.UPHELD,
        actor="is_cleared_member",
        label=_("Gegrond verklaren en het besluit herzien"),
        refused=_("Over dit bezwaar is al beslist."),
    ),
    Step(
        name="reject",
        sources=(S.IN_REVIEW,),
        target=S.REJECTED,
        actor="is_cleared_member",
        label=_("Ongegrond verklaren"),
        refused=_("Over dit bezwaar is al beslist."),
    ),
)

ACTIONS = (
    Step(
        name="read_file",
        sources=(S.IN_REVIEW, *CLOSED),
        target=None,
        actor="is_cleared_member",
        label=_("Het dossier inzien"),
        refused=_("Verklaar eerst dat je geen belangenconflict hebt."),
    ),
    Step(
        name="declare",
        sources=(S.ASSIGNED,),
        target=None,
        actor="is_assigned_member",
        label=_("Belangenverklaring geven"),
        refused=_("Je hebt al een verklaring gegeven."),
    ),
)

STEPS = {step.name: step for step in TRANSITIONS + ACTIONS}

ROLE_REFUSALS = {
    "is_office": _("Alleen het bureau kan dit doen."),
    "is_assigned_member": _("Alleen het commissielid van dit bezwaar kan dit doen."),
    "is_cleared_member": _("Alleen het commissielid van dit bezwaar kan dit doen."),
}

GUARD_REFUSALS: dict = {}


def step_between(source: str, target: str) -> Step | None:
    return next((t for t in TRANSITIONS if source in t.sources and t.target == target), None)
