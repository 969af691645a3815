"""The decision rule: "granted" only when every item the chosen routes require has a
recorded "met"; anything missing or unknown makes the rule "not decidable yet".

The required items come from the framework version and the routes (eligibility): every
criterion of every required section that counts for the assessment, every condition of
both routes, every declaration of a required section, and the toetsgesprek unless the
routes waive it. A criterion is met only by the agreed score of the current round (its
final score after the toetsgesprek where it was referred there); a formal check only
when both assessors recorded "voldaan" — there is no agreed formal check, so one "niet
voldaan" is enough to fail it.

`outcome()` is pure: given a version tree from `profiles.selectors.version_with_content`
it runs no query, so it can be tested over every combination. `load_outcome()` reads
the evidence of a review's current round in a fixed number of queries.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Subquery
from django.utils.translation import gettext as _

from assessment.enums import AssessorRole, RuleVerdict
from assessment.models import AgreedScore, Interview, Review, Score
from portfolio.eligibility import Requirements, compute_requirements
from portfolio.models import Snapshot
from profiles.selectors import version_with_content

# The two assessors whose formal checks count (a third one scores disputed criteria only).
CHECKING_ROLES = (AssessorRole.FIRST, AssessorRole.SECOND)


class ItemStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"  # definitively: an agreed non-met score, or a check scored "no"
    MISSING = "missing"  # not (yet) recorded, or recorded in a way the rule cannot use


class ItemKind(StrEnum):
    ROUTE = "route"
    CONDITION = "condition"
    DECLARATION = "declaration"
    CRITERION = "criterion"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class RuleItem:
    """One required item, its status and what the office reads about it."""

    kind: ItemKind
    key: int | str
    status: ItemStatus
    description: str


@dataclass(frozen=True)
class Evidence:
    """What has been recorded in the current round.

    agreed: criterion id → (agreed option id, final option id or None).
    checks: assessor role → {("condition" | "declaration", id): True | False | None}.
    """

    agreed: Mapping[int, tuple[int, int | None]] = field(default_factory=dict)
    checks: Mapping[str, Mapping[tuple[str, int], bool | None]] = field(default_factory=dict)
    interview_held: bool = False
    # The assessors whose formal checks count: as many as the framework asks (1 or 2).
    checking_roles: tuple[str, ...] = CHECKING_ROLES


@dataclass(frozen=True)
class Outcome:
    verdict: RuleVerdict
    items: tuple[RuleItem, ...]

    def with_status(self, status: ItemStatus) -> list[RuleItem]:
        return [item for item in self.items if item.status == status]

    @property
    def not_met(self) -> list[RuleItem]:
        return self.with_status(ItemStatus.NOT_MET)

    @property
    def missing(self) -> list[RuleItem]:
        return self.with_status(ItemStatus.MISSING)

    @property
    def open_items(self) -> list[RuleItem]:
        """What the verdict rests on when it is not "granted": not met, then missing."""
        return self.not_met + self.missing

    @property
    def interview_pending(self) -> bool:
        """The routes require the toetsgesprek and it has not been held (in this round)."""
        return any(i.kind == ItemKind.INTERVIEW and i.status != ItemStatus.MET for i in self.items)

    def follows(self, decision: str) -> bool:
        """Does this decision ("granted"/"not_granted") follow the rule? An undecided
        rule is followed by no decision."""
        return self.verdict != RuleVerdict.UNDECIDED and decision == self.verdict


def outcome(
    *,
    version,
    requirements: Requirements,
    basic_route,
    supplementary_route,
    evidence: Evidence,
) -> Outcome:
    """The rule's verdict and the items it rests on (pure: no queries on a prefetched tree).

    `basic_route` and `supplementary_route` are the chosen routes from `version`'s tree
    (None when not chosen: then the route itself is a missing item).
    """
    options = {o.pk: o for o in version.score_options.all()}
    items = [
        # Routes are asked only where the framework has them (a recertification may not).
        *(_route_items(basic_route, supplementary_route, evidence) if version.has_routes() else ()),
        *_declaration_items(version, requirements, evidence),
        *_criterion_items(version, requirements, evidence, options),
    ]
    if requirements.interview_required:
        items.append(
            RuleItem(ItemKind.INTERVIEW, "interview", ItemStatus.MET, _("Toetsgesprek gehouden"))
            if evidence.interview_held
            else RuleItem(
                ItemKind.INTERVIEW,
                "interview",
                ItemStatus.MISSING,
                _("Toetsgesprek nog niet gehouden"),
            )
        )
    return Outcome(verdict=_verdict(items), items=tuple(items))


def _verdict(items: list[RuleItem]) -> RuleVerdict:
    if any(i.status == ItemStatus.NOT_MET for i in items):
        return RuleVerdict.NOT_GRANTED
    # Nothing required at all is a framework the rule cannot judge, not a grant.
    if items and all(i.status == ItemStatus.MET for i in items):
        return RuleVerdict.GRANTED
    return RuleVerdict.UNDECIDED


def _route_items(basic_route, supplementary_route, evidence: Evidence):
    for prefix, route in (("A1", basic_route), ("A2", supplementary_route)):
        if route is None:
            yield RuleItem(
                ItemKind.ROUTE,
                prefix,
                ItemStatus.MISSING,
                _("%(code)s: geen route gekozen") % {"code": prefix},
            )
            continue
        for condition in route.conditions.all():
            yield _check_item(
                ItemKind.CONDITION,
                condition.pk,
                f"{route.code}: {condition.text}",
                evidence,
            )


def _declaration_items(version, requirements: Requirements, evidence: Evidence):
    required = set(requirements.required_sections)
    for section in version.sections.all():
        if section.code in required:
            for declaration in section.declarations.all():
                yield _check_item(
                    ItemKind.DECLARATION,
                    declaration.pk,
                    f"{declaration.code}: {declaration.statement}",
                    evidence,
                )


def _check_item(kind: ItemKind, pk: int, label: str, evidence: Evidence) -> RuleItem:
    """Met only when every checking assessor (both, or the only one) said "voldaan"; one
    "niet voldaan" fails it."""
    roles = evidence.checking_roles or CHECKING_ROLES  # none named: both (fail closed)
    values = [evidence.checks.get(role, {}).get((kind.value, pk)) for role in roles]
    single = len(roles) == 1
    if any(value is False for value in values):
        status, state = ItemStatus.NOT_MET, _("niet voldaan volgens een assessor")
    elif all(value is True for value in values):
        met = _("voldaan volgens de assessor") if single else _("voldaan volgens beide assessoren")
        status, state = ItemStatus.MET, met
    else:
        status = ItemStatus.MISSING
        state = (
            _("nog niet door de assessor beoordeeld")
            if single
            else _("nog niet door beide assessoren beoordeeld")
        )
    return RuleItem(kind, pk, status, f"{label}: {state}")


def _criterion_items(version, requirements: Requirements, evidence: Evidence, options: dict):
    required = set(requirements.required_sections)
    for section in version.sections.all():
        if section.code not in required or not section.counts_for_assessment:
            continue
        for criterion in section.criteria.all():
            status, state = _criterion_status(evidence.agreed.get(criterion.pk), options)
            yield RuleItem(
                ItemKind.CRITERION,
                criterion.pk,
                status,
                f"{criterion.code} {criterion.title}: {state}",
            )


def _criterion_status(agreed, options: dict) -> tuple[ItemStatus, str]:
    if agreed is None:
        return ItemStatus.MISSING, _("nog geen gezamenlijk oordeel")
    option_id, final_option_id = agreed
    option = options.get(option_id)
    if option is None:
        return ItemStatus.MISSING, _("het oordeel hoort niet bij de schaal van dit kader")
    if option.refers_to_interview:
        final = options.get(final_option_id)
        if final_option_id is None:
            return ItemStatus.MISSING, _("%(label)s, nog geen eindscore na het toetsgesprek") % {
                "label": option.label
            }
        if final is None or final.refers_to_interview:
            return ItemStatus.MISSING, _("de eindscore na het toetsgesprek is ongeldig")
        option = final
    if option.counts_as_met:
        return ItemStatus.MET, option.label
    return ItemStatus.NOT_MET, option.label


# --- reading the evidence -----------------------------------------------------------------------


def load_outcome(review: Review) -> Outcome:
    """The rule for `review`'s current round. Queries: the version's status (its tree
    is kept), the agreed scores, the two assessors' formal checks, whether the interview
    was held; plus the portfolio when `review.portfolio` is not loaded yet."""
    portfolio = review.portfolio
    version = version_with_content(portfolio.framework_version_id)
    routes = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    basic = routes.get(portfolio.basic_route_id)
    supplementary = routes.get(portfolio.supplementary_route_id)
    requirements = compute_requirements(
        version=version, basic_route=basic, supplementary_route=supplementary
    )
    if review.interview_required and not requirements.interview_required:
        # The review was assigned on routes that need the interview: fail closed.
        requirements = dataclasses.replace(requirements, interview_required=True)
    return outcome(
        version=version,
        requirements=requirements,
        basic_route=basic,
        supplementary_route=supplementary,
        evidence=load_evidence(review),
    )


def load_evidence(review: Review) -> Evidence:
    """The current round's agreed scores, the submitted formal checks of the active
    first and second assessor, and whether the interview was held in this round."""
    agreed = {
        criterion_id: (option_id, final_option_id)
        for criterion_id, option_id, final_option_id in AgreedScore.objects.filter(
            review=review, round=review.round
        ).values_list("criterion_id", "option_id", "final_option_id")
    }
    checks: dict[str, dict[tuple[str, int], bool | None]] = {}
    for role, condition_id, declaration_id, met in Score.objects.filter(
        assessment__assignment__review=review,
        assessment__assignment__withdrawn_at__isnull=True,
        assessment__assignment__role__in=CHECKING_ROLES,
        assessment__round=review.round,
        assessment__submitted_at__isnull=False,
        criterion__isnull=True,
    ).values_list("assessment__assignment__role", "condition_id", "declaration_id", "met"):
        key = ("condition", condition_id) if condition_id else ("declaration", declaration_id)
        checks.setdefault(role, {})[key] = met
    held = Interview.objects.filter(review=review, held_at__isnull=False)
    if review.round > 1:
        # Held after this round's submission (a missing snapshot compares as NULL: no).
        sealed = Snapshot.objects.filter(
            portfolio_id=review.portfolio_id, round=review.round
        ).values("created_at")[:1]
        held = held.filter(held_at__gte=Subquery(sealed))
    return Evidence(
        agreed=agreed,
        checks=checks,
        interview_held=held.exists(),
        checking_roles=CHECKING_ROLES[: max(review.assessor_count, 1)],
    )
